"""Add or edit a qualification: what it is, from where, when, and how an employer can verify it.

Dates are typed as people write them (issue #18): the start and the award may be just a
month ("Sep 2018", kept as its first day: the pack prints months), or a day ("27/11/2026",
"2026-11-27"); either may be left empty (a course still running has no award date). Nothing is saved until every field is acceptable; the problem is
shown under its field in the user's words.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app import dates
from desktop_app.dates import typed_month_text
from desktop_app.services.vault import qualifications as vault_service
from desktop_app.services.core.records import field_problems
from desktop_app.services.core.validation import ValidationError
from desktop_app.ui.dialogs.form_errors import FieldErrors

#: The dates that may be only a month (dates.parse_typed_month).
MONTH_FIELDS = ("started_on", "awarded_on")

#: Offered in the Level list; any other text may be typed.
LEVELS = ("GCSE", "A level", "Diploma", "Foundation degree", "Bachelor's degree", "Master's degree",
          "Doctorate", "Professional certificate", "Apprenticeship")


class QualificationDialog(QDialog):
    """``qualification_id`` None: a new qualification. ``saved_id`` holds the id once saved."""

    TEXT_FIELDS = ("title", "institution", "grade", "started_on", "awarded_on", "verify", "verify_expires_on",
                   "verify_pin", "name_at_study")
    #: Typed as people write dates (desktop_app.dates.parse_typed_*); empty means none.
    DATE_FIELDS = ("started_on", "awarded_on", "verify_expires_on")

    def __init__(self, qualification_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualification_dialog")
        self.qualification_id = qualification_id
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Add qualification") if qualification_id is None
                            else self.tr("Edit qualification"))
        self.setMinimumWidth(500)
        self.errors = FieldErrors("qualification")
        labels = {
            "title": self.tr("Qualification"), "institution": self.tr("Institution"),
            "level": self.tr("Level"), "started_on": self.tr("Started"), "awarded_on": self.tr("Awarded"),
            "grade": self.tr("Grade"), "verify": self.tr("How to verify"),
            "verify_expires_on": self.tr("Link expires"), "verify_pin": self.tr("PIN"),
            "name_at_study": self.tr("Name when studying"),
        }
        placeholders = {
            "title": self.tr("BSc (Hons) Mathematics"), "institution": self.tr("University of Leeds"),
            "started_on": self.tr("e.g. Sep 2018 (a month is enough)"),
            "awarded_on": self.tr("e.g. Jul 2021, or 15/07/2021"),
            "grade": self.tr("First"),
            "verify": self.tr("https://www.hedd.ac.uk, or the registry's email or phone"),
            "verify_expires_on": self.tr("e.g. 3 Mar 2027 — when the share link stops working"),
            "verify_pin": self.tr("the share link's PIN, if it has one"),
            "name_at_study": self.tr("only if it differs from your name now"),
        }
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in ("title", "institution", "level", "started_on", "awarded_on", "grade", "verify",
                     "verify_expires_on", "verify_pin", "name_at_study"):
            if name == "level":
                self.level = QComboBox(self)
                self.level.setObjectName("qualification_level")
                self.level.setAccessibleName(labels[name])
                self.level.setEditable(True)
                self.level.addItems([""] + [self.tr(level) for level in LEVELS])
                form.addRow(labels[name], self.errors.wrap(name, self.level, self))
                continue
            edit = QLineEdit(self)
            edit.setObjectName(f"qualification_{name}")
            edit.setAccessibleName(labels[name])
            edit.setPlaceholderText(placeholders[name])
            edit.textChanged.connect(lambda _text, n=name: self.errors.labels[n].hide())
            self.edits[name] = edit
            form.addRow(labels[name], self.errors.wrap(name, edit, self))
        intro = QLabel(self.tr("Keep the full academic transcript with each qualification, not only the "
                               "certificate: employers check, and a certificate alone is easily forged."), self)
        intro.setWordWrap(True)
        self.pin_note = QLabel(self.tr("The link is printed in the reference pack with a QR code, so an employer "
                                       "can check the qualification with the issuer. The PIN is printed only in "
                                       "a pack you choose to print it in."), self)
        self.pin_note.setObjectName("qualification_verify_note")
        self.pin_note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("qualification_buttons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.pin_note)
        layout.addWidget(self.buttons)
        if qualification_id is not None:
            self._fill(vault_service.get_qualification(qualification_id))

    def _fill(self, values: dict[str, Any]) -> None:
        for name, edit in self.edits.items():
            value = values.get(name)
            if isinstance(value, date) and name in MONTH_FIELDS:
                value = typed_month_text(value)  # a month as it was typed ("Sep 2018"), not 2018-09-01
            edit.setText(value.isoformat() if isinstance(value, date) else (value or ""))
        self.level.setCurrentText(values.get("level") or "")

    def values(self) -> dict[str, Any]:
        """The form's values for the vault service (dates as ISO days, empty dates None).

        Raises ValidationError for the first date that cannot be read (see :meth:`problems`
        for all of them at once)."""
        out, problems = self._typed_values()
        for name, message in problems.items():
            raise ValidationError(name, message)
        return out

    def _typed_values(self) -> tuple[dict[str, Any], dict[str, str]]:
        out: dict[str, Any] = {name: edit.text().strip() for name, edit in self.edits.items()}
        out["level"] = self.level.currentText().strip()
        problems: dict[str, str] = {}
        for name in self.DATE_FIELDS:
            out[name] = out[name] or None
            if out[name]:
                # #18: the forms people type ("Sep 2018", "27/11/2026") as ISO days; text that cannot
                # be read is named in the same words as every other date field of the app
                read = dates.parse_typed_month if name in MONTH_FIELDS else dates.parse_typed_day
                try:
                    out[name] = read(out[name]).isoformat()
                except dates.TypedDateError as exc:
                    problems[name] = str(exc)
        return out, problems

    def problems(self) -> dict[str, str]:
        """Every field's problem at once, {field: sentence}; {} when each field is acceptable on
        its own (issue #18: "32/13/2021" under Awarded and "soon" under Link expires together,
        not one per Save). The service still checks what spans fields (award before start) and
        the verification link."""
        out, problems = self._typed_values()
        given = {name: value for name, value in out.items() if name not in problems}
        for name, message in field_problems("qualifications", given).items():
            problems.setdefault(name, message)
        return problems

    def save(self) -> bool:
        """Store the qualification and close, or show what is wrong under the field."""
        self.errors.clear()
        if not self.errors.show_all(self.problems()):
            return False
        try:
            if self.qualification_id is None:
                self.saved_id = vault_service.create_qualification(self.values())
            else:
                vault_service.update_qualification(self.qualification_id, self.values())
                self.saved_id = self.qualification_id
        except ValidationError as exc:
            if not self.errors.show(exc.field, exc.message):
                self.errors.show("title", f"{exc.field}: {exc.message}")
            return False
        self.accept()
        return True
