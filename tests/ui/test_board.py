"""The Applications board (issue #18): columns by stage, cards moved by drag, keys and menu, with Undo."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from desktop_app.services.applications import pipeline
from desktop_app.services.applications.pipeline import ApplicationRow
from desktop_app.ui.applications_tab import ApplicationsTab
from desktop_app.ui.board import BoardView, column_of, waited_text
from desktop_app.ui.ui_settings import APPLICATIONS_VIEW
from tests.helpers.applications_tab import tab  # noqa: F401 (the fixture)
from tests.helpers.scripted_prompts import ScriptedPrompts

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def stage_of(app_id: int) -> str:
    return next(r.stage for r in pipeline.list_application_rows(with_next_step=False) if r.id == app_id)


def first_in(board: BoardView, column: str) -> int:
    return board.columns[column].cards[0].row.id


def activate(qtbot: Any, window: Any) -> None:
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)


def shown_board(qtbot: Any, tab: ApplicationsTab) -> BoardView:
    qtbot.mouseClick(tab.board_view_button, Qt.MouseButton.LeftButton)
    assert tab.showing_board()
    return tab.board


def drop_on(board: BoardView, column: str, app_id: int) -> None:
    """A card's drag data dropped on a column: the column's drop handler, called with a real drop event
    (Qt delivers drop events only from a drag in progress, which cannot run headless)."""
    target = board.columns[column]
    data = board.mime_data(app_id)
    point = QPointF(target.width() / 2, target.height() / 2)
    drop = QDropEvent(point, Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    target.dropEvent(drop)


def test_columns_hold_every_application_by_stage_with_waiting_days(qtbot: Any, tab: ApplicationsTab) -> None:
    board = shown_board(qtbot, tab)
    rows = pipeline.list_application_rows()
    for key, column in board.columns.items():
        expected = {r.id for r in rows if column_of(r.stage) == key}
        assert {c.row.id for c in column.cards} == expected
        assert column.heading.text().endswith(f"({len(expected)})")
    closed = board.columns["closed"].cards[0]
    assert "Withdrawn" in closed.accessibleName() or "Rejected" in closed.accessibleName() \
        or "No response" in closed.accessibleName() or "Accepted" in closed.accessibleName()
    card = board.columns["applied"].cards[0]
    assert card.row.role in card.accessibleName()
    assert "waiting" in card.accessibleName()


def test_waited_text_counts_days_since_last_contact_else_applied() -> None:
    row = ApplicationRow(1, "Analyst", 1, "Acme", None, None, None, "", date(2026, 11, 1), "applied", None, "")
    assert waited_text(row, date(2026, 11, 13)) == "waiting 12 days"
    contacted = ApplicationRow(1, "Analyst", 1, "Acme", None, None, None, "", date(2026, 11, 1), "applied",
                               datetime(2026, 11, 12, 9, tzinfo=timezone.utc), "")
    assert waited_text(contacted, date(2026, 11, 13)) == "waiting 1 day"
    assert waited_text(contacted, date(2026, 11, 12)) == "waiting since today"


def test_drop_into_interviewing_changes_stage_and_undo_reverts(qtbot: Any, tab: ApplicationsTab) -> None:
    board = shown_board(qtbot, tab)
    app_id = first_in(board, "applied")
    drop_on(board, "interviewing", app_id)
    assert stage_of(app_id) == "interviewing"
    assert app_id in {c.row.id for c in board.columns["interviewing"].cards}
    history = pipeline.stage_history(app_id)
    assert history[-1].stage == "interviewing"
    message = tab.window().undo()
    assert "Interviewing" in message
    assert stage_of(app_id) == "applied"
    assert len(pipeline.stage_history(app_id)) == len(history) - 1
    assert app_id in {c.row.id for c in board.columns["applied"].cards}


def test_drop_into_closed_asks_which_closed_stage(qtbot: Any, tab: ApplicationsTab,
                                                  prompts: ScriptedPrompts) -> None:
    board = shown_board(qtbot, tab)
    app_id = first_in(board, "offer")
    prompts.script("choose_one", 1)  # Rejected
    drop_on(board, "closed", app_id)
    asked = prompts.asked_of("choose_one")[-1]
    assert asked.details["choices"] == ["Accepted", "Rejected", "Withdrawn", "No response"]
    assert stage_of(app_id) == "rejected"
    assert "Rejected" in board.card(app_id).accessibleName()  # type: ignore[union-attr]


def test_cancelling_the_closed_question_changes_nothing(qtbot: Any, tab: ApplicationsTab,
                                                        prompts: ScriptedPrompts) -> None:
    board = shown_board(qtbot, tab)
    app_id = first_in(board, "applied")
    drop_on(board, "closed", app_id)  # nothing scripted: the question is cancelled
    assert prompts.asked_of("choose_one")
    assert stage_of(app_id) == "applied"


def test_drop_on_own_column_does_nothing(qtbot: Any, tab: ApplicationsTab, prompts: ScriptedPrompts) -> None:
    board = shown_board(qtbot, tab)
    app_id = first_in(board, "applied")
    drop_on(board, "applied", app_id)
    assert stage_of(app_id) == "applied"
    assert board.drop(board.mime_data(app_id), "applied") is False


def test_keyboard_arrows_enter_and_move_shortcut(qtbot: Any, tab: ApplicationsTab) -> None:
    activate(qtbot, tab.window())
    board = shown_board(qtbot, tab)
    applied = board.columns["applied"].cards
    applied[0].setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: applied[0].hasFocus())
    qtbot.keyClick(applied[0], Qt.Key.Key_Down)
    assert applied[1].hasFocus()
    assert tab.selected_id() == applied[1].row.id  # the detail pane follows the card
    qtbot.keyClick(applied[1], Qt.Key.Key_Right)
    interviewing = board.columns["interviewing"].cards
    assert any(card.hasFocus() for card in interviewing)
    focused = next(card for card in interviewing if card.hasFocus())
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert tab.selected_id() == focused.row.id
    moved = focused.row.id
    qtbot.keyClick(focused, Qt.Key.Key_Left, CTRL_SHIFT)
    assert stage_of(moved) == "applied"
    card = board.card(moved)
    assert card is not None and card.hasFocus()  # the moved card keeps the focus


def test_move_to_menu_actions(qtbot: Any, tab: ApplicationsTab) -> None:
    board = shown_board(qtbot, tab)
    card = board.columns["applied"].cards[0]
    names = [action.objectName() for action in card.actions()]
    assert names == ["board_move_to_interviewing", "board_move_to_offer", "board_move_to_closed"]
    app_id = card.row.id
    card.actions()[1].trigger()
    assert stage_of(app_id) == "offer"


def test_tab_enters_board_once_and_leaves(qtbot: Any, tab: ApplicationsTab) -> None:
    activate(qtbot, tab.window())
    board = shown_board(qtbot, tab)
    board.setFocus(Qt.FocusReason.TabFocusReason)
    first = board.columns["applied"].cards[0]
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not None and not board.isAncestorOf(focus) and focus is not board
    board.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Backtab)
    focus = QApplication.focusWidget()
    assert focus is not None and not board.isAncestorOf(focus) and focus is not board


def test_choice_of_board_is_remembered(qtbot: Any, tab: ApplicationsTab) -> None:
    shown_board(qtbot, tab)
    assert tab.context.ui_settings.get(APPLICATIONS_VIEW) == "board"
    assert not tab.stage_filter.isVisibleTo(tab)
    again = ApplicationsTab(tab.context)
    qtbot.addWidget(again)
    assert again.showing_board() and again.board_view_button.isChecked()
    qtbot.mouseClick(again.list_view_button, Qt.MouseButton.LeftButton)
    assert not again.showing_board()
    assert tab.context.ui_settings.get(APPLICATIONS_VIEW) == "list"


def test_drag_from_a_card_with_the_mouse_starts_a_drag(qtbot: Any, tab: ApplicationsTab,
                                                       monkeypatch: Any) -> None:
    """Mouse press and move past the drag distance: a drag with the card's id (the drop is above)."""
    from desktop_app.ui import board as board_module

    started: list[bytes] = []

    class FakeDrag:
        def __init__(self, _source: Any) -> None:
            self.data: Any = None

        def setMimeData(self, data: Any) -> None:  # noqa: N802 (Qt's name)
            self.data = data

        def setPixmap(self, _pixmap: Any) -> None:  # noqa: N802 (Qt's name)
            pass

        def exec(self, _action: Any) -> None:
            started.append(bytes(self.data.data(board_module.MIME_TYPE).data()))

    monkeypatch.setattr(board_module, "QDrag", FakeDrag)
    board = shown_board(qtbot, tab)
    card = board.columns["applied"].cards[0]
    qtbot.mousePress(card, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.mouseMove(card, QPoint(60, 40))
    assert started == [str(card.row.id).encode()]
