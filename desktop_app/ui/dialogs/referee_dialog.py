"""Add or edit a referee, with every value checked in place as it is typed.

Email and phone are checked when the user leaves the field (email-validator without
a DNS look-up; phonenumbers with the referee's country as the default), the phone is
shown formatted for international dialling, and picking a country preselects its time
zone when it has only one. Nothing is saved until every field is acceptable.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme
from desktop_app import clock, vocab
from desktop_app.rules import referees as referee_rules
from desktop_app.services.referees import referees as referee_service
from desktop_app.services.referees import time_zones
from desktop_app.services.core.records import field_problems
from desktop_app.services.core.validation import (
    InvalidValue,
    ValidationError,
    clean_email,
    clean_phone,
    clean_time_zone,
    format_phone,
)
from desktop_app.ui.dialogs.form_errors import FieldErrors
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.models.referees_model import local_time_text
from desktop_app.ui.date_field import DateField
from desktop_app.ui.widgets import fit_to_screen, scrolling_form


def country_label(code: str, fallback: str) -> str:
    """``United Kingdom (GB)``: Qt's English name where it knows the code, tzdata's otherwise."""
    territory = QLocale.codeToTerritory(code)
    name = QLocale.territoryToString(territory) if territory != QLocale.Country.AnyTerritory else fallback
    return f"{name} ({code})"


def searchable_combo(combo: QComboBox) -> None:
    """Type any part of a name to narrow the list (``kolk`` finds Asia/Kolkata)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)


