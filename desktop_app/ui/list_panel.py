"""A list of records as the user sees it: a filter box, the table, and a friendly empty state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme
from desktop_app.ui.models.row_table_model import RowFilterProxy, RowTableModel


#: The widest a column is made to fit its contents (px): a 480-character name must not
#: widen the window past the screen; the text is elided, its tooltip shows it whole.
MAX_FITTED_COLUMN = 360


#: Room (px) added to a column fitted to its contents: text drawn with a fallback font (the
#: Vietnamese letters of "Dr Nguyễn Thị Minh") can be a little wider than it was measured, and
#: was then cut without an ellipsis (issue #18, fresh eyes).
FIT_SLACK = 6


def fit_columns(table: QTableView, cap: int = MAX_FITTED_COLUMN) -> None:
    """Fit ``table``'s columns to their contents (plus :data:`FIT_SLACK` px), none wider than ``cap`` px."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count()):
        header.resizeSection(column, min(header.sectionSize(column) + FIT_SLACK, cap))


def text_is_cut(view: QAbstractItemView, index: Any) -> bool:
    """True when the text of ``index`` (its display role) is wider than its cell in ``view``,
    so that it is shown elided ("Dr Nguyễn Th…")."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str) or not text:
        return False
    margin = 2 * (view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    return view.fontMetrics().horizontalAdvance(text) + margin > view.visualRect(index).width()


class _CutTextTips(QObject):
    """Shows a cell's whole text as its tool tip when the cell is too narrow for it and the model
    gives no tool tip of its own (see :func:`whole_text_tips`)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() != QEvent.Type.ToolTip:
            return False
        index = self.view.indexAt(event.pos())  # type: ignore[attr-defined]
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # the model's own tool tip
        if text_is_cut(self.view, index):
            QToolTip.showText(event.globalPos(), index.data(), self.view.viewport(),  # type: ignore[attr-defined]
                              self.view.visualRect(index))
        else:
            QToolTip.hideText()
        return True


def whole_text_tips(view: QAbstractItemView) -> None:
    """Every cell of ``view`` whose text is elided shows the whole text in its tool tip (issue #18:
    a name cut in the Referees list could not be read anywhere)."""
    _CutTextTips(view)


class _ColumnInView(QObject):
    """Keeps one column of a table just after another and no wider than the room left (see :func:`keep_in_view`)."""

    def __init__(self, table: QTableView, column: int, after: int, minimum: int) -> None:
        super().__init__(table)
        self.table, self.column, self.after, self.minimum = table, column, after, minimum
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        if header.count() <= max(self.column, self.after):
            return
        here, there = header.visualIndex(self.column), header.visualIndex(self.after)
        header.moveSection(here, there if here < there else there + 1)  # (moving it out shifts those after it)
        before = sum(header.sectionSize(header.logicalIndex(v)) for v in range(header.visualIndex(self.column)))
        wanted = max(self.table.sizeHintForColumn(self.column), header.sectionSizeHint(self.column))
        room = self.table.viewport().width() - before
        header.resizeSection(self.column, max(self.minimum, min(wanted, room)))


def keep_in_view(table: QTableView, column: int, *, after: int, minimum: int = 120) -> None:
    """Show ``column`` of ``table`` right after ``after`` and no wider than the room left in view
    (at least ``minimum`` px): its text is elided, the tooltip shows it whole. Call again after
    :func:`fit_columns`; the column is fitted again whenever the table is resized.

    Issue #18: the Vault's *Check* column (a warning) ran past the list's edge at 1024 wide.
    """
    keeper = next((c for c in table.children() if isinstance(c, _ColumnInView) and c.column == column), None)
    (keeper or _ColumnInView(table, column, after, minimum)).fit()


def cap_fitted_header(header: QHeaderView, cap: int = MAX_FITTED_COLUMN) -> None:
    """Bound a header whose sections are sized to their contents (``ResizeToContents``) to ``cap`` px."""
    header.setMaximumSectionSize(cap)


