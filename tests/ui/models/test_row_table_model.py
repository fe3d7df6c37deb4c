"""The table model and its sorting proxy: a header click sorts by what the column means (days as days)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow


def test_clicking_a_header_sorts(qtbot, demo_store: Path) -> None:
    window = MainWindow(AppContext.create(demo_store))
    qtbot.addWidget(window)
    panel = window.applications_tab.panel
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    roles = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert roles == sorted(roles, key=str.casefold)
    panel.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    first = panel.model.row_at(panel.proxy.mapToSource(panel.proxy.index(0, 0)).row())
    assert first.applied_on == max(r.applied_on for r in panel.model.rows())


# ---------------------------------------------------------------- one row at a time (issue 12: instant)
from desktop_app.ui.models.row_table_model import Column, RowFilterProxy, RowTableModel  # noqa: E402


class _Words(RowTableModel[tuple[str, int]]):
    columns = (Column("Word", lambda r: r[0]), Column("Number", lambda r: str(r[1]), sort_key=lambda r: r[1]))


def _shown(proxy: RowFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def _resets(model: RowTableModel) -> list[int]:  # type: ignore[type-arg]
    seen: list[int] = []
    model.modelReset.connect(lambda: seen.append(1))
    return seen


def test_one_row_replaced_inserted_or_removed_keeps_the_filter_and_the_sort_right(qtbot) -> None:
    model, proxy = _Words(), RowFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows([("apple", 3), ("banana", 1), ("cherry", 2), ("apricot", 5)])
    proxy.sort(1)
    assert _shown(proxy) == ["banana", "cherry", "apple", "apricot"]
    proxy.set_filter_text("AP")
    assert _shown(proxy) == ["apple", "apricot"]
    resets = _resets(model)
    model.replace_row(1, ("grape", 1))  # "cherry" (now second by number) becomes a match
    assert _shown(proxy) == ["grape", "apple", "apricot"]
    model.insert_row(0, ("papaya", 0))
    model.remove_row(model.rows().index(("apple", 3)))
    assert _shown(proxy) == ["papaya", "grape", "apricot"]
    proxy.set_filter_text("")
    proxy.sort(1, Qt.SortOrder.DescendingOrder)  # the kept keys followed every change
    assert _shown(proxy) == ["apricot", "banana", "grape", "papaya"]
    assert resets == []


def test_sync_rows_touches_only_the_rows_that_came_or_went(qtbot) -> None:
    model, proxy = _Words(), RowFilterProxy()
    proxy.setSourceModel(model)
    rows = [(w, i) for i, w in enumerate(("ash", "birch", "cedar", "elm"))]
    model.sync_rows(rows)  # first fill: a reset
    resets, inserted, removed = _resets(model), [], []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    assert model.sync_rows([rows[0], rows[2], ("dogwood", 9), rows[3]]) is False
    assert (removed, inserted, resets) == ([(1, 1)], [(2, 2)], [])
    assert _shown(proxy) == ["ash", "cedar", "dogwood", "elm"]
    # the rows that stay, in another order: filled again
    assert model.sync_rows([rows[3], rows[0]]) is True and resets == [1]
    assert _shown(proxy) == ["elm", "ash"]


def test_the_filtering_proxy_passes_the_model_tester_through_filter_sort_and_row_changes(qtbot, qtmodeltester) -> None:
    model, proxy = _Words(), RowFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows([(f"{w}{i}", i) for i, w in enumerate(("ash", "birch", "cedar", "elm") * 5)])
    qtmodeltester.check(proxy)  # the tester keeps watching every signal below
    proxy.set_filter_text("a")
    assert _shown(proxy) == [w for w, _n in model.rows() if "a" in w]
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 1).data() for r in range(proxy.rowCount())] == \
        [str(n) for w, n in sorted(model.rows(), key=lambda r: -r[1]) if "a" in w]
    model.replace_row(0, ("oak", 99))  # shown -> hidden (or the other way round)
    model.insert_row(1, ("maple", 100))
    model.remove_row(2)
    assert _shown(proxy) == [w for w, _n in model.rows() if "a" in w]
    proxy.set_predicate(lambda row: row[1] % 2 == 0)
    assert _shown(proxy) == [w for w, n in model.rows() if "a" in w and n % 2 == 0]
    proxy.set_filter_text("")
    proxy.set_predicate(None)
    assert _shown(proxy) == [w for w, _n in model.rows()]


def test_a_new_filter_keeps_the_selected_row_selected(qtbot) -> None:
    from desktop_app.ui.list_panel import ListPanel

    model = _Words()
    panel = ListPanel(model, name="words", empty_text="None", filter_placeholder="Filter")
    qtbot.addWidget(panel)
    model.set_rows([("ash", 1), ("birch", 2), ("cedar", 3)])
    assert panel.select_row(lambda row: row[0] == "cedar")
    qtbot.keyClicks(panel.filter_edit, "a")  # "birch" goes, "cedar" stays (one row up)
    assert panel.visible_count() == 2
    assert panel.current_row() == ("cedar", 3)


def test_typing_narrows_by_removals_deleting_widens_by_insertions_and_a_new_word_lays_out(
        qtbot, qtmodeltester) -> None:
    """Issue 12: the proxy filters its own list (no call into Python per row); the view is told
    what went or came, so it paints only rows, and the selection stays on its row each way."""
    from desktop_app.ui.list_panel import ListPanel

    model = _Words()
    panel = ListPanel(model, name="words", empty_text="None", filter_placeholder="Filter")
    qtbot.addWidget(panel)
    model.set_rows([(w, i) for i, w in enumerate(("ash", "aspen", "birch", "cedar", "hazel", "larch", "maple"))])
    qtmodeltester.check(panel.proxy)
    seen: list[str] = []
    for signal, name in ((panel.proxy.rowsRemoved, "removed"), (panel.proxy.rowsInserted, "inserted"),
                         (panel.proxy.layoutChanged, "layout"), (panel.proxy.modelReset, "reset")):
        signal.connect(lambda *_a, name=name: seen.append(name))
    assert panel.select_row(lambda row: row[0] == "larch")
    qtbot.keyClicks(panel.filter_edit, "ar")
    assert _shown(panel.proxy) == ["cedar", "larch"] and set(seen) == {"removed"}
    assert panel.current_row() == ("larch", 5)
    seen.clear()
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Backspace)
    assert _shown(panel.proxy) == ["ash", "aspen", "cedar", "hazel", "larch", "maple"]  # "birch" has no "a"
    assert set(seen) == {"inserted"} and panel.current_row() == ("larch", 5)
    seen.clear()
    panel.filter_edit.setText("ch")  # neither narrower nor wider than "a": laid out again
    panel.filter_edit.setText("el")
    assert _shown(panel.proxy) == ["hazel"] and "layout" in seen
    assert panel.visible_count() == 1
    panel.filter_edit.clear()  # every row shown: a row inserted or removed keeps the rest in place
    model.insert_row(2, ("yew", 9))
    model.remove_row(0)
    assert _shown(panel.proxy) == ["aspen", "yew", "birch", "cedar", "hazel", "larch", "maple"]
