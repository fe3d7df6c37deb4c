"""A list of records as the user sees it: a filter box, the table, and a friendly empty state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.models.row_table_model import RowFilterProxy, RowTableModel


#: The widest a column is made to fit its contents (px): a 480-character name must not
#: widen the window past the screen; the text is elided, its tooltip shows it whole.
MAX_FITTED_COLUMN = 360


def fit_columns(table: QTableView, cap: int = MAX_FITTED_COLUMN) -> None:
    """Fit ``table``'s columns to their contents, none wider than ``cap`` pixels."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count()):
        if header.sectionSize(column) > cap:
            header.resizeSection(column, cap)


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
        self.empty_label.setStyleSheet("color: palette(mid); font-size: 13pt; padding: 24px;")

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
