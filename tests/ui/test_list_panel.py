"""A list with its filter box: typing narrows the rows shown."""

from __future__ import annotations

from pathlib import Path

from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow


def test_typing_in_the_filter_narrows_the_list(qtbot, demo_store: Path) -> None:
    window = MainWindow(AppContext.create(demo_store))
    qtbot.addWidget(window)
    panel = window.applications_tab.panel
    qtbot.keyClicks(panel.filter_edit, "north")
    assert panel.visible_count() == 2
    qtbot.keyClicks(panel.filter_edit, " quality")
    assert panel.visible_count() == 1
    panel.filter_edit.clear()
    assert panel.visible_count() == 12
