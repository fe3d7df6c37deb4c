"""The date fields of the forms (issue #18): typed dates read whole, never half-read; Tab leaves."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desktop_app.ui.date_field import DateField, DateTimeField


def active_form(qtbot: Any, field_class: type) -> tuple[QWidget, Any, QLineEdit]:
    form = QWidget()
    qtbot.addWidget(form)
    column = QVBoxLayout(form)
    field = field_class(form)
    after = QLineEdit(form)
    column.addWidget(field)
    column.addWidget(after)
    form.show()
    form.windowHandle().requestActivate()
    qtbot.waitUntil(form.isActiveWindow)
    return form, field, after


def type_over(qtbot: Any, field: Any, text: str) -> None:
    """Select everything in the field and type ``text`` key by key, then press Tab."""
    field.setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


@pytest.mark.parametrize("text", ["27 Nov 2026", "27/11/2026", "2026-11-27", "27 november 2026"])
def test_typed_days_are_read_whole(qtbot: Any, text: str) -> None:
    _form, field, after = active_form(qtbot, DateField)
    field.set_day(date(2020, 1, 1))
    type_over(qtbot, field, text)
    assert field.day() == date(2026, 11, 27)
    assert field.problem() == ""
    assert QApplication.focusWidget() is after  # Tab left the field (not day → month → year)


@pytest.mark.parametrize(("text", "expected"), [
    ("27 Nov 2026 10:00", QDateTime(QDate(2026, 11, 27), QTime(10, 0))),  # was 1 Nov 2026 20:26
    ("27/11/2026 10am", QDateTime(QDate(2026, 11, 27), QTime(10, 0))),
    ("2026-11-27 14:30", QDateTime(QDate(2026, 11, 27), QTime(14, 30))),
])
def test_typed_moments_are_read_whole(qtbot: Any, text: str, expected: QDateTime) -> None:
    _form, field, _after = active_form(qtbot, DateTimeField)
    field.setDateTime(QDateTime(QDate(2020, 1, 1), QTime(9, 0)))
    type_over(qtbot, field, text)
    assert field.dateTime() == expected
    assert field.problem() == ""


def test_a_time_alone_keeps_the_day(qtbot: Any) -> None:
    _form, field, _after = active_form(qtbot, DateTimeField)
    field.setDateTime(QDateTime(QDate(2026, 11, 27), QTime(9, 0)))
    type_over(qtbot, field, "2pm")
    assert field.dateTime() == QDateTime(QDate(2026, 11, 27), QTime(14, 0))


@pytest.mark.parametrize(("text", "words"), [("1 Jan 1850", "outside 1900–2100"), ("27 Nov", "not a date"),
                                             ("31/02/2026", "not a date")])
def test_what_cannot_be_read_is_said_and_nothing_changes(qtbot: Any, text: str, words: str) -> None:
    _form, field, _after = active_form(qtbot, DateField)
    field.set_day(date(2026, 11, 25))
    seen: list[str] = []
    field.problem_changed.connect(seen.append)
    type_over(qtbot, field, text)
    assert field.day() == date(2026, 11, 25)  # the last good value, not a half-read one
    assert words in field.problem() and seen and words in seen[-1]
    assert words in field.toolTip()
    assert field.type_text("26 Nov 2026") == ""  # typed right, the problem goes
    assert field.day() == date(2026, 11, 26) and seen[-1] == ""


def test_the_calendar_pop_up_and_the_range(qtbot: Any) -> None:
    field = DateField(name="x_on", accessible="On", day=date(2026, 11, 27))
    qtbot.addWidget(field)
    assert field.calendarPopup()
    assert (field.minimumDate(), field.maximumDate()) == (QDate(1900, 1, 1), QDate(2100, 12, 31))
    assert (field.objectName(), field.accessibleName()) == ("x_on", "On")
    assert "27 Nov 2026" in field.toolTip() or "27/11/2026" in field.toolTip()


def _tabbed_into_filled_field(qtbot: Any, field_class: type) -> tuple[QWidget, Any]:
    """(form, field): a field holding 30 Nov 2026 23:00 between two line edits in an active window, reached by Tab."""
    form = QWidget()
    qtbot.addWidget(form)
    column = QVBoxLayout(form)
    before, field, after = QLineEdit(form), field_class(form), QLineEdit(form)
    for widget in (before, field, after):
        column.addWidget(widget)
    field.setDateTime(QDateTime(QDate(2026, 11, 30), QTime(23, 0)))
    form.show()
    form.windowHandle().requestActivate()
    qtbot.waitUntil(form.isActiveWindow)
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    return form, field  # the form too: the caller keeps it alive


@pytest.mark.parametrize(("field_class", "text", "expected"), [
    (DateField, "27/11/2026", QDateTime(QDate(2026, 11, 27), QTime(0, 0))),
    (DateTimeField, "3 Dec 2026 10am", QDateTime(QDate(2026, 12, 3), QTime(10, 0))),
])
def test_typing_after_tab_replaces_the_whole_date(qtbot: Any, field_class: type, text: str,
                                                   expected: QDateTime) -> None:
    """Fresh eyes: Tab into a filled date box selected only the year, so "27/11/2026" became
    "30 Nov 7/11/2026" and the old date was saved without a word."""
    _form, field = _tabbed_into_filled_field(qtbot, field_class)
    qtbot.waitUntil(lambda: field.lineEdit().selectedText() == field.lineEdit().text())
    qtbot.keyClicks(field.lineEdit(), text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    got = field.dateTime()
    assert (got.date(), got.time() if field_class is DateTimeField else QTime(0, 0)) == (
        expected.date(), expected.time())
    assert field.problem() == ""


@pytest.mark.parametrize(("field_class", "text", "expected"), [
    (DateField, "27/11/2026", QDateTime(QDate(2026, 11, 27), QTime(0, 0))),
    (DateTimeField, "3 Dec 2026 10am", QDateTime(QDate(2026, 12, 3), QTime(10, 0))),
])
def test_keys_typed_before_the_selection_still_replace_the_whole_date(
        qtbot: Any, field_class: type, text: str, expected: QDateTime) -> None:
    """Under a real window manager the typed keys were already waiting when the field took
    the focus, so they reached it before the whole text was selected ("1 Dec 1 Fob 2026"):
    the first character typed after Tab replaces everything, however the keys are timed.
    Here Qt's own one-section selection is put back after focus-in, as it was seen."""
    _form, field = _tabbed_into_filled_field(qtbot, field_class)
    assert QApplication.focusWidget() is field.lineEdit()  # the field's text box
    field.lineEdit().setSelection(0, 2)  # one section only, as Qt's date box left it
    qtbot.keyClicks(field, text)  # to the box, as the window system delivers them
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    got = field.dateTime()
    assert (got.date(), got.time() if field_class is DateTimeField else QTime(0, 0)) == (
        expected.date(), expected.time())
    assert field.problem() == ""


