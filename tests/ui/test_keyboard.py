"""The keyboard rules (issue #18): Tab leaves lists and Notes boxes, Enter does not save a form
half-filled, Ctrl+Enter saves, Delete and F2 act on the selected row."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QPlainTextEdit

from desktop_app.ui.dialogs.application_dialog import ApplicationDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.dialogs.referee_dialog import RefereeDialog
from tests.helpers.scripted_prompts import ScriptedPrompts


def activated(qtbot: Any, widget: Any) -> Any:
    """``widget`` shown and made the active window (offscreen, activation arrives later)."""
    widget.show()
    widget.windowHandle().requestActivate()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def shown(qtbot: Any, window: MainWindow, index: int) -> Any:
    tab = window.show_tab(index)
    activated(qtbot, window)
    qtbot.waitUntil(tab.isVisible)  # a tab built on first use is shown by a queued call
    return tab


def test_tab_leaves_the_applications_table_without_changing_the_selection(qtbot: Any, window: MainWindow) -> None:
    tab = shown(qtbot, window, 1)
    table = tab.panel.table
    tab.panel.select_row(lambda r: r.role == "Data Analyst")
    table.setFocus()
    before = tab.panel.current_row()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    assert tab.panel.current_row() is before
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is table  # Shift+Tab comes back


def test_no_list_in_any_tab_keeps_tab_for_itself(qtbot: Any, window: MainWindow) -> None:
    activated(qtbot, window)
    views = []
    for index in range(window.tabs.count()):
        shown(qtbot, window, index)
        views += [v for v in window.tab(index).findChildren(QAbstractItemView) if v.isVisible()]
    assert len(views) >= 6, [v.objectName() for v in views]
    trapping = [v.objectName() or type(v).__name__ for v in views if v.tabKeyNavigation()]
    assert trapping == []


def test_tab_in_notes_moves_on_and_types_no_tab_character(qtbot: Any, store: Any) -> None:
    dialog = ApplicationDialog()
    qtbot.addWidget(dialog)
    activated(qtbot, dialog)
    notes = dialog.notes_edit
    notes.setFocus()
    qtbot.keyClicks(notes, "Met them at a fair")
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert "\t" not in notes.toPlainText()
    assert QApplication.focusWidget() is not notes


def test_enter_in_a_field_moves_on_and_ctrl_enter_saves(qtbot: Any, store: Any) -> None:
    dialog = ApplicationDialog()
    qtbot.addWidget(dialog)
    activated(qtbot, dialog)
    dialog.role_edit.setFocus()
    qtbot.keyClicks(dialog.role_edit, "Data Analyst")
    qtbot.keyClick(dialog.role_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0  # not saved half-filled
    assert QApplication.focusWidget() is not dialog.role_edit
    employer = dialog.employer_combo
    employer.setFocus()
    qtbot.keyClicks(employer.lineEdit(), "Northwind Ltd")
    qtbot.keyClick(employer.lineEdit(), Qt.Key.Key_Enter)
    assert dialog.isVisible() and dialog.result() == 0
    notes = dialog.notes_edit
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_id is not None


def test_save_button_tells_its_shortcut(qtbot: Any, store: Any) -> None:
    dialog = RefereeDialog()
    qtbot.addWidget(dialog)
    activated(qtbot, dialog)
    from desktop_app.ui import keyboard

    assert "Ctrl+Enter" in keyboard.save_button(dialog).toolTip()


def test_notes_of_every_shown_dialog_move_focus_on_tab(qtbot: Any, store: Any) -> None:
    dialog = RefereeDialog()
    qtbot.addWidget(dialog)
    activated(qtbot, dialog)
    boxes = [b for b in dialog.findChildren(QPlainTextEdit) if not b.isReadOnly()]
    assert boxes and all(b.tabChangesFocus() for b in boxes)


def test_delete_key_on_an_application_asks_then_deletes(qtbot: Any, window: MainWindow,
                                                        prompts: ScriptedPrompts) -> None:
    tab = shown(qtbot, window, 1)
    tab.panel.select_row(lambda r: r.role == "Commercial Analyst")
    before = tab.panel.visible_count()
    prompts.script("confirm_destructive", True)
    tab.panel.table.setFocus()
    qtbot.keyClick(tab.panel.table, Qt.Key.Key_Delete)
    assert [a.title for a in prompts.asked_of("confirm_destructive")] == ["Delete application"]
    assert tab.panel.visible_count() == before - 1


def test_delete_key_in_the_vault_deletes_the_selected_qualification(qtbot: Any, window: MainWindow,
                                                                    prompts: ScriptedPrompts) -> None:
    tab = shown(qtbot, window, 3)
    assert tab.qualifications.select_row(lambda r: True)
    tab.qualifications.table.setFocus()
    qtbot.keyClick(tab.qualifications.table, Qt.Key.Key_Delete)  # unscripted: the user cancels
    assert [a.title for a in prompts.asked_of("confirm_destructive")] == ["Delete qualification"]
    assert tab.qualifications.visible_count() > 0  # cancelled: nothing deleted


def test_f2_edits_the_selected_row_and_is_in_the_edit_menu(qtbot: Any, window: MainWindow,
                                                          monkeypatch: Any) -> None:
    tab = shown(qtbot, window, 2)
    tab.panel.select_row(lambda r: True)
    opened = []
    monkeypatch.setattr(type(tab), "run_dialog", lambda _self, dialog: opened.append(dialog) or False)
    tab.panel.table.setFocus()
    qtbot.keyClick(tab.panel.table, Qt.Key.Key_F2)
    assert [type(d).__name__ for d in opened] == ["RefereeDialog"]
    assert window.edit_selected_action in window.edit_menu.actions()
    assert window.edit_selected_action.shortcut().toString() == "F2"


def test_enter_on_an_organisation_opens_it(qtbot: Any, window: MainWindow, monkeypatch: Any) -> None:
    tab = shown(qtbot, window, 4)
    tab.panel.select_row(lambda r: True)
    opened = []
    monkeypatch.setattr(type(tab), "run_dialog", lambda _self, dialog: opened.append(dialog) or False)
    tab.panel.table.setFocus()
    qtbot.keyClick(tab.panel.table, Qt.Key.Key_Return)
    assert [type(d).__name__ for d in opened] == ["OrganisationDialog"]


def test_tabs_have_mnemonics_and_view_menu_shows_their_shortcuts(qtbot: Any, window: MainWindow) -> None:
    shown(qtbot, window, 0)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentIndex() == 3  # Va&ult
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentIndex() == 1  # A&pplications
    shortcuts = [a.shortcut().toString() for a in window.view_menu.actions() if a in window.tab_actions]
    assert shortcuts == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5"]
    assert all("&" in a.text() for a in window.tab_actions)
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_detail_pane_buttons_have_mnemonics(qtbot: Any, window: MainWindow, monkeypatch: Any) -> None:
    tab = shown(qtbot, window, 1)
    tab.panel.select_row(lambda r: r.role == "Data Analyst")
    opened = []
    monkeypatch.setattr(type(tab), "run_dialog", lambda _self, dialog: opened.append(dialog) or False)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(opened))  # a mnemonic "animates" the click first
    assert [type(d).__name__ for d in opened] == ["FeedbackDialog"]
    assert tab.detail.feedback_button.accessibleName() == "Feedback"


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_enter_presses_the_focused_button_in_the_main_window_as_space_does(qtbot: Any, window: MainWindow,
                                                                           key: Qt.Key) -> None:
    """Issue #18 finding 5: outside dialogs Qt presses a focused button on Space only."""
    from PySide6.QtWidgets import QToolButton

    tab = shown(qtbot, window, 1)
    assert not tab.board_view_button.isChecked()
    tab.board_view_button.setFocus()
    qtbot.keyClick(tab.board_view_button, key)
    assert tab.board_view_button.isChecked()
    # a tool button of the toolbar too
    pressed: list[bool] = []
    tool = next(b for b in window.toolbar.findChildren(QToolButton) if b.defaultAction() is window.profile_action)
    window.profile_action.triggered.disconnect()
    window.profile_action.triggered.connect(lambda _checked=False: pressed.append(True))
    tool.setFocus()
    qtbot.keyClick(tool, key)
    assert pressed == [True]
