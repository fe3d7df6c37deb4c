"""Today's "12 of 20 job-search activities this month": set in Settings, shown on Today, hidden without a target."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from desktop_app.services.core.settings import get_monthly_target
from desktop_app.ui.activity_target import ActivityTargetLine
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers.activity_samples import make_activities


@pytest.fixture
def scenario(context: AppContext, frozen_clock) -> AppContext:  # type: ignore[no-untyped-def]
    frozen_clock.set_now(datetime(2026, 11, 14, 18, tzinfo=timezone.utc))
    make_activities()
    return context


def test_without_a_target_nothing_is_shown(qtbot: Any, scenario: AppContext) -> None:
    line = ActivityTargetLine(scenario)
    qtbot.addWidget(line)
    qtbot.waitUntil(lambda: line.progress is not None)
    assert line.progress.target == 0 and not line.isVisibleTo(None) and line.text() == ""


def test_a_target_set_in_settings_shows_on_today(qtbot: Any, scenario: AppContext) -> None:
    window = MainWindow(scenario)
    qtbot.addWidget(window)
    window.show()
    line = window.today_tab.findChild(QLabel, "today_activity_target")
    assert line is not None
    qtbot.waitUntil(lambda: line.progress is not None)
    assert not line.isVisible()

    settings = SettingsDialog(window)
    qtbot.addWidget(settings)
    spin = settings.target_spin
    assert spin.specialValueText() == "No target" and spin.value() == 0
    spin.setValue(20)
    assert settings.save_thresholds()
    assert get_monthly_target() == 20
    scenario.events.settings_changed.emit()
    # 5 applications, 3 interviews, 4 follow-ups and 2 other contacts from 1 to 14 November
    assert line.isVisible()
    assert line.text() == "14 of 20 job-search activities this month — 6 to go"
    assert "This month" in line.toolTip() and "incoming" in line.toolTip()


def test_reaching_the_target_says_so(qtbot: Any, scenario: AppContext) -> None:
    from desktop_app.services.core.settings import save_monthly_target

    save_monthly_target(14)
    line = ActivityTargetLine(scenario)
    qtbot.addWidget(line)
    qtbot.waitUntil(lambda: line.progress is not None)
    assert line.text() == "14 of 14 job-search activities this month — target reached"


def test_the_line_and_the_report_for_this_month_count_the_same(qtbot: Any, scenario: AppContext,
                                                               tmp_path: Any) -> None:
    from PySide6.QtCore import Qt

    from desktop_app.services.core.settings import save_monthly_target
    from desktop_app.ui.dialogs.activity_report_dialog import ActivityReportDialog

    save_monthly_target(20)
    line = ActivityTargetLine(scenario)
    qtbot.addWidget(line)
    qtbot.waitUntil(lambda: line.progress is not None)
    dialog = ActivityReportDialog(scenario)
    qtbot.addWidget(dialog)
    dialog.preset_combo.setCurrentIndex(dialog.preset_combo.findData("this_month"))
    dialog.csv_button.setChecked(True)
    scenario.prompts.script("save_path", tmp_path / "month.csv")  # type: ignore[attr-defined]
    made: list[Any] = []
    dialog.report_made.connect(made.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(made), timeout=30000)
    assert line.progress is not None and made[0].summary.total == line.progress.done