class RefereeDialog(QDialog):
    """``referee_id`` None: a new referee. ``saved_id`` holds the id once saved."""

    def __init__(self, referee_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referee_dialog")
        self.referee_id = referee_id
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Add referee") if referee_id is None else self.tr("Edit referee"))
        self.setMinimumWidth(520)
        self.errors = FieldErrors("referee")
        form = QFormLayout()

        def line(name: str, label: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit(self)
            edit.setObjectName(f"referee_{name}")
            edit.setAccessibleName(label)
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(lambda _t, n=name: self._clear(n))
            form.addRow(label, self.errors.wrap(name, edit, self))
            return edit

        self.name_edit = line("name", self.tr("Name"), self.tr("Alex Morgan"))
        self.title_edit = line("title", self.tr("Job title"), self.tr("Head of Analytics"))
        self.organisation_edit = line("organisation", self.tr("Organisation"), self.tr("Contoso plc"))
        self.relationship_combo = QComboBox(self)
        self.relationship_combo.setObjectName("referee_relationship")
        self.relationship_combo.setAccessibleName(self.tr("Relationship"))
        for word in vocab.RELATIONSHIPS:
            self.relationship_combo.addItem(vocab_label(vocab.RELATIONSHIPS, word), word)
        self.relationship_hint = QLabel(self)
        self.relationship_hint.setObjectName("referee_relationship_hint")
        self.relationship_hint.setWordWrap(True)
        self.relationship_hint.setStyleSheet(theme.text_style(theme.WARNING))
        self.relationship_combo.currentIndexChanged.connect(self._relationship_changed)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.relationship_combo)
        column.addWidget(self.relationship_hint)
        form.addRow(self.tr("Relationship"), column)
        self.worked_edit = line("worked_together", self.tr("When you worked together"), self.tr("2019–2023"))
        self.email_edit = line("email", self.tr("Email"), self.tr("alex.morgan@example.org"))
        self.email_edit.editingFinished.connect(self.check_email)

        self.country_combo = QComboBox(self)
        self.country_combo.setObjectName("referee_country")
        self.country_combo.setAccessibleName(self.tr("Country"))
        self.country_combo.addItem("", None)
        for code, name in time_zones.countries():
            self.country_combo.addItem(country_label(code, name), code)
        searchable_combo(self.country_combo)
        self.country_combo.lineEdit().setPlaceholderText(self.tr("Type a country: United Kingdom, India …"))
        self.country_combo.currentIndexChanged.connect(self._country_changed)
        form.addRow(self.tr("Country"), self.errors.wrap("country", self.country_combo, self))

        self.phone_edit = line("phone", self.tr("Phone"), self.tr("07700 900123 or +44 7700 900123"))
        self.phone_edit.editingFinished.connect(self.check_phone)

        self.zone_combo = QComboBox(self)
        self.zone_combo.setObjectName("referee_time_zone")
        self.zone_combo.setAccessibleName(self.tr("Time zone"))
        self.zone_combo.addItem("", None)
        for zone in time_zones.all_zones():
            self.zone_combo.addItem(zone, zone)
        searchable_combo(self.zone_combo)
        self.zone_combo.lineEdit().setPlaceholderText(self.tr("Type a city: London, Kolkata, Sydney …"))
        self.zone_combo.currentTextChanged.connect(self._zone_changed)
        self.zone_preview = QLabel(self)
        self.zone_preview.setObjectName("referee_time_zone_preview")
        zone_box = QWidget(self)
        zone_row = QHBoxLayout(zone_box)
        zone_row.setContentsMargins(0, 0, 0, 0)
        zone_row.addWidget(self.zone_combo, 1)
        zone_row.addWidget(self.zone_preview)
        form.addRow(self.tr("Time zone"), self.errors.wrap("time_zone", zone_box, self))
        self.errors.widgets["time_zone"] = self.zone_combo

        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("referee_preferred_channel")
        self.channel_combo.setAccessibleName(self.tr("Preferred channel"))
        for word in vocab.PREFERRED_CHANNELS:
            self.channel_combo.addItem(vocab_label(vocab.PREFERRED_CHANNELS, word), word)
        form.addRow(self.tr("Preferred channel"), self.channel_combo)
        self.questionnaire_check = QCheckBox(self.tr("Willing to complete an online questionnaire"), self)
        self.questionnaire_check.setObjectName("referee_online_questionnaire")
        form.addRow("", self.questionnaire_check)
        self.consent_check = QCheckBox(self.tr("Agreed to be a referee on"), self)
        self.consent_check.setObjectName("referee_consent_given")
        self.consent_edit = DateField(self)  # #18: typed dates read whole
        self.consent_edit.setObjectName("referee_consent_on")
        self.consent_edit.setAccessibleName(self.tr("Consent given on"))
        self.consent_edit.setCalendarPopup(True)
        self.consent_edit.setDisplayFormat("d MMM yyyy")
        today = clock.today()
        self.consent_edit.setDate(QDate(today.year, today.month, today.day))
        self.consent_edit.setEnabled(False)
        self.consent_check.toggled.connect(self.consent_edit.setEnabled)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent_check)
        consent_row.addWidget(self.errors.wrap("consent_on", self.consent_edit, self), 1)
        form.addRow(self.tr("Consent"), consent_row)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("referee_notes")
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setPlaceholderText(self.tr("Best before 10am; prefers a call first …"))
        self.notes_edit.setFixedHeight(70)
        form.addRow(self.tr("Notes"), self.notes_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("referee_buttons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling_form(self, form), 1)  # #18: the fields scroll; Save/Cancel stay below
        layout.addWidget(self.buttons)
        fit_to_screen(self)
        self._zone_from_country = True  # the zone follows the country until the user picks one
        if referee_id is not None:
            self._load(referee_id)
        self._relationship_changed()
        self._zone_changed(self.zone_combo.currentText())

    # ------------------------------------------------------------------ loading
    def _load(self, referee_id: int) -> None:
        row = referee_service.get_referee(referee_id)
        self.name_edit.setText(row.name)
        self.title_edit.setText(row.title)
        self.organisation_edit.setText(row.organisation)
        self.relationship_combo.setCurrentIndex(max(0, self.relationship_combo.findData(row.relationship)))
        self.worked_edit.setText(row.worked_together)
        self.email_edit.setText(row.email or "")
        self.set_country(row.country)
        self.phone_edit.setText(format_phone(row.phone))
        self.set_time_zone(row.time_zone)
        self._zone_from_country = row.time_zone is None
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(row.preferred_channel)))
        self.questionnaire_check.setChecked(row.online_questionnaire)
        if row.consent_on is not None:
            self.consent_check.setChecked(True)
            self.consent_edit.setDate(QDate(row.consent_on.year, row.consent_on.month, row.consent_on.day))
        self.notes_edit.setPlainText(row.notes)

    def set_country(self, code: str | None) -> None:
        index = self.country_combo.findData(code) if code else 0
        self.country_combo.setCurrentIndex(max(0, index))

    def set_time_zone(self, zone: str | None) -> None:
        index = self.zone_combo.findData(zone) if zone else 0
        if index < 0:  # a zone stored before it left the list (a legacy alias): keep it
            self.zone_combo.addItem(zone, zone)
            index = self.zone_combo.count() - 1
        self.zone_combo.setCurrentIndex(index)

    # ------------------------------------------------------------------ checking as typed
    def _clear(self, field: str) -> None:
        label = self.errors.labels.get(field)
        if label is not None:
            label.hide()

    def country(self) -> str | None:
        text = self.country_combo.currentText().strip()
        if not text:
            return None
        index = self.country_combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0 and len(text) == 2:  # a code typed on its own: "gb"
            index = self.country_combo.findData(text.upper())
        return self.country_combo.itemData(index) if index >= 0 else None

    def time_zone(self) -> str:
        return self.zone_combo.currentText().strip()

    def _relationship_changed(self, _index: int = 0) -> None:
        word = self.relationship_combo.currentData()
        if referee_rules.is_weak(word):
            self.relationship_hint.setText(self.tr("Employers give personal referees little weight: "
                                                   "prefer someone you worked with."))
        elif word == "direct_manager":
            self.relationship_hint.setText(self.tr("The referee employers expect: a former direct manager."))
        else:
            self.relationship_hint.setText("")
        self.relationship_hint.setVisible(bool(self.relationship_hint.text()))

    def _country_changed(self, _index: int) -> None:
        zone = time_zones.default_zone(self.country())
        if self._zone_from_country or not self.time_zone():
            # follow the country (and forget a zone it chose, when the new one has several)
            self.set_time_zone(zone)
            self._zone_from_country = True
        if self.phone_edit.text().strip():
            self.check_phone()

    def _zone_changed(self, text: str) -> None:
        if self.zone_combo.hasFocus():
            self._zone_from_country = False  # the user chose: the country no longer decides
        self._clear("time_zone")
        zone = text.strip()
        try:
            valid = clean_time_zone(zone)
        except InvalidValue:
            valid = None
        if valid:
            now = clock.utc_now()
            found = referee_rules.local_time(now, valid)
            self.zone_preview.setText(self.tr("{0}, now {1}").format(
                time_zones.utc_offset_text(valid, now), local_time_text(found)))
        else:
            self.zone_preview.setText("")

    def check_email(self) -> bool:
        try:
            clean_email(self.email_edit.text())
        except InvalidValue as exc:
            self.errors.show("email", str(exc), focus=False)  # the cursor stays where the user sent it
            return False
        self._clear("email")
        return True

    def check_phone(self) -> bool:
        """Check the phone with the country as default; on success show it formatted."""
        text = self.phone_edit.text().strip()
        try:
            e164 = clean_phone(text, self.country())
        except InvalidValue as exc:
            self.errors.show("phone", str(exc) + self._phone_hint(), focus=False)
            return False
        self._clear("phone")
        if e164:
            self.phone_edit.setText(format_phone(e164))
            if not self.country():  # +61 … tells us the country
                self.set_country(referee_service.country_of_phone(e164))
        return True

    def _phone_hint(self) -> str:
        return "" if self.country() else self.tr(" — or choose the referee's country first")

    # ------------------------------------------------------------------ saving
    def values(self) -> dict[str, object]:
        consent = self.consent_edit.date() if self.consent_check.isChecked() else None
        return {
            "name": self.name_edit.text().strip(),
            "title": self.title_edit.text().strip(),
            "organisation": self.organisation_edit.text().strip(),
            "relationship": self.relationship_combo.currentData(),
            "worked_together": self.worked_edit.text().strip(),
            "email": self.email_edit.text().strip(),
            "country": self.country(),
            "phone": self.phone_edit.text().strip(),
            "time_zone": self.time_zone(),
            "preferred_channel": self.channel_combo.currentData(),
            "online_questionnaire": self.questionnaire_check.isChecked(),
            "consent_on": date(consent.year(), consent.month(), consent.day()) if consent else None,
            "notes": self.notes_edit.toPlainText(),
        }

    def save(self) -> bool:
        """Store the referee and close, or show what is wrong next to the field (nothing saved)."""
        self.errors.clear()
        # #18: every problem of the form at once, beside its field (not one per Save): the
        # dates that cannot be read, a country not in the list, then each field as the service
        # cleans it (the email, the phone for the country, a missing name)
        problems: dict[str, str] = {}
        for field, widget in self.errors.widgets.items():
            if isinstance(widget, DateField) and widget.isEnabled() and widget.check():
                problems[field] = widget.problem()
        if self.country_combo.currentText().strip() and self.country() is None:
            problems["country"] = self.tr("pick a country from the list")
        values = self.values()
        for field, message in field_problems("referees", values).items():
            if field == "phone":
                message += self._phone_hint()
            problems.setdefault(field, message)
        if not self.errors.show_all(problems):
            return False
        try:
            if self.referee_id is None:
                self.saved_id = referee_service.create_referee(values)
            else:
                referee_service.update_referee(self.referee_id, values)
                self.saved_id = self.referee_id
        except ValidationError as exc:
            message = exc.message + (self._phone_hint() if exc.field == "phone" else "")
            if not self.errors.show(exc.field, message):
                self.errors.show("name", f"{exc.field}: {exc.message}")
            return False
        self.accept()
        return True
