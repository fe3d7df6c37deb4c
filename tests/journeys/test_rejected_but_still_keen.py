"""Journey 2, rejected but still keen (JOURNEYS.md): the application marked rejected; the senior
contact offered at once, the re-approach due three months later."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.main_window import MainWindow
from tests.journeys.steps import Calendar, drive_dialogs, press_save, record_application, today_items


def test_re_approach_three_months_after_marking_it_rejected(
        qtbot: Any, main_window: MainWindow, calendar: Calendar, monkeypatch: pytest.MonkeyPatch) -> None:
    window = main_window
    record_application(qtbot, window, monkeypatch, date(2026, 11, 2))
    calendar.set(date(2026, 11, 25), window)

    def reject(dialog: Any) -> None:
        dialog.stage_combo.setCurrentIndex(dialog.stage_combo.findData("rejected"))
        press_save(qtbot, dialog, "application_buttons")

    drive_dialogs(monkeypatch, reject)
    qtbot.mouseClick(window.applications_tab.edit_button, Qt.MouseButton.LeftButton)
    assert "Rejected" in window.applications_tab.detail.timeline.item(0).text()
    assert ("senior_contact", "Data Analyst at Northwind Ltd") in today_items(window)
    calendar.set(date(2027, 2, 24), window)
    assert ("re_approach", "Data Analyst at Northwind Ltd") not in today_items(window)
    calendar.set(date(2027, 2, 25), window)
    assert ("re_approach", "Data Analyst at Northwind Ltd") in today_items(window)
    item = next(i for i in window.today_tab.items() if i.kind == "re_approach")
    assert "Gemma Wright" in item.text  # the contacts from last time
    assert window.applications_tab.model.index(0, 5).data() == "Re-approach from 25 Feb"
