"""The Applications board: the pipeline as columns by stage, one card per application (issue #18).

Columns: Applied, Interviewing, Offer and Closed (accepted, rejected, withdrawn and no
response, the stage named on the card). The cards are made from the same plain
:class:`~desktop_app.services.applications.pipeline.ApplicationRow` values the list shows,
so painting never reads the database. Moving a card (dragging it, its "Move to" actions,
or Ctrl+Shift+Left/Right) changes the stage through
:func:`desktop_app.services.applications.pipeline.update_application`, the call the
stage field of the application dialog ends in: the same checks, the same stage history
entry and the same Edit → Undo step. Dropping into Closed asks which closed stage
through the prompts seam (``Prompts.choose_one``).

Keyboard: Tab enters the board at the current card (the selected application's, else the
first) and the next Tab leaves it for what follows the board (Shift+Tab: what precedes it);
Up/Down move between the cards of a column, Left/Right between columns; Enter opens the
card's application; Ctrl+Shift+Left/Right moves the card and the focus stays on it; the
menu key or a right-click shows "Move to …". The focused card has the focus ring of
:mod:`desktop_app.ui.theme` round its highlighted face.

Width: the columns share the board's width alike and grow with the window; below
:data:`COLUMN_MIN_WIDTH` each the board scrolls sideways instead of squeezing them.

"Waiting N days" counts from the last thing that happened in the conversation (an
interview, an answer, a chaser, any contact), from
:func:`desktop_app.services.applications.waiting.last_happened`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QDrag, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app import clock, vocab
from desktop_app.services.applications import pipeline as application_service
from desktop_app.services.applications import waiting
from desktop_app.services.applications.pipeline import ApplicationRow
from desktop_app.services.core.records import ValidationError
from desktop_app.ui import theme
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.models.applications_model import next_step_text, organisation_text
from desktop_app.ui.prompts import Prompts

#: The board's columns, left to right: (key, title, the stages it holds).
COLUMNS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("applied", "Applied", frozenset({"applied"})),
    ("interviewing", "Interviewing", frozenset({"interviewing"})),
    ("offer", "Offer", frozenset({"offer"})),
    ("closed", "Closed", frozenset(vocab.STAGES) - vocab.LIVE_STAGES),
)
#: The closed stages, in the order they are offered when a card is dropped into Closed.
CLOSED_STAGES: tuple[str, ...] = ("accepted", "rejected", "withdrawn", "no_response")
#: The drag's data type: the application id as ASCII digits.
MIME_TYPE = "application/x-afterview-application"
#: At most this many cards per column; more are left to the list (10,000 widgets would take seconds).
CARDS_PER_COLUMN = 150
#: The narrowest a column gets, in pixels: a role of two or three words per line stays readable.
#: Narrower than four of these, the board scrolls sideways.
COLUMN_MIN_WIDTH = 150


def column_of(stage: str) -> str:
    """The key of the column holding an application at ``stage`` (KeyError for an unknown stage)."""
    for key, _title, stages in COLUMNS:
        if stage in stages:
            return key
    raise KeyError(stage)


def closed_text(closed_on: date, today: date) -> str:
    """"closed N days ago" for a card in the Closed column (nothing is awaited there), in whole days."""
    days = waiting.waited_days(closed_on, today)
    if days == 0:
        return QApplication.translate("Board", "closed today")
    if days == 1:
        return QApplication.translate("Board", "closed yesterday")
    return QApplication.translate("Board", "closed {0} days ago").format(days)


def waited_text(since: date, today: date) -> str:
    """"waiting N days" from ``since`` (the last thing that happened, see
    :func:`~desktop_app.services.applications.waiting.last_happened`) to ``today``, in whole days."""
    days = waiting.waited_days(since, today)
    if days == 0:
        return QApplication.translate("Board", "waiting since today")
    if days == 1:
        return QApplication.translate("Board", "waiting 1 day")
    return QApplication.translate("Board", "waiting {0} days").format(days)


class BoardCard(QFrame):
    """One application on the board: role, organisation, next step and how long it has waited."""

    def __init__(self, board: BoardView, row: ApplicationRow, today: date, parent: QWidget,
                 since: date | None = None) -> None:
        """``since``: the day the wait counts from (default: the day it was applied for)."""
        super().__init__(parent)
        self.board = board
        self.row = row
        self.setObjectName(f"board_card_{row.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # click focus only: Tab reaches the board once (see BoardView.focusInEvent), not every card
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAutoFillBackground(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        lines = [f"<b>{_escape(row.role)}</b>", _escape(organisation_text(row))]
        closed = column_of(row.stage) == "closed"
        if closed:
            lines.append(_escape(vocab_label(vocab.STAGES, row.stage)))
        step = next_step_text(row.next_step)
        if step:
            lines.append(_escape(step))
        how_long = closed_text if closed else waited_text
        lines.append(f"<i>{_escape(how_long(since or row.applied_on, today))}</i>")
        self.label = QLabel("<br>".join(lines), self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        # the press and the drag are the card's: a rich-text label takes mouse presses itself
        # (to look for links), so under a real window system a drag never started (issue 18)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label)
        plain = self.label.text().replace("<br>", ", ")
        for tag in ("<b>", "</b>", "<i>", "</i>"):
            plain = plain.replace(tag, "")
        self.setAccessibleName(plain)
        self.setToolTip(plain)
        self._press: QPoint | None = None
        for key, title, _stages in COLUMNS:
            if key == column_of(row.stage):
                continue
            action = QAction(QApplication.translate("Board", "Move to {0}").format(
                QApplication.translate("Board", title)), self)
            action.setObjectName(f"board_move_to_{key}")
            action.triggered.connect(lambda _checked=False, k=key: self.board.move_to(self.row.id, k))
            self.addAction(action)
        self._paint(False)

    def _paint(self, current: bool) -> None:
        # palette roles, not fixed colours: readable on the light and the dark theme alike
        palette = self.palette()
        role = QPalette.ColorRole.Highlight if current else QPalette.ColorRole.Base
        text = QPalette.ColorRole.HighlightedText if current else QPalette.ColorRole.Text
        palette.setColor(QPalette.ColorRole.Window, QApplication.palette().color(role))
        palette.setColor(QPalette.ColorRole.WindowText, QApplication.palette().color(text))
        self.setPalette(palette)
        self.label.setPalette(palette)

    def focusInEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        super().focusInEvent(event)  # type: ignore[arg-type]
        self._paint(True)
        self.board._card_focused(self)

    def focusOutEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self._paint(False)

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        super().paintEvent(event)  # type: ignore[arg-type]
        if self.hasFocus():  # the focus ring, besides the highlight: seen at a glance on either theme
            painter = QPainter(self)
            theme.draw_focus_ring(painter, self.rect())
            painter.end()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 (Qt's name)
        # Tab and Shift+Tab leave the board for the widget after or before it: the cards are made
        # after the rest of the window, so Qt's own chain would jump from a card to the tab bar
        return self.board.leave(next)

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        key = event.key()  # type: ignore[attr-defined]
        modifiers = event.modifiers()  # type: ignore[attr-defined]
        move = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and (modifiers & move) == move:
            self.board.move_beside(self.row.id, -1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.board._step_focus(self, key)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.board.card_activated.emit(self.row.id)
        else:
            super().keyPressEvent(event)  # type: ignore[arg-type]

    def mouseDoubleClickEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        self.board.card_activated.emit(self.row.id)

    def mousePressEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        if event.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            self._press = event.position().toPoint()  # type: ignore[attr-defined]
        super().mousePressEvent(event)  # type: ignore[arg-type]

    def mouseMoveEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        if self._press is None or not (event.buttons() & Qt.MouseButton.LeftButton):  # type: ignore[attr-defined]
            return
        if (event.position().toPoint() - self._press).manhattanLength() < QApplication.startDragDistance():  # type: ignore[attr-defined]
            return
        self._press = None
        drag = QDrag(self)
        drag.setMimeData(self.board.mime_data(self.row.id))
        drag.setPixmap(self.grab())
        drag.exec(Qt.DropAction.MoveAction)


class BoardColumn(QFrame):
    """One column of cards; takes dropped cards (see :meth:`BoardView.drop`)."""

    def __init__(self, board: BoardView, key: str, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.board = board
        self.key = key
        self.title = title
        self.setObjectName(f"board_column_{key}")
        self.setAcceptDrops(True)
        self.setMinimumWidth(COLUMN_MIN_WIDTH)
        self.heading = QLabel(self)
        self.heading.setObjectName(f"board_heading_{key}")
        self.cards_box = QWidget(self)
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.cards_box)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll, 1)
        self.cards: list[BoardCard] = []
        self.more = QLabel(self)
        self.more.setWordWrap(True)
        self.more.hide()
        layout.addWidget(self.more)

    def set_rows(self, rows: Sequence[ApplicationRow], today: date, since: dict[int, date] | None = None) -> None:
        """Cards for the first :data:`CARDS_PER_COLUMN` of ``rows``; ``since``: each one's wait start by id."""
        since = since or {}
        for card in self.cards:
            card.hide()
            card.deleteLater()
        self.cards = []
        shown = rows[:CARDS_PER_COLUMN]
        for row in shown:
            card = BoardCard(self.board, row, today, self.cards_box, since.get(row.id))
            self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
            card.show()  # now, not when the layout next runs: the focus may be given to it at once
            self.cards.append(card)
        self.heading.setText(QApplication.translate("Board", "{0} ({1})").format(
            QApplication.translate("Board", self.title), len(rows)))
        self.heading.setAccessibleName(self.heading.text())
        hidden = len(rows) - len(shown)
        self.more.setText(QApplication.translate("Board", "{0} more — use the List to see them").format(hidden))
        self.more.setVisible(hidden > 0)

    def dragEnterEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        if event.mimeData().hasFormat(MIME_TYPE):  # type: ignore[attr-defined]
            event.acceptProposedAction()  # type: ignore[attr-defined]

    def dragMoveEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        if event.mimeData().hasFormat(MIME_TYPE):  # type: ignore[attr-defined]
            event.acceptProposedAction()  # type: ignore[attr-defined]

    def dropEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        if self.board.drop(event.mimeData(), self.key):  # type: ignore[attr-defined]
            event.acceptProposedAction()  # type: ignore[attr-defined]


