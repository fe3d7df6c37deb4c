"""The Today tab on the sample: most urgent first, the count in the title, actions, snooze and dismiss."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app import clock
from desktop_app.ui.applications_tab import ApplicationsTab
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.due_model import OVERDUE_COLOUR
from desktop_app.ui.today_tab import TodayTab
from tests.helpers.scripted_prompts import ScriptedPrompts

DEMO_TODAY = date(2026, 11, 25)


@pytest.fixture
def window(qtbot: Any, demo_store: Path, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> MainWindow:
    monkeypatch.setattr(clock, "today", lambda: DEMO_TODAY)
    made = MainWindow(AppContext.create(demo_store, prompts=prompts))
    qtbot.addWidget(made)
    return made


def test_most_urgent_first_with_the_count_in_the_title(window: MainWindow) -> None:
    today: TodayTab = window.show_tab(0)
    items = today.items()
    assert [i.due_on for i in items] == sorted(i.due_on for i in items)
    assert items[0].kind == "senior_contact"  # waiting since the rejection of 2 Sep
    assert window.tabs.tabText(0) == f"&Today ({len(items)})"
    assert today.heading.text() == f"Wednesday 25 November 2026 — {len(items)} to do"
    model = today.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).kind == "feedback_request")
    assert [model.index(row, c).data() for c in range(3)] == ["1 day overdue", "Ask for feedback",
                                                              "Data Analyst at Northwind Ltd"]


def test_snooze_hides_until_the_day_and_dismiss_for_good(qtbot: Any, window: MainWindow,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         prompts: ScriptedPrompts) -> None:
    today: TodayTab = window.show_tab(0)
    before = len(today.items())
    today.select_item(lambda i: i.kind == "last_say")
    prompts.script("ask_date", date(2026, 11, 30))
    qtbot.mouseClick(today.snooze_button, Qt.MouseButton.LeftButton)
    [asked] = prompts.asked_of("ask_date")  # from tomorrow on, a week ahead offered
    assert (asked.details["minimum"], asked.details["initial"]) == (date(2026, 11, 26), date(2026, 12, 2))
    assert today.due_count() == before - 1
    assert window.tabs.tabText(0) == f"&Today ({before - 1})"
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 30))
    today.refresh()
    assert any(i.kind == "last_say" for i in today.items())
    today.select_item(lambda i: i.kind == "last_say")
    key = today.current_item().key
    qtbot.mouseClick(today.dismiss_button, Qt.MouseButton.LeftButton)
    assert not any(i.kind == "last_say" for i in today.items())
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 20))
    today.refresh()
    assert key not in {i.key for i in today.items()}


def test_open_application_and_log_contact_from_today(qtbot: Any, window: MainWindow,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    today: TodayTab = window.show_tab(0)
    today.select_item(lambda i: i.kind == "follow_up" and i.subject.startswith("Insights Analyst"))
    qtbot.mouseClick(today.open_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 1
    assert window.applications_tab.panel.current_row().role == "Insights Analyst"
    opened: list[Any] = []
    monkeypatch.setattr(ApplicationsTab, "run_dialog", lambda tab, dialog: opened.append(dialog) or False)
    window.show_tab(0)
    qtbot.mouseClick(today.log_button, Qt.MouseButton.LeftButton)
    assert opened[0].objectName() == "interaction_dialog" and opened[0].app_id == today.current_item().application_id


def test_a_referee_item_opens_the_referees_tab(qtbot: Any, window: MainWindow) -> None:
    today: TodayTab = window.show_tab(0)
    if not today.select_item(lambda i: i.referee_id is not None or i.kind == "brief_referee"):
        pytest.skip("the sample has no referee item today")
    assert today.primary_button.text() == "Open"
    qtbot.mouseClick(today.primary_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 2


def test_nothing_due_shows_a_friendly_empty_state(qtbot: Any, store: Path) -> None:
    made = MainWindow(AppContext.create(store))
    qtbot.addWidget(made)
    today: TodayTab = made.show_tab(0)
    follow_ups = [i for i in today.items() if i.application_id is not None]
    assert follow_ups == []
    if today.due_count() == 0:
        assert "Nothing is due today" in today.panel.empty_label.text()
        assert "Add your applications (Ctrl+N)" in today.panel.empty_label.text()
        assert made.tabs.tabText(0) == "&Today"


def test_case_7_overdue_items_stand_out_and_coming_up_shows_the_next_two_weeks(window: MainWindow) -> None:
    today: TodayTab = window.show_tab(0)
    assert today.items()
    model = today.model
    oldest = model.index(0, model.DUE)
    assert model.row_at(0).kind == "senior_contact" and oldest.data() == "2 months overdue"  # since 2 Sep
    assert oldest.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOUR
    assert oldest.data(Qt.ItemDataRole.FontRole).bold()
    due_today = next(r for r in range(model.rowCount()) if model.row_at(r).due_on == DEMO_TODAY)
    assert model.index(due_today, model.DUE).data() == "Today"
    assert model.index(due_today, model.DUE).data(Qt.ItemDataRole.ForegroundRole) is None
    coming = today.coming_up.model.rows()
    assert coming and all(DEMO_TODAY < i.due_on <= date(2026, 12, 9) for i in coming)
    assert today.coming_up.title.text() == f"Coming up — the next 14 days ({len(coming)})"


def test_dismiss_says_what_it_did_and_undo_brings_it_back(qtbot: Any, window: MainWindow,
                                                          prompts: ScriptedPrompts) -> None:
    today: TodayTab = window.show_tab(0)
    before = len(today.items())
    today.select_item(lambda i: i.kind == "last_say")
    key = today.current_item().key
    qtbot.mouseClick(today.dismiss_button, Qt.MouseButton.LeftButton)
    assert today.undo_line.isVisibleTo(today)
    assert today.undo_line.text.text() == "Dismissed “Have the last say — Reporting Analyst at Wide World Importers”."
    assert len(today.items()) == before - 1
    assert today.put_aside.isVisibleTo(today)
    assert today.put_aside.toggle.text() == "Snoozed and dismissed (1)"
    qtbot.mouseClick(today.undo_line.button, Qt.MouseButton.LeftButton)
    assert len(today.items()) == before and today.current_item().key == key
    assert not today.undo_line.isVisibleTo(today) and not today.put_aside.isVisibleTo(today)
    # snooze, then bring it back from the list of items put aside
    prompts.script("ask_date", date(2026, 12, 1))
    qtbot.mouseClick(today.snooze_button, Qt.MouseButton.LeftButton)
    assert today.undo_line.text.text().startswith("Snoozed “Have the last say — ")
    assert today.undo_line.text.text().endswith("” until 1 Dec.")
    qtbot.mouseClick(today.put_aside.toggle, Qt.MouseButton.LeftButton)
    assert today.put_aside.list.item(0).text() == \
        "Have the last say — Reporting Analyst at Wide World Importers (snoozed until 1 Dec)"
    today.put_aside.list.setCurrentRow(0)
    qtbot.mouseClick(today.put_aside.bring_back_button, Qt.MouseButton.LeftButton)
    assert len(today.items()) == before and today.current_item().key == key


def test_one_failing_part_of_the_advice_is_named_and_the_rest_still_shows(
        qtbot: Any, demo_store: Path, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> None:
    """Issue 14: a record one provider cannot make sense of must not turn Today into "Nothing is due"."""
    from desktop_app.services.today import due

    def follow_up_items(_today: date, _settings: object) -> list[Any]:
        raise ValueError("year 9999 is out of range")

    monkeypatch.setattr(clock, "today", lambda: DEMO_TODAY)
    monkeypatch.setattr(due, "PROVIDERS", tuple(follow_up_items if p.__name__ == "follow_up_items" else p
                                                for p in due.PROVIDERS))
    made = MainWindow(AppContext.create(demo_store, prompts=prompts))
    qtbot.addWidget(made)
    today: TodayTab = made.show_tab(0)
    today.refresh()
    assert not today.trouble.isHidden()
    assert today.trouble.text() == ("Afterview could not work out what is due for your applications: "
                                    "year 9999 is out of range.")
    assert today.items()  # the referees' and the vault's items still show
    assert not any(i.key.startswith("app") and i.kind == "feedback_request" for i in today.items())


def test_12b_item_4_the_buttons_act_on_the_row_last_selected_in_either_list(
        qtbot: Any, window: MainWindow, prompts: ScriptedPrompts) -> None:
    today: TodayTab = window.show_tab(0)
    assert today.items() and today.coming_up.model.rows()
    top = today.current_item()
    table = today.coming_up.table
    coming = next(r for r in range(table.model().rowCount())
                  if today.coming_up.model.rows()[r].application_id not in (None, top.application_id))
    item = today.coming_up.model.rows()[coming]
    rect = table.visualRect(table.model().index(coming, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert today.current_item() == item
    qtbot.mouseClick(today.dismiss_button, Qt.MouseButton.LeftButton)
    assert item.key not in [i.key for i in today.coming_up.model.rows()]
    assert top.key in [i.key for i in today.items()]  # the top list was left alone
    # a click back in the top list: the buttons act on it again
    due_table = today.panel.table
    qtbot.mouseClick(due_table.viewport(), Qt.MouseButton.LeftButton,
                     pos=due_table.visualRect(due_table.model().index(0, 0)).center())
    assert today.current_item() == today.panel.current_row()
    # a double-click on a Coming-up row opens its application
    second = today.coming_up.model.rows()[0]
    rect = table.visualRect(table.model().index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if second.application_id is not None:
        assert window.tabs.currentIndex() == 1
        assert window.applications_tab.panel.current_row().id == second.application_id


def test_at_the_smallest_window_today_scrolls_instead_of_cutting_coming_up_off(qtbot: Any,
                                                                                window: MainWindow) -> None:
    """Issue #18 finding 3: at 1024×640 with a title bar, the bottom of "Coming up" was cut off."""
    from PySide6.QtWidgets import QScrollArea

    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    today = window.show_tab(0)
    qtbot.waitUntil(lambda: today.coming_up.table.model().rowCount() > 0)
    scroll = today.findChild(QScrollArea, "today_scroll")
    assert scroll is not None and scroll.widget().isAncestorOf(today.coming_up)
    window.setMinimumSize(0, 0)  # as on a screen smaller still (or with a banner and the checklist shown)
    window.resize(1024, 400)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    rows = today.coming_up.table.verticalHeader().defaultSectionSize()
    assert today.coming_up.table.height() >= 3 * rows and today.panel.table.height() >= 4 * rows
    # keyboard users get there: Tab from the last button into Coming up scrolls it into view
    table = today.coming_up.table
    assert scroll.verticalScrollBar().value() == 0
    today.dismiss_button.setFocus()
    qtbot.keyClick(today.dismiss_button, Qt.Key.Key_Tab)
    assert table.hasFocus() or window.focusWidget() is table
    first_row = table.visualRect(table.model().index(0, 0)).translated(table.viewport().pos())
    qtbot.waitUntil(lambda: scroll.viewport().rect().contains(
        table.mapTo(scroll.viewport(), first_row.bottomLeft())))


