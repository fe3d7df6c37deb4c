"""Journey (issue #18): a job seeker keeps the pipeline on the board and moves cards with the keyboard.

She opens Applications (Ctrl+2), chooses the board with its mnemonic (Alt+Y), Tabs into the
board, moves down to a card, moves it to Interviewing with Ctrl+Shift+Right, sees the detail
pane on it, slips and undoes (Ctrl+Z), closes an offer as "Accepted" (the question through the
prompts seam), and finds the board again the next time Afterview opens.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import clock
from desktop_app.services.applications import pipeline
from desktop_app.ui.applications_tab import ApplicationsTab
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_window(qtbot: Any, demo_store: Path, prompts: ScriptedPrompts) -> MainWindow:
    window = MainWindow(AppContext.create(demo_store, prompts=prompts))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def key(qtbot: Any, which: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target: QWidget | None = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, which, modifiers)


def stage_of(app_id: int) -> str:
    return next(r.stage for r in pipeline.list_application_rows(with_next_step=False) if r.id == app_id)


def test_moving_cards_on_the_board_with_the_keyboard(qtbot: Any, demo_store: Path, prompts: ScriptedPrompts,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 25))
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 25, 10, tzinfo=timezone.utc))
    window = open_window(qtbot, demo_store, prompts)
    key(qtbot, Qt.Key.Key_2, CTRL)
    tab = window.findChild(ApplicationsTab)
    qtbot.waitUntil(tab.isVisible)
    key(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(tab.showing_board)
    board = tab.board

    board.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab arriving at the board
    first = board.columns["applied"].cards[0]
    qtbot.waitUntil(first.hasFocus)
    key(qtbot, Qt.Key.Key_Down)
    second = board.columns["applied"].cards[1]
    assert second.hasFocus()
    app_id = second.row.id
    key(qtbot, Qt.Key.Key_Return)
    assert tab.selected_id() == app_id and tab.detail.isVisible()

    key(qtbot, Qt.Key.Key_Right, CTRL_SHIFT)
    assert stage_of(app_id) == "interviewing"
    assert app_id in {card.row.id for card in board.columns["interviewing"].cards}
    qtbot.waitUntil(lambda: board.card(app_id) is not None and board.card(app_id).hasFocus())

    key(qtbot, Qt.Key.Key_Z, CTRL)  # a slip: Edit → Undo puts it back
    assert stage_of(app_id) == "applied"
    assert "Undone" in window.statusBar().currentMessage()
    assert app_id in {card.row.id for card in board.columns["applied"].cards}

    offer = board.columns["offer"].cards[0]
    offer.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(offer.hasFocus)
    offer_id = offer.row.id
    prompts.script("choose_one", 0)  # Accepted
    key(qtbot, Qt.Key.Key_Right, CTRL_SHIFT)
    assert stage_of(offer_id) == "accepted"
    assert "Accepted" in board.card(offer_id).accessibleName()  # type: ignore[union-attr]

    window.close()
    again = open_window(qtbot, demo_store, prompts)
    again_tab = again.show_tab(1)
    assert again_tab.showing_board()
