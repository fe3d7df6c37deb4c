"""Importing referees from an address book: a preview first, only the ticked cards created."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.referees import referees as referee_service
from tests.helpers.referees_tab import drive
from tests.helpers.scripted_prompts import ScriptedPrompts

CARDS = Path(__file__).resolve().parents[2] / "data" / "vcards"


def test_vcard_import_previews_then_creates(qtbot: Any, main_window: Any, monkeypatch: pytest.MonkeyPatch,
                                            prompts: ScriptedPrompts) -> None:
    tab = main_window.show_tab(2)
    prompts.script("open_path", CARDS / "mixed-good-and-bad.vcf")
    seen: dict[str, Any] = {}

    def review(dialog: Any) -> bool:
        from PySide6.QtCore import QCoreApplication, QThread

        assert QThread.currentThread() is QCoreApplication.instance().thread()  # the preview is in the GUI thread
        seen["summary"] = dialog.summary.text()
        seen["problems"] = dialog.problems.toPlainText()
        assert referee_service.list_referee_rows() == []  # nothing created before Import
        for row in (1, 2):
            dialog.model.setData(dialog.model.index(row, 0), Qt.CheckState.Unchecked.value,
                                 Qt.ItemDataRole.CheckStateRole)
        assert dialog.import_button.text() == "Import 1 referee(s)"
        with qtbot.waitSignal(dialog.accepted):  # imported in a worker, behind a progress dialog
            assert dialog.import_ticked()
        return True

    drive(tab, monkeypatch, review)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "summary" in seen)  # read off the GUI thread, then previewed
    assert tab.import_button.isEnabled()
    assert "3 contact(s) can be added" in seen["summary"] and "3 could not be read" in seen["summary"]
    assert "Card 2 (nobody@example.org): the card has no name" in seen["problems"]
    assert [r.name for r in tab.model.rows()] == ["Priya Shah"]
    assert tab.model.rows()[0].relationship == "colleague"


def test_the_preview_shows_the_assumed_country_skipped_lines_and_duplicates(qtbot: Any, store: Path) -> None:
    from desktop_app.services.core.profile import save_profile
    from desktop_app.services.exchange import vcard
    from desktop_app.ui.dialogs.vcard_import_dialog import VCardImportDialog

    save_profile({"name": "Me", "country": "GB"})
    vcard.import_cards(vcard.read_vcard_file(CARDS / "case10-no-emails.vcf").cards[:1])  # Tom Baker
    data = b"".join((CARDS / name).read_bytes() for name in
                    ("case9-phones.vcf", "case8-iphone-cr-cr-lf.vcf", "case10-no-emails.vcf"))
    dialog = VCardImportDialog(vcard.read_vcards(data), "contacts.vcf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.country_note.isVisible()
    assert "read as numbers in Britain (UK) (the country in your profile)" in dialog.country_note.text()
    checks = dialog.problems.toPlainText().splitlines()
    assert ("Card 1 (Dana Whitfield): phone '(905) 555-0123' has no country code: read as a number in Canada "
            "(the card's address is in Canada)") in checks
    assert any(line.startswith("Card 4 (Иван Петров): line ") and "is not a property" in line
               for line in checks)
    assert "Card 6 (Tom Baker): not imported: same phone as your referee Tom Baker" in checks
    assert "1 already among your referees or repeated in the file" in dialog.summary.text()
    tom = dialog.model.index(5, 4)
    assert dialog.model.data(tom) == "skipped: same phone as your referee Tom Baker"
    oliver = dialog.model.index(1, 2)
    assert dialog.model.data(oliver) == "+44 20 7946 0000 ext. 1234"
    assert dialog.import_button.text() == "Import 7 referee(s)"


def test_cancelling_a_vcard_import_imports_nothing(qtbot: Any, store: Path) -> None:
    """The import runs in a worker behind a progress dialog; Cancel rolls every card back."""
    from desktop_app.services.exchange import vcard
    from desktop_app.ui.dialogs.vcard_import_dialog import VCardImportDialog

    data = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@example.org\r\nEND:VCARD\r\n"
                   for i in range(300)).encode()
    dialog = VCardImportDialog(vcard.read_vcards(data, default_region="GB"), "many.vcf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.import_ticked()
    progress = dialog.progress
    assert progress.isVisible() and not dialog.buttons.isEnabled()
    with qtbot.waitSignal(progress.ended):
        qtbot.keyClick(progress, Qt.Key.Key_Escape)  # the progress dialog's Cancel
    assert progress.outcome is not None and progress.outcome[0] == "cancelled"
    assert dialog.error.text() == "Import cancelled: nothing was imported."
    assert referee_service.list_referee_rows() == [] and dialog.created == []


OUTLOOK_LOCAL = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Fraser;Zo\xc3\xab\r\nFN:Zo\xc3\xab Fraser\r\n"
                 b"TEL;CELL:07700 900456\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Managed me=0D=0AAt Fabrikam\r\n"
                 b"END:VCARD\r\n")


def _import_through_the_tab(qtbot: Any, main_window: Any, monkeypatch: pytest.MonkeyPatch,
                            prompts: ScriptedPrompts, card: Path) -> dict[str, Any]:
    """Referees → Import vCard… as a user does it: pick the file, read the preview, press Import."""
    tab = main_window.show_tab(2)
    prompts.script("open_path", card)
    seen: dict[str, Any] = {}

    def review(dialog: Any) -> bool:
        seen.update(country=dialog.country_note.text(), rows=[c.phone for c in dialog.readout.cards])
        with qtbot.waitSignal(dialog.accepted):
            assert dialog.import_ticked()
        return True

    drive(tab, monkeypatch, review)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "country" in seen)
    return seen


def test_the_window_reads_the_profile_country_as_the_cli_does(qtbot: Any, main_window: Any, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                prompts: ScriptedPrompts) -> None:
    """Fresh eyes, issue #15: with the profile's country GB the window said "Your profile has no
    country" and imported 07700 900456 without a phone (its worker thread saw no open store),
    while ``afterview import vcard --dry-run`` read +447700900456. The profile saved while the
    window is open counts for the next import, and line endings of the notes are ``\\n``."""
    import json

    from desktop_app.services.core.profile import save_profile
    from tests.helpers.cli import run

    card = tmp_path / "local.vcf"
    card.write_bytes(OUTLOOK_LOCAL)
    save_profile({"name": "Me", "country": "GB"})  # as the Profile dialog saves it, the window open
    seen = _import_through_the_tab(qtbot, main_window, monkeypatch, prompts, card)
    from desktop_app.services.referees.time_zones import country_name

    assert f"numbers in {country_name('GB')} (the country in your profile)" in seen["country"]
    assert seen["rows"] == ["+447700900456"]
    (zoe,) = referee_service.list_referee_rows()
    kept = referee_service.get_referee(zoe.id)
    assert kept.phone == "+447700900456" and "\r" not in kept.notes and "Managed me\nAt Fabrikam" in kept.notes

    result = run("import", "vcard", str(card), "--dry-run", "--json", "--data-dir", str(main_window.context.data_dir))
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)
    assert entry["phones"] == ["+447700900456"] and entry["duplicate"]  # the same reading, and it is kept now


def test_setting_the_country_from_the_preview_reads_the_file_again(qtbot: Any, main_window: Any, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    prompts: ScriptedPrompts) -> None:
    """With no country in the profile a national number cannot be read: the preview offers
    *Set your country…*; the profile saved there is the window's (``profile_changed``) and
    the file is read again, so the number is imported without leaving the dialog."""
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop_app.services.core.profile import get_profile

    card = tmp_path / "local.vcf"
    card.write_bytes(OUTLOOK_LOCAL)
    tab = main_window.show_tab(2)
    prompts.script("open_path", card)
    seen: dict[str, Any] = {}
    changed: list[bool] = []
    main_window.context.events.profile_changed.connect(lambda: changed.append(True))

    def review(dialog: Any) -> bool:
        dialog.show()
        seen["before"] = ([c.phone for c in dialog.readout.cards], dialog.country_note.text(),
                          dialog.set_country_button.isVisible())
        qtbot.mouseClick(dialog.set_country_button, Qt.MouseButton.LeftButton)
        profile = dialog.profile_dialog
        combo = profile.country_combo
        combo.setCurrentIndex(combo.findData("GB"))
        qtbot.mouseClick(profile.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.readout.user_country == "GB")
        seen["after"] = ([c.phone for c in dialog.readout.cards], dialog.set_country_button.isVisible())
        with qtbot.waitSignal(dialog.accepted):
            assert dialog.import_ticked()
        return True

    drive(tab, monkeypatch, review)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "after" in seen)
    phones, note, offered = seen["before"]
    assert phones == [None] and "Your profile has no country" in note and offered
    assert seen["after"] == (["+447700900456"], False)
    assert get_profile().country == "GB" and changed == [True]
    assert [referee_service.get_referee(r.id).phone for r in referee_service.list_referee_rows()] == [
        "+447700900456"]
