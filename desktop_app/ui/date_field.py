"""The date field of every form (issue #18): a calendar pop-up, and the dates people type.

Qt's own date box reads typing section by section (day, then month, then year), so
"27 Nov 2026 10:00" typed over the field became "1 Nov 2026 20:26", and Tab stepped through
the sections instead of leaving the field. :class:`DateField` and :class:`DateTimeField`
read the whole text instead, with :mod:`desktop_app.dates` (the same reading as imports):
"27 Nov 2026", "27/11/2026", "2026-11-27", and times "10:00", "10am". Text that is not a whole
date is never half-read: the field keeps its last good value, turns red and says why
(``problem()``, its tool tip, and the ``problem_changed`` signal for a form's error line);
a form asks :meth:`~_TypedDates.check` before saving and refuses while there is a problem
(:meth:`desktop_app.ui.dialogs.form_errors.FieldErrors.check_dates`).
Years before 1900 or after 2100 are refused the same way. Tab and Shift+Tab leave the field;
the arrow keys still step the section under the cursor.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QValidator
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

from desktop_app.ui import theme
from desktop_app import dates

#: Shown in the empty tool tip, so the typed forms are discoverable.
DAY_HINT = "Type a date like 27 Nov 2026, 27/11/2026 or 2026-11-27, or pick one (Alt+Down)."
MOMENT_HINT = "Type a date and time like 27 Nov 2026 10:00 or 27/11/2026 10am, or pick a day (Alt+Down)."


class _TypedDates:
    """What both fields share: reading the whole text, and saying when it cannot be read."""

    problem_changed: Signal
    _hint: str

    def _setup(self, display_format: str) -> None:
        self._problem = ""
        self.setCalendarPopup(True)  # type: ignore[attr-defined]
        self.setDisplayFormat(display_format)  # type: ignore[attr-defined]
        self.setMinimumDate(QDate(dates.EARLIEST_YEAR, 1, 1))  # type: ignore[attr-defined]
        self.setMaximumDate(QDate(dates.LATEST_YEAR, 12, 31))  # type: ignore[attr-defined]
        self.setToolTip(self._hint)  # type: ignore[attr-defined]
        # typed since the text was last checked: only then is the box's text news (after the
        # field is left, Qt puts the last good value back, which must not hide the problem)
        self._edited = False
        # reached by the keyboard and not yet typed in: the first character replaces the text
        self._replace_on_type = False
        self.lineEdit().textEdited.connect(self._mark_edited)  # type: ignore[attr-defined]
        self.dateTimeChanged.connect(self._value_changed)  # type: ignore[attr-defined]

    def _mark_edited(self, _text: str) -> None:
        self._edited = True

    def _value_changed(self, _value: QDateTime) -> None:
        # a day picked in the calendar, or typed whole: whatever was wrong before is gone
        if self._problem and self._parse(self.lineEdit().text()) is not None:  # type: ignore[attr-defined]
            self._set_problem("")

    # -- reading
    def _read(self, text: str) -> datetime:
        raise NotImplementedError

    def _as_qdatetime(self, moment: datetime) -> QDateTime:
        return QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))

    def _parse(self, text: str) -> QDateTime | None:
        """The typed text as a moment, or None; Qt's own reading (the locale's month names) is
        tried only when ours fails, and only for the exact display format."""
        try:
            return self._as_qdatetime(self._read(text))
        except dates.TypedDateError:
            pass
        own = self.locale().toDateTime(text.strip(), self.displayFormat())  # type: ignore[attr-defined]
        if own.isValid() and dates.EARLIEST_YEAR <= own.date().year() <= dates.LATEST_YEAR:
            return own
        return None

    def validate(self, text: str, pos: int) -> object:  # noqa: D102 (Qt virtual)
        if self._parse(text) is not None:
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos  # still typing: never reject a key

    def dateTimeFromText(self, text: str) -> QDateTime:  # noqa: N802 (Qt name)
        parsed = self._parse(text)
        return parsed if parsed is not None else self.dateTime()  # type: ignore[attr-defined]

    def fixup(self, text: str) -> str:  # noqa: D102 (Qt virtual)
        return text  # never "complete" a half-typed date into another one

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt name)
        # Tab leaves the field (Qt's date box would move from day to month to year)
        return QWidget.focusNextPrevChild(self, forward)  # type: ignore[arg-type]

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        super().focusInEvent(event)  # type: ignore[misc]
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                              Qt.FocusReason.ShortcutFocusReason):
            # Qt selects one section (the year) on Tab, so typing a whole date mixed it with the
            # old one ("30 Nov 7/11/2026") and the old date was saved: typing replaces it all.
            # Queued: Qt selects its section after this event. Keys typed before the queued
            # call runs (a fast typist, or keys already waiting from the window system) are
            # caught in keyPressEvent: the first character typed replaces the whole text.
            self._replace_on_type = True
            QTimer.singleShot(0, self, self._select_all_if_focused)  # type: ignore[call-overload]

    def _select_all_if_focused(self) -> None:
        if self.hasFocus():  # type: ignore[attr-defined]
            self.lineEdit().selectAll()  # type: ignore[attr-defined]

    # -- saying what is wrong (checked before Qt puts the last good value back in the box)
    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        self._check_text()
        super().focusOutEvent(event)  # type: ignore[misc]

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        self._replace_on_type = False  # a click places the cursor: typing edits there
        super().mousePressEvent(event)  # type: ignore[misc]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._check_text()
        if self._replace_on_type:
            self._replace_on_type = False
            typed = event.text()
            plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
            if typed and typed.isprintable() and plain:
                self.lineEdit().selectAll()  # type: ignore[attr-defined]
        super().keyPressEvent(event)  # type: ignore[misc]

    def _check_text(self) -> None:
        self._edited = False
        text = self.lineEdit().text()  # type: ignore[attr-defined]
        try:
            self._read(text)
            problem = ""
        except dates.TypedDateError as exc:
            problem = "" if self._parse(text) is not None else str(exc)
        self._set_problem(problem)

    def _set_problem(self, problem: str) -> None:
        if problem == self._problem:
            return
        self._problem = problem
        self.setStyleSheet(theme.border_style(theme.ERROR) if problem else "")  # type: ignore[attr-defined]
        self.setToolTip(problem or self._hint)  # type: ignore[attr-defined]
        self.problem_changed.emit(problem)

    def problem(self) -> str:
        """Why the typed text was not taken ("" when it was): a sentence for the user."""
        return self._problem

    def check(self) -> str:
        """The problem with the field as it stands, for a form about to save ("" when none).

        Reads text typed since the last check (Ctrl+Enter saves while the cursor is still in
        the field, before it is left), else returns the problem already found: a red field
        shows the last good value, which is not what the user asked for, so a form must not
        save it (issue #18).
        """
        if self._edited:
            self._check_text()
        return self._problem

    def type_text(self, text: str) -> str:
        """Replace the text as a user typing it and leaving the field would; returns the problem ("" if none)."""
        self.lineEdit().setText(text)  # type: ignore[attr-defined]
        self.interpretText()  # type: ignore[attr-defined]
        self._check_text()
        return self._problem


class DateField(_TypedDates, QDateEdit):
    """A day: ``date()`` as usual, or :meth:`day` as a :class:`datetime.date`."""

    #: the problem with the typed text ("" once it is fine again)
    problem_changed = Signal(str)
    _hint = DAY_HINT

    def __init__(self, parent: QWidget | None = None, *, name: str = "", accessible: str = "",
                 day: date | None = None) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        if accessible:
            self.setAccessibleName(accessible)
        self._setup("d MMM yyyy")
        if day is not None:
            self.set_day(day)

    def _read(self, text: str) -> datetime:
        return datetime.combine(dates.parse_typed_day(text), datetime.min.time())

    def day(self) -> date:
        """The day shown."""
        value = self.date()
        return date(value.year(), value.month(), value.day())

    def set_day(self, day: date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))
        self._set_problem("")


class DateTimeField(_TypedDates, QDateTimeEdit):
    """A day and a time of day (local, naive in the widget; callers add the zone)."""

    problem_changed = Signal(str)
    _hint = MOMENT_HINT

    def __init__(self, parent: QWidget | None = None, *, name: str = "", accessible: str = "") -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        if accessible:
            self.setAccessibleName(accessible)
        self._setup("d MMM yyyy HH:mm")

    def _read(self, text: str) -> datetime:
        shown = self.date()
        return dates.parse_typed_moment(text, day=date(shown.year(), shown.month(), shown.day()))
