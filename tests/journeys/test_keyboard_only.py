"""Every tab driven with the keyboard alone (issue #18): no mouse, every key sent to the widget
that has the focus, as a keyboard user's keys are.

Each journey switches to its tab with Ctrl+<n>, finds with Ctrl+F, Tabs into the list, moves
with the arrows, acts with Enter, F2 or Delete, and Tabs on out of the list to the buttons a
keyboard user could never reach before (Feedback, Give referees, Brief, Dismiss). Forms that
open are filled in and saved with the keyboard too (Ctrl+Enter).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from desktop_app import clock
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: Any, demo_store: Path, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> MainWindow:
    """The main window on the sample data (25 Nov 2026), shown and active."""
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 25))
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 25, 10, tzinfo=timezone.utc))
    made = MainWindow(AppContext.create(demo_store, prompts=prompts))
    qtbot.addWidget(made)
    made.resize(1024, 640)
    activate(qtbot, made)
    return made


def activate(qtbot: Any, widget: QWidget) -> None:
    widget.show()
    widget.windowHandle().requestActivate()
    qtbot.waitUntil(widget.isActiveWindow)


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(qtbot: Any, which: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press ``which`` where the keyboard focus is."""
    qtbot.keyClick(focus(), which, modifiers)


def type_text(qtbot: Any, text: str) -> None:
    qtbot.keyClicks(focus(), text)


def tab_to(qtbot: Any, wanted: QWidget, limit: int = 60) -> int:
    """Press Tab until ``wanted`` has the focus; how many presses it took (fails after ``limit``)."""
    for presses in range(limit):
        if focus() is wanted:
            return presses
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {wanted.objectName()} (stuck at {focus().objectName()})")


def go_to_tab(qtbot: Any, window: MainWindow, number: int) -> Any:
    key(qtbot, getattr(Qt.Key, f"Key_{number}"), CTRL)
    assert window.tabs.currentIndex() == number - 1
    tab = window.tab(number - 1)
    qtbot.waitUntil(tab.isVisible)
    return tab


def keyboard_dialogs(qtbot: Any, monkeypatch: pytest.MonkeyPatch, owner: type,
                     *steps: Callable[[Any], None]) -> list[Any]:
    """Each dialog ``owner.run_dialog`` opens is shown, made active and handed to the next step,
    which works it with keys only; returns the dialogs seen."""
    queue, seen = list(steps), []

    def run(_tab: Any, dialog: Any) -> bool:
        seen.append(dialog)
        activate(qtbot, dialog)
        queue.pop(0)(dialog)
        result = dialog.result() == 1
        dialog.close()
        activate(qtbot, dialog.parent().window())  # (offscreen, closing does not hand activation back)
        return result

    monkeypatch.setattr(owner, "run_dialog", run)
    return seen


