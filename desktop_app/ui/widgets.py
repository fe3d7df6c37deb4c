"""Small widget helpers shared by the tabs and dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget


def push_button(parent: QWidget, name: str, text: str, slot: Callable[[], Any], *,
                shortcut: str | None = None) -> QPushButton:
    """A button with an object name and an accessible name (for tests and screen readers)."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    if shortcut:
        button.setShortcut(QKeySequence(shortcut))
    button.clicked.connect(lambda _checked=False: slot())
    return button