def _tab_into(qtbot: Any, window: MainWindow, target: Any) -> None:
    """Press Tab from where the focus is until ``target`` has it (as a keyboard user does)."""
    from PySide6.QtWidgets import QApplication

    for _ in range(30):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName()}")


def test_tab_into_coming_up_then_down_moves_and_only_the_active_list_shows_a_selection(
        qtbot: Any, window: MainWindow) -> None:
    """Issue #18 (fresh eyes): after Tab into "Coming up" the first Down presses did not move the
    selection, and both lists showed a selected row, so it was unclear which the buttons act on."""
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    today: TodayTab = window.show_tab(0)
    qtbot.waitUntil(lambda: today.coming_up.model.rowCount() > 1 and today.model.rowCount() > 0)
    due, coming = today.panel.table, today.coming_up.table
    due.setFocus()
    assert due.selectionModel().selectedRows() and not coming.selectionModel().selectedRows()
    _tab_into(qtbot, window, coming)
    assert [i.row() for i in coming.selectionModel().selectedRows()] == [0]  # arriving selects the first row
    assert today.current_item() == today.coming_up.model.rows()[0]  # ... and the buttons act on it
    assert not due.selectionModel().selectedRows()  # the other list shows no selection
    qtbot.keyClick(coming, Qt.Key.Key_Down)
    assert [i.row() for i in coming.selectionModel().selectedRows()] == [1]  # the first Down moves
    assert today.current_item() == today.coming_up.model.rows()[1]
    # back in the main list (Shift+Tab): its row is selected again, and Coming up's is not
    for _ in range(30):
        if due.hasFocus():
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Backtab)
    assert due.hasFocus() and due.selectionModel().selectedRows()
    assert not coming.selectionModel().selectedRows()
    assert today.current_item() == today.panel.current_row()


