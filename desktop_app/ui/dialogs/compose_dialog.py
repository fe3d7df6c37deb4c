"""Compose a message from a template: the filled-in text, ready to copy, email or send on LinkedIn.

*Mark as sent* logs the outgoing contact with the template's purpose and the chosen
channel, after the same too-soon check as logging a contact by hand. Opening the mail
app or a web page goes through :func:`desktop_app.ui.hand_off.hand_off`, which says when nothing answered.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vocab
from desktop_app.services.applications import contacts as contact_service
from desktop_app.services.applications import detail as detail_service
from desktop_app.services.applications import drafts
from desktop_app.services.applications import interactions as interaction_service
from desktop_app.services.core import messages
from desktop_app import clock
from desktop_app.ui.dialogs.interaction_dialog import ADD_PERSON, confirm_log_anyway, warning_text
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.getting_started import no_name_warning
from desktop_app.ui.hand_off import hand_off
from desktop_app.ui.prompts import Prompts, hand_off_failed
from desktop_app.ui.widgets import name_combo


class ComposeDialog(QDialog):
    def __init__(self, app_id: int, template: str, parent: QWidget | None = None, *, prompts: Prompts,
                 contact_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compose_dialog")
        self.prompts = prompts
        self.app_id, self.template = app_id, template
        # the advice's recipient (drafts), unless the caller names one (the senior-contact offer)
        self.draft = drafts.draft_message(app_id, template, today=clock.today(), contact_id=contact_id)
        self.logged_id: int | None = None
        self.setWindowTitle(self.tr("Compose — {0}").format(self.tr(messages.TEMPLATES[template].title)))
        self.resize(600, 520)
        detail = detail_service.application_detail(app_id)
        self._organisation = detail.agency or detail.employer
        self.to_combo = name_combo(self)
        self.to_combo.setObjectName("compose_to_person")
        self.to_combo.setAccessibleName(self.tr("To"))
        self.to_combo.addItem(self.tr("(nobody yet)"), None)
        for c in detail.contacts:
            self.to_combo.addItem(f"{c.name} — {c.organisation_name}" if c.organisation_name else c.name, c.id)
        self.to_combo.addItem(self.tr("Add person…"), ADD_PERSON)
        self.to_combo.setCurrentIndex(max(self.to_combo.findData(self.draft.contact_id), 0))
        self.to_combo.activated.connect(self._person_chosen)
        self.edit_person_button = QPushButton(self.tr("Edit person…"), self)
        self.edit_person_button.setObjectName("compose_edit_person")
        self.edit_person_button.setAutoDefault(False)
        self.edit_person_button.clicked.connect(self.edit_person)
        self.to_label = QLabel(self)
        self.to_label.setObjectName("compose_to")
        self.to_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        to_row = QHBoxLayout()
        to_row.addWidget(self.to_combo, 1)
        to_row.addWidget(self.edit_person_button)
        self.subject_edit = QLineEdit(self.draft.subject, self)
        self.subject_edit.setObjectName("compose_subject")
        self.subject_edit.setAccessibleName(self.tr("Subject"))
        self.body_edit = QPlainTextEdit(self.draft.body, self)
        self.body_edit.setObjectName("compose_body")
        self.body_edit.setAccessibleName(self.tr("Message"))
        form = QFormLayout()
        form.addRow(self.tr("To"), to_row)
        form.addRow("", self.to_label)
        form.addRow(self.tr("Subject"), self.subject_edit)

        self.copy_button = self._button("compose_copy", self.tr("&Copy"), self.copy)
        self.email_button = self._button("compose_email", self.tr("Open in &email app"), self.open_in_email_app)
        self.linkedin_button = self._button("compose_linkedin", self.tr("Open &LinkedIn profile"),
                                            self.open_linkedin)
        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("compose_channel")
        self.channel_combo.setAccessibleName(self.tr("Sent by"))
        for word in vocab.CHANNELS:
            self.channel_combo.addItem(vocab_label(vocab.CHANNELS, word), word)
        self.channel_combo.setCurrentIndex(self.channel_combo.findData("email"))
        self.sent_button = self._button("compose_mark_sent", self.tr("&Mark as sent"), self.mark_sent)
        self.close_button = self._button("compose_close", self.tr("Close"), self.reject)
        actions = QHBoxLayout()
        for button in (self.copy_button, self.email_button, self.linkedin_button):
            actions.addWidget(button)
        actions.addStretch(1)
        sent = QHBoxLayout()
        sent.addWidget(QLabel(self.tr("Sent by"), self))
        sent.addWidget(self.channel_combo)
        sent.addWidget(self.sent_button)
        sent.addStretch(1)
        sent.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(no_name_warning(self))  # #18: said before sending, not discovered after
        layout.addLayout(form)
        layout.addWidget(self.body_edit, 1)
        layout.addLayout(actions)
        layout.addLayout(sent)
        self._show_recipient()

    # ---------------------------------------------------------------- the recipient
    def _show_recipient(self) -> None:
        """The address line and the LinkedIn button, for the person the draft is addressed to."""
        draft = self.draft
        if draft.contact_id is None:
            to = self.tr("(no contact yet: choose or add a person above)")
        elif draft.email:
            to = f"{draft.contact_name} <{draft.email}>"
        else:
            to = self.tr("{0} (no email address yet: Edit person… to add one)").format(draft.contact_name)
        self.to_label.setText(to)
        self.edit_person_button.setEnabled(draft.contact_id is not None)
        self.linkedin_button.setEnabled(bool(draft.linkedin))
        self.linkedin_button.setToolTip("" if draft.linkedin else self.tr("No LinkedIn address for this contact"))

    def address_to(self, contact_id: int | None) -> None:
        """Address the message to ``contact_id`` (None: the advice's choice). The subject and text
        are drafted again for them (the whole message: the agency's wording only for the agency's
        recruiter); when the user has edited them, they are asked first, and keep their text on No."""
        untouched = self.subject() == self.draft.subject.strip() and self.body() == self.draft.body
        before = self.draft
        self.draft = drafts.draft_message(self.app_id, self.template, today=clock.today(), contact_id=contact_id)
        reworded = (self.draft.subject, self.draft.body) != (before.subject, before.body)
        if not untouched and reworded:
            untouched = self.prompts.ask_yes_no(
                self, self.tr("Replace your text?"),
                self.tr("The message for {0} is worded differently. Replace the text you edited?").format(
                    self.draft.contact_name or self.tr("this person")),
                yes_label=self.tr("Replace"), no_label=self.tr("Keep my text"))
        if untouched:
            self.subject_edit.setText(self.draft.subject)
            self.body_edit.setPlainText(self.draft.body)
        index = self.to_combo.findData(self.draft.contact_id)
        self.to_combo.setCurrentIndex(max(index, 0))
        self._show_recipient()

    def _person_chosen(self, index: int) -> None:
        chosen = self.to_combo.itemData(index)
        if chosen != ADD_PERSON:
            self.address_to(chosen)
            return
        from desktop_app.ui.dialogs.contact_dialog import ask_for_contact

        new_id = ask_for_contact(self, organisation=self._organisation)
        if new_id is not None:
            person = contact_service.get_contact(new_id)
            self.to_combo.insertItem(index, f"{person.name} — {person.organisation_name}"
                                     if person.organisation_name else person.name, new_id)
        self.address_to(new_id if new_id is not None else self.draft.contact_id)

    def edit_person(self) -> None:
        """Edit the person the message is addressed to (to add their email, say), then address it again."""
        if self.draft.contact_id is None:
            return
        from desktop_app.ui.dialogs.contact_dialog import ask_for_contact

        if ask_for_contact(self, self.draft.contact_id) is not None:
            person = contact_service.get_contact(self.draft.contact_id)
            index = self.to_combo.findData(person.id)
            self.to_combo.setItemText(index, f"{person.name} — {person.organisation_name}"
                                      if person.organisation_name else person.name)
            self.address_to(person.id)

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)  # type: ignore[arg-type]
        return button

    def subject(self) -> str:
        return self.subject_edit.text().strip()

    def body(self) -> str:
        return self.body_edit.toPlainText()


    # ---------------------------------------------------------------- actions
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.subject()}\n\n{self.body()}")
        self.copy_button.setText(self.tr("Copied"))

    def mailto(self) -> str:
        return messages.mailto_url(self.draft.email, self.subject(), self.body())

    def open_in_email_app(self) -> None:
        """Hand the message to the email app (:func:`hand_off`, which returns at once); once one
        answers, the channel becomes email; when none does, say so and offer Copy (issue #18)."""
        hand_off(QUrl(self.mailto(), QUrl.ParsingMode.StrictMode), self,
                 answered=lambda: self.channel_combo.setCurrentIndex(self.channel_combo.findData("email")),
                 failed=lambda: hand_off_failed(
                     self.prompts, self, self.tr("Open in email app"), self.tr("No email app"),
                     self.tr("Copy the message and paste it into your email, to {0}.").format(
                         self.draft.email or self.tr("the person you are writing to")),
                     copy_text=f"{self.subject()}\n\n{self.body()}", copy_label=self.tr("Copy message")))

    def open_linkedin(self) -> None:
        """Open the person's LinkedIn page in the browser, as :meth:`open_in_email_app` does the email."""
        if not self.draft.linkedin:
            return
        link = self.draft.linkedin
        hand_off(QUrl(link), self,
                 answered=lambda: self.channel_combo.setCurrentIndex(self.channel_combo.findData("linkedin")),
                 failed=lambda: hand_off_failed(
                     self.prompts, self, self.tr("Open LinkedIn"), self.tr("No web browser"),
                     self.tr("Copy the link and open it in your browser: {0}").format(link),
                     copy_text=link, copy_label=self.tr("Copy link")))

    def mark_sent(self) -> bool:
        """Log the message as sent (with the edited subject). False when the user cancelled."""
        at = clock.now()
        warning = interaction_service.gap_warning(self.draft.application_id, at, purpose=self.draft.purpose)
        if warning is not None and not confirm_log_anyway(self.prompts, self, warning_text(self, warning)):
            return False
        self.logged_id = drafts.mark_sent(replace(self.draft, subject=self.subject()),
                                          self.channel_combo.currentData(), at=at)
        self.accept()
        return True
