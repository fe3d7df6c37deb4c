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

import bisect
from collections.abc import Callable, Sequence
from itertools import compress, count, islice
from operator import is_not
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
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
        if not old:
            self.set_rows(new)
            return True
        # the rows the same at both ends (the same objects) are left alone: found by scans in C
        # that stop at the first difference, so one change in 10,000 rows costs no pass in Python
        start = _same_run(old, new, 0)
        end = _same_run(old, new, start, from_end=True)
        old_list = list(map(id, old[start:len(old) - end]))  # map(): loops in C
        new_list = list(map(id, new[start:len(new) - end]))
        new_ids, old_ids = set(new_list), set(old_list)
        gone = [start + i for i, x in enumerate(old_list) if x not in new_ids]
        added = [start + i for i, x in enumerate(new_list) if x not in old_ids]
        if len(gone) + len(added) > limit:
            self.set_rows(new)
            return True
        gone_set, added_set = set(gone), set(added)
        stay_old = [x for i, x in enumerate(old_list, start) if i not in gone_set] if gone else old_list
        stay_new = [x for i, x in enumerate(new_list, start) if i not in added_set] if added else new_list
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


def _same_run(old: list[Any], new: list[Any], skip: int, *, from_end: bool = False) -> int:
    """How many items ``old`` and ``new`` (rows, compared by identity) have in common from the start,
    or from the end (at most as many as leave ``skip`` at the start alone); one scan that stops at the
    first difference, run in C (map, compress and next: no Python step per item; a bisection
    over slice comparisons copied up to thirteen slices of 10,000 ids)."""
    most = min(len(old), len(new)) - (skip if from_end else 0)
    if most <= 0:
        return 0
    pairs = (reversed(old), reversed(new)) if from_end else (old, new)
    # the position of the first pair that differs, or ``most`` when none does within reach
    return next(compress(count(), map(is_not, islice(pairs[0], most), islice(pairs[1], most))), most)


def _none_last(value: Any) -> tuple[bool, Any]:
    """Sort keys that may be None: the empty ones go after the others."""
    return (value is None, value if value is not None else 0)


