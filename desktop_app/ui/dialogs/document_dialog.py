"""What a document is and what it proves: its kind, and the qualification / application it belongs to."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.ui import theme
from desktop_app import vocab
from desktop_app.services.vault import qualifications as vault_service
from desktop_app.services.core.validation import ValidationError
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.widgets import name_combo


class DocumentDialog(QDialog):
    """Link (or unlink) one document; "None" in a list removes that link."""

    def __init__(self, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document_dialog")
        self.document_id = document_id
        row = vault_service.get_document_row(document_id)
        self.setWindowTitle(self.tr("Link document"))
        self.setMinimumWidth(460)
        self.kind = QComboBox(self)
        self.kind.setObjectName("document_kind")
        self.kind.setAccessibleName(self.tr("Kind"))
        for word in vocab.DOCUMENT_KINDS:
            self.kind.addItem(vocab_label(vocab.DOCUMENT_KINDS, word), word)
        self.kind.setCurrentIndex(self.kind.findData(row.kind))
        self.qualification = self._choices("document_qualification", self.tr("Qualification"),
                                           vault_service.qualification_choices(), row.qualification_id)
        self.application = self._choices("document_application", self.tr("Application"),
                                         vault_service.application_choices(), row.application_id)
        self.error = QLabel(self)
        self.error.setObjectName("document_error")
        self.error.setStyleSheet(theme.text_style(theme.ERROR))
        self.error.setWordWrap(True)
        self.error.hide()
        name = QLabel(row.original_name, self)
        name.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Document"), name)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Qualification"), self.qualification)
        form.addRow(self.tr("Application"), self.application)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("document_buttons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _choices(self, name: str, label: str, choices: list[vault_service.Choice],
                 current: int | None) -> QComboBox:
        combo = name_combo(self)
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        combo.addItem(self.tr("None"), None)
        for choice in choices:
            combo.addItem(choice.label, choice.id)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        return combo

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind.currentData(), "qualification": self.qualification.currentData(),
                "application": self.application.currentData()}

    def save(self) -> bool:
        try:
            vault_service.update_document(self.document_id, self.values())
        except ValidationError as exc:
            self.error.setText(f"{exc.field}: {exc.message}")
            self.error.show()
            return False
        self.accept()
        return True
