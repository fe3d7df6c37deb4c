"""Brief a referee: tell them, before an employer calls, that they may be contacted.

The message is drafted from the ``referee_briefing`` template (or the general one)
and stays editable here. *Open in email app* is the two-click path: it opens the draft
in the user's mail program and, unless the box is unticked, records the briefing.
*Mark as briefed* records a briefing given another way (a phone call, in person).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
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

from desktop_app import clock, vocab
from desktop_app.services.referees import briefings as briefing_service
from desktop_app.services.referees import referees as referee_service
from desktop_app.services.core.messages import mailto_url
from desktop_app.services.core.validation import ValidationError
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.date_field import DateField
from desktop_app.ui.dialogs.form_errors import FieldErrors
from desktop_app.ui.widgets import name_combo
from desktop_app.ui.getting_started import no_name_warning
from desktop_app.ui.hand_off import hand_off
from desktop_app.ui.prompts import Prompts, hand_off_failed


def _prompts_of(parent: QWidget | None) -> Prompts:
    """The window's prompts (``context.prompts`` of the nearest ancestor that has one), else new ones."""
    widget = parent
    while widget is not None:
        context = getattr(widget, "context", None)
        if context is not None and getattr(context, "prompts", None) is not None:
            return context.prompts
        widget = widget.parentWidget()
    return Prompts()