#: A filter change is told to the view as row removals or insertions (as QSortFilterProxyModel
#: does: the view then paints only the rows, not the column header again, which costs more
#: than the rest of a keystroke) when it takes at most this many runs of rows; else as a new
#: layout.
_MOST_RUNS = 400


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Ascending ``positions`` as runs of consecutive numbers, ``(first, last)`` each."""
    runs: list[tuple[int, int]] = []
    for position in positions:
        if runs and runs[-1][1] == position - 1:
            runs[-1] = (runs[-1][0], position)
        else:
            runs.append((position, position))
    return runs


_ROWS_ONLY = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
#: the overload of layout(AboutToBe)Changed that carries a hint
_LAYOUT_ARGS = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


class RowFilterProxy(QAbstractProxyModel):
    """Filters on a typed text (every word must appear in the row) plus an optional predicate.

    A proxy of our own rather than ``QSortFilterProxyModel``: that one asks
    ``filterAcceptsRow`` once per source row, a call into Python each, on every keystroke —
    ten thousand calls cost more than the whole rest of a keystroke (bench/applications.py,
    issue 12). Here the shown source rows are one Python list worked out in one pass over
    the source's precomputed lowercase texts (``RowTableModel.haystack``); the view asks
    only for the rows it paints. A new filter is a layout change (the selection and the
    current row are kept when still shown); the source's insertions, removals and changes
    become this proxy's, for the rows shown. Sorting is handed to the source model (see the
    module docstring); columns are the source's, one to one.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._predicate: Callable[[Any], bool] | None = None
        self._source: RowTableModel[Any] | None = None
        #: the source rows shown, ascending; and source row -> its row here (None: every
        #: source row is shown, each where it is — the usual case, kept cheap)
        self._shown: list[int] = []
        self._where: dict[int, int] | None = None
        self._saved: list[tuple[QPersistentModelIndex, int]] = []
        self._removing: tuple[int, int] | None = None

    # ---------------------------------------------------------------- the filter
    def set_filter_text(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self._words = words
            self._refilter()

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self._predicate = predicate
        self._refilter()

    def _accepts(self, row: int) -> bool:
        model = self._source
        assert model is not None
        haystack = model._haystacks[row]
        if not all(w in haystack for w in self._words):
            return False
        return self._predicate is None or bool(self._predicate(model._rows[row]))

    def _shown_rows(self) -> list[int]:
        """The source rows the filter lets through, in one pass (comprehensions run near C speed)."""
        model = self._source
        if model is None:
            return []
        words, predicate, haystacks = self._words, self._predicate, model._haystacks
        if len(words) == 1:
            word = words[0]
            shown = [i for i, h in enumerate(haystacks) if word in h]
        elif words:
            shown = [i for i, h in enumerate(haystacks) if all(w in h for w in words)]
        else:
            shown = list(range(len(haystacks)))
        if predicate is not None:
            rows = model._rows
            shown = [i for i in shown if predicate(rows[i])]
        return shown

    def _set_shown(self, shown: list[int]) -> None:
        everything = len(shown) == (len(self._source._rows) if self._source is not None else 0)
        # (ascending and as many as the source's rows: each is shown where it is)
        self._shown, self._where = shown, None if everything else dict(zip(shown, range(len(shown))))

    def _here(self, source_row: int) -> int:
        """The row here of ``source_row``, -1 when it is hidden."""
        if self._where is None:
            return source_row if 0 <= source_row < len(self._shown) else -1
        return self._where.get(source_row, -1)

    def _refilter(self) -> None:
        old, new = self._shown, self._shown_rows()
        if len(new) <= len(old):
            kept = set(new)
            runs = _runs([i for i, row in enumerate(old) if row not in kept])
            fits = len(runs) <= _MOST_RUNS and len(old) - sum(b - a + 1 for a, b in runs) == len(new)
            if fits:  # narrower (typing on): only removals, last first
                for first, last in reversed(runs):
                    self.beginRemoveRows(QModelIndex(), first, last)
                    del self._shown[first:last + 1]
                    self.endRemoveRows()
                self._set_shown(new)
                return
        else:
            had = set(old)
            runs = _runs([i for i, row in enumerate(new) if row not in had])
            if len(runs) <= _MOST_RUNS and len(new) - sum(b - a + 1 for a, b in runs) == len(old):
                for first, last in runs:  # wider (a word deleted): only insertions, first first
                    self.beginInsertRows(QModelIndex(), first, last)
                    self._shown[first:first] = new[first:last + 1]
                    self.endInsertRows()
                self._set_shown(new)
                return
        self._begin_layout()
        self._end_layout()

    def _begin_layout(self, *_source_args: Any) -> None:
        # the selection and the current row follow their source rows through the change.
        # "Vertical": only rows change, so the column header is neither laid out nor painted
        # again (painting it costs more than the whole rest of a keystroke)
        self.layoutAboutToBeChanged[_LAYOUT_ARGS].emit([], _ROWS_ONLY)
        self._saved = [(QPersistentModelIndex(self.mapToSource(i)), i) for i in self.persistentIndexList()]

    def _end_layout(self, *_source_args: Any) -> None:
        self._set_shown(self._shown_rows())
        old, new = [], []
        for source, index in self._saved:
            old.append(index)
            row = self._here(source.row()) if source.isValid() else -1
            new.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self._saved = []
        self.changePersistentIndexList(old, new)
        self.layoutChanged[_LAYOUT_ARGS].emit([], _ROWS_ONLY)

    # ---------------------------------------------------------------- following the source
    def setSourceModel(self, model: Any) -> None:  # noqa: N802 (Qt name)
        self.beginResetModel()
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._connections(old):
                signal.disconnect(slot)
        super().setSourceModel(model)
        self._source = model if isinstance(model, RowTableModel) else None
        if model is not None:
            for signal, slot in self._connections(model):
                signal.connect(slot)
        self._set_shown(self._shown_rows())
        self.endResetModel()

    def _connections(self, model: Any) -> list[tuple[Any, Any]]:
        return [(model.modelAboutToBeReset, self.beginResetModel), (model.modelReset, self._source_reset),
                (model.layoutAboutToBeChanged, self._begin_layout), (model.layoutChanged, self._end_layout),
                (model.rowsAboutToBeRemoved, self._rows_leaving), (model.rowsRemoved, self._rows_left),
                (model.rowsInserted, self._rows_came), (model.dataChanged, self._data_changed),
                (model.headerDataChanged, self.headerDataChanged)]

    def _source_reset(self) -> None:
        self._set_shown(self._shown_rows())
        self.endResetModel()

    def _rows_leaving(self, _parent: Any, first: int, last: int) -> None:
        low, high = bisect.bisect_left(self._shown, first), bisect.bisect_right(self._shown, last)
        self._removing = (low, high)
        if high > low:
            self.beginRemoveRows(QModelIndex(), low, high - 1)

    def _rows_left(self, _parent: Any, first: int, last: int) -> None:
        low, high = self._removing or (0, 0)
        self._removing = None
        count = last - first + 1
        if self._where is None and high - low == count:
            self._set_shown(list(range(len(self._shown) - count)))  # every row was shown, and still is
        else:
            self._set_shown(self._shown[:low] + [r - count for r in self._shown[high:]])
        if high > low:
            self.endRemoveRows()

    def _rows_came(self, _parent: Any, first: int, last: int) -> None:
        count = last - first + 1
        if self._where is None and not self._words and self._predicate is None:
            # every row shown, and every new one will be: they come where they are
            old = len(self._shown)  # the rows so far, in the source's new numbering (ranges: made in C)
            self._shown = [*range(first), *range(first + count, old + count)]
            self._where = dict(zip(self._shown, range(old)))
            self.beginInsertRows(QModelIndex(), first, last)
            self._set_shown(list(range(len(self._shown) + count)))
            self.endInsertRows()
            return
        moved = [r if r < first else r + count for r in self._shown]
        self._set_shown(moved)  # the rows shown so far, in the source's new numbering
        came = [r for r in range(first, last + 1) if self._accepts(r)]
        at = bisect.bisect_left(moved, first)
        if came:
            self.beginInsertRows(QModelIndex(), at, at + len(came) - 1)
        self._set_shown(moved[:at] + came + moved[at:])
        if came:
            self.endInsertRows()

    def _data_changed(self, top_left: Any, bottom_right: Any, roles: Any = ()) -> None:
        first, last = top_left.row(), bottom_right.row()
        for row in range(first, last + 1):
            shown, wanted = self._here(row) >= 0, self._accepts(row)
            if shown and not wanted:
                at = self._here(row)
                self.beginRemoveRows(QModelIndex(), at, at)
                self._set_shown(self._shown[:at] + self._shown[at + 1:])
                self.endRemoveRows()
            elif wanted and not shown:
                at = bisect.bisect_left(self._shown, row)
                self.beginInsertRows(QModelIndex(), at, at)
                self._set_shown(self._shown[:at] + [row] + self._shown[at:])
                self.endInsertRows()
        rows = [here for r in range(first, last + 1) if (here := self._here(r)) >= 0]
        if rows:
            self.dataChanged.emit(self.index(min(rows), top_left.column()),
                                  self.index(max(rows), bottom_right.column()), roles)

    # ---------------------------------------------------------------- the Qt interface
    def mapToSource(self, proxy_index: Any) -> QModelIndex:  # noqa: N802 (Qt name)
        row = proxy_index.row()
        if not 0 <= row < len(self._shown) or self._source is None:  # (an invalid index has row -1)
            return QModelIndex()
        # made directly (the source is a flat table): source.index() would ask its Python
        # rowCount and columnCount for every cell painted
        return self._source.createIndex(self._shown[row], proxy_index.column())

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self._source
        row = index.row()
        if model is None or not 0 <= row < len(self._shown):
            return None
        return model.data(model.createIndex(self._shown[row], index.column()), role)

    def mapFromSource(self, source_index: Any) -> QModelIndex:  # noqa: N802 (Qt name)
        if not source_index.isValid():
            return QModelIndex()
        row = self._here(source_index.row())
        return self.index(row, source_index.column()) if row >= 0 else QModelIndex()

    def index(self, row: int, column: int, parent: _AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._shown) and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: Any = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def sibling(self, row: int, column: int, index: Any) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt signature)
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def hasChildren(self, parent: _AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and bool(self._shown)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt name)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self.sourceModel()
        if model is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        return model.headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