class ListPanel(QWidget):
    """Shows ``model`` through a filtering proxy, or ``empty_text`` while it has no rows."""

    #: the selected row object, or None
    current_row_changed = Signal(object)
    #: a row was double-clicked or Enter was pressed on it
    row_activated = Signal(object)

    def __init__(self, model: RowTableModel[Any], *, name: str, empty_text: str,
                 filter_placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName(f"{name}_filter")
        self.filter_edit.setAccessibleName(filter_placeholder)
        self.filter_edit.setPlaceholderText(filter_placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)

        self.table = QTableView(self)
        self.table.setObjectName(f"{name}_table")
        self.table.setAccessibleName(name.replace("_", " "))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # a cut text ends in "…"
        whole_text_tips(self.table)  # … and its tool tip shows it whole
        self.table.verticalHeader().setVisible(False)
        # fixed row height: no per-row size hint, so ten thousand rows lay out instantly
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.activated.connect(lambda index: self.row_activated.emit(self._row_of(index)))

        self.empty_label = QLabel(empty_text, self)
        self.empty_label.setObjectName(f"{name}_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(theme.text_style(theme.HINT, "font-size: 13pt; padding: 24px;"))

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.stack, 1)
        model.modelReset.connect(self._update_empty_state)
        self._update_empty_state()

    def _row_of(self, proxy_index: Any) -> Any:
        if not proxy_index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(proxy_index).row())

    def _on_current_changed(self, current: Any, _previous: Any) -> None:
        self.current_row_changed.emit(self._row_of(current))

    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0
        self.stack.setCurrentWidget(self.empty_label if empty else self.table)
        self.filter_edit.setEnabled(not empty)

    def current_row(self) -> Any:
        return self._row_of(self.table.currentIndex())

    def select_row(self, predicate: Any) -> bool:
        """Select the first visible row for which ``predicate(row)`` is true."""
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if predicate(self._row_of(index)):
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    # ---------------------------------------------------------------- the selection around a removal
    #: how many removed rows are watched for coming back (Undo, the Trash)
    WATCHED_REMOVALS = 5

    @staticmethod
    def row_key(row: Any) -> Any:
        """What identifies a row across refreshes (its record's id); a panel whose rows hold their
        record elsewhere replaces this."""
        return getattr(row, "id", None)

    def removing(self, row: Any) -> None:
        """Say that ``row`` (by its ``id``) is about to leave the list: deleted, retired, restored
        from the Trash. Issue #18: the selection jumped. Once the row has gone, the row now in its
        place is selected (the next one; the previous at the end of the list); when it comes back
        (Edit → Undo, restored from the Trash) it is selected again. Works whichever way the list
        is refreshed (row by row or filled again, now or later)."""
        if not getattr(self, "_watching", False):
            self._watching = True
            self._leaving: dict[Any, int] = {}
            self._gone: list[Any] = []
            self._placing = False
            for signal in (self.proxy.rowsRemoved, self.proxy.rowsInserted, self.proxy.modelReset,
                           self.proxy.layoutChanged):
                signal.connect(self._queue_placing)
        key = None if row is None else self.row_key(row)
        index = self.table.currentIndex()
        if key is None:
            return
        if not (index.isValid() and self.row_key(self._row_of(index)) == key):
            index = next((self.proxy.index(r, 0) for r in range(self.proxy.rowCount())
                          if self.row_key(self._row_of(self.proxy.index(r, 0))) == key), index)
        self._leaving[key] = max(index.row(), 0)
        if key in self._gone:
            self._gone.remove(key)

    def _queue_placing(self, *_args: Any) -> None:
        # a row that left: the row in its place is selected at once (the tab's refresh may try to
        # select the row that left, and fails); a row that came back: once the tab has finished
        # its refresh, which may select a row of its own first
        if self._leaving:
            self._place_selection()
        if self._gone and not self._placing:
            self._placing = True
            QTimer.singleShot(0, self, self._place_selection)

    def _place_selection(self) -> None:
        self._placing = False
        shown = {self.row_key(self._row_of(self.proxy.index(r, 0))): r for r in range(self.proxy.rowCount())}
        for key in [k for k in self._leaving if k not in shown]:
            position = self._leaving.pop(key)
            self._gone = (self._gone + [key])[-self.WATCHED_REMOVALS:]
            if shown:
                self._select_at(min(position, len(shown) - 1))
            return  # (what just left is not what comes back)
        for key in reversed(self._gone):
            if key in shown:
                self._gone.remove(key)
                self._select_at(shown[key])
                break

    def _select_at(self, position: int) -> None:
        index = self.proxy.index(position, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
