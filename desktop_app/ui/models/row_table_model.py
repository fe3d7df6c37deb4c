"""A table model over a plain list of rows, and a proxy that filters as the user types.

Every list in the app (applications, referees, qualifications, documents) is one of
these with its own columns. Painting never touches the database: rows are plain
values handed over with :meth:`RowTableModel.set_rows`.

Sorting is done by the source model with Python's ``list.sort`` on precomputed keys,
not by ``QSortFilterProxyModel.lessThan``: that would call back into Python twice per
comparison, far too slow for ten thousand rows. The keys of the column sorted by last
are kept (in the rows' order, following each row's change), so sorting it the other way
round, or again, only sorts; the other columns' keys are not kept (memory).

A change to one record need not refill the list: :meth:`RowTableModel.replace_row`,
:meth:`RowTableModel.insert_row` and :meth:`RowTableModel.remove_row` touch one row
(``dataChanged`` / row insertion / removal), so a list of 10,000 rows follows a logged
contact in a few milliseconds (bench/applications.py, issue 12).
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


#: Characters beyond which a cell's text may not fit its column; it then shows in full as a tooltip.
LONG_TEXT = 40


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
        #: the last sorted column -> its sort keys, in the rows' order
        self._sort_keys: dict[int, list[Any]] = {}
        # the haystack list the kept sort keys go with: a subclass that refills ``_texts`` and
        # ``_haystacks`` itself (referees_model.set_now) makes a new list, which drops the keys
        self._keys_of: list[str] = self._haystacks
        #: moves whenever rows change or move: what a proxy's per-row answers are checked against
        self.generation = 0
        #: (column, order, generation) of the last sort: asked again with nothing changed, nothing to do
        self._sorted_as: tuple[int, Qt.SortOrder, int] | None = None

    # -- data in
    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rebuild_cache()
        self._sort_keys = {}
        self._keys_of = self._haystacks
        self.generation += 1
        self.endResetModel()

    def sync_rows(self, rows: Sequence[R], limit: int = 200) -> bool:
        """Show ``rows``, touching only the rows that came or went when few did; True when the
        whole list was filled again instead (``modelReset``).

        Rows are matched by identity: a provider that keeps the objects of unchanged records
        (``services.today.follow_ups``) lets a 10,000-row list follow one change with one
        removal and one insertion. Filled again when more than ``limit`` rows differ or the
        rows that stay are in another order.
        """
        new, old = list(rows), self._rows
        new_list, old_list = list(map(id, new)), list(map(id, old))  # map(): loops in C
        new_ids, old_ids = set(new_list), set(old_list)
        gone = [i for i, x in enumerate(old_list) if x not in new_ids]
        added = [i for i, x in enumerate(new_list) if x not in old_ids]
        if not old or len(gone) + len(added) > limit:
            self.set_rows(new)
            return True
        gone_set, added_set = set(gone), set(added)
        stay_old = [x for i, x in enumerate(old_list) if i not in gone_set] if gone else old_list
        stay_new = [x for i, x in enumerate(new_list) if i not in added_set] if added else new_list
        if stay_old != stay_new:
            self.set_rows(new)
            return True
        for position in reversed(gone):
            self.remove_row(position)
        for position in added:  # ascending: every row before it is already in place
            self.insert_row(position, new[position])
        return False

    def _cells(self, row: R) -> tuple[list[str], str]:
        texts = [c.text(row) for c in self.columns]
        return texts, "\n".join(texts).casefold()

    def _sort_key(self, column: int, row: R) -> Any:
        key = self.columns[column].sort_key
        return _none_last(key(row)) if key is not None else self.columns[column].text(row).casefold()

    def replace_row(self, position: int, row: R) -> None:
        """Show ``row`` in place of the row at ``position`` (one ``dataChanged``; the order is kept)."""
        self._rows[position] = row
        self._texts[position], self._haystacks[position] = self._cells(row)
        for column, keys in self._sort_keys.items():
            keys[position] = self._sort_key(column, row)
        self.generation += 1
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(self.columns) - 1))

    def insert_row(self, position: int, row: R) -> None:
        """Add ``row`` at ``position`` (0 ≤ position ≤ rowCount)."""
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        texts, haystack = self._cells(row)
        self._texts.insert(position, texts)
        self._haystacks.insert(position, haystack)
        for column, keys in self._sort_keys.items():
            keys.insert(position, self._sort_key(column, row))
        self.generation += 1
        self.endInsertRows()

    def remove_row(self, position: int) -> None:
        """Take away the row at ``position``."""
        self.beginRemoveRows(QModelIndex(), position, position)
        for values in (self._rows, self._texts, self._haystacks, *self._sort_keys.values()):
            del values[position]
        self.generation += 1
        self.endRemoveRows()

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
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(self._rows[index.row()])
            # a long text is elided in its capped column (list_panel.fit_columns): the whole of it here
            text = self._texts[index.row()][index.column()]
            return text if len(text) > LONG_TEXT else None
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
        if self._sorted_as == (column, order, self.generation) and self._keys_of is self._haystacks:
            return  # the view asks twice (the header's indicator, then the view itself)
        key = self.columns[column].sort_key
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [i.row() for i in old]
        order_ids = list(range(len(self._rows)))
        if self._keys_of is not self._haystacks:  # a subclass rewrote the texts (see _keys_of)
            self._sort_keys = {}
        keys = self._sort_keys.get(column)
        if keys is None:
            if key is None:
                keys = [t[column].casefold() for t in self._texts]
            else:
                keys = [_none_last(key(r)) for r in self._rows]
            # the keys of the column sorted by last only: ten thousand keys per column add up
            self._sort_keys = {column: keys}
        order_ids.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        # map() over a bound __getitem__: the loop runs in C, three times faster than a comprehension
        self._rows = list(map(self._rows.__getitem__, order_ids))
        self._texts = list(map(self._texts.__getitem__, order_ids))
        self._haystacks = list(map(self._haystacks.__getitem__, order_ids))
        self._sort_keys = {c: list(map(k.__getitem__, order_ids)) for c, k in self._sort_keys.items()}
        self._keys_of = self._haystacks
        self.generation += 1
        self._sorted_as = (column, order, self.generation)
        if old:
            where = {old_row: new_row for new_row, old_row in enumerate(order_ids)}
            self.changePersistentIndexList(
                old, [self.index(where[r], i.column()) for r, i in zip(old_rows, old)])
        self.layoutChanged.emit()


def _none_last(value: Any) -> tuple[bool, Any]:
    """Sort keys that may be None: the empty ones go after the others."""
    return (value is None, value if value is not None else 0)


class RowFilterProxy(QSortFilterProxyModel):
    """Filters on a typed text (every word must appear in the row) plus an optional predicate.

    Sorting is handed to the source model (see the module docstring). Qt asks
    :meth:`filterAcceptsRow` once per row on every keystroke, sort and refill, so it only
    reads a list of answers worked out in one pass over the source's precomputed lowercase
    texts (``RowTableModel.haystack``), made again when the filter or the source's rows
    (its ``generation``) change.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._predicate: Callable[[Any], bool] | None = None
        self._active = False
        self._source: RowTableModel[Any] | None = None
        # per source row: shown or not; right while _mask_generation is the source's generation
        # and _mask_of its haystack list (a subclass may make a new one: referees_model.set_now)
        self._mask: list[bool] = []
        self._mask_generation = -1
        self._mask_of: list[str] | None = None

    def set_filter_text(self, text: str) -> None:
        self._words = text.casefold().split()
        self._refilter()

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self._predicate = predicate
        self._refilter()

    def _refilter(self) -> None:
        # Qt 6.10+: begin/endFilterChange replace the deprecated invalidateRowsFilter()
        self.beginFilterChange()
        self._active = self._source is not None and bool(self._words or self._predicate)
        self._mask_generation = -1
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _make_mask(self, model: RowTableModel[Any]) -> list[bool]:
        words, predicate, haystacks = self._words, self._predicate, model._haystacks
        if len(words) == 1:
            word = words[0]
            mask = [word in h for h in haystacks]
        elif words:
            mask = [all(w in h for w in words) for h in haystacks]
        else:
            mask = [True] * len(haystacks)
        if predicate is not None:
            rows = model._rows
            mask = [m and predicate(rows[i]) for i, m in enumerate(mask)]
        self._mask, self._mask_generation, self._mask_of = mask, model.generation, haystacks
        return mask

    def setSourceModel(self, model: Any) -> None:  # noqa: N802 (Qt name)
        # before the base class connects to the model: no answer is read from another model's rows
        self._source = model if isinstance(model, RowTableModel) else None
        self._mask_generation = -1
        super().setSourceModel(model)

    def filterAcceptsRow(self, source_row: int, source_parent: _AnyIndex) -> bool:  # noqa: N802
        if not self._active:
            return True
        model = self._source
        if self._mask_generation == model.generation and self._mask_of is model._haystacks:  # type: ignore[union-attr]
            return self._mask[source_row]
        return self._make_mask(model)[source_row]  # type: ignore[arg-type]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
