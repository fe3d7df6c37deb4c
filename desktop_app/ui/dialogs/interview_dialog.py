"""Add or edit an interview: when, which round, what format, and who interviewed."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vocab
from desktop_app.services.applications import detail as detail_service
from desktop_app.services.applications import interviews as interview_service
from desktop_app.services.core.validation import ValidationError
from desktop_app import clock
from desktop_app.ui.dialogs.form_errors import FieldErrors
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.date_field import DateTimeField


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    """The moment shown, with the local offset (never a naive moment)."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch()).astimezone()


def date_time_edit(parent: QWidget, name: str, accessible: str, moment: datetime) -> DateTimeField:
    edit = DateTimeField(parent)  # #18: "27 Nov 2026 10:00", "10am" typed are read whole
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy HH:mm")
    edit.setDateTime(to_qdatetime(moment))
    return edit


class InterviewDialog(QDialog):
    def __init__(self, app_id: int, interview_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interview_dialog")
        self.app_id = app_id
        self.interview_id = interview_id
        self.setWindowTitle(self.tr("Add interview") if interview_id is None else self.tr("Edit interview"))
        self.setMinimumWidth(440)
        self.errors = FieldErrors("interview")
        existing = [i for i in interview_service.list_interviews(app_id) if i.id == interview_id]
        current = existing[0] if existing else None
        start = clock.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
        self.at_edit = date_time_edit(self, "interview_at", self.tr("Date and time"),
                                      current.at if current else start)
        self.round_spin = QSpinBox(self)
        self.round_spin.setObjectName("interview_round")
        self.round_spin.setAccessibleName(self.tr("Round"))
        self.round_spin.setRange(1, 99)
        self.round_spin.setValue(current.round if current else len(interview_service.list_interviews(app_id)) + 1)
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("interview_format")
        self.format_combo.setAccessibleName(self.tr("Format"))
        for word in vocab.INTERVIEW_FORMATS:
            self.format_combo.addItem(vocab_label(vocab.INTERVIEW_FORMATS, word), word)
        self.format_combo.setCurrentIndex(self.format_combo.findData(current.format if current else "video"))
        self.people = QListWidget(self)
        self.people.setObjectName("interview_interviewers")
        self.people.setAccessibleName(self.tr("Interviewers"))
        self.people.setMaximumHeight(110)
        chosen = set(current.interviewer_ids) if current else set()
        for contact in detail_service.contacts_of_application(app_id):
            item = QListWidgetItem(f"{contact.name} — {contact.title or contact.organisation_name}", self.people)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if contact.id in chosen else Qt.CheckState.Unchecked)
        self.new_person = QLineEdit(self)
        self.new_person.setObjectName("interview_new_interviewer")
        self.new_person.setAccessibleName(self.tr("Another interviewer"))
        self.new_person.setPlaceholderText(self.tr("Someone else: type their name"))
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("interview_notes")
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setFixedHeight(60)
        self.notes_edit.setPlainText(current.notes if current else "")
        form = QFormLayout()
        form.addRow(self.tr("When"), self.errors.wrap("at", self.at_edit, self))
        form.addRow(self.tr("Round"), self.errors.wrap("round", self.round_spin, self))
        form.addRow(self.tr("Format"), self.errors.wrap("format", self.format_combo, self))
        form.addRow(self.tr("Interviewers"), self.errors.wrap("interviewers", self.people, self))
        form.addRow("", self.errors.wrap("name", self.new_person, self))
        form.addRow(self.tr("Notes"), self.errors.wrap("notes", self.notes_edit, self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("interview_buttons")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def interviewer_ids(self) -> list[int]:
        return [self.people.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.people.count())
                if self.people.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> bool:
        """Store the interview and close; or show what is wrong under its field (False, nothing changed)."""
        self.errors.clear()
        if not self.errors.check_dates():  # #18: a red date is not saved as its old value
            return False
        values = {"application": self.app_id, "at": from_qdatetime(self.at_edit.dateTime()),
                  "round": self.round_spin.value(), "format": self.format_combo.currentData(),
                  "notes": self.notes_edit.toPlainText()}
        try:
            # more than a year ahead, or before the application: said beside the field; Save
            # again with the same moment keeps it (12b item 1)
            from desktop_app.services.applications.interactions import date_warning

            doubt = date_warning(self.app_id, values["at"], "interview")
            if doubt is not None and getattr(self, "_doubted", None) != values["at"]:
                self._doubted = values["at"]
                self.errors.show("at", self.tr("{0} Save again to keep it.").format(doubt))
                return False
            people = self.interviewer_ids()
            if self.new_person.text().strip():
                people.append(interview_service.add_interviewer(self.app_id, self.new_person.text().strip()))
                self.new_person.clear()
            values["interviewers"] = people
            if self.interview_id is None:
                self.interview_id = interview_service.create_interview(values, today=clock.today())
            else:
                interview_service.update_interview(self.interview_id, values)
        except ValidationError as exc:
            self.errors.show(exc.field, exc.message)
            return False
        self.accept()
        return True
