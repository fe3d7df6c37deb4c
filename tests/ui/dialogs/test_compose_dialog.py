"""The Compose dialog: the draft to the right person, copied, opened in the email app or on LinkedIn."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.ui.dialogs.compose_dialog import ComposeDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts


def app_id(window: MainWindow, role: str) -> int:
    return next(r.id for r in window.applications_tab.model.rows() if r.role == role)


def test_compose_copy_email_and_linkedin(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                         prompts: ScriptedPrompts) -> None:
    dialog = ComposeDialog(app_id(window, "Data Analyst"), "feedback_request", window, prompts=prompts)
    qtbot.addWidget(dialog)
    opened: list[str] = []
    monkeypatch.setattr(dialog, "open_url", lambda url: opened.append(url) or True)
    assert dialog.to_label.text() == "Priya Shah <priya.shah@northwind.example>"
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith("Feedback on my Data Analyst interview\n\nDear Priya,")
    dialog.subject_edit.setText("Feedback & next steps?")
    qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)
    assert opened[0].startswith("mailto:priya.shah@northwind.example?subject=Feedback%20%26%20next%20steps%3F&body=")
    qtbot.mouseClick(dialog.linkedin_button, Qt.MouseButton.LeftButton)
    assert opened[1] == "https://www.linkedin.com/in/priya-shah-example"
    assert dialog.channel_combo.currentData() == "linkedin"
    prompts.script("confirm_destructive", True)
    qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)
    # the thank-you went on 21 Nov: four days later is inside the gap, so the user was asked
    asked = prompts.asked_of("confirm_destructive")
    assert [a.text for a in asked] == ["You last contacted Northwind Ltd 4 days ago; a follow-up is polite from 26 Nov."]
    assert asked[0].title == "Too soon to follow up?" and asked[0].details["action_label"] == "Log anyway"
    timeline = window.applications_tab
    timeline.select_application(app_id(window, "Data Analyst"))
    window.context.events.applications_changed.emit()
    assert "LinkedIn · Feedback request: Feedback & next steps?" in timeline.detail.timeline.item(0).text()


def test_no_linkedin_button_without_a_profile(qtbot: Any, window: MainWindow) -> None:
    dialog = ComposeDialog(app_id(window, "Revenue Analyst"), "follow_up", window, prompts=window.context.prompts)
    qtbot.addWidget(dialog)
    assert not dialog.linkedin_button.isEnabled()
    assert "Dear Sir or Madam," in dialog.body()
