"""Log a contact: when, with whom, how, which way, why, what was said, and whether they replied.

An outgoing contact inside the minimum gap since the last one on the application is
not refused, but the user is asked first ("You last contacted Northwind 2 days ago;
a follow-up is polite from 2 Dec") with *Log anyway* / *Cancel* (rule 6 of the advice).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vocab
from desktop_app.services.applications import detail as detail_service
from desktop_app.services.applications import interactions as interaction_service
from desktop_app.services.core.validation import ValidationError
from desktop_app import clock
from desktop_app.dates import day_month  # an English sentence: English month names
from desktop_app.ui.dialogs.form_errors import FieldErrors
from desktop_app.ui.dialogs.interview_dialog import date_time_edit, from_qdatetime
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.prompts import Prompts


def warning_text(widget: QWidget, warning: interaction_service.GapWarning) -> str:
    """The sentence of the too-soon warning, in the user's words."""
    if warning.days_ago == 0:
        ago = widget.tr("earlier today")
    elif warning.days_ago == 1:
        ago = widget.tr("yesterday")
    else:
        ago = widget.tr("{0} days ago").format(warning.days_ago)
    return widget.tr("You last contacted {who} {ago}; a follow-up is polite from {day}.").format(
        who=warning.who, ago=ago, day=day_month(warning.polite_from))


def confirm_log_anyway(prompts: Prompts, parent: QWidget, text: str) -> bool:
    """*Log anyway* (True) or Cancel (False, also Enter and Escape), asked through ``prompts``.

    ``text`` is the too-soon sentence of :func:`warning_text`.
    """
    return prompts.confirm_destructive(parent, parent.tr("Too soon to follow up?"), text, parent.tr("Log anyway"))


class InteractionDialog(QDialog):
    def __init__(self, app_id: int, parent: QWidget | None = None, *, prompts: Prompts,
                 contact_id: int | None = None, purpose: str = "follow_up", channel: str = "email",
                 summary: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("interaction_dialog")
        self.app_id = app_id
        self.prompts = prompts
        self.saved_id: int | None = None
        detail = detail_service.application_detail(app_id)
        self.setWindowTitle(self.tr("Log a contact — {0} at {1}").format(detail.role, detail.employer))
        self.setMinimumWidth(460)
        self.errors = FieldErrors("interaction")
        self.at_edit = date_time_edit(self, "interaction_at", self.tr("When"), clock.now())
        self.contact_combo = self._combo("interaction_contact", self.tr("With whom"), {})
        self.contact_combo.addItem(self.tr("(nobody in particular)"), None)
        for c in detail.contacts:
            self.contact_combo.addItem(f"{c.name} — {c.organisation_name}" if c.organisation_name else c.name, c.id)
        default = contact_id or detail.recruiter_id
        self.contact_combo.setCurrentIndex(max(self.contact_combo.findData(default), 0) if default else 0)
        self.channel_combo = self._combo("interaction_channel", self.tr("Channel"), vocab.CHANNELS, channel)
        self.direction_combo = self._combo("interaction_direction", self.tr("Direction"), vocab.DIRECTIONS, "outgoing")
        self.purpose_combo = self._combo("interaction_purpose", self.tr("Purpose"), vocab.PURPOSES, purpose)
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setObjectName("interaction_summary")
        self.summary_edit.setAccessibleName(self.tr("Summary"))
        self.summary_edit.setFixedHeight(70)
        self.summary_edit.setPlainText(summary)
        self.reply_check = QCheckBox(self.tr("They replied"), self)
        self.reply_check.setObjectName("interaction_reply_received")
        self.reply_check.setAccessibleName(self.tr("Reply received"))
        form = QFormLayout()
        form.addRow(self.tr("When"), self.errors.wrap("at", self.at_edit, self))
        form.addRow(self.tr("With"), self.errors.wrap("contact", self.contact_combo, self))
        form.addRow(self.tr("Channel"), self.errors.wrap("channel", self.channel_combo, self))
        form.addRow(self.tr("Direction"), self.errors.wrap("direction", self.direction_combo, self))
        form.addRow(self.tr("Purpose"), self.errors.wrap("purpose", self.purpose_combo, self))
        form.addRow(self.tr("Summary"), self.errors.wrap("summary", self.summary_edit, self))
        form.addRow("", self.errors.wrap("reply_received", self.reply_check, self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("interaction_buttons")
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Log"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _combo(self, name: str, accessible: str, words: dict[str, str], current: str | None = None) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for word in words:
            combo.addItem(vocab_label(words, word), word)
        if current is not None:
            combo.setCurrentIndex(combo.findData(current))
        return combo

    def values(self) -> dict[str, object]:
        return {"application": self.app_id, "contact": self.contact_combo.currentData(),
                "at": from_qdatetime(self.at_edit.dateTime()), "channel": self.channel_combo.currentData(),
                "direction": self.direction_combo.currentData(), "purpose": self.purpose_combo.currentData(),
                "summary": self.summary_edit.toPlainText().strip(), "reply_received": self.reply_check.isChecked()}

    def save(self) -> bool:
        """Log the contact, after asking when it comes too soon. False: not logged."""
        self.errors.clear()
        values = self.values()
        try:
            warning = interaction_service.gap_warning(self.app_id, values["at"], str(values["direction"]))  # type: ignore[arg-type]
            if warning is not None and not confirm_log_anyway(self.prompts, self, warning_text(self, warning)):
                return False
            self.saved_id = interaction_service.log_interaction(values)
        except ValidationError as exc:
            self.errors.show(exc.field, exc.message)
            return False
        self.accept()
        return True