class BoardView(QWidget):
    """The board: :data:`COLUMNS` side by side, filled by :meth:`set_rows`.

    Signals: ``card_activated(id)`` (Enter or a double click), ``current_changed(id)`` (a card
    took the focus), ``stage_changed(id)`` (after a move changed the stage; the owner refreshes).
    """

    card_activated = Signal(int)
    current_changed = Signal(int)
    stage_changed = Signal(int)

    def __init__(self, prompts: Callable[[], Prompts], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applications_board")
        self.setAccessibleName(self.tr("Applications board"))
        self._prompts = prompts
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._current_id: int | None = None
        self.columns: dict[str, BoardColumn] = {}
        # the columns side by side in a sideways-scrolling area: they share its width alike and
        # stop shrinking at COLUMN_MIN_WIDTH (each column scrolls its own cards up and down)
        self.strip = QWidget(self)
        self.strip.setObjectName("board_columns")
        columns_layout = QHBoxLayout(self.strip)
        columns_layout.setContentsMargins(0, 0, 0, 0)
        for key, title, _stages in COLUMNS:
            column = BoardColumn(self, key, title, self.strip)
            self.columns[key] = column
            columns_layout.addWidget(column, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("board_scroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.strip)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self._rows: dict[int, ApplicationRow] = {}

    # ---------------------------------------------------------------- contents
    def set_rows(self, rows: Sequence[ApplicationRow], today: date | None = None) -> None:
        """Show ``rows`` (in the order given) as cards; the focused card keeps the focus if still shown."""
        today = today or clock.today()
        had_focus = self._refocus or self.hasFocus() or self.isAncestorOf(QApplication.focusWidget())
        self._refocus = False
        self._filled += 1
        self._rows = {row.id: row for row in rows}
        by_column: dict[str, list[ApplicationRow]] = {key: [] for key in self.columns}
        for row in rows:
            by_column[column_of(row.stage)].append(row)
        shown = [row for column_rows in by_column.values() for row in column_rows[:CARDS_PER_COLUMN]]
        since = waiting.last_happened(shown, today)
        if had_focus:
            # park the focus on the board while its cards are made again: a focused card that is
            # deleted hands the focus down Qt's chain, into the detail pane, which scrolls to it
            self._parking = True
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        for key, column in self.columns.items():
            column.set_rows(by_column[key], today, since)
        self._parking = False
        if had_focus:
            card = self.card(self._current_id) if self._current_id is not None else None
            (card or self).setFocus(Qt.FocusReason.OtherFocusReason)

    def card(self, app_id: int) -> BoardCard | None:
        """The card of application ``app_id``, or None when it is not on the board."""
        for column in self.columns.values():
            for card in column.cards:
                if card.row.id == app_id:
                    return card
        return None

    def current_id(self) -> int | None:
        """The application of the card last focused (None before any)."""
        return self._current_id

    def set_current(self, app_id: int | None) -> None:
        """Remember ``app_id`` as the current card (e.g. the one selected in the list)."""
        self._current_id = app_id

    # ---------------------------------------------------------------- keyboard
    _parking = False
    #: the next set_rows gives the current card the focus (a move's refresh that comes later)
    _refocus = False
    #: how many times set_rows ran (to tell whether a move's refresh has happened yet)
    _filled = 0

    def focusInEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        super().focusInEvent(event)  # type: ignore[arg-type]
        if self._parking:
            return
        card = self.card(self._current_id) if self._current_id is not None else None
        if card is None:
            card = next((c for column in self.columns.values() for c in column.cards), None)
        if card is not None:
            card.setFocus(Qt.FocusReason.TabFocusReason)

    def leave(self, forward: bool) -> bool:
        """Give the focus to the first widget after (``forward``) or before the board that Tab
        can reach; False when there is none (the board is all the window has)."""
        widget: QWidget = self
        while True:
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
            if widget is self:
                return False
            if (not self.isAncestorOf(widget) and widget.window() is self.window() and widget.isVisible()
                    and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                widget.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
                return True

    def _card_focused(self, card: BoardCard) -> None:
        self._current_id = card.row.id
        for column in self.columns.values():
            if card in column.cards:
                column.scroll.ensureWidgetVisible(card)
                self.scroll.ensureWidgetVisible(column, 0, 0)  # sideways, when the board is narrow
        self.current_changed.emit(card.row.id)

    def _step_focus(self, card: BoardCard, key: int) -> None:
        keys = list(self.columns)
        column_index = keys.index(column_of(card.row.stage))
        cards = self.columns[keys[column_index]].cards
        index = cards.index(card)
        target: BoardCard | None = None
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            index += -1 if key == Qt.Key.Key_Up else 1
            target = cards[index] if 0 <= index < len(cards) else None
        else:
            step = -1 if key == Qt.Key.Key_Left else 1
            column_index += step
            while 0 <= column_index < len(keys):  # the nearest card in the next column that has any
                others = self.columns[keys[column_index]].cards
                if others:
                    target = others[min(index, len(others) - 1)]
                    break
                column_index += step
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---------------------------------------------------------------- moving cards
    def mime_data(self, app_id: int) -> QMimeData:
        """The drag data of a card: :data:`MIME_TYPE` holding the application id."""
        data = QMimeData()
        data.setData(MIME_TYPE, str(app_id).encode("ascii"))
        return data

    def drop(self, data: QMimeData, column_key: str) -> bool:
        """A card's drag data dropped on ``column_key``: :meth:`move_to`; False for other data."""
        if not data.hasFormat(MIME_TYPE):
            return False
        try:
            app_id = int(bytes(data.data(MIME_TYPE).data()).decode("ascii"))
        except ValueError:
            return False
        return self.move_to(app_id, column_key)

    def move_beside(self, app_id: int, step: int) -> bool:
        """Move a card one column left (``step`` -1) or right (+1); False at the board's edge."""
        row = self._rows.get(app_id)
        if row is None:
            return False
        keys = list(self.columns)
        index = keys.index(column_of(row.stage)) + step
        return 0 <= index < len(keys) and self.move_to(app_id, keys[index])

    def move_to(self, app_id: int, column_key: str) -> bool:
        """Change the application's stage to the column's (asking which stage for Closed); True if changed.

        Goes through ``pipeline.update_application`` as the stage field does, so the change
        is in the stage history and on Edit → Undo. A refused change is told to the user
        and changes nothing. Dropping a card on its own column does nothing.

        When the focus was on the board, it ends on the moved card, whatever the move asked
        (issue #18: after the "How did it end?" question no card had the focus, as the window
        was not yet active again when the cards were made anew) and after Cancel.
        """
        focused = self.hasFocus() or self.isAncestorOf(QApplication.focusWidget())
        filled = self._filled
        moved = self._move_to(app_id, column_key)
        if focused:
            self._current_id = app_id
            card = self.card(app_id)
            if card is not None:
                # given to the card even while the window is not active: Qt hands it over on activation
                card.setFocus(Qt.FocusReason.OtherFocusReason)
            if moved and self._filled == filled:
                self._refocus = True  # the owner refreshes later: the new card takes the focus then
        return moved

    def _move_to(self, app_id: int, column_key: str) -> bool:
        row = self._rows.get(app_id)
        if row is None or column_key not in self.columns or column_of(row.stage) == column_key:
            return False
        prompts = self._prompts()
        if column_key == "closed":
            labels = [self.tr(vocab.STAGES[stage]) for stage in CLOSED_STAGES]
            picked = prompts.choose_one(
                self, self.tr("Close application"),
                self.tr("How did “{0}” at {1} end?").format(row.role, row.employer), labels,
                nothing_chosen=self.tr("Choose how it ended."))
            if picked is None:
                return False
            stage = CLOSED_STAGES[picked]
        else:
            stage = column_key
        try:
            application_service.update_application(app_id, {"stage": stage})
        except (ValidationError, LookupError) as exc:
            prompts.warn(self, self.tr("Stage not changed"), str(exc))
            return False
        self._current_id = app_id
        self.stage_changed.emit(app_id)
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["BoardCard", "BoardColumn", "BoardView", "COLUMNS", "CLOSED_STAGES", "COLUMN_MIN_WIDTH", "MIME_TYPE",
           "column_of", "waited_text", "closed_text"]
