"""Steps of the journeys through the window: the day it believes it is, its dialogs filled in as a user would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timezone
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app import clock
from desktop_app.ui.applications_tab import ApplicationsTab
from desktop_app.ui.main_window import MainWindow


class Calendar:
    """The day the window believes it is (clock.today / clock.now)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.day = date(2026, 11, 2)
        monkeypatch.setattr(clock, "today", lambda: self.day)
        monkeypatch.setattr(clock, "now", lambda: datetime.combine(self.day, time(10), timezone.utc))

    def set(self, day: date, window: MainWindow) -> None:
        self.day = day
        window.context.events.everything_changed.emit()


def drive_dialogs(monkeypatch: pytest.MonkeyPatch, *steps: Callable[[Any], None]) -> list[Any]:
    """Each dialog the Applications tab opens is handed to the next step, which fills it in and presses its button."""
    queue, seen = list(steps), []

    def run(_tab: ApplicationsTab, dialog: Any) -> bool:
        seen.append(dialog)
        queue.pop(0)(dialog)
        return dialog.result() == 1

    monkeypatch.setattr(ApplicationsTab, "run_dialog", run)
    return seen


def press_save(qtbot: Any, dialog: Any, name: str) -> None:
    """Click Save in the button box called ``name`` of ``dialog``."""
    box = dialog.findChild(QDialogButtonBox, name)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def today_items(window: MainWindow) -> list[tuple[str, str]]:
    """What the Today tab lists, as (kind, subject), in its order."""
    return [(i.kind, i.subject) for i in window.today_tab.items()]


def record_application(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, applied: date) -> None:
    """Add application…: Data Analyst at Northwind Ltd, through Gemma Wright of Harbour and Finch,
    applied on ``applied``."""
    def fill(dialog: Any) -> None:
        qtbot.keyClicks(dialog.role_edit, "Data Analyst")
        qtbot.keyClicks(dialog.employer_combo.lineEdit(), "Northwind Ltd")
        qtbot.keyClicks(dialog.agency_combo.lineEdit(), "Harbour and Finch")
        qtbot.keyClicks(dialog.recruiter_combo.lineEdit(), "Gemma Wright")
        dialog.applied_edit.setDate(QDate(applied.year, applied.month, applied.day))
        press_save(qtbot, dialog, "application_buttons")

    drive_dialogs(monkeypatch, fill)
    window.add_application_action.trigger()


def log_contact(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, purpose: str = "follow_up") -> None:
    """Log contact… for the selected application: an outgoing message for ``purpose``, saved."""
    def fill(dialog: Any) -> None:
        dialog.purpose_combo.setCurrentIndex(dialog.purpose_combo.findData(purpose))
        qtbot.keyClicks(dialog.summary_edit, "Asked for news")
        press_save(qtbot, dialog, "interaction_buttons")

    drive_dialogs(monkeypatch, fill)
    window.log_contact_action.trigger()
