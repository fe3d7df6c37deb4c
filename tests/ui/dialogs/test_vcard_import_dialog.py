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
