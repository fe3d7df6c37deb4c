"""The table model and its sorting proxy: a header click sorts by what the column means (days as days)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow


def test_clicking_a_header_sorts(qtbot, demo_store: Path) -> None:
    window = MainWindow(AppContext.create(demo_store))
    qtbot.addWidget(window)
    panel = window.applications_tab.panel
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    roles = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert roles == sorted(roles, key=str.casefold)
    panel.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    first = panel.model.row_at(panel.proxy.mapToSource(panel.proxy.index(0, 0)).row())
    assert first.applied_on == max(r.applied_on for r in panel.model.rows())
