"""Dates people type (issue #18, item 5), as a fresh-eyes tester typed them into real windows:
every key goes to the widget with the keyboard focus, as the window system delivers it.

Before: "3 Dec 2026 10am" typed into the interview's When (focus put there by the dialog)
saved "Round 20: 3 Dec 2026 00:00"; "30/11/2026 10am" over a full box became "30 Dec 2026
1:0am"; "31 Feb 2026" + Tab went silently back to the old date; after an error only the day
section was selected, so "2026-11-27" became "20 Nov 1-27"; Ctrl+A did not select the whole
text. The qualification and referee forms said one problem per Save, and at 1024x640 the
Awarded message was cut in half.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop_app import clock
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot: Any, demo_store: Path, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> MainWindow:
    """The main window on the sample data (25 Nov 2026, 10:00 UTC)."""
    from desktop_app.ui import keyboard

    keyboard.install()
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 25))
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 25, 10, tzinfo=timezone.utc))
    made = MainWindow(AppContext.create(demo_store, prompts=prompts))
    qtbot.addWidget(made)
    made.resize(1024, 640)
    return made


def open_dialog(qtbot: Any, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(qtbot: Any, which: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(), which, modifiers)


def type_text(qtbot: Any, text: str) -> None:
    qtbot.keyClicks(focus(), text)


def app_id(window: MainWindow, role: str = "Data Analyst") -> int:
    return next(r.id for r in window.applications_tab.model.rows() if r.role == role)


def test_finding_1_a_date_and_time_typed_where_the_dialog_put_the_cursor_is_saved_whole(
        qtbot: Any, window: MainWindow) -> None:
    from desktop_app.services.applications.interviews import list_interviews
    from desktop_app.ui.dialogs.interview_dialog import InterviewDialog

    application = app_id(window)
    before = list_interviews(application)
    dialog = InterviewDialog(application, None, window)
    open_dialog(qtbot, dialog)
    assert focus() is dialog.at_edit.lineEdit()  # the dialog put the cursor in When, already holding a date
    type_text(qtbot, "3 Dec 2026 10am")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert dialog.result() == QDialog.DialogCode.Accepted
    added = [i for i in list_interviews(application) if i.id not in {b.id for b in before}]
    assert len(added) == 1
    assert added[0].at.astimezone().replace(tzinfo=None) == datetime(2026, 12, 3, 10, 0)
    assert added[0].round == len(before) + 1  # nothing typed went into Round


def test_finding_2_typed_over_a_full_box_after_a_click_and_ctrl_a(qtbot: Any, window: MainWindow) -> None:
    from desktop_app.services.applications.interactions import list_interactions
    from desktop_app.ui.dialogs.interaction_dialog import InteractionDialog

    application = app_id(window)
    before = {i.id for i in list_interactions(application)}
    dialog = InteractionDialog(application, window, prompts=window.context.prompts)
    open_dialog(qtbot, dialog)
    dialog.summary_edit.setPlainText("Called about the next round")
    window.context.prompts.script("confirm_destructive", True)  # "a follow-up is polite from 25 Nov": log anyway
    box = dialog.at_edit.lineEdit()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    key(qtbot, Qt.Key.Key_A, CTRL)
    assert box.selectedText() == box.text() != ""
    type_text(qtbot, "24/11/2026 10am")
    assert box.text() == "24/11/2026 10am"  # exactly as typed while typing: no sections, no fix-up
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert dialog.result() == QDialog.DialogCode.Accepted, [(a.kind, a.text) for a in window.context.prompts.asked]
    logged = [i for i in list_interactions(application) if i.id not in before]
    assert [i.at.astimezone().replace(tzinfo=None) for i in logged] == [datetime(2026, 11, 24, 10, 0)]


def test_finding_2_an_impossible_day_is_kept_as_typed_and_said_at_once(qtbot: Any, window: MainWindow) -> None:
    from desktop_app.ui import theme
    from desktop_app.ui.dialogs.application_dialog import ApplicationDialog

    dialog = ApplicationDialog(None, window)
    open_dialog(qtbot, dialog)
    field, box = dialog.applied_edit, dialog.applied_edit.lineEdit()
    dialog.source_edit.setFocus(Qt.FocusReason.TabFocusReason)
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is box and box.selectedText() == box.text() == "25 Nov 2026"
    type_text(qtbot, "31 Feb 2026")
    key(qtbot, Qt.Key.Key_Tab)  # leaving the field: the message at once, not at Save
    assert focus() is not box
    assert box.text() == "31 Feb 2026"  # the user's text, not the old date put back
    assert "“31 Feb 2026” is not a date Afterview can read" in dialog.errors.text("applied_on")
    assert dialog.errors.labels["applied_on"].isVisible()
    assert theme.colour(theme.ERROR).name() in box.styleSheet()
    assert field.day() == date(2026, 11, 25)  # the value is the last good one, and is not saved
    # finding 3: back in the field, the whole text is one selection, however it is reached
    key(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focus() is box and box.selectedText() == "31 Feb 2026"
    key(qtbot, Qt.Key.Key_End)
    key(qtbot, Qt.Key.Key_Home, SHIFT)
    assert box.selectedText() == "31 Feb 2026"
    key(qtbot, Qt.Key.Key_A, CTRL)
    assert box.selectedText() == "31 Feb 2026"
    key(qtbot, Qt.Key.Key_Backspace)
    assert box.text() == ""  # one Backspace, not twenty
    type_text(qtbot, "2026-11-27")
    key(qtbot, Qt.Key.Key_Tab)
    assert field.day() == date(2026, 11, 27) and box.text() == "27 Nov 2026"  # shown back in one form
    assert dialog.errors.text("applied_on") == "" and box.styleSheet() == ""


# the headless test screen cannot raise a pop-up or grab the keyboard for it; a desktop can
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_the_calendar_opens_from_the_keyboard_and_picks_a_day(qtbot: Any, window: MainWindow) -> None:
    from desktop_app.ui.dialogs.application_dialog import ApplicationDialog

    dialog = ApplicationDialog(None, window)
    open_dialog(qtbot, dialog)
    field = dialog.applied_edit
    field.setFocus(Qt.FocusReason.TabFocusReason)
    for opening in ((Qt.Key.Key_Down, ALT), (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier)):
        key(qtbot, *opening)
        calendar = field.calendarWidget()
        qtbot.waitUntil(calendar.isVisible)
        assert calendar.selectedDate() == field.date()
        key(qtbot, Qt.Key.Key_Left)  # the day before, in the calendar
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda c=calendar: not c.isVisible())
    assert field.day() == date(2026, 11, 23) and field.lineEdit().text() == "23 Nov 2026"
    assert focus() is field.lineEdit()


def test_finding_4_every_problem_of_the_qualification_form_at_once_and_never_clipped(
        qtbot: Any, window: MainWindow) -> None:
    from desktop_app.services.vault import qualifications as vault
    from desktop_app.ui.dialogs.qualification_dialog import QualificationDialog

    before = len(vault.list_qualification_rows())
    dialog = QualificationDialog(None, window)
    open_dialog(qtbot, dialog)
    for name, text in (("title", "BSc Mathematics"), ("awarded_on", "32/13/2021"), ("verify_expires_on", "soon")):
        dialog.edits[name].setFocus(Qt.FocusReason.TabFocusReason)
        type_text(qtbot, text)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and len(vault.list_qualification_rows()) == before
    assert "32/13/2021" in dialog.errors.text("awarded_on")
    assert dialog.errors.text("verify_expires_on") != ""  # together, not on the next Save
    assert focus() is dialog.edits["awarded_on"]  # the first problem in the form's order
    for name in ("awarded_on", "verify_expires_on"):
        label = dialog.errors.labels[name]
        assert label.isVisible()
        assert label.height() >= label.heightForWidth(label.width())  # every line of it shows


def test_finding_4_the_referee_form_says_name_country_and_email_together(qtbot: Any, window: MainWindow) -> None:
    from desktop_app.ui.dialogs.referee_dialog import RefereeDialog

    dialog = RefereeDialog(None, window)
    open_dialog(qtbot, dialog)
    dialog.country_combo.setCurrentText("Narnia")  # and the name left empty
    dialog.email_edit.setFocus(Qt.FocusReason.TabFocusReason)
    type_text(qtbot, "alex@@example")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.saved_id is None
    assert dialog.errors.text("country") == "Pick a country from the list."
    assert "alex@@example" in dialog.errors.text("email")
    assert dialog.errors.text("name") == "Is required."  # before: only on a later Save
    assert focus() is dialog.name_edit  # the first problem in the form's order
