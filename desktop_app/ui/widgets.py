"""Small widget helpers shared by the tabs and dialogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget


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


def choose_file_to_open(parent: QWidget, caption: str, file_filter: str) -> Path | None:
    """The system's open-file dialog, starting in the home folder; None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, caption, str(Path.home()), file_filter)
    return Path(path) if path else None


def choose_file_to_save(parent: QWidget, caption: str, suggested: str, file_filter: str) -> Path | None:
    """The system's save-file dialog, suggesting ``suggested`` in the home folder."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(Path.home() / suggested), file_filter)
    return Path(path) if path else None
