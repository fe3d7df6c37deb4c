"""Small widget helpers shared by the tabs and dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

#: How many characters a list of names shows before its width stops following its items.
NAME_COMBO_CHARACTERS = 28


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



def name_combo(parent: QWidget) -> QComboBox:
    """A drop-down of names (people, organisations, applications) that does not widen with them.

    A plain QComboBox is as wide as its longest item: one 480-character name made the
    window 3840 px wide. This one is :data:`NAME_COMBO_CHARACTERS` characters wide at
    least and grows only with its layout; the open list still shows the names whole.
    """
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(NAME_COMBO_CHARACTERS)
    return combo
