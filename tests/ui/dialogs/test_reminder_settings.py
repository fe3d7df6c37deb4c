"""Settings → Reminders: start at login on and off, notifications off, the calendar's place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app import APP_ID, autostart
from desktop_app.services import reminders
from desktop_app.services.exchange import calendar_export
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(autostart, "_platform", lambda: "linux")
    return tmp_path / "config"


def _dialog(qtbot: Any, window: MainWindow) -> SettingsDialog:
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.reminders_page)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_start_at_login_is_off_until_turned_on_and_removed_when_turned_off(
        qtbot: Any, window: MainWindow, config_home: Path) -> None:
    entry = config_home / "autostart" / f"{APP_ID}.desktop"
    dialog = _dialog(qtbot, window)
    page = dialog.reminders_page
    assert not page.autostart_box.isChecked() and page.notify_box.isChecked()
    qtbot.keyClick(page.autostart_box, Qt.Key.Key_Space)
    assert page.autostart_box.isChecked()
    assert dialog.save_thresholds(), page.error.text()
    assert entry.is_file() and "--tray" in entry.read_text(encoding="utf-8")
    again = _dialog(qtbot, window)
    assert again.reminders_page.autostart_box.isChecked()
    qtbot.keyClick(again.reminders_page.autostart_box, Qt.Key.Key_Space)
    qtbot.keyClick(again.reminders_page.notify_box, Qt.Key.Key_Space)
    assert again.save_thresholds()
    assert not entry.exists()
    assert not reminders.notifications_enabled()


def test_the_calendar_goes_where_the_user_chooses(qtbot: Any, window: MainWindow, prompts: ScriptedPrompts,
                                                  tmp_path: Path, demo_store: Path) -> None:
    dialog = _dialog(qtbot, window)
    page = dialog.reminders_page
    assert page.calendar_edit.text() == str(demo_store / "afterview.ics")
    prompts.script("save_path", tmp_path / "nowhere" / "jobs.ics")
    qtbot.mouseClick(page.findChild(QPushButton, "setting_calendar_choose"), Qt.MouseButton.LeftButton)
    # the picker opened where the calendar is now
    assert prompts.asked_of("save_path")[-1].details["suggested"] == str(demo_store / "afterview.ics")
    # said beside the field as soon as it is chosen; the field keeps the place that works
    assert page.calendar_problem.isVisible() and "does not exist" in page.calendar_problem.text()
    assert page.calendar_edit.text() == str(demo_store / "afterview.ics")
    assert dialog.save_thresholds()
    assert calendar_export.live_calendar_path(demo_store) == demo_store / "afterview.ics"
    prompts.script("save_path", tmp_path / "jobs.ics")
    page.choose_calendar()
    assert not page.calendar_problem.isVisible()
    assert dialog.save_thresholds()
    assert calendar_export.live_calendar_path(demo_store) == tmp_path / "jobs.ics"
    again = _dialog(qtbot, window)
    again.reminders_page.default_calendar()
    assert again.save_thresholds()
    assert calendar_export.live_calendar_path(demo_store) == demo_store / "afterview.ics"


def test_a_calendar_place_that_cannot_be_written_is_said_when_chosen(
        qtbot: Any, window: MainWindow, prompts: ScriptedPrompts, demo_store: Path) -> None:
    dialog = _dialog(qtbot, window)
    page = dialog.reminders_page
    prompts.script("save_path", Path("/sys/afterview.ics"))  # nobody may write there, not even root
    page.choose_calendar()
    assert page.calendar_problem.isVisible()
    assert page.calendar_problem.text() == ("The calendar cannot be kept there: it cannot be written in /sys: "
                                            "you are not allowed to write in that folder. Choose another place.")
    assert "Errno" not in page.calendar_problem.text()
    assert dialog.save_thresholds()
    assert calendar_export.live_calendar_path(demo_store) == demo_store / "afterview.ics"


def test_start_at_login_says_which_folder_it_starts(qtbot: Any, window: MainWindow, config_home: Path,
                                                    tmp_path: Path, demo_store: Path) -> None:
    other = tmp_path / "other data"
    autostart.enable(other, config_home=config_home)  # turned on from another data folder
    dialog = _dialog(qtbot, window)
    page = dialog.reminders_page
    assert page.autostart_box.isChecked()  # the real state: it is per user
    assert str(other) in page.autostart_where.text() and "not this folder" in page.autostart_where.text()
    assert dialog.save_thresholds()
    assert autostart.installed_data_dir() == demo_store  # saved with the box ticked: this folder now
    again = _dialog(qtbot, window).reminders_page
    assert again.autostart_where.text() == f"At login Afterview opens {demo_store}."


def test_start_at_login_cannot_be_changed_from_the_demo(qtbot: Any, demo_store: Path, config_home: Path,
                                                        prompts: ScriptedPrompts) -> None:
    from desktop_app.ui.dialogs.reminder_settings import ReminderSettingsPage

    page = ReminderSettingsPage(demo_store, prompts, demo=True)
    qtbot.addWidget(page)
    assert not page.autostart_box.isEnabled()
    assert "Not available in the demo" in page.autostart_where.text()
    page.autostart_box.setChecked(True)
    assert page.save()
    assert not autostart.is_enabled()