def test_enter_on_a_button_reached_with_the_arrows_does_what_that_button_says(
        qtbot: Any, window: MainWindow, prompts: ScriptedPrompts) -> None:
    """Issue #18 (fresh eyes): arrows moved between Today's buttons, then Enter pressed
    "Open application" whichever button had the focus."""
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    today: TodayTab = window.show_tab(0)
    qtbot.waitUntil(lambda: today.model.rowCount() > 0)
    assert today.select_item(lambda i: i.application_id is not None)
    today.primary_button.setFocus()
    qtbot.keyClick(today.primary_button, Qt.Key.Key_Right)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Right)
    assert window.focusWidget() is today.snooze_button
    prompts.script("ask_date", None)  # the snooze question, answered Cancel
    qtbot.keyClick(today.snooze_button, Qt.Key.Key_Return)
    assert [a.title for a in prompts.asked_of("ask_date")] == ["Snooze until"]
    assert window.tabs.currentIndex() == 0  # not "Open application"


def test_on_first_start_coming_up_says_there_is_nothing_rather_than_a_bare_zero(qtbot: Any, store: Path) -> None:
    """Issue #18 (fresh eyes): "Coming up — the next 14 days (0)" sat at the bottom with no list."""
    window = MainWindow(AppContext.create(store, prompts=ScriptedPrompts()))
    qtbot.addWidget(window)
    today: TodayTab = window.show_tab(0)
    today.refresh()
    assert today.coming_up.title.text() == "Coming up: nothing in the next 14 days."
    assert "(0)" not in today.coming_up.title.text() and not today.coming_up.table.isVisibleTo(today)


