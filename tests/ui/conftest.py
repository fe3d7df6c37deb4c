"""Fixtures of the window tests (``tests/ui/`` and below)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from desktop_app import clock
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts

DEMO_TODAY = date(2026, 11, 25)


@pytest.fixture
def window(qtbot: Any, demo_store: Path, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> MainWindow:
    """The main window on the sample data, the clock stopped at 10:00 UTC on 25 Nov 2026."""
    monkeypatch.setattr(clock, "today", lambda: DEMO_TODAY)
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 25, 10, tzinfo=timezone.utc))
    made = MainWindow(AppContext.create(demo_store, prompts=prompts))
    qtbot.addWidget(made)
    return made


@pytest.fixture(autouse=True)
def keyboard_rules(qapp: Any) -> None:
    """Every window test runs with the keyboard rules the running app has (issue #18)."""
    from desktop_app.ui import keyboard

    keyboard.install()
