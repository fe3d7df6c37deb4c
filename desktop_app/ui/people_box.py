"""The People box's companions in the application's detail: the offer to write to someone senior.

After a rejection the advice (rule 8) offers a message to a senior HR or management
contact at the employer. The offer is an inline banner, never a modal question: it
names the senior contact when one is known (*Write to Helen Marsh…*) and otherwise
lets the user add one right there (*Add a senior contact…*). *Not now* hides it for
this application until the window is opened again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget
from desktop_app.ui.flow_layout import flow_row


class SeniorBanner(QFrame):
    """Shown while the application's next step is the senior contact (``NextStep.kind``)."""

    #: write the senior-contact message (to the senior contact id, or None when there is none)
    write_requested = Signal(object)
    #: add a senior HR / management contact at the employer
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("senior_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#senior_banner { background: palette(alternate-base); border-radius: 4px; }")
        self.text = QLabel(self)
        self.text.setObjectName("senior_banner_text")
        self.text.setWordWrap(True)
        self.write_button = self._button("senior_banner_write", "")
        self.add_button = self._button("senior_banner_add", self.tr("Add a senior contact…"))
        self.dismiss_button = self._button("senior_banner_not_now", self.tr("Not now"))
        self.write_button.clicked.connect(lambda: self.write_requested.emit(self.senior_id))
        self.add_button.clicked.connect(self.add_requested.emit)
        self.dismiss_button.clicked.connect(self._dismiss)
        # the buttons wrap to as many lines as the pane needs (issue #18, fresh eyes: at 1024×640
        # a fixed row made the detail pane wider than its window and cut off "Not now")
        buttons = flow_row(self, [self.write_button, self.add_button, self.dismiss_button])
        buttons.setObjectName("senior_banner_buttons")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.senior_id: int | None = None
        self.app_id: int | None = None
        self._dismissed: set[int] = set()
        self.hide()

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…") or name)
        return button

    def _dismiss(self) -> None:
        if self.app_id is not None:
            self._dismissed.add(self.app_id)
        self.hide()

    def show_offer(self, detail: Any, next_step: Any) -> None:
        """Show the offer for ``detail`` (``services.detail.ApplicationDetail``) when its next step
        (``rules.follow_up.NextStep``) is the senior contact; hide it otherwise."""
        offered = (detail is not None and next_step is not None
                   and getattr(next_step, "kind", None) == "senior_contact" and detail.id not in self._dismissed)
        if not offered:
            self.app_id = None if detail is None else detail.id
            self.hide()
            return
        self.app_id = detail.id
        seniors = [c for c in detail.contacts if c.kind == "senior_hr" and c.organisation_id == detail.employer_id]
        self.senior_id = seniors[0].id if seniors else None
        if seniors:
            self.text.setText(self.tr(
                "Rejected, but still keen on {0}? Tell someone senior there: a short message to {1} "
                "keeps the door open.").format(detail.employer, seniors[0].name))
            self.write_button.setText(self.tr("Write to {0}…").format(seniors[0].name))
            self.write_button.setAccessibleName(self.tr("Write to {0}").format(seniors[0].name))
            self.add_button.setText(self.tr("Add someone else…"))
        else:
            self.text.setText(self.tr(
                "Rejected, but still keen on {0}? Tell someone senior in HR or management there. "
                "Nobody senior is known yet: add them, then write.").format(detail.employer))
            self.add_button.setText(self.tr("Add a senior contact…"))
        self.write_button.setVisible(bool(seniors))
        self.show()
