"""The qualification form: typed as a user types it; the verification details of issue 16 (the
share link's expiry, its PIN, the name at time of study) saved and shown again; a bad date is
named under its field and nothing is saved."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.services.vault import qualifications as vault
from desktop_app.ui.dialogs.qualification_dialog import QualificationDialog


def _type(qtbot: Any, dialog: QualificationDialog, values: dict[str, str]) -> None:
    for name, text in values.items():
        dialog.edits[name].clear()
        qtbot.keyClicks(dialog.edits[name], text)


def test_the_verification_details_are_saved_and_shown_again(qtbot: Any, store: Path) -> None:
    dialog = QualificationDialog(None)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog, {"title": "BSc (Hons) Mathematics", "verify": "https://verify.example.ac.uk/share/7Q2X",
                          "verify_expires_on": "2027-03-03", "verify_pin": "4821", "name_at_study": "Sam Jones"})
    assert dialog.save() and dialog.saved_id is not None

    saved = vault.get_qualification(dialog.saved_id)
    assert (saved["verify_expires_on"], saved["verify_pin"], saved["name_at_study"]) == (
        date(2027, 3, 3), "4821", "Sam Jones")
    again = QualificationDialog(dialog.saved_id)
    qtbot.addWidget(again)
    assert [again.edits[n].text() for n in ("verify_expires_on", "verify_pin", "name_at_study")] == [
        "2027-03-03", "4821", "Sam Jones"]
    assert "PIN is printed only in a pack you choose" in again.pin_note.text()


def test_a_bad_expiry_date_is_named_under_its_field(qtbot: Any, store: Path) -> None:
    dialog = QualificationDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog, {"title": "MSc Data Science", "verify_expires_on": "next March"})
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.saved_id is None and dialog.isVisible()
    error = dialog.errors.labels["verify_expires_on"]
    assert error.isVisible() and "“next March” is not a date Afterview can read" in error.text()
    assert vault.list_qualification_rows() == []


def test_a_link_that_cannot_be_a_web_link_is_refused_beside_its_field(qtbot: Any, store: Path) -> None:
    """Tester's finding (issue 16): "javascript:…" and links with spaces were stored and printed."""
    dialog = QualificationDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog, {"title": "MSc Data Science", "verify": "javascript:alert(1)"})
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.saved_id is None and dialog.isVisible()
    error = dialog.errors.labels["verify"]
    assert error.isVisible() and "Only a web link starting with https:// or http://" in error.text()
    assert vault.list_qualification_rows() == []

    dialog.edits["verify"].setText("https://verify.example/share/Zoë Taylor 2026")  # pasted (keyClicks types ASCII)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    assert vault.get_qualification(dialog.saved_id)["verify"] == (
        "https://verify.example/share/Zo%C3%AB%20Taylor%202026")


def test_a_month_is_enough_for_the_start_and_the_award(qtbot: Any, store: Path) -> None:
    """Issue #18: "September 2018" was refused; dates had to be typed YYYY-MM-DD."""
    dialog = QualificationDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog, {"title": "BSc Mathematics", "started_on": "September 2018", "awarded_on": "15/07/2021",
                          "verify_expires_on": "3 Mar 2027"})
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    stored = vault.get_qualification(dialog.saved_id)
    assert (stored["started_on"], stored["awarded_on"], stored["verify_expires_on"]) == (
        date(2018, 9, 1), date(2021, 7, 15), date(2027, 3, 3))
    again = QualificationDialog(dialog.saved_id)
    qtbot.addWidget(again)
    assert [again.edits[n].text() for n in ("started_on", "awarded_on")] == ["Sep 2018", "15 Jul 2021"]


def test_a_start_that_is_not_a_month_is_named_under_its_field(qtbot: Any, store: Path) -> None:
    dialog = QualificationDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog, {"title": "BSc Mathematics", "started_on": "Sep 1850"})
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.saved_id is None and dialog.isVisible()
    assert "outside 1900–2100" in dialog.errors.text("started_on")
    assert vault.list_qualification_rows() == []
