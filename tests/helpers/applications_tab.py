"""The Applications tab on the sample data, for the tests of the tab and of its dialogs.

Import ``tab`` (a fixture) and ``press`` into a test module; ``DEMO_TODAY`` is the day
the clock is stopped on.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app import clock
from desktop_app.ui.applications_tab import ApplicationsTab
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts

DEMO_TODAY = date(2026, 11, 25)


@pytest.fixture
def tab(qtbot: Any, demo_store: Path, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> ApplicationsTab:
    """The Applications tab of a main window on the sample, the clock stopped on 25 Nov 2026."""
    monkeypatch.setattr(clock, "today", lambda: DEMO_TODAY)
    window = MainWindow(AppContext.create(demo_store, prompts=prompts))
    qtbot.addWidget(window)
    return window.show_tab(1)  # type: ignore[no-any-return]


def press(qtbot: Any, dialog: Any, name: str, button: QDialogButtonBox.StandardButton) -> None:
    """Click ``button`` of the button box called ``name`` in ``dialog``."""
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox, name).button(button), Qt.MouseButton.LeftButton)
