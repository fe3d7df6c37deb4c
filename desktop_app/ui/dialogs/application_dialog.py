"""Add or edit an application; and record the feedback the employer gave.

The employer and the agency are typed or picked (a new name creates the
organisation); the recruiter is picked from the known recruiters or typed. Nothing
is saved until every field is acceptable; problems show under the field.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vocab
from desktop_app.services.applications import detail as detail_service
from desktop_app.services.applications import organisations as organisation_service
from desktop_app.services.applications import pipeline as application_service
from desktop_app.services.core.validation import ValidationError
from desktop_app import clock
from desktop_app.ui.dialogs.form_errors import FieldErrors
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.date_field import DateField
from desktop_app.ui.widgets import name_combo


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ApplicationDialog(QDialog):
    """``app_id`` None: a new application. ``saved_id`` holds the id once saved."""

    def __init__(self, app_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("application_dialog")
        self.app_id = app_id
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Add application") if app_id is None else self.tr("Edit application"))
        self.setMinimumWidth(480)
        self.errors = FieldErrors("application")
        names = application_service.organisation_names()
        recruiters = organisation_service.contact_rows()

        self.role_edit = QLineEdit(self)
        self.role_edit.setObjectName("application_role")
        self.role_edit.setAccessibleName(self.tr("Role"))
        self.role_edit.setPlaceholderText(self.tr("Data Analyst"))
        self.employer_combo = self._org_combo("application_employer", self.tr("Employer"), names)
        self.agency_combo = self._org_combo("application_agency", self.tr("Recruitment agency (optional)"), names)
        self.recruiter_combo = name_combo(self)
        self.recruiter_combo.setObjectName("application_recruiter")
        self.recruiter_combo.setAccessibleName(self.tr("Recruiter (optional)"))
        self.recruiter_combo.setEditable(True)
        self.recruiter_combo.addItem("", None)
        #: a typed name that is already a contact's picks that contact instead of making a second one
        self.recruiter_by_name = {}
        for c in recruiters:
            label = f"{c.name} ({c.organisation_name})" if c.organisation_name else c.name
            self.recruiter_combo.addItem(label, c.id)
            self.recruiter_by_name.setdefault(c.name.casefold(), c.id)
        self.recruiter_combo.lineEdit().setPlaceholderText(self.tr("Pick, or type a new name"))
        self.source_edit = QLineEdit(self)
        self.source_edit.setObjectName("application_source")
        self.source_edit.setAccessibleName(self.tr("Source"))
        self.source_edit.setPlaceholderText(self.tr("LinkedIn, agency, company website …"))
        self.applied_edit = DateField(self)  # #18: typed dates read whole
        self.applied_edit.setObjectName("application_applied_on")
        self.applied_edit.setAccessibleName(self.tr("Applied on"))
        self.applied_edit.setCalendarPopup(True)
        self.applied_edit.setDisplayFormat("d MMM yyyy")
        self.applied_edit.setDate(_qdate(clock.today()))
        self.stage_combo = QComboBox(self)
        self.stage_combo.setObjectName("application_stage")
        self.stage_combo.setAccessibleName(self.tr("Stage"))
        for word in vocab.STAGES:
            self.stage_combo.addItem(vocab_label(vocab.STAGES, word), word)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("application_notes")
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setFixedHeight(70)

        form = QFormLayout()
        form.addRow(self.tr("Role"), self.errors.wrap("role", self.role_edit, self))
        form.addRow(self.tr("Employer"), self.errors.wrap("employer", self.employer_combo, self))
        form.addRow(self.tr("Agency"), self.errors.wrap("agency", self.agency_combo, self))
        form.addRow(self.tr("Recruiter"), self.errors.wrap("recruiter", self.recruiter_combo, self))
        form.addRow(self.tr("Source"), self.errors.wrap("source", self.source_edit, self))
        form.addRow(self.tr("Applied on"), self.errors.wrap("applied_on", self.applied_edit, self))
        form.addRow(self.tr("Stage"), self.errors.wrap("stage", self.stage_combo, self))
        form.addRow(self.tr("Notes"), self.errors.wrap("notes", self.notes_edit, self))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("application_buttons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if app_id is not None:
            self._load(app_id)

    def _org_combo(self, name: str, accessible: str, names: list[str]) -> QComboBox:
        combo = name_combo(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("")
        combo.addItems(names)
        combo.lineEdit().setPlaceholderText(self.tr("Pick, or type a new organisation"))
        return combo

    def _load(self, app_id: int) -> None:
        detail = detail_service.application_detail(app_id)
        self.role_edit.setText(detail.role)
        self.employer_combo.setCurrentText(detail.employer)
        self.agency_combo.setCurrentText(detail.agency or "")
        index = self.recruiter_combo.findData(detail.recruiter_id)
        self.recruiter_combo.setCurrentIndex(max(index, 0))
        self.source_edit.setText(detail.source)
        self.applied_edit.setDate(_qdate(detail.applied_on))
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(detail.stage))
        self.notes_edit.setPlainText(detail.notes)

    def recruiter_value(self) -> int | str | None:
        """The picked recruiter's id, or a typed new name."""
        text = self.recruiter_combo.currentText().strip()
        index = self.recruiter_combo.findText(text)
        if index > 0:
            return self.recruiter_combo.itemData(index)  # type: ignore[no-any-return]
        return self.recruiter_by_name.get(text.casefold(), text or None)

    def form(self) -> application_service.ApplicationForm:
        return application_service.ApplicationForm(
            role=self.role_edit.text().strip(), employer=self.employer_combo.currentText().strip(),
            agency=self.agency_combo.currentText().strip(), recruiter=self.recruiter_value(),
            source=self.source_edit.text().strip(), applied_on=_pydate(self.applied_edit.date()),
            stage=self.stage_combo.currentData(), notes=self.notes_edit.toPlainText())

    def save(self) -> bool:
        """Store the application and close; or show every date it cannot read, or the first other
        problem, under its field, and change nothing (False)."""
        self.errors.clear()
        if not self.errors.check_dates():  # #18: a red date is not saved as its old value
            return False
        try:
            self.saved_id = application_service.save_application_form(self.form(), self.app_id,
                                                                      today=clock.today())
        except ValidationError as exc:
            field = {"name": "recruiter"}.get(exc.field, exc.field)
            if not self.errors.show(field, exc.message):
                self.errors.show("role", f"{exc.field}: {exc.message}")
            return False
        self.accept()
        return True


