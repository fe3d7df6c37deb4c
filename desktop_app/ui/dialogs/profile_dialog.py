"""The Profile dialog: the user's own name and contact details, checked as they are typed."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.core import profile as profile_service
from desktop_app.services.core.validation import ValidationError, format_phone
from desktop_app.ui.dialogs.contact_dialog import country_combo, country_of
from desktop_app.ui.dialogs.form_errors import FieldErrors


class ProfileDialog(QDialog):
    """Edits the profile; nothing is saved until every field is acceptable."""

    FIELDS = ("name", "email", "phone", "linkedin", "location", "country")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profile_dialog")
        self.setWindowTitle(self.tr("Your profile"))
        self.setMinimumWidth(460)
        labels = {
            "name": self.tr("Name"),
            "email": self.tr("Email"),
            "phone": self.tr("Phone"),
            "linkedin": self.tr("LinkedIn"),
            "location": self.tr("Location"),
            "country": self.tr("Country"),
        }
        placeholders = {
            "name": self.tr("Sam Taylor"),
            "email": self.tr("sam@example.org"),
            "phone": self.tr("+44 7700 900123"),
            "linkedin": self.tr("https://www.linkedin.com/in/…"),
            "location": self.tr("Leeds, UK"),
        }
        current = profile_service.get_profile()
        self.edits: dict[str, QLineEdit] = {}
        self.errors = FieldErrors("profile")
        form = QFormLayout()
        for name in self.FIELDS:
            if name == "country":  # a pick list: phone numbers without +44 … are read as this country's
                self.country_combo = country_combo(self, "profile_country", current.country)
                self.country_combo.setToolTip(self.tr("Phone numbers typed without +country code are read "
                                                      "as numbers of this country"))
                form.addRow(labels[name], self.errors.wrap(name, self.country_combo, self))
                continue
            edit = QLineEdit(self)
            edit.setObjectName(f"profile_{name}")
            edit.setAccessibleName(labels[name])
            edit.setPlaceholderText(placeholders[name])
            value = getattr(current, name) or ""
            edit.setText(format_phone(value) if name == "phone" else value)
            form.addRow(labels[name], self.errors.wrap(name, edit, self))
            edit.textChanged.connect(lambda _text, n=name: self.errors.labels[n].hide())
            self.edits[name] = edit
        intro = QLabel(self.tr("Used on your reference pack and in the messages Afterview drafts for you. "
                               "It stays on this computer."), self)
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("profile_buttons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, str]:
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        values["country"] = country_of(self.country_combo)
        return values

    def save(self) -> bool:
        """Store the profile and close, or show what is wrong next to the field."""
        # the country typed (or stored) wins; the machine's locale is the last guess
        region = QLocale.system().name().partition("_")[2] or None
        try:
            profile_service.save_profile(self.values(), region=region)
        except ValidationError as exc:
            self.errors.show(exc.field, exc.message)
            return False
        self.accept()
        return True