def test_one_logged_contact_refreshes_each_tab_once_and_lists_what_a_fresh_window_lists(
        qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> None:
    """Issue 12: logging a contact with both tabs live costs one refresh of each, not more, and
    what the refreshed rows show is what a window opened afresh would show."""
    from datetime import datetime, time, timezone

    from desktop_app.services.applications import interactions, pipeline
    from desktop_app.services.today import due

    today: TodayTab = window.show_tab(0)
    window.show_tab(1)
    window.show_tab(0)
    today.items()
    counts = {"today": 0, "applications": 0}
    every_item, changes = due.every_item, pipeline.application_changes

    def counted_every_item(*args: Any, **kwargs: Any) -> Any:
        counts["today"] += 1
        return every_item(*args, **kwargs)

    def counted_changes(*args: Any, **kwargs: Any) -> Any:
        counts["applications"] += 1
        return changes(*args, **kwargs)

    monkeypatch.setattr(due, "every_item", counted_every_item)
    monkeypatch.setattr(pipeline, "application_changes", counted_changes)
    item = next(i for i in today.items() if i.kind == "follow_up")
    interactions.log_interaction({"application": item.application_id, "channel": "email", "direction": "outgoing",
                                  "purpose": "follow_up",
                                  "at": datetime.combine(DEMO_TODAY, time(12), timezone.utc)})
    window.context.events.applications_changed.emit()
    assert counts == {"today": 1, "applications": 1}
    assert item.key not in {i.key for i in today.items()}  # followed up today: no longer due
    fresh = MainWindow(AppContext.create(window.context.data_dir, prompts=prompts))
    qtbot.addWidget(fresh)
    assert [i.key for i in fresh.today_tab.items()] == [i.key for i in today.items()]
    assert [i.key for i in fresh.today_tab.coming_up.model.rows()] == [i.key for i in today.coming_up.model.rows()]
    fresh.show_tab(1)
    assert fresh.applications_tab.model.rows() == window.applications_tab.model.rows()
