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
    assert window.tabs.tabText(0) == f"Today ({len(items)})"
    assert today.heading.text() == f"Wednesday 25 November 2026 — {len(items)} to do"
    model = today.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).kind == "feedback_request")
    assert [model.index(row, c).data() for c in range(3)] == ["24 Nov", "Ask for feedback",
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
    assert window.tabs.tabText(0) == f"Today ({before - 1})"
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
        assert made.tabs.tabText(0) == "Today"
