"""Journey: proof of the search (PRODUCT.md, "Beyond the trackers").

A user on benefits must show 20 job searches a month. They set the target in
Settings, record an application and a follow-up through the window, see the month's
progress on Today, then make the fortnight's report for the job centre from
File → Activity report… and find their activities in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pypdf import PdfReader

from desktop_app.ui.dialogs.activity_report_dialog import ActivityReportDialog
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts
from tests.journeys.steps import Calendar, log_contact, record_application


def test_a_target_on_today_and_a_report_for_the_job_centre(
        qtbot: Any, main_window: MainWindow, calendar: Calendar, monkeypatch: pytest.MonkeyPatch,
        prompts: ScriptedPrompts, tmp_path: Path) -> None:
    window = main_window
    window.show()
    target_line = window.today_tab.findChild(QLabel, "today_activity_target")
    qtbot.waitUntil(lambda: target_line.progress is not None)
    assert not target_line.isVisible()  # no target yet: Today says nothing about it

    settings = SettingsDialog(window)
    qtbot.addWidget(settings)
    settings.target_spin.setValue(20)
    assert settings.save_thresholds()
    window.context.events.settings_changed.emit()
    assert target_line.text() == "0 of 20 job-search activities this month — 20 to go"

    record_application(qtbot, window, monkeypatch, date(2026, 11, 2))
    calendar.set(date(2026, 11, 9), window)
    log_contact(qtbot, window, monkeypatch, purpose="follow_up")
    assert target_line.text() == "2 of 20 job-search activities this month — 18 to go"

    calendar.set(date(2026, 11, 13), window)
    window.activity_report_action.trigger()
    dialog = window.findChild(ActivityReportDialog, "activity_report_dialog")
    dialog.preset_combo.setCurrentIndex(dialog.preset_combo.findData("fortnight"))
    dialog.reader_combo.setCurrentIndex(dialog.reader_combo.findData("ba-de"))
    out = tmp_path / "Bewerbungsnachweis.pdf"
    prompts.script("save_path", out)
    prompts.script("ask_yes_no", True)  # no name in the profile yet: they make it anyway
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [q.text for q in prompts.asked_of("ask_yes_no")][0].startswith("Your name is not in your profile")
    qtbot.waitUntil(lambda: dialog.progress_dialog.outcome is not None, timeout=30000)
    assert dialog.progress_dialog.outcome[0] == "finished"
    assert "Activity report saved to" in window.statusBar().currentMessage()

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Nachweis der Eigenbemühungen" in text and "31.10.2026 – 13.11.2026" in text
    assert "Bewerbungen: 1" in text and "Nachfragen: 1" in text
    assert "02.11.2026" in text and "09.11.2026" in text and "Northwind Ltd (Harbour and Finch)" in text
    assert "Gemma Wright" in text and "Seite 1 von 1" in text
