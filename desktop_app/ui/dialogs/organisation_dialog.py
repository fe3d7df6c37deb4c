"""The organisation form: name, country (the country of its people's phone numbers), website,
LinkedIn page and notes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.applications import organisations as organisation_service
from desktop_app.services.core.validation import ValidationError
from desktop_app.ui.dialogs.contact_dialog import country_combo, country_of
from desktop_app.ui.dialogs.form_errors import FieldErrors
from desktop_app.ui.prompts import Prompts


class OrganisationDialog(QDialog):
    """Edits an existing organisation; nothing is saved until every field is acceptable."""

    def __init__(self, org_id: int, parent: QWidget | None = None, prompts: Prompts | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        #: the organisation this one was merged into, when the user renamed it to another's name
        self.merged_into: int | None = None
        self.setObjectName("organisation_dialog")
        self.org_id = org_id
        self.setWindowTitle(self.tr("Edit organisation"))
        self.setMinimumWidth(440)
        org = organisation_service.get_organisation(org_id)
        self.errors = FieldErrors("organisation")
        self.name_edit = self._line("organisation_name", self.tr("Name"), org.name)
        self.country_combo = country_combo(self, "organisation_country", org.country)
        self.country_combo.setToolTip(self.tr("Phone numbers of its people typed without +country code "
                                              "are read as numbers of this country"))
        self.website_edit = self._line("organisation_website", self.tr("Website"), org.website or "")
        self.linkedin_edit = self._line("organisation_linkedin", self.tr("LinkedIn"), org.linkedin or "")
        self.notes_edit = QPlainTextEdit(org.notes, self)
        self.notes_edit.setObjectName("organisation_notes")
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setFixedHeight(64)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.errors.wrap("name", self.name_edit, self))
        form.addRow(self.tr("Country"), self.errors.wrap("country", self.country_combo, self))
        form.addRow(self.tr("Website"), self.errors.wrap("website", self.website_edit, self))
        form.addRow(self.tr("LinkedIn"), self.errors.wrap("linkedin", self.linkedin_edit, self))
        form.addRow(self.tr("Notes"), self.errors.wrap("notes", self.notes_edit, self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.setObjectName("organisation_buttons")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _line(self, name: str, accessible: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def values(self) -> dict[str, str]:
        return {"name": self.name_edit.text().strip(), "country": country_of(self.country_combo),
                "website": self.website_edit.text().strip(), "linkedin": self.linkedin_edit.text().strip(),
                "notes": self.notes_edit.toPlainText().strip()}

    def save(self) -> bool:
        """Save and close, or show what is wrong under the field. False: not saved."""
        self.errors.clear()
        values = self.values()
        try:
            organisation_service.update_organisation(self.org_id, values)
        except ValidationError as exc:
            self.errors.show(exc.field, exc.message)
            return False
        except organisation_service.SameNameExists as same:
            return self._offer_merge(same, values)
        self.accept()
        return True

    def _offer_merge(self, same: organisation_service.SameNameExists, values: dict[str, str]) -> bool:
        """The new name is another organisation's, ignoring case: offer to merge this one into it."""
        uses = organisation_service.applications_using(self.org_id)
        text = self.tr("{0} already exists. Merge this organisation into it?\n\nIts {1} and its people "
                       "will be {0}'s; {0}'s empty details take this one's.").format(
            same.other_name, self.tr("1 application") if uses == 1 else self.tr("{0} applications").format(uses))
        if self.prompts is None or not self.prompts.ask_yes_no(
                self, self.tr("Same organisation?"), text, yes_label=self.tr("Merge"),
                no_label=self.tr("Keep editing")):
            self.errors.show("name", self.tr("{0} already exists: choose another name, or merge").format(
                same.other_name))
            return False
        others = {k: v for k, v in values.items() if k != "name"}
        try:
            organisation_service.update_organisation(self.org_id, others)
        except ValidationError as exc:
            self.errors.show(exc.field, exc.message)
            return False
        organisation_service.merge_organisations(same.other_id, self.org_id)
        self.merged_into = same.other_id
        self.accept()
        return True
