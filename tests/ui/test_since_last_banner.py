""""Since you were last here": the banner on Today after days away, shown once."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.services import reminders
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.since_last_banner import SinceLastBanner

DEMO_TODAY = date(2026, 11, 25)


def test_after_days_away_today_says_what_came_due(qtbot: Any, window: MainWindow) -> None:
    reminders.mark_seen(DEMO_TODAY - timedelta(days=10))
    window.show()
    banner = window.today_tab.findChild(SinceLastBanner, "since_last_banner")
    assert banner is not None
    qtbot.waitUntil(banner.isVisible)
    came = reminders.came_due_while_away(DEMO_TODAY)
    assert banner.label.text() == (f"Since you were last here, {len(came)} things came due: "
                                   f"{reminders.word(came)}.")
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()


def test_nothing_on_the_first_start_or_the_same_day(qtbot: Any, window: MainWindow) -> None:
    first = SinceLastBanner(window.context)
    qtbot.addWidget(first)
    first.load()
    assert first.items == [] and not first.isVisible()
    reminders.mark_seen(DEMO_TODAY)
    same_day = SinceLastBanner(window.context)
    qtbot.addWidget(same_day)
    same_day.load()
    assert same_day.items == [] and not same_day.isVisible()
