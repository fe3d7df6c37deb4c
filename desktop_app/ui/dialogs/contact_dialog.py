"""The contact form: a person at an employer or agency (name, title, organisation, kind, email,
phone, LinkedIn, notes), reachable from the People box, Log contact, Compose and the Contacts list.

The phone is read as it is typed: the form says which country a national number is
read with (the organisation's, else the profile's) and warns about a number that has
the right length but is not one in use. :func:`ask_for_contact` is the one way the
other windows open it; tests replace :func:`run_dialog`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme
from desktop_app import vocab
from desktop_app.services.applications import contacts as contact_service
from desktop_app.services.applications import organisations as organisation_service
from desktop_app.services.core.phones import try_read_phone
from desktop_app.services.referees import time_zones
from desktop_app.services.core.validation import ValidationError, format_phone
from desktop_app.ui.dialogs.form_errors import FieldErrors
from desktop_app.ui.dialogs.referee_dialog import country_label, searchable_combo
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.prompts import Prompts
from desktop_app.ui.widgets import name_combo


def country_name(code: str | None) -> str:
    """``Canada (CA)``: the country's name (Qt's, else tzdata's) and its ISO alpha-2 code; "" for None."""
    if not code:
        return ""
    return country_label(code.upper(), time_zones.country_name(code.upper()))


