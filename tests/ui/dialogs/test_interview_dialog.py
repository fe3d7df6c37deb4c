"""The interview form: a booked interview may be in the future, but a year ahead or before the application
is questioned beside the field (12b item 1); Save again keeps it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.services.applications.interviews import list_interviews
from desktop_app.ui.dialogs.interview_dialog import InterviewDialog
from desktop_app.ui.main_window import MainWindow


def test_12b_item_1_an_interview_more_than_a_year_ahead_is_questioned_then_kept(qtbot: Any,
                                                                               window: MainWindow) -> None:
    app_id = next(r.id for r in window.applications_tab.model.rows() if r.role == "Insights Analyst")
    before = len(list_interviews(app_id))
    dialog = InterviewDialog(app_id, None, window)
    qtbot.addWidget(dialog)
    far = QDateTime.currentDateTime().addDays(400)
    dialog.at_edit.setDateTime(far)
    save = dialog.findChild(QDialogButtonBox, "interview_buttons").button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "is more than a year ahead — is the date right? Save again to keep it." in dialog.errors.text("at")
    assert len(list_interviews(app_id)) == before
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert len(list_interviews(app_id)) == before + 1
    # next week is simply booked
    again = InterviewDialog(app_id, None, window)
    qtbot.addWidget(again)
    again.at_edit.setDateTime(QDateTime.currentDateTime().addDays(7))
    assert again.save() and len(list_interviews(app_id)) == before + 2
