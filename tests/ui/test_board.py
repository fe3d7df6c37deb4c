"""The Applications board (issue #18): columns by stage, cards moved by drag, keys and menu, with Undo."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from desktop_app.services.applications import pipeline
from desktop_app.ui.applications_tab import ApplicationsTab
from desktop_app.ui.board import BoardView, closed_text, column_of, waited_text
from desktop_app.ui.ui_settings import APPLICATIONS_VIEW
from tests.helpers.applications_tab import DEMO_TODAY, tab  # noqa: F401 (the fixture)
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


def test_waited_text_counts_whole_days_from_the_last_thing_that_happened() -> None:
    assert waited_text(date(2026, 11, 1), date(2026, 11, 13)) == "waiting 12 days"
    assert waited_text(date(2026, 11, 12), date(2026, 11, 13)) == "waiting 1 day"
    assert waited_text(date(2026, 11, 12), date(2026, 11, 12)) == "waiting since today"


def test_closed_cards_say_when_they_closed_not_how_long_they_waited(qtbot: Any, tab: ApplicationsTab) -> None:
    assert closed_text(date(2026, 11, 1), date(2026, 11, 13)) == "closed 12 days ago"
    assert closed_text(date(2026, 11, 12), date(2026, 11, 13)) == "closed yesterday"
    board = shown_board(qtbot, tab)
    closed = [r for r in pipeline.list_application_rows() if column_of(r.stage) == "closed"]
    assert closed
    for row in closed:
        card = board.card(row.id)
        assert card is not None
        assert "closed " in card.accessibleName() and "waiting" not in card.accessibleName()


def test_a_card_counts_the_wait_from_the_interview_not_from_applying(qtbot: Any, tab: ApplicationsTab) -> None:
    """The fresh-eyes finding: a card counted its wait from the last logged contact, else from applying,
    as if the invitation and the interview had not happened; it counts from the last thing that
    happened, as the next step reads the conversation."""
    from desktop_app.services.applications import waiting

    board = shown_board(qtbot, tab)
    rows = pipeline.list_application_rows()
    since = waiting.last_happened(rows, DEMO_TODAY)
    interviewed = [r for r in rows if r.stage == "interviewing"]
    assert interviewed
    for row in interviewed:
        card = board.card(row.id)
        assert card is not None
        assert waited_text(since[row.id], DEMO_TODAY) in card.accessibleName()
        assert since[row.id] > row.applied_on  # the invitation (and any interview) came after applying
    assert any(since[r.id] != (r.last_contact_at.date() if r.last_contact_at else r.applied_on) for r in rows)


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


def focused_card(board: BoardView) -> Any:
    """The card with the keyboard focus (None when the focus is elsewhere)."""
    focus = QApplication.focusWidget()
    return next((c for column in board.columns.values() for c in column.cards if c is focus), None)


def key(qtbot: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press ``key`` on whatever has the focus, as a keyboard does."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifiers)


def test_keyboard_only_path_through_the_board(qtbot: Any, tab: ApplicationsTab) -> None:
    """Issue #18 (fresh-eyes finding): Tab enters the board, arrows reach every card (Up/Down in a
    column, Left/Right between columns), Enter selects, Ctrl+Shift+Right moves; focus stays on the
    moved card and the detail pane keeps its scroll position. Keys only after the window opens."""
    window = tab.window()
    window.resize(1024, 640)
    activate(qtbot, window)
    tab.board_view_button.setFocus(Qt.FocusReason.OtherFocusReason)
    key(qtbot, Qt.Key.Key_Space)  # the "Board by stage" button, pressed from the keyboard
    board = tab.board
    assert tab.showing_board()
    passed = []
    for _ in range(6):  # Tab down the tab: the buttons above the board, then the board, before the detail pane
        key(qtbot, Qt.Key.Key_Tab)
        if focused_card(board) is not None:
            break
        passed.append(QApplication.focusWidget())
    start = focused_card(board)
    assert start is not None, [w.objectName() for w in passed]
    assert not any(w is tab.detail or tab.detail.isAncestorOf(w) for w in passed)
    key(qtbot, Qt.Key.Key_Tab)  # the next stop after the board is the detail pane
    after = QApplication.focusWidget()
    assert after is tab.detail or tab.detail.isAncestorOf(after), after.objectName()
    key(qtbot, Qt.Key.Key_Backtab)  # and Shift+Tab comes back to the same card
    assert focused_card(board) is start
    key(qtbot, Qt.Key.Key_Backtab)  # Shift+Tab from the board goes to the buttons above it (Delete, now
    assert QApplication.focusWidget() is tab.delete_button  # that focusing the card selected an application)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused_card(board) is start
    columns = [board.columns[k].cards for k in ("applied", "interviewing", "offer", "closed")]
    # to the top-left card, then every card of every column by arrows alone
    for _ in range(12):
        key(qtbot, Qt.Key.Key_Left)
        key(qtbot, Qt.Key.Key_Up)
    assert focused_card(board) is columns[0][0]
    visited = []
    for index, cards in enumerate(columns):
        for _ in range(len(cards) - 1):
            visited.append(focused_card(board).row.id)
            key(qtbot, Qt.Key.Key_Down)
        visited.append(focused_card(board).row.id)
        assert focused_card(board) is cards[-1]
        for _ in range(len(cards) - 1):
            key(qtbot, Qt.Key.Key_Up)
        assert focused_card(board) is cards[0]
        if index + 1 < len(columns):
            key(qtbot, Qt.Key.Key_Right)
    assert sorted(visited) == sorted(c.row.id for cards in columns for c in cards)
    # back to Applied's second card; Enter selects it (the detail pane shows it)
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Left)
    key(qtbot, Qt.Key.Key_Down)
    chosen = focused_card(board)
    assert chosen is board.columns["applied"].cards[1]
    key(qtbot, Qt.Key.Key_Return)
    assert tab.selected_id() == chosen.row.id
    # the detail pane scrolled down (the user read the timeline), then the card moved by keys
    bar = tab.detail.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    scrolled = bar.value()
    moved = chosen.row.id
    key(qtbot, Qt.Key.Key_Right, CTRL_SHIFT)
    assert stage_of(moved) == "interviewing"
    card = focused_card(board)
    assert card is not None and card.row.id == moved and card in board.columns["interviewing"].cards
    assert bar.value() == scrolled
    key(qtbot, Qt.Key.Key_Right, CTRL_SHIFT)
    assert stage_of(moved) == "offer"
    assert focused_card(board).row.id == moved
    assert bar.value() == scrolled
    # and Tab leaves the board again
    key(qtbot, Qt.Key.Key_Tab)
    assert focused_card(board) is None


def test_columns_share_the_width_and_scroll_below_their_minimum(qtbot: Any, tab: ApplicationsTab) -> None:
    """Issue #18: given a wide screen's room the columns widen alike; squeezed, they keep a readable
    width and the board scrolls sideways instead of cutting them. (The board alone: the headless
    screen is 800 pixels wide, so a whole window cannot be made 1920 wide here.)"""
    from desktop_app.ui.board import COLUMN_MIN_WIDTH

    board = BoardView(lambda: tab.context.prompts)
    qtbot.addWidget(board)
    board.set_rows(pipeline.list_application_rows())
    board.resize(1200, 600)  # the board's share of a 1920-wide window
    board.show()
    qtbot.waitExposed(board)
    qtbot.waitUntil(lambda: board.columns["closed"].width() > COLUMN_MIN_WIDTH)
    wide = [c.width() for c in board.columns.values()]
    assert max(wide) - min(wide) <= 2  # shared alike
    assert sum(wide) >= 0.9 * board.width()  # the width is used, not left empty beside them
    assert board.scroll.horizontalScrollBar().maximum() == 0
    board.resize(500, 600)  # the board squeezed (the detail pane dragged wide)
    qtbot.waitUntil(lambda: board.scroll.horizontalScrollBar().maximum() > 0)
    assert all(c.width() == COLUMN_MIN_WIDTH for c in board.columns.values())
    last = board.columns["closed"].cards[0]
    last.setFocus(Qt.FocusReason.OtherFocusReason)  # a card out of sight, reached by keys, is scrolled to
    qtbot.waitUntil(lambda: board.scroll.horizontalScrollBar().value() > 0)


def _answer_in_a_window(qtbot: Any, answer: int | None) -> Any:
    """A scripted answer given as a user gives it: in a window of its own that takes the focus, then
    closes (as the "How did it end?" dialog does), leaving the main window inactive for a moment."""
    from PySide6.QtWidgets import QLineEdit

    def answer_it(_asked: Any) -> int | None:
        dialog = QLineEdit()
        qtbot.addWidget(dialog)
        activate(qtbot, dialog)
        dialog.setFocus()
        qtbot.keyClick(dialog, Qt.Key.Key_Space)
        dialog.close()
        return answer

    return answer_it


@pytest.mark.parametrize("answer", [1, None], ids=["answered", "cancelled"])
def test_the_moved_card_has_the_focus_after_the_closed_question(qtbot: Any, tab: ApplicationsTab,
                                                                prompts: ScriptedPrompts, answer: int | None) -> None:
    """#18: after Ctrl+Shift+Right into Closed and answering "How did it end?", no card had the focus:
    Down did nothing and the next Tab started again at the top of the window."""
    activate(qtbot, tab.window())
    board = shown_board(qtbot, tab)
    app_id = first_in(board, "offer")
    card = board.card(app_id)
    assert card is not None
    card.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(card.hasFocus)
    prompts.script("choose_one", _answer_in_a_window(qtbot, answer))
    qtbot.keyClick(card, Qt.Key.Key_Right, CTRL_SHIFT)
    assert stage_of(app_id) == ("rejected" if answer == 1 else "offer")
    activate(qtbot, tab.window())
    moved = board.card(app_id)
    assert moved is not None and tab.window().focusWidget() is moved
    qtbot.waitUntil(moved.hasFocus)
    others = board.columns["closed" if answer == 1 else "offer"].cards
    if len(others) > 1:  # and the arrows go on from it
        qtbot.keyClick(moved, Qt.Key.Key_Up if others.index(moved) else Qt.Key.Key_Down)
        assert QApplication.focusWidget() in others and QApplication.focusWidget() is not moved


def test_a_press_anywhere_on_a_card_is_the_cards_so_a_drag_can_start(qtbot: Any, tab: ApplicationsTab) -> None:
    """Fresh eyes, under a real window system: dragging a card by its text never started, because
    the rich-text label took the mouse press itself (to look for links), not the card."""
    board = shown_board(qtbot, tab)
    card = board.card(first_in(board, "applied"))
    assert card is not None
    inside_text = card.label.geometry().center()
    assert card.childAt(inside_text) is None  # the window system hands the press to the card itself
