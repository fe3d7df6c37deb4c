"""Edit → Trash… and Edit → Undo, driven as a user does (issue 14, case 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.services.applications import pipeline
from desktop_app.services.core import undo
from desktop_app.store import models as m
from desktop_app.store.backup import automatic


def test_ctrl_z_brings_back_a_deleted_application_with_its_briefings(qtbot: Any, demo_store: Path,
                                                                    main_window: Any) -> None:
    undo.clear()
    app = m.Application.select().join(m.Briefing, on=(m.Briefing.application == m.Application.id)).first()
    briefings = m.Briefing.select().where(m.Briefing.application == app.id).count()
    main_window.show()
    qtbot.waitExposed(main_window)
    pipeline.delete_application(app.id)
    assert m.Briefing.select().where(m.Briefing.application == app.id).count() == 0
    # Edit → Undo, whose shortcut is the platform's Undo key (Ctrl+Z)
    assert main_window.undo_action in main_window.edit_menu.actions()
    assert main_window.undo_action.shortcut().toString() == "Ctrl+Z"
    main_window.undo_action.trigger()
    assert m.Application.get_by_id(app.id).role == app.role
    assert m.Briefing.select().where(m.Briefing.application == app.id).count() == briefings
    assert main_window.statusBar().currentMessage().startswith("Undone: Delete application")
    assert main_window.undo() == "There is nothing to undo."


def test_the_trash_view_restores_and_empties(qtbot: Any, demo_store: Path, main_window: Any, prompts: Any) -> None:
    first, second = list(m.Application.select().order_by(m.Application.id).limit(2))
    pipeline.delete_application(first.id)
    pipeline.delete_application(second.id)
    dialog = main_window.show_trash()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert m.Application.get_or_none(m.Application.id == first.id) is not None
    assert dialog.table.rowCount() == 1 and "Restored" in dialog.status.text()
    prompts.script("confirm_destructive", True)
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0 and not dialog.empty_button.isEnabled()
    assert m.Application.get_or_none(m.Application.id == second.id) is None
    assert [b.kind for b in automatic.list_backups(demo_store)] == ["before-emptying-trash"]


def test_after_restoring_the_entry_that_took_its_place_is_selected(qtbot: Any, demo_store: Path,
                                                                    main_window: Any) -> None:
    """Issue #18 finding 8: after Restore the selection jumped back to the first entry."""
    apps = list(m.Application.select().order_by(m.Application.id).limit(3))
    for app in apps:
        pipeline.delete_application(app.id)
    dialog = main_window.show_trash()
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 2).text() for r in range(3)]
    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert [dialog.table.item(r, 2).text() for r in range(2)] == [names[0], names[2]]
    shown = dialog.table.selectionModel().selectedRows()
    assert [dialog.table.item(i.row(), 2).text() for i in shown] == [names[2]]  # the next one
    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    shown = dialog.table.selectionModel().selectedRows()
    assert [dialog.table.item(i.row(), 2).text() for i in shown] == [names[0]]  # at the end: the one before
