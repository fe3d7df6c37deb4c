"""Compose a message from a template: the filled-in text, ready to copy, email or send on LinkedIn.

*Mark as sent* logs the outgoing contact with the template's purpose and the chosen
channel, after the same too-soon check as logging a contact by hand. Opening the mail
app or a web page goes through :meth:`ComposeDialog.open_url`, which tests replace.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
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
from desktop_app.services.applications import drafts
from desktop_app.services.applications import interactions as interaction_service
from desktop_app.services.core import messages
from desktop_app import clock
from desktop_app.ui.dialogs.interaction_dialog import confirm_log_anyway, warning_text
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.prompts import Prompts


class ComposeDialog(QDialog):
    def __init__(self, app_id: int, template: str, parent: QWidget | None = None, *, prompts: Prompts) -> None:
        super().__init__(parent)
        self.setObjectName("compose_dialog")
        self.prompts = prompts
        self.draft = drafts.draft_message(app_id, template, today=clock.today())
        self.logged_id: int | None = None
        self.setWindowTitle(self.tr("Compose — {0}").format(self.tr(messages.TEMPLATES[template].title)))
        self.resize(600, 520)
        to = self.draft.contact_name or self.tr("(no contact yet: add one to the application)")
        if self.draft.email:
            to = f"{to} <{self.draft.email}>"
        self.to_label = QLabel(to, self)
        self.to_label.setObjectName("compose_to")
        self.subject_edit = QLineEdit(self.draft.subject, self)
        self.subject_edit.setObjectName("compose_subject")
        self.subject_edit.setAccessibleName(self.tr("Subject"))
        self.body_edit = QPlainTextEdit(self.draft.body, self)
        self.body_edit.setObjectName("compose_body")
        self.body_edit.setAccessibleName(self.tr("Message"))
        form = QFormLayout()
        form.addRow(self.tr("To"), self.to_label)
        form.addRow(self.tr("Subject"), self.subject_edit)

        self.copy_button = self._button("compose_copy", self.tr("&Copy"), self.copy)
        self.email_button = self._button("compose_email", self.tr("Open in &email app"), self.open_in_email_app)
        self.linkedin_button = self._button("compose_linkedin", self.tr("Open &LinkedIn profile"),
                                            self.open_linkedin)
        self.linkedin_button.setEnabled(bool(self.draft.linkedin))
        if not self.draft.linkedin:
            self.linkedin_button.setToolTip(self.tr("No LinkedIn address for this contact"))
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
        layout.addLayout(form)
        layout.addWidget(self.body_edit, 1)
        layout.addLayout(actions)
        layout.addLayout(sent)

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

    # ---------------------------------------------------------------- outside the app (tests replace)
    def open_url(self, url: str) -> bool:
        return QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))

    # ---------------------------------------------------------------- actions
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.subject()}\n\n{self.body()}")
        self.copy_button.setText(self.tr("Copied"))

    def mailto(self) -> str:
        return messages.mailto_url(self.draft.email, self.subject(), self.body())

    def open_in_email_app(self) -> None:
        self.open_url(self.mailto())
        self.channel_combo.setCurrentIndex(self.channel_combo.findData("email"))

    def open_linkedin(self) -> None:
        if self.draft.linkedin:
            self.open_url(self.draft.linkedin)
            self.channel_combo.setCurrentIndex(self.channel_combo.findData("linkedin"))

    def mark_sent(self) -> bool:
        """Log the message as sent (with the edited subject). False when the user cancelled."""
        at = clock.now()
        warning = interaction_service.gap_warning(self.draft.application_id, at)
        if warning is not None and not confirm_log_anyway(self.prompts, self, warning_text(self, warning)):
            return False
        self.logged_id = drafts.mark_sent(replace(self.draft, subject=self.subject()),
                                          self.channel_combo.currentData(), at=at)
        self.accept()
        return True