class BriefingDialog(QDialog):
    """``briefed_id`` holds the new Briefing's id once one is recorded."""

    def __init__(self, referee_id: int, application_id: int | None = None, parent: QWidget | None = None,
                 *, today: date | None = None, prompts: Prompts | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefing_dialog")
        self.prompts = prompts if prompts is not None else _prompts_of(parent)
        self.referee = referee_service.get_referee(referee_id)
        self.today = today or clock.today()
        self.briefed_id: int | None = None
        self.setWindowTitle(self.tr("Brief {0}").format(self.referee.name))
        self.setMinimumSize(560, 520)

        self.application_combo = name_combo(self)
        self.application_combo.setObjectName("briefing_application")
        self.application_combo.setAccessibleName(self.tr("For which application"))
        self._fill_applications(application_id)
        self.application_combo.currentIndexChanged.connect(self.compose)
        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("briefing_channel")
        self.channel_combo.setAccessibleName(self.tr("Channel"))
        for word in vocab.CHANNELS:
            self.channel_combo.addItem(vocab_label(vocab.CHANNELS, word), word)
        self.errors = FieldErrors("briefing")
        self.on_edit = DateField(self)  # #18: typed dates read whole
        self.on_edit.setObjectName("briefing_on")
        self.on_edit.setAccessibleName(self.tr("Briefed on"))
        self.on_edit.setCalendarPopup(True)
        self.on_edit.setDisplayFormat("d MMM yyyy")
        self.on_edit.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.on_edit.setMaximumDate(self.on_edit.date())  # a briefing is something already done
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("briefing_notes")
        self.notes_edit.setAccessibleName(self.tr("What was said"))
        self.notes_edit.setPlaceholderText(self.tr("What you told them, who may call …"))
        self.notes_edit.setFixedHeight(56)
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setObjectName("briefing_subject")
        self.subject_edit.setAccessibleName(self.tr("Subject"))
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setObjectName("briefing_body")
        self.body_edit.setAccessibleName(self.tr("Message"))
        self.record_on_open = QCheckBox(self.tr("Mark as briefed when I open it in my email app"), self)
        self.record_on_open.setObjectName("briefing_record_on_open")
        self.record_on_open.setChecked(True)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("briefing_status")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # it names the referee

        form = QFormLayout()
        form.addRow(self.tr("For"), self.application_combo)
        form.addRow(self.tr("Channel"), self.channel_combo)
        form.addRow(self.tr("On"), self.errors.wrap("on", self.on_edit, self))
        form.addRow(self.tr("What was said"), self.notes_edit)
        form.addRow(self.tr("Subject"), self.subject_edit)

        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.copy_button.setObjectName("briefing_copy")
        self.copy_button.clicked.connect(self.copy_message)
        self.email_button = QPushButton(self.tr("Open in &email app"), self)
        self.email_button.setObjectName("briefing_open_email")
        self.email_button.clicked.connect(self.open_in_email_app)
        self.email_button.setDefault(True)
        if not self.referee.email:
            self.email_button.setEnabled(False)
            self.email_button.setToolTip(self.tr("Add {0}'s email address first.").format(self.referee.name))
        self.mark_button = QPushButton(self.tr("&Mark as briefed"), self)
        self.mark_button.setObjectName("briefing_mark")
        self.mark_button.clicked.connect(self.mark_as_briefed)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("briefing_close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.email_button)
        buttons.addStretch(1)
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(no_name_warning(self))  # #18: said before sending, not discovered after
        layout.addLayout(form)
        layout.addWidget(self.body_edit, 1)
        layout.addWidget(self.record_on_open)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.compose()
        if self.referee.email:
            self.channel_combo.setCurrentIndex(self.channel_combo.findData("email"))
        else:
            self.channel_combo.setCurrentIndex(self.channel_combo.findData("phone"))

    def _fill_applications(self, wanted: int | None) -> None:
        """Live applications, those this referee was given to (and not yet briefed for) first."""
        given = {r.application_id: r for r in briefing_service.references(today=self.today, referee_id=self.referee.id)
                 if r.live}
        choices = briefing_service.application_choices()
        choices.sort(key=lambda c: (c.id not in given or given[c.id].briefed, c.id not in given))
        for choice in choices:
            self.application_combo.addItem(choice.label, choice.id)
        self.application_combo.addItem(self.tr("In general (no particular application)"), None)
        if wanted is not None:
            index = self.application_combo.findData(wanted)
        else:
            index = 0 if given and choices and choices[0].id in given else self.application_combo.count() - 1
        self.application_combo.setCurrentIndex(max(0, index))

    def application_id(self) -> int | None:
        return self.application_combo.currentData()

    def compose(self) -> None:
        """Draft the message again from the template for the chosen application."""
        message = briefing_service.compose_briefing(self.referee.id, self.application_id())
        self.subject_edit.setText(message.subject)
        self.subject_edit.setCursorPosition(0)  # show the start of a long subject
        self.body_edit.setPlainText(message.body)

    # ------------------------------------------------------------------ actions
    def copy_message(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.subject_edit.text()}\n\n{self.body_edit.toPlainText()}")
        self.status_label.setText(self.tr("Copied: paste it into a message to {0}.").format(self.referee.name))

    def open_in_email_app(self) -> None:
        if self.record_on_open.isChecked():
            # the briefing will be recorded on the day shown: a day typed that cannot be read is
            # said before the message leaves, not after (issue #18)
            self.errors.clear()
            if not self.errors.check_dates():
                return
        url = mailto_url(self.referee.email, self.subject_edit.text(), self.body_edit.toPlainText())
        hand_off(QUrl(url), self, answered=self._handed_to_email_app, failed=self._no_email_app)

    def _handed_to_email_app(self) -> None:
        """An email app took the draft: record the briefing when the box says so."""
        if self.record_on_open.isChecked():
            self.channel_combo.setCurrentIndex(self.channel_combo.findData("email"))
            self.mark_as_briefed()

    def _no_email_app(self) -> None:
        """No email app answered (issue #18): say so here and offer the message to copy."""
        self.status_label.setText(self.tr("No email app answered. Use Copy and paste the message instead."))
        hand_off_failed(self.prompts, self, self.tr("Open in email app"), self.tr("No email app"),
                        self.tr("Copy the message and paste it into your email, to {0}.").format(
                            self.referee.email or self.referee.name),
                        copy_text=f"{self.subject_edit.text()}\n\n{self.body_edit.toPlainText()}",
                        copy_label=self.tr("Copy message"))

    def mark_as_briefed(self) -> bool:
        """Record the briefing and close; False (nothing recorded) when the day cannot be read or
        the service refuses, said beside the day or in the status line."""
        self.errors.clear()
        if not self.errors.check_dates():  # #18: a red date is not recorded as its old value
            return False
        on = self.on_edit.date()
        notes = self.notes_edit.toPlainText().strip() or self._default_notes()
        try:
            self.briefed_id = briefing_service.record_briefing(
                self.referee.id, self.application_id(), date(on.year(), on.month(), on.day()),
                self.channel_combo.currentData(), notes)
        except ValidationError as exc:
            self.status_label.setText(exc.message)
            return False
        self.accept()
        return True

    def _default_notes(self) -> str:
        """What the log says when the user typed nothing: the subject of what was sent."""
        return self.subject_edit.text().strip()