def country_combo(parent: QWidget, name: str, code: str | None) -> QComboBox:
    """A searchable pick list of every country a phone number can belong to, ``Canada (CA)``,
    with ``code`` chosen; the first (empty) item means none. Read it with :func:`country_of`."""
    combo = name_combo(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(parent.tr("Country"))
    combo.addItem("", None)
    for each, fallback in time_zones.countries():
        combo.addItem(country_label(each, fallback), each)
    searchable_combo(combo)
    combo.lineEdit().setPlaceholderText(parent.tr("Type a country: United Kingdom, Canada …"))
    found = combo.findData(code.upper()) if code else 0
    combo.setCurrentIndex(max(found, 0))
    if code and found < 0:
        combo.setEditText(code)
    return combo


def country_of(combo: QComboBox) -> str:
    """What to save for a :func:`country_combo`: the chosen item's code when the text is still that
    item's, else the text as typed (the service reads "UK" or "Canada", and refuses anything else)."""
    text = combo.currentText().strip()
    code = combo.currentData()
    if code and text == combo.itemText(combo.currentIndex()):
        return str(code)
    return text


class ContactDialog(QDialog):
    """Adds (``contact_id`` None) or edits a contact; ``saved_id`` is its id once saved.

    ``organisation`` (a name) and ``kind`` pre-fill a new contact, e.g. the employer
    and "Senior HR / management" when the detail pane offers a senior contact.
    """

    def __init__(self, contact_id: int | None = None, parent: QWidget | None = None, *,
                 organisation: str = "", kind: str = "other", name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("contact_dialog")
        self.contact_id = contact_id
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Add person") if contact_id is None else self.tr("Edit person"))
        self.setMinimumWidth(480)
        self.errors = FieldErrors("contact")
        current = contact_service.get_contact(contact_id) if contact_id is not None else None
        self.name_edit = self._line("contact_name", self.tr("Name"), current.name if current else name)
        self.title_edit = self._line("contact_title", self.tr("Job title"), current.title if current else "")
        self.title_edit.setPlaceholderText(self.tr("e.g. Talent Partner, HR Director"))
        self.organisation_combo = name_combo(self)
        self.organisation_combo.setObjectName("contact_organisation")
        self.organisation_combo.setAccessibleName(self.tr("Organisation"))
        self.organisation_combo.setEditable(True)
        self.organisation_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.organisation_combo.addItem("")
        for org in organisation_service.list_organisations():
            self.organisation_combo.addItem(org.name, org.id)
        self.organisation_combo.setCurrentText(current.organisation_name if current else organisation)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("contact_kind")
        self.kind_combo.setAccessibleName(self.tr("Kind"))
        for word in vocab.CONTACT_KINDS:
            self.kind_combo.addItem(vocab_label(vocab.CONTACT_KINDS, word), word)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(current.kind if current else kind))
        self.email_edit = self._line("contact_email", self.tr("Email"), (current.email or "") if current else "")
        self.phone_edit = self._line("contact_phone", self.tr("Phone"),
                                     format_phone(current.phone) if current else "")
        self.phone_edit.setPlaceholderText(self.tr("as you would dial it, e.g. 07700 900456"))
        self.phone_note = QLabel(self)
        self.phone_note.setObjectName("contact_phone_note")
        self.phone_note.setWordWrap(True)
        self.linkedin_edit = self._line("contact_linkedin", self.tr("LinkedIn"),
                                        (current.linkedin or "") if current else "")
        self.linkedin_edit.setPlaceholderText("https://www.linkedin.com/in/…")
        self.notes_edit = QPlainTextEdit(current.notes if current else "", self)
        self.notes_edit.setObjectName("contact_notes")
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setFixedHeight(64)
        self.notes_edit.setPlaceholderText(self.tr("How you know them, what they prefer …"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.errors.wrap("name", self.name_edit, self))
        form.addRow(self.tr("Job title"), self.errors.wrap("title", self.title_edit, self))
        form.addRow(self.tr("Organisation"), self.errors.wrap("organisation", self.organisation_combo, self))
        form.addRow(self.tr("Kind"), self.errors.wrap("kind", self.kind_combo, self))
        form.addRow(self.tr("Email"), self.errors.wrap("email", self.email_edit, self))
        form.addRow(self.tr("Phone"), self.errors.wrap("phone", self.phone_edit, self))
        form.addRow("", self.phone_note)
        form.addRow(self.tr("LinkedIn"), self.errors.wrap("linkedin", self.linkedin_edit, self))
        form.addRow(self.tr("Notes"), self.errors.wrap("notes", self.notes_edit, self))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("contact_buttons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # the dialog grows with a wrapped warning or error instead of clipping it
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.phone_edit.textChanged.connect(self.show_phone_reading)
        self.organisation_combo.currentTextChanged.connect(self.show_phone_reading)
        self.show_phone_reading()

    def _line(self, name: str, accessible: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def _organisation(self) -> int | str | None:
        text = self.organisation_combo.currentText().strip()
        if not text:
            return None
        index = self.organisation_combo.findText(text)
        return self.organisation_combo.itemData(index) if index > 0 else text

    def show_phone_reading(self) -> None:
        """Say under the phone how the number is read: the country assumed, and any warning."""
        text = self.phone_edit.text().strip()
        region = contact_service.contact_country(self._organisation())
        if not text:
            self.phone_note.setText(self.tr("Numbers without +country code are read as {0} numbers.").format(
                country_name(region)) if region else self.tr(
                "Type the number with its country code (+44 …), or set your country in your profile."))
            self.phone_note.setStyleSheet(theme.text_style(theme.HINT))
            self._fit_note()
            return
        reading, problem = try_read_phone(text, region)
        if reading is None:
            self.phone_note.setText(problem[:1].upper() + problem[1:] + ".")
            self.phone_note.setStyleSheet(theme.text_style(theme.ERROR))
            self._fit_note()
            return
        said = self.tr("Saved as {0}").format(reading.e164)
        if reading.assumed:
            said = self.tr("Read as a number in {0}: saved as {1}").format(country_name(reading.country),
                                                                           reading.e164)
        if reading.warning:
            said += "\n" + reading.warning[:1].upper() + reading.warning[1:] + "."
        self.phone_note.setText(said)
        self.phone_note.setStyleSheet(theme.text_style(theme.WARNING if reading.warning else theme.HINT))
        self._fit_note()

    def _fit_note(self) -> None:
        """Make room for every wrapped line of the phone note: a dialog does not follow a label's
        height-for-width by itself, so the note's minimum height is set, and the layout grows."""
        note = self.phone_note
        note.setMinimumHeight(note.heightForWidth(max(note.width(), 240)))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit_note()

    def values(self) -> dict[str, object]:
        return {"name": self.name_edit.text().strip(), "title": self.title_edit.text().strip(),
                "organisation": self._organisation(), "kind": self.kind_combo.currentData(),
                "email": self.email_edit.text().strip(), "phone": self.phone_edit.text().strip(),
                "linkedin": self.linkedin_edit.text().strip(), "notes": self.notes_edit.toPlainText().strip()}

    def save(self) -> bool:
        """Save and close, or show what is wrong under the field. False: not saved."""
        self.errors.clear()
        values = self.values()
        twin = contact_service.find_duplicate(values, self.contact_id)
        if twin is not None and self.contact_id is None:
            where = f" at {twin.organisation_name}" if twin.organisation_name else ""
            if prompts_of(self).ask_yes_no(
                    self, self.tr("Same person?"),
                    self.tr("{0}{1} is already in your contacts:\n{2}\n\nUse that person rather than add "
                            "them twice?").format(twin.name, where, contact_service.describe(twin.id)),
                    yes_label=self.tr("Use the existing one"), no_label=self.tr("Add another")):
                self.saved_id = twin.id
                self.accept()
                return True
        try:
            self.saved_id = contact_service.save_contact(values, self.contact_id)
        except ValidationError as exc:
            self.errors.show(exc.field, exc.message)
            return False
        self.accept()
        return True


def prompts_of(widget: QWidget | None) -> Prompts:
    """The window's question seam (``context.prompts``) found through ``widget``'s parents;
    the real message boxes when it has none (a form opened on its own)."""
    while widget is not None:
        context = getattr(widget, "context", None)
        if context is not None and hasattr(context, "prompts"):
            return context.prompts  # type: ignore[no-any-return]
        widget = widget.parentWidget()
    return Prompts()


def run_dialog(dialog: QDialog) -> bool:
    """Show the contact form modally (tests replace this to fill it in and press its buttons)."""
    return bool(dialog.exec())


def ask_for_contact(parent: QWidget | None, contact_id: int | None = None, *, organisation: str = "",
                    kind: str = "other", name: str = "") -> int | None:
    """Open the contact form; the saved contact's id, or None when the user cancelled."""
    dialog = ContactDialog(contact_id, parent, organisation=organisation, kind=kind, name=name)
    return dialog.saved_id if run_dialog(dialog) else None
