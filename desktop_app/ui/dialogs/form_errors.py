"""Showing a validation message next to the field it is about, in the user's words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class FieldErrors:
    """One red label under each field of a form; ``show(field, message)`` names the problem."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def wrap(self, field: str, widget: QWidget, parent: QWidget) -> QWidget:
        """The widget with its (hidden) error label underneath, ready for a form row."""
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        label = QLabel(box)
        label.setObjectName(f"{self.prefix}_{field}_error")
        label.setStyleSheet("color: #b00020;")
        label.setWordWrap(True)
        label.hide()
        column.addWidget(label)
        self.labels[field] = label
        self.widgets[field] = widget
        return box

    def show(self, field: str, message: str) -> bool:
        """Show ``message`` under ``field``; False when the form has no such field."""
        label = self.labels.get(field)
        if label is None:
            return False
        label.setText(message[:1].upper() + message[1:] + ("" if message.endswith(".") else "."))
        label.show()
        self.widgets[field].setFocus()
        return True

    def clear(self) -> None:
        for label in self.labels.values():
            label.hide()

    def text(self, field: str) -> str:
        label = self.labels[field]
        return label.text() if not label.isHidden() else ""