def test_today_by_keyboard(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = go_to_tab(qtbot, window, 1)
    qtbot.waitUntil(lambda: tab.due_count() > 0)
    before = tab.due_count()
    key(qtbot, Qt.Key.Key_F, CTRL)
    assert focus() is tab.panel.filter_edit
    tab_to(qtbot, tab.panel.table, limit=3)
    key(qtbot, Qt.Key.Key_Down)
    chosen = tab.current_item()
    assert chosen is not None
    # Tab leaves the list (the selection stays) and reaches Dismiss; Space presses it
    presses = tab_to(qtbot, tab.dismiss_button, limit=10)
    assert presses >= 1 and tab.current_item() == chosen
    key(qtbot, Qt.Key.Key_Space)
    assert tab.due_count() == before - 1
    assert chosen.key not in [i.key for i in tab.items()]


def test_applications_by_keyboard(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.ui.applications_tab import ApplicationsTab

    tab = go_to_tab(qtbot, window, 2)
    key(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, "Business Intelligence")
    tab_to(qtbot, tab.panel.table, limit=3)
    key(qtbot, Qt.Key.Key_Down)
    assert tab.panel.current_row().role == "Business Intelligence Analyst"

    def change_source(dialog: Any) -> None:
        assert focus().window() is dialog
        dialog.source_edit.setFocus()
        type_text(qtbot, " (keyboard)")
        key(qtbot, Qt.Key.Key_Return)  # Enter moves on, it does not save half-way
        assert dialog.isVisible() and dialog.result() == 0
        key(qtbot, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter saves

    def feedback(dialog: Any) -> None:
        dialog.text_edit.setFocus()
        type_text(qtbot, "Clear and kind.")
        key(qtbot, Qt.Key.Key_Tab)  # Tab leaves Notes, types no tab character
        assert "\t" not in dialog.text_edit.toPlainText()
        key(qtbot, Qt.Key.Key_Return, CTRL)

    seen = keyboard_dialogs(qtbot, monkeypatch, ApplicationsTab, change_source, feedback)
    key(qtbot, Qt.Key.Key_Return)  # Enter on the row: its main action, Edit
    assert [type(d).__name__ for d in seen] == ["ApplicationDialog"]
    assert seen[0].result() == 1
    assert tab.panel.current_row().role == "Business Intelligence Analyst"
    # from the list, Tab reaches the detail pane's Feedback… button
    tab_to(qtbot, tab.detail.feedback_button)
    key(qtbot, Qt.Key.Key_Space)
    assert [type(d).__name__ for d in seen] == ["ApplicationDialog", "FeedbackDialog"]
    assert "Clear and kind." in tab.detail.feedback.text()
    tab_to(qtbot, tab.detail.referees_button)  # Give referees is reachable too


def test_referees_by_keyboard(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.ui.referees_tab import RefereesTab

    tab = go_to_tab(qtbot, window, 3)
    key(qtbot, Qt.Key.Key_F, CTRL)
    tab_to(qtbot, tab.panel.table, limit=3)
    key(qtbot, Qt.Key.Key_Down)
    chosen = tab.current_referee()
    assert chosen is not None

    def cancel(dialog: Any) -> None:
        key(qtbot, Qt.Key.Key_Escape)

    seen = keyboard_dialogs(qtbot, monkeypatch, RefereesTab, cancel, cancel)
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_F2)
    assert [type(d).__name__ for d in seen] == ["RefereeDialog", "RefereeDialog"]
    assert tab.current_referee() is not None and tab.current_referee().id == chosen.id
    tab_to(qtbot, tab.brief_button)


def test_vault_by_keyboard(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                           prompts: ScriptedPrompts) -> None:
    from desktop_app.ui.vault_tab import VaultTab

    tab = go_to_tab(qtbot, window, 4)
    key(qtbot, Qt.Key.Key_F, CTRL)
    assert focus().objectName() == "qualifications_filter"
    tab_to(qtbot, tab.qualifications.table, limit=3)
    key(qtbot, Qt.Key.Key_Down)
    assert tab.current_qualification() is not None

    def cancel(dialog: Any) -> None:
        key(qtbot, Qt.Key.Key_Escape)

    seen = keyboard_dialogs(qtbot, monkeypatch, VaultTab, cancel)
    key(qtbot, Qt.Key.Key_Return)
    assert [type(d).__name__ for d in seen] == ["QualificationDialog"]
    count = tab.qualifications.visible_count()
    prompts.script("confirm_destructive", True)
    key(qtbot, Qt.Key.Key_Delete)
    assert tab.qualifications.visible_count() == count - 1
    # Tab leaves the list for the next control, not the next cell
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is not tab.qualifications.table
    assert isinstance(focus(), (QAbstractButton, QWidget))


def test_organisations_by_keyboard(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.ui.organisations_tab import OrganisationsTab

    tab = go_to_tab(qtbot, window, 5)
    key(qtbot, Qt.Key.Key_F, CTRL)
    assert focus() is tab.panel.filter_edit
    type_text(qtbot, "Northwind")
    tab_to(qtbot, tab.panel.table, limit=3)
    key(qtbot, Qt.Key.Key_Down)
    assert tab.selected_id() is not None

    def cancel(dialog: Any) -> None:
        key(qtbot, Qt.Key.Key_Escape)

    seen = keyboard_dialogs(qtbot, monkeypatch, OrganisationsTab, cancel)
    key(qtbot, Qt.Key.Key_Return)
    assert [type(d).__name__ for d in seen] == ["OrganisationDialog"]
    tab_to(qtbot, tab.view.edit_button)
