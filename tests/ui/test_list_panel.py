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


# ---------------------------------------------------------------- issue 18, finding 8: the selection after Delete
import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from tests.helpers.scripted_prompts import ScriptedPrompts  # noqa: E402
from tests.ui.test_keyboard import shown  # noqa: E402

#: (tab index, the tab's list panel, the key that removes the selected row)
LISTS = {
    "applications": (1, lambda tab: tab.panel, Qt.Key.Key_Delete),
    "qualifications": (3, lambda tab: tab.qualifications, Qt.Key.Key_Delete),
    "contacts": (4, lambda tab: (tab.views.setCurrentIndex(1), tab.contacts_panel)[1], Qt.Key.Key_Delete),
    "referees (retired)": (2, lambda tab: tab.panel, None),
}


def _selected_key(panel) -> object:  # type: ignore[no-untyped-def]
    rows = panel.table.selectionModel().selectedRows()
    return panel.row_key(panel._row_of(rows[0])) if len(rows) == 1 else None


def _key_at(panel, position: int) -> object:  # type: ignore[no-untyped-def]
    return panel.row_key(panel._row_of(panel.proxy.index(position, 0)))


@pytest.mark.parametrize("name", list(LISTS))
def test_after_delete_the_next_row_is_selected_and_after_undo_the_restored_one(
        qtbot, window: MainWindow, prompts: ScriptedPrompts, name: str) -> None:  # type: ignore[no-untyped-def]
    """Every list with Delete: the next row (the previous at the end) is selected after it, and
    Edit → Undo selects the row it put back; the selection never jumps to the top."""
    index, panel_of, key = LISTS[name]
    tab = shown(qtbot, window, index)
    panel = panel_of(tab)
    qtbot.waitUntil(lambda: panel.visible_count() >= 2)

    def remove(position: int) -> object:
        panel._select_at(position)
        gone = _selected_key(panel)
        assert gone is not None
        if key is None:
            tab.toggle_retired()
        else:
            prompts.script("confirm_destructive", True)
            panel.table.setFocus()
            qtbot.keyClick(panel.table, key)
        qtbot.waitUntil(lambda: gone not in [_key_at(panel, r) for r in range(panel.visible_count())])
        return gone

    middle = 1 if panel.visible_count() >= 3 else 0  # (the vault sample holds two qualifications)
    after = _key_at(panel, middle + 1)
    gone = remove(middle)
    qtbot.waitUntil(lambda: _selected_key(panel) == after)
    if key is not None:  # (retiring is undone with Retire again, not Edit → Undo)
        window.undo()
        qtbot.waitUntil(lambda: _selected_key(panel) == gone)
    # the last row: the one before it takes the selection
    last = panel.visible_count() - 1
    before = _key_at(panel, last - 1)
    remove(last)
    qtbot.waitUntil(lambda: _selected_key(panel) == before)


@pytest.mark.qt_log_ignore("does not support raise")  # (the offscreen platform, raising the tip)
def test_a_name_too_wide_for_its_column_is_elided_and_whole_in_its_tool_tip(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    """Issue #18 (fresh eyes): "Dr Nguyễn Thị Minh" was cut in the Referees list, no "…" and
    no way to read it whole."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from desktop_app.services.referees import referees as referee_service
    from desktop_app.ui.list_panel import text_is_cut

    referee_service.create_referee({"name": "Dr Nguyễn Thị Minh", "relationship": "academic"})
    referee_service.create_referee({"name": "Al", "relationship": "colleague"})
    main_window.show()
    qtbot.waitExposed(main_window)
    tab = main_window.show_tab(2)
    tab.refresh()
    table = tab.panel.table
    assert table.textElideMode() == Qt.TextElideMode.ElideRight

    def cell(name: str):  # type: ignore[no-untyped-def]
        return next(table.model().index(r, 0) for r in range(table.model().rowCount())
                    if table.model().index(r, 0).data() == name)

    def tip_at(index) -> str:  # type: ignore[no-untyped-def]
        QToolTip.hideText()
        point = table.visualRect(index).center()
        QApplication.sendEvent(table.viewport(), QHelpEvent(QEvent.Type.ToolTip, point,
                                                            table.viewport().mapToGlobal(point)))
        return QToolTip.text() if QToolTip.isVisible() else ""

    minh = cell("Dr Nguyễn Thị Minh")
    assert not text_is_cut(table, minh)  # fitted to the names, with room to spare
    table.horizontalHeader().resizeSection(0, 60)  # the user narrows the column
    assert text_is_cut(table, minh)
    assert not text_is_cut(table, cell("Al")) and tip_at(cell("Al")) == ""  # a whole name needs no tip
    assert tip_at(minh) == "Dr Nguyễn Thị Minh"
