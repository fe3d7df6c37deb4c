"""The *Getting started* checklist at the top of Today (issue #18), until every step is done.

Each step that is not done is a button that opens its form: the profile, Add referee, Add
documents (for the transcript), Add application. The steps and whether they are done come
from :mod:`desktop_app.services.core.getting_started`; the box hides itself once all are done
and shows again if one is undone (the last referee retired, say).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui import theme
from desktop_app.services.core import getting_started as checklist
from desktop_app.ui.context import AppContext
from desktop_app.ui.flow_layout import flow_row

#: The button of each step: its text (with a mnemonic-free label: the tab's own buttons have them).
_BUTTONS = {
    "profile": "Fill in your profile…",
    "referees": "Add a referee…",
    "transcript": "Add a transcript…",
    "application": "Add your first application…",
}


class GettingStarted(QFrame):
    """The checklist box; ``buttons[key]`` opens the form of the step ``key``."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("getting_started")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.context = context
        self.title = QLabel(self.tr("<b>Getting started</b> — four things that make the advice work for you:"), self)
        self.lines: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        for key in _BUTTONS:
            line = QLabel(self)
            line.setObjectName(f"getting_started_{key}_line")
            line.setTextFormat(Qt.TextFormat.PlainText)
            self.lines[key] = line
            column.addWidget(line)
        buttons = []
        for key, text in _BUTTONS.items():
            button = QPushButton(self.tr(text), self)
            button.setObjectName(f"getting_started_{key}")
            button.clicked.connect(lambda _checked=False, k=key: self.open_step(k))
            self.buttons[key] = button
            buttons.append(button)
        column.addWidget(flow_row(self, buttons))
        events = context.events
        for signal in (events.profile_changed, events.referees_changed, events.vault_changed,
                       events.applications_changed, events.everything_changed):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Tick the steps done; hide the box once all are."""
        steps = checklist.steps()
        for step in steps:
            # a tick and a word, never colour alone
            self.lines[step.key].setText(("✔ " if step.done else "☐ ") + self.tr(step.text)
                                         + ("" if not step.done else self.tr(" — done")))
            self.buttons[step.key].setVisible(not step.done)
        self.setVisible(not all(step.done for step in steps))

    def open_step(self, key: str) -> Any:
        """Open the form of step ``key`` in the main window (nothing when there is no main window)."""
        window = self.window()
        if not hasattr(window, "show_tab"):
            return None
        if key == "profile":
            result = window.edit_profile()
        elif key == "referees":
            result = window.show_tab(2).add_referee()
        elif key == "transcript":
            result = window.show_tab(3).add_documents()
        else:
            result = window.add_application_action.trigger()
        self.refresh()
        return result


def no_name_warning(parent: QWidget) -> QLabel:
    """A line for a message dialog (Compose, Brief): shown only when the profile has no name, so
    the user learns before sending that the message would end "Kind regards," with no name."""
    from desktop_app.services.core.profile import get_profile

    label = QLabel(parent)
    label.setObjectName("no_name_warning")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(theme.banner_style("warning", padding=6))
    label.setText(parent.tr("Your profile has no name, so this message ends “Kind regards,” with no name "
                            "under it. Add your name with Edit → Profile… (Ctrl+Shift+P), or type it at the "
                            "end of the message before you send it."))
    label.setVisible(not get_profile().name.strip())
    return label
