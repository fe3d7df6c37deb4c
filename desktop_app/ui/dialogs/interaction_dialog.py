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
from desktop_app.ui.widgets import name_combo


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


#: the item data of the *Add person…* entry of a people chooser (never a contact id)
ADD_PERSON = -1


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
        self.contact_combo.addItem(self.tr("Add person…"), ADD_PERSON)
        if contact_id is None:
            # the person the next step names (the follow-up to Ann Bell → With: Ann Bell), as
            # ``afterview log`` without --to does; else the recruiter
            from desktop_app.services.applications.drafts import next_step_person

            named = next_step_person(app_id)
            contact_id = named[0] if named is not None else None
        default = contact_id or detail.recruiter_id
        self.contact_combo.setCurrentIndex(max(self.contact_combo.findData(default), 0) if default else 0)
        self._organisation = detail.agency or detail.employer
        self._chosen = self.contact_combo.currentIndex()
        self.contact_combo.activated.connect(self._contact_chosen)
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
        combo = name_combo(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for word in words:
            combo.addItem(vocab_label(words, word), word)
        if current is not None:
            combo.setCurrentIndex(combo.findData(current))
        return combo

    def _contact_chosen(self, index: int) -> None:
        """*Add person…* opens the contact form; the new person is then chosen (Cancel: as before)."""
        if self.contact_combo.itemData(index) != ADD_PERSON:
            self._chosen = index
            return
        from desktop_app.ui.dialogs.contact_dialog import ask_for_contact

        new_id = ask_for_contact(self, organisation=self._organisation)
        if new_id is None:
            self.contact_combo.setCurrentIndex(self._chosen)
            return
        from desktop_app.services.applications.contacts import get_contact

        person = get_contact(new_id)
        label = f"{person.name} — {person.organisation_name}" if person.organisation_name else person.name
        self.contact_combo.insertItem(index, label, new_id)
        self.contact_combo.setCurrentIndex(index)
        self._chosen = index

    def values(self) -> dict[str, object]:
        chosen = self.contact_combo.currentData()
        return {"application": self.app_id, "contact": None if chosen == ADD_PERSON else chosen,
                "at": from_qdatetime(self.at_edit.dateTime()), "channel": self.channel_combo.currentData(),
                "direction": self.direction_combo.currentData(), "purpose": self.purpose_combo.currentData(),
                "summary": self.summary_edit.toPlainText().strip(), "reply_received": self.reply_check.isChecked()}

    def save(self) -> bool:
        """Log the contact, after asking when it comes too soon. False: not logged."""
        self.errors.clear()
        if not self.errors.check_dates():  # #18: a red date is not logged as its old value
            return False
        values = self.values()
        try:
            doubt = interaction_service.date_warning(self.app_id, values["at"])  # type: ignore[arg-type]
            if doubt is not None and not self.prompts.confirm_destructive(
                    self, self.tr("Is the date right?"), doubt, self.tr("Log anyway")):
                self.errors.show("at", doubt)
                return False
            warning = interaction_service.gap_warning(self.app_id, values["at"], str(values["direction"]),  # type: ignore[arg-type]
                                                       str(values["purpose"]))
            if warning is not None and not confirm_log_anyway(self.prompts, self, warning_text(self, warning)):
                return False
            self.saved_id = interaction_service.log_interaction(values)
        except ValidationError as exc:
            self.errors.show(exc.field, exc.message)
            return False
        self.accept()
        return True
