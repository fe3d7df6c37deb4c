"""A table model over a plain list of rows, and a proxy that filters as the user types.

Every list in the app (applications, referees, qualifications, documents) is one of
these with its own columns. Painting never touches the database: rows are plain
values handed over with :meth:`RowTableModel.set_rows`.

Sorting is done by the source model with Python's ``list.sort`` on precomputed keys,
not by ``QSortFilterProxyModel.lessThan``: that would call back into Python twice per
comparison, far too slow for ten thousand rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

R = TypeVar("R")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

_AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str] | None = None
    align_right: bool = False


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Rows in, cells out. Subclasses set :attr:`columns`."""

    columns: Sequence[Column[Any]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._texts: list[list[str]] = []
        self._haystacks: list[str] = []

    # -- data in
    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rebuild_cache()
        self.endResetModel()

    def _rebuild_cache(self) -> None:
        self._texts = [[c.text(r) for c in self.columns] for r in self._rows]
        self._haystacks = ["\n".join(t).casefold() for t in self._texts]

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def haystack(self, row: int) -> str:
        return self._haystacks[row]

    # -- Qt interface
    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(self._rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            key = column.sort_key or column.text
            return key(self._rows[index.row()])
        if role == ROW_ROLE:
            return self._rows[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]
        key = spec.sort_key
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [i.row() for i in old]
        order_ids = list(range(len(self._rows)))
        if key is None:
            keys = [t[column].casefold() for t in self._texts]
        else:
            keys = [_none_last(key(r)) for r in self._rows]
        order_ids.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        where = {old_row: new_row for new_row, old_row in enumerate(order_ids)}
        self._rows = [self._rows[i] for i in order_ids]
        self._texts = [self._texts[i] for i in order_ids]
        self._haystacks = [self._haystacks[i] for i in order_ids]
        self.changePersistentIndexList(
            old, [self.index(where[r], i.column()) for r, i in zip(old_rows, old)])
        self.layoutChanged.emit()


def _none_last(value: Any) -> tuple[bool, Any]:
    """Sort keys that may be None: the empty ones go after the others."""
    return (value is None, value if value is not None else 0)


class RowFilterProxy(QSortFilterProxyModel):
    """Filters on a typed text (every word must appear in the row) plus an optional predicate.

    Sorting is handed to the source model (see the module docstring).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._predicate: Callable[[Any], bool] | None = None
        # ids of the accepted row objects: stays right when the source re-orders its rows
        self._accepted: set[int] | None = None

    def set_filter_text(self, text: str) -> None:
        self._words = text.casefold().split()
        self._refilter()

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self._predicate = predicate
        self._refilter()

    def _refilter(self) -> None:
        # Qt 6.10+: begin/endFilterChange replace the deprecated invalidateRowsFilter()
        self.beginFilterChange()
        model = self.sourceModel()
        if isinstance(model, RowTableModel) and (self._words or self._predicate):
            words, predicate = self._words, self._predicate
            self._accepted = {
                id(model.row_at(i)) for i in range(model.rowCount())
                if all(w in model.haystack(i) for w in words)
                and (predicate is None or predicate(model.row_at(i)))
            }
        else:
            self._accepted = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def setSourceModel(self, model: Any) -> None:  # noqa: N802 (Qt name)
        super().setSourceModel(model)
        model.modelReset.connect(self._refilter)

    def filterAcceptsRow(self, source_row: int, source_parent: _AnyIndex) -> bool:  # noqa: N802
        accepted = self._accepted
        if accepted is None:
            return True
        return id(self.sourceModel().row_at(source_row)) in accepted

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