def test_after_a_click_typing_edits_where_the_cursor_is(qtbot: Any) -> None:
    """The replace-on-first-key rule is for the keyboard only: a click places the cursor."""
    field = DateField()
    qtbot.addWidget(field)
    field.set_day(date(2026, 11, 30))
    field.show()
    qtbot.waitExposed(field)
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.mouseClick(field.lineEdit(), Qt.MouseButton.LeftButton)
    field.lineEdit().setCursorPosition(len(field.lineEdit().text()))
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Backspace)
    assert field.lineEdit().text() == "30 Nov 202"


# ---------------------------------------------------------------- a plain text box (issue #18, item 5 again)
def test_text_that_cannot_be_read_stays_as_typed_and_is_said_on_leaving(qtbot: Any) -> None:
    """Fresh eyes: "30/11/2026 10am" became "30 Dec 2026 1:0am" and then "01:40" while typed,
    red with no message until Save, and the message quoted text never typed."""
    _form, field, after = active_form(qtbot, DateTimeField)
    field.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(9, 0)))
    seen: list[str] = []
    field.problem_changed.connect(seen.append)
    type_over(qtbot, field, "30/11/2026 10 o'clock")
    assert QApplication.focusWidget() is after
    assert field.lineEdit().text() == "30/11/2026 10 o'clock"  # the user's text, never fixed up
    assert seen == [field.problem()] and "30/11/2026 10 o'clock" in field.problem()  # at once, quoting it
    assert field.dateTime() == QDateTime(QDate(2026, 11, 20), QTime(9, 0))


