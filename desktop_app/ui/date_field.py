"""The date field of every form (issue #18): a plain text box that reads the dates people type,
with a calendar pop-up.

Qt's own date box (QDateEdit) edits a date section by section (day, month, year), checks every
key, "fixes up" what it cannot read and puts the last good value back. That fought free typing:
"3 Dec 2026 10am" lost its time and sent "20" to the next box, "30/11/2026 10am" became
"30 Dec 2026 1:0am", an impossible day silently went back to the old one, and only one section
could be selected. So :class:`DateField` and :class:`DateTimeField` are ordinary text boxes
(a :class:`QLineEdit`) with a button that opens a :class:`QCalendarWidget` (Alt+Down or F4
from the keyboard; Up and Down step one day). The text is read WHOLE with
:mod:`desktop_app.dates` (the same reading as imports) when the field is left, on Enter, and
when the form saves (:meth:`~_TypedDates.check`):
"27 Nov 2026", "27/11/2026", "2026-11-27", and times "10:00", "10am" (a time alone keeps the
day shown). A good read is shown back in one form ("27 Nov 2026", "27 Nov 2026 10:00", English
month abbreviations). Text that cannot be read is kept exactly as typed, the box gets a
theme.ERROR border, and the message is given at once: :meth:`~_TypedDates.problem`, the tool
tip, and the ``problem_changed`` signal, which a form's
:class:`~desktop_app.ui.dialogs.form_errors.FieldErrors` shows beside the field. The value
(``date()``, ``dateTime()``) stays the last good one, so a form must ask ``check()`` and save
nothing while it is not "". Years before 1900 or after 2100 are refused the same way, and so
are days outside the field's own range (``setDateRange``).

The public face is the part of QDateEdit/QDateTimeEdit the forms use: ``date()``,
``dateTime()``, ``setDate()``, ``setDateTime()``, ``setDateRange()``, ``minimumDate()``, the
``dateChanged``/``dateTimeChanged``/``userDateChanged`` signals, ``setDisplayFormat()``,
``calendarPopup()``, ``calendarWidget()``, ``lineEdit()``.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QPoint, Qt, QTime, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import dates
from desktop_app.ui import theme

#: Shown in the tool tip, so the typed forms are discoverable.
DAY_HINT = "Type a date like 27 Nov 2026, 27/11/2026 or 2026-11-27, or pick one (Alt+Down)."
MOMENT_HINT = "Type a date and time like 27 Nov 2026 10:00 or 27/11/2026 10am, or pick a day (Alt+Down)."

#: Month names are shown in English whatever the system's language (as the rest of the app).
_ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)

#: Focus that arrives without a click: the first key typed replaces the whole text.
_KEYBOARD_FOCUS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                   Qt.FocusReason.ShortcutFocusReason, Qt.FocusReason.ActiveWindowFocusReason,
                   Qt.FocusReason.OtherFocusReason)


class _TextBox(QLineEdit):
    """The text part: reads the text when left or on Enter; Alt+Down / F4 open the calendar."""

    def __init__(self, owner: _TypedDates) -> None:
        super().__init__(owner)
        self._owner = owner
        # reached without a click and not yet touched: the first character typed replaces the
        # text, even when the keys were already waiting before the whole text was selected
        self._replace_on_type = False

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        super().focusInEvent(event)
        back_to_own_text = event.reason() == Qt.FocusReason.ActiveWindowFocusReason and self._owner.problem()
        if event.reason() in _KEYBOARD_FOCUS and not back_to_own_text:  # back from another window: keep it
            self.selectAll()
            self._replace_on_type = True

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        self._replace_on_type = False
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # the calendar opening is not leaving
            self._owner._commit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        self._replace_on_type = False  # a click places the cursor: typing edits there
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and modifiers & Qt.KeyboardModifier.AltModifier):
            self._owner.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            self._owner.step_days(1 if key == Qt.Key.Key_Up else -1)  # as QDateEdit's arrows did
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # read before the form sees the key (Ctrl+Enter saves, Enter may press Save)
            self._owner._commit()
            super().keyPressEvent(event)
            return
        if self._replace_on_type:
            typed = event.text()
            plain = not modifiers & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
            if typed and typed.isprintable() and plain:
                self.selectAll()
                self._replace_on_type = False
            elif key not in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
                self._replace_on_type = False  # the user moved or selected: edit where they are
        super().keyPressEvent(event)


class _CalendarPopup(QFrame):
    """The calendar, as a pop-up under the field; picking a day (click, Enter) sets it, Esc closes."""

    def __init__(self, owner: _TypedDates) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("date_field_calendar")
        self.calendar.setAccessibleName("Calendar")
        self.calendar.setLocale(_ENGLISH)
        self.calendar.setGridVisible(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(1, 1, 1, 1)
        column.addWidget(self.calendar)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4):
            self.hide()
            return
        super().keyPressEvent(event)


class _TypedDates(QWidget):
    """What both fields share: a text box read whole, a calendar, and saying what is wrong.

    The value is a local, naive moment (a :class:`QDateTime`; the day field keeps 00:00).
    """

    #: the problem with the typed text ("" once it is fine again); a sentence for the user
    problem_changed = Signal(str)
    #: the day changed (typed, picked or set)
    dateChanged = Signal(QDate)  # noqa: N815 (Qt name)
    #: the day or time changed (typed, picked or set)
    dateTimeChanged = Signal(QDateTime)  # noqa: N815 (Qt name)
    #: the day changed by the user (typed or picked), not by the program
    userDateChanged = Signal(QDate)  # noqa: N815 (Qt name)

    _hint = DAY_HINT
    _format = "d MMM yyyy"

    def __init__(self, parent: QWidget | None = None, *, name: str = "", accessible: str = "") -> None:
        super().__init__(parent)
        self._problem = ""
        self._edited = False  # typed since the text was last read
        self._minimum = QDate(dates.EARLIEST_YEAR, 1, 1)
        self._maximum = QDate(dates.LATEST_YEAR, 12, 31)
        self._value = QDateTime(QDate(2000, 1, 1), QTime(0, 0))
        self._edit = _TextBox(self)
        self._edit.setObjectName("date_field_text")
        self._edit.textEdited.connect(self._mark_edited)
        self._button = QToolButton(self)
        self._button.setObjectName("date_field_calendar_button")
        self._button.setArrowType(Qt.ArrowType.DownArrow)
        self._button.setAccessibleName("Pick a day")
        self._button.setToolTip("Pick a day (Alt+Down)")
        # the keyboard opens the calendar with Alt+Down or F4: Tab goes straight to the next field
        self._button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._button.clicked.connect(self.show_calendar)
        self._popup: _CalendarPopup | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self._edit, 1)
        row.addWidget(self._button)
        self.setFocusProxy(self._edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._user_hint = self._hint
        self._show_hint()
        if name:
            self.setObjectName(name)
        if accessible:
            self.setAccessibleName(accessible)
        self._show_value()

    # ---------------------------------------------------------------- Qt-like API the forms use
    def lineEdit(self) -> QLineEdit:  # noqa: N802 (Qt name)
        """The text box (type into it; ``selectAll()``, ``selectedText()`` as any text box)."""
        return self._edit

    def text(self) -> str:
        """The text in the box, as typed or as shown after a good read."""
        return self._edit.text()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt name)
        """Names the field and its text box (a screen reader announces the box)."""
        super().setAccessibleName(name)
        self._edit.setAccessibleName(name)
        self._button.setAccessibleName(f"Pick a day: {name}" if name else "Pick a day")

    def setToolTip(self, tip: str) -> None:  # noqa: N802 (Qt name)
        """The hint shown while there is no problem (a problem's message replaces it until mended)."""
        self._user_hint = tip
        if not self._problem:
            self._show_hint()

    def _show_hint(self) -> None:
        tip = self._problem or self._user_hint
        QWidget.setToolTip(self, tip)
        self._edit.setToolTip(tip)

    def setCalendarPopup(self, _enabled: bool) -> None:  # noqa: N802 (Qt name)
        """Kept for callers written for QDateEdit: the calendar pop-up is always there."""

    def calendarPopup(self) -> bool:  # noqa: N802 (Qt name)
        """Always True: the button and Alt+Down/F4 open a calendar."""
        return True

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802 (Qt name)
        """The calendar of the pop-up (made on first use)."""
        return self._calendar_popup().calendar

    def setDisplayFormat(self, text: str) -> None:  # noqa: N802 (Qt name)
        """How a good value is shown back, in Qt's date format words (``d MMM yyyy HH:mm``);
        month names are always English."""
        self._format = text
        self._show_value()

    def displayFormat(self) -> str:  # noqa: N802 (Qt name)
        return self._format

    def minimumDate(self) -> QDate:  # noqa: N802 (Qt name)
        return QDate(self._minimum)

    def maximumDate(self) -> QDate:  # noqa: N802 (Qt name)
        return QDate(self._maximum)

    def setMinimumDate(self, day: QDate) -> None:  # noqa: N802 (Qt name)
        self.setDateRange(day, max(day, self._maximum))

    def setMaximumDate(self, day: QDate) -> None:  # noqa: N802 (Qt name)
        self.setDateRange(min(day, self._minimum), day)

    def setDateRange(self, first: QDate, last: QDate) -> None:  # noqa: N802 (Qt name)
        """The days the field takes (both included, never beyond 1900–2100); a value outside is
        brought inside, as QDateEdit does; a day typed outside is refused with a message."""
        floor, ceiling = QDate(dates.EARLIEST_YEAR, 1, 1), QDate(dates.LATEST_YEAR, 12, 31)
        self._minimum = min(max(first, floor), ceiling)
        self._maximum = max(min(last, ceiling), self._minimum)
        self._set_value(self._value, by_user=False)

    def date(self) -> QDate:
        """The day of the last good value (not of text that could not be read: see :meth:`check`)."""
        return self._value.date()

    def time(self) -> QTime:
        return self._value.time()

    def dateTime(self) -> QDateTime:  # noqa: N802 (Qt name)
        """The last good value, local time (00:00 for a day field)."""
        return QDateTime(self._value)

    def setDate(self, day: QDate) -> None:  # noqa: N802 (Qt name)
        """Show ``day`` (brought inside the range), keeping the time; an invalid QDate is ignored."""
        if day.isValid():
            self.setDateTime(QDateTime(day, self._value.time()))

    def setDateTime(self, moment: QDateTime) -> None:  # noqa: N802 (Qt name)
        """Show ``moment`` (local; brought inside the range) and drop any typed text and its problem."""
        if not moment.isValid():
            return
        self._set_value(moment.toLocalTime(), by_user=False)

    def step_days(self, days: int) -> None:
        """Move the value by ``days`` (Up and Down arrows: one day), as the user's change; does
        nothing while the text cannot be read (the problem stays to be mended)."""
        self._commit()
        if self._problem:
            return
        moved = self._value.addDays(days)
        if self._minimum <= moved.date() <= self._maximum:
            self._set_value(moved, by_user=True)
            self._edit.selectAll()

    # ---------------------------------------------------------------- the calendar
    def _calendar_popup(self) -> _CalendarPopup:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.calendar.clicked.connect(self._picked)
            self._popup.calendar.activated.connect(self._picked)
        return self._popup

    def show_calendar(self) -> None:
        """Open the calendar under the field, on the day shown (or the day typed, when it reads)."""
        popup = self._calendar_popup()
        typed = self._parse(self._edit.text())
        shown = typed.date() if typed is not None else self._value.date()
        popup.calendar.setDateRange(self._minimum, self._maximum)
        popup.calendar.setSelectedDate(shown)
        popup.adjustSize()
        where = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = min(where.x(), screen.right() - popup.width())
        y = where.y() if where.y() + popup.height() <= screen.bottom() else \
            self.mapToGlobal(QPoint(0, 0)).y() - popup.height()
        popup.move(max(x, screen.left()), max(y, screen.top()))
        popup.show()
        popup.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        if self._popup is not None:
            self._popup.hide()
        self._set_value(QDateTime(day, self._value.time()), by_user=True)
        self._edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self._edit.selectAll()

    # ---------------------------------------------------------------- reading the text
    def _mark_edited(self, _text: str) -> None:
        self._edited = True

    def _read(self, text: str) -> datetime:
        raise NotImplementedError

    def _read_whole(self, text: str) -> QDateTime:
        """The whole text as a moment: :meth:`_read` (desktop_app.dates), else the shown format
        with the desktop language's month names ("25 Kas 2026" under Turkish), so a date in the
        user's own words is never refused. Raises dates.TypedDateError with :meth:`_read`'s words."""
        try:
            moment = self._read(text)
        except dates.TypedDateError:
            local = QLocale().toDateTime(text.strip(), self._format)
            if local.isValid() and dates.EARLIEST_YEAR <= local.date().year() <= dates.LATEST_YEAR:
                return local
            raise
        return QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))

    def _parse(self, text: str) -> QDateTime | None:
        try:
            return self._read_whole(text)
        except dates.TypedDateError:
            return None

    def _shown(self, moment: QDateTime) -> str:
        return _ENGLISH.toString(moment, self._format)

    def _show_value(self) -> None:
        self._edit.setText(self._shown(self._value))
        self._edited = False

    def _commit(self) -> None:
        """Read the whole text: a good read becomes the value and is shown back in one form;
        otherwise the text stays as typed and the problem is said."""
        if not self._edited:
            return
        self._edited = False
        text = self._edit.text()
        try:
            value = self._read_whole(text)
        except dates.TypedDateError as exc:
            self._set_problem(str(exc))
            return
        if not self._minimum <= value.date() <= self._maximum:
            first, last = (dates.short_date(_pydate(d)) for d in (self._minimum, self._maximum))
            self._set_problem(f"“{text.strip()}” is not between {first} and {last}; type a day in that range.")
            return
        self._set_value(value, by_user=True)

    def _set_value(self, moment: QDateTime, *, by_user: bool) -> None:
        day = moment.date()
        if day < self._minimum:
            moment = QDateTime(self._minimum, moment.time())
        elif day > self._maximum:
            moment = QDateTime(self._maximum, moment.time())
        old = self._value
        self._value = QDateTime(moment)
        self._show_value()
        self._set_problem("")
        if moment != old:
            if moment.date() != old.date():
                self.dateChanged.emit(moment.date())
                if by_user:
                    self.userDateChanged.emit(moment.date())
            self.dateTimeChanged.emit(QDateTime(moment))

    def _set_problem(self, problem: str) -> None:
        if problem == self._problem:
            return
        self._problem = problem
        self._edit.setStyleSheet(theme.border_style(theme.ERROR) if problem else "")
        self._show_hint()
        self.problem_changed.emit(problem)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._problem:
            self._edit.setStyleSheet(theme.border_style(theme.ERROR))  # light/dark switched

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        # keys sent to the field itself (not its text box) are typed into the box
        if self._edit.isEnabled():
            if not self._edit.hasFocus():
                self._edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self._edit.event(QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                                       event.isAutoRepeat(), event.count()))
            return
        super().keyPressEvent(event)

    # ---------------------------------------------------------------- for forms
    def problem(self) -> str:
        """Why the typed text was not taken ("" when it was): a sentence for the user."""
        return self._problem

    def check(self) -> str:
        """The problem with the field as it stands, for a form about to save ("" when none).

        Reads text typed since the last read first (Ctrl+Enter saves while the cursor is still in
        the field). While this is not "", ``date()``/``dateTime()`` are the last good value, not
        what the user typed, and a form must not save them (issue #18).
        """
        self._commit()
        return self._problem

    def type_text(self, text: str) -> str:
        """Replace the text as a user typing it and leaving the field would; returns the problem ("" if none)."""
        self._edit.setText(text)
        self._edited = True
        self._commit()
        return self._problem


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class DateField(_TypedDates):
    """A day: ``date()`` (a QDate) as QDateEdit's, or :meth:`day` as a :class:`datetime.date`."""

    _hint = DAY_HINT
    _format = "d MMM yyyy"

    def __init__(self, parent: QWidget | None = None, *, name: str = "", accessible: str = "",
                 day: date | None = None) -> None:
        super().__init__(parent, name=name, accessible=accessible)
        if day is not None:
            self.set_day(day)

    def _read(self, text: str) -> datetime:
        return datetime.combine(dates.parse_typed_day(text), time())

    def day(self) -> date:
        """The day of the last good value."""
        return _pydate(self.date())

    def set_day(self, day: date) -> None:
        """Show ``day`` (dropping any typed text and its problem)."""
        self.setDate(QDate(day.year, day.month, day.day))


class DateTimeField(_TypedDates):
    """A day and a time of day (local, naive in the widget; callers add the zone)."""

    _hint = MOMENT_HINT
    _format = "d MMM yyyy HH:mm"

    def _read(self, text: str) -> datetime:
        # a time alone ("10am") is taken on the day already shown
        return dates.parse_typed_moment(text, day=_pydate(self._value.date()))
