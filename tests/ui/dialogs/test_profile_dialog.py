"""The Profile dialog: mistakes are shown next to the field, and nothing is saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.services.core import profile
from desktop_app.ui.dialogs.profile_dialog import ProfileDialog


def _dialog(qtbot) -> ProfileDialog:
    dialog = ProfileDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_bad_email_is_shown_in_place_and_nothing_is_saved(qtbot, store: Path) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.edits["name"], "Sam Taylor")
    qtbot.keyClicks(dialog.edits["email"], "sam@")
    assert dialog.save() is False
    assert "not a valid email" in dialog.errors.text("email")
    assert profile.get_profile().name == ""
    qtbot.keyClicks(dialog.edits["email"], "example.org")
    assert dialog.errors.text("email") == ""


def test_a_bad_linkedin_address_is_refused(qtbot, store: Path) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.edits["linkedin"], "javascript:alert(1)")
    assert dialog.save() is False
    assert "http" in dialog.errors.text("linkedin")


def test_a_good_profile_is_saved_with_the_save_button(qtbot, store: Path) -> None:
    dialog = _dialog(qtbot)
    dialog.edits["name"].setText("Zoë Fraser")  # QTest can only type ASCII
    qtbot.keyClicks(dialog.edits["email"], "zoe@example.org")
    qtbot.keyClicks(dialog.edits["phone"], "+44 7700 900123")
    qtbot.keyClicks(dialog.edits["linkedin"], "https://www.linkedin.com/in/zoe")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    saved = profile.get_profile()
    assert (saved.name, saved.phone) == ("Zoë Fraser", "+447700900123")


def test_the_phone_is_shown_formatted_when_reopened(qtbot, store: Path) -> None:
    profile.save_profile({"phone": "+447700900123"})
    dialog = _dialog(qtbot)
    assert dialog.edits["phone"].text() == "+44 7700 900123"


def test_a_national_number_is_read_with_the_profile_country(qtbot, store: Path) -> None:
    dialog = _dialog(qtbot)
    dialog.country_combo.setEditText("UK")  # "UK" is GB's everyday name
    qtbot.keyClicks(dialog.edits["phone"], "07700 900456")
    assert dialog.save() is True
    saved = profile.get_profile()
    assert (saved.country, saved.phone) == ("GB", "+447700900456")


def test_a_country_that_is_not_one_is_shown_in_place(qtbot, store: Path) -> None:
    dialog = _dialog(qtbot)
    dialog.country_combo.setEditText("Narnia")
    assert dialog.save() is False
    assert "'Narnia' is not a country" in dialog.errors.text("country")
    assert profile.get_profile().country is None