class FeedbackDialog(QDialog):
    """The feedback the employer or recruiter gave, and the day it came."""

    def __init__(self, app_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedback_dialog")
        self.app_id = app_id
        detail = detail_service.application_detail(app_id)
        self.setWindowTitle(self.tr("Feedback — {0} at {1}").format(detail.role, detail.employer))
        self.setMinimumWidth(460)
        self.errors = FieldErrors("feedback")
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("feedback_text")
        self.text_edit.setAccessibleName(self.tr("Feedback"))
        self.text_edit.setPlaceholderText(self.tr("What they said, in their words"))
        self.text_edit.setPlainText(detail.feedback or "")
        self.on_edit = DateField(self)  # #18: typed dates read whole
        self.on_edit.setObjectName("feedback_on")
        self.on_edit.setAccessibleName(self.tr("Received on"))
        self.on_edit.setCalendarPopup(True)
        self.on_edit.setDisplayFormat("d MMM yyyy")
        self.on_edit.setDate(_qdate(detail.feedback_on or clock.today()))
        form = QFormLayout()
        form.addRow(self.tr("Feedback"), self.errors.wrap("feedback", self.text_edit, self))
        form.addRow(self.tr("Received on"), self.errors.wrap("feedback_on", self.on_edit, self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("feedback_buttons")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> bool:
        """Store the feedback and close; or show what is wrong under its field (False, nothing changed)."""
        self.errors.clear()
        if not self.errors.check_dates():  # #18: a red date is not saved as its old value
            return False
        try:
            application_service.record_feedback(self.app_id, self.text_edit.toPlainText(),
                                                _pydate(self.on_edit.date()), today=clock.today())
        except ValidationError as exc:
            self.errors.show(exc.field, exc.message)
            return False
        self.accept()
        return True