def test_a_good_read_is_shown_back_in_one_form(qtbot: Any) -> None:
    _form, field, _after = active_form(qtbot, DateTimeField)
    type_over(qtbot, field, "2026-11-27 2:30pm")
    assert field.lineEdit().text() == "27 Nov 2026 14:30"
    assert field.dateTime() == QDateTime(QDate(2026, 11, 27), QTime(14, 30))


def test_ctrl_a_home_and_end_work_as_in_any_text_box(qtbot: Any) -> None:
    _form, field, _after = active_form(qtbot, DateField)
    field.set_day(date(2026, 11, 20))
    box = field.lineEdit()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert box.selectedText() == "20 Nov 2026"
    qtbot.keyClick(box, Qt.Key.Key_End)
    qtbot.keyClick(box, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert box.selectedText() == "20 Nov 2026"
    qtbot.keyClick(box, Qt.Key.Key_Home)
    qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert box.selectedText() == "20 Nov 2026"
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert box.text() == ""


def test_typing_where_the_window_put_the_cursor_replaces_the_date(qtbot: Any) -> None:
    """Fresh eyes: the Add interview dialog opens with the cursor in "When", already holding a
    date; "3 Dec 2026 10am" typed there lost its time and sent "20" to the next box."""
    form = QWidget()
    qtbot.addWidget(form)
    column = QVBoxLayout(form)
    field, after = DateTimeField(form), QLineEdit(form)
    column.addWidget(field)
    column.addWidget(after)
    field.setDateTime(QDateTime(QDate(2026, 11, 26), QTime(10, 0)))
    form.show()
    form.windowHandle().requestActivate()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field.lineEdit())  # the window's first field
    qtbot.keyClicks(QApplication.focusWidget(), "3 Dec 2026 10am")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert field.dateTime() == QDateTime(QDate(2026, 12, 3), QTime(10, 0))
    assert after.text() == "" and field.problem() == ""


def test_a_day_outside_the_fields_range_is_refused_with_its_reason(qtbot: Any) -> None:
    _form, field, _after = active_form(qtbot, DateField)
    field.setDateRange(QDate(2026, 1, 1), QDate(2026, 11, 25))
    field.set_day(date(2026, 11, 20))
    type_over(qtbot, field, "30 Nov 2026")
    assert "between 1 Jan 2026 and 25 Nov 2026" in field.problem()
    assert field.day() == date(2026, 11, 20) and field.lineEdit().text() == "30 Nov 2026"
    field.setDate(QDate(2030, 1, 1))  # set by the program: brought inside, as QDateEdit did
    assert field.day() == date(2026, 11, 25) and field.problem() == ""


def test_up_and_down_step_one_day_as_the_users_change(qtbot: Any) -> None:
    _form, field, _after = active_form(qtbot, DateField)
    field.set_day(date(2026, 11, 30))
    typed: list[QDate] = []
    field.userDateChanged.connect(typed.append)
    field.setFocus()
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Up)
    assert field.day() == date(2026, 12, 1) and field.lineEdit().text() == "1 Dec 2026"
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Down)
    assert field.day() == date(2026, 11, 30) and typed == [QDate(2026, 12, 1), QDate(2026, 11, 30)]


def test_the_tool_tip_comes_back_once_the_problem_is_mended(qtbot: Any) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.setToolTip("Only days that have happened.")
    assert field.type_text("31 Feb 2026") and "31 Feb 2026" in field.lineEdit().toolTip()
    assert field.type_text("27 Feb 2026") == "" and field.toolTip() == "Only days that have happened."


def test_a_date_in_the_desktops_own_month_names_is_read_too(qtbot: Any) -> None:
    """Shown in English (as every date the app writes), but "25 Kas 2026" typed on a Turkish
    desktop is still the 25th of November, never refused."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Turkish, QLocale.Country.Turkey))
    try:
        field = DateField()
        qtbot.addWidget(field)
        assert field.type_text(QLocale().toString(QDate(2026, 11, 25), "d MMM yyyy")) == ""
        assert field.day() == date(2026, 11, 25) and field.lineEdit().text() == "25 Nov 2026"
    finally:
        QLocale.setDefault(before)
