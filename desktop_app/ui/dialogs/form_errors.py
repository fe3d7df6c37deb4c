"""Showing a validation message next to the field it is about, in the user's words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop_app.ui import theme
from desktop_app.ui.date_field import DateField, DateTimeField


class FieldErrors:
    """One red label under each field of a form; ``show(field, message)`` names the problem."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def wrap(self, field: str, widget: QWidget, parent: QWidget) -> QWidget:
        """The widget with its (hidden) error label underneath, ready for a form row."""
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        label = QLabel(box)
        label.setObjectName(f"{self.prefix}_{field}_error")
        label.setStyleSheet(theme.text_style(theme.ERROR))
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # grows with its lines
        label.hide()
        column.addWidget(label)
        self.labels[field] = label
        self.widgets[field] = widget
        self._clear_on_change(field, widget)
        if isinstance(widget, (DateField, DateTimeField)):
            # #18: a date that cannot be read is said beside it as soon as the field is left,
            # not only at save; the cursor stays where the user sent it
            widget.problem_changed.connect(lambda problem, f=field: self._date_problem(f, problem))
        return box

    def _date_problem(self, field: str, problem: str) -> None:
        if problem:
            self.show(field, problem, focus=False)
        else:
            self.labels[field].hide()

    def _clear_on_change(self, field: str, widget: QWidget) -> None:
        """Hide the field's message as soon as the user changes the field: a message about
        what was there before must not stay beside what is there now."""
        for name in ("textChanged", "currentTextChanged", "dateTimeChanged", "dateChanged", "valueChanged",
                     "toggled", "changed"):
            signal = getattr(widget, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(lambda *_args, f=field: self.labels[f].hide())
                return

    def show(self, field: str, message: str, *, focus: bool = True) -> bool:
        """Show ``message`` under ``field`` (and put the cursor there unless ``focus`` is False);
        False when the form has no such field."""
        label = self.labels.get(field)
        if label is None:
            return False
        label.setText(message[:1].upper() + message[1:] + ("" if message.endswith(".") else "."))
        label.show()
        self._make_room(label)
        if focus:
            self.widgets[field].setFocus()
        return True

    def check_dates(self) -> bool:
        """Show the problem of every date field of the form holding text it cannot read; True
        when there is none.

        Call it before saving, after :meth:`clear` and alongside the form's own checks, and
        save nothing while it is False: a red date field still holds its last good value, and
        saving that would keep a date the user did not ask for (issue #18). The cursor goes to
        the first field with a problem.
        """
        first: QWidget | None = None
        for field, widget in self.widgets.items():
            if not isinstance(widget, (DateField, DateTimeField)) or not widget.isEnabled():
                continue  # a disabled date (consent not given) is not saved
            problem = widget.check()
            if problem:
                self.show(field, problem, focus=False)
                first = first or widget
        if first is not None:
            first.setFocus()
        return first is None

    @staticmethod
    def _make_room(label: QLabel) -> None:
        """Give a wrapped message every line it needs (issue #18: at 1024x640 the Awarded message
        was cut in half). A window does not follow a label's height-for-width, and a label that
        was hidden has a stale width, so the lines are counted at the width of the row it sits
        in, and the window grows (within the screen) when the rows no longer fit."""
        box = label.parentWidget()
        width = box.contentsRect().width() if box is not None and box.isVisible() else 0
        label.setMinimumHeight(label.heightForWidth(width if width > 0 else 240))
        top = label.window()
        if top is label or not top.isVisible() or top.layout() is None:
            return
        top.layout().activate()
        wanted = top.sizeHint().height()
        screen = top.screen().availableGeometry().height() if top.screen() is not None else wanted
        if top.height() < wanted:
            top.resize(top.width(), min(wanted, screen))

    def show_all(self, problems: dict[str, str]) -> bool:
        """Show every problem of ``problems`` ({field: message}) under its field at once, and put
        the cursor in the first of them in the form's order (issue #18: all errors of a form
        shown together, not one per save). A problem for a field the form does not have is shown
        under the first field, named. True when ``problems`` is empty."""
        first: QWidget | None = None
        for field, message in problems.items():
            if field not in self.labels and self.labels:
                self.show(next(iter(self.labels)), f"{field}: {message}", focus=False)
            else:
                self.show(field, message, focus=False)
        for field, widget in self.widgets.items():
            if not self.labels[field].isHidden():
                first = widget
                break
        if first is not None:
            first.setFocus()
        return not problems

    def clear(self) -> None:
        for label in self.labels.values():
            label.hide()

    def text(self, field: str) -> str:
        label = self.labels[field]
        return label.text() if not label.isHidden() else ""
