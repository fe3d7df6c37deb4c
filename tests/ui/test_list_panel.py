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
