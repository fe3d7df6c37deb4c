"""Journey 1, after the interview (JOURNEYS.md): every step through the window, driven with qtbot.

Record an application through a recruiter, add an interview, see "Ask for feedback" on
Today on the right day, compose the request and open it in the email app, be warned
when following up too soon, and get the last say after three unanswered follow-ups."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.dialogs.interaction_dialog import InteractionDialog
from desktop_app.ui.dialogs.interview_dialog import to_qdatetime
from desktop_app.ui.main_window import MainWindow
from tests.helpers.fake_opener import install_fake_opener
from tests.helpers.scripted_prompts import ScriptedPrompts
from tests.journeys.steps import Calendar, drive_dialogs, log_contact, press_save, record_application, today_items


def test_the_follow_up_workflow_from_application_to_feedback_request(
        qtbot: Any, main_window: MainWindow, calendar: Calendar, monkeypatch: pytest.MonkeyPatch,
        prompts: ScriptedPrompts, tmp_path: Path) -> None:
    window = main_window
    record_application(qtbot, window, monkeypatch, date(2026, 11, 2))
    tab = window.applications_tab
    model = tab.model
    assert tab.panel.visible_count() == 1
    assert model.index(0, model.ORGANISATION).data() == "Northwind Ltd via Harbour and Finch"
    assert model.index(0, model.NEXT_STEP).data() == "Follow-up polite from 7 Nov"
    assert tab.selected_id() is not None and "Gemma Wright" in tab.detail.facts.text()

    # the interview: Friday 20 November, recorded on Monday 16th
    calendar.set(date(2026, 11, 16), window)

    def fill_interview(dialog: Any) -> None:
        dialog.at_edit.setDateTime(to_qdatetime(datetime(2026, 11, 20, 10, tzinfo=timezone.utc)))
        qtbot.keyClicks(dialog.new_person, "Tom Hughes")
        press_save(qtbot, dialog, "interview_buttons")

    drive_dialogs(monkeypatch, fill_interview)
    window.add_interview_action.trigger()
    assert model.index(0, model.STAGE).data() == "Interviewing"
    assert model.index(0, model.NEXT_STEP).data() == "Interview on 20 Nov"
    assert "Tom Hughes" in tab.detail.interviews.item(0).text()

    # two working days after a Friday interview: due on Tuesday, not on Monday
    calendar.set(date(2026, 11, 23), window)
    assert ("feedback_request", "Data Analyst at Northwind Ltd") not in today_items(window)
    calendar.set(date(2026, 11, 24), window)
    assert ("feedback_request", "Data Analyst at Northwind Ltd") in today_items(window)
    assert window.tabs.tabText(0) == f"&Today ({window.today_tab.due_count()})"
    today = window.show_tab(0)
    assert today.select_item(lambda i: i.kind == "feedback_request")
    assert today.primary_button.text() == "Compose message…"

    # compose it, open it in the email app (a fake xdg-open that answers), and mark it as sent
    fake = install_fake_opener(tmp_path / "opener", monkeypatch)

    def send(dialog: Any) -> None:
        assert dialog.draft.contact_name == "Gemma Wright"
        # the recruiter arranged it; Tom Hughes held it (issue 12, case 6)
        assert "for arranging my interview with Tom Hughes on 20 November for the Data Analyst role at Northwind Ltd" \
            in dialog.body()
        qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: fake.opened() != [] and dialog.channel_combo.currentData() == "email")
        qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)

    drive_dialogs(monkeypatch, send)
    qtbot.mouseClick(today.primary_button, Qt.MouseButton.LeftButton)
    opened = fake.opened()
    assert opened and opened[0].startswith("mailto:?subject=Feedback%20on%20my%20Data%20Analyst%20interview&body=")
    assert "%0D%0A" in opened[0] and "Northwind%20Ltd" in opened[0]
    assert ("feedback_request", "Data Analyst at Northwind Ltd") not in today_items(window)
    assert "Feedback request" in tab.detail.timeline.item(0).text()

    # following up two days later is too soon: warned, and Cancel logs nothing
    calendar.set(date(2026, 11, 26), window)
    prompts.script("confirm_destructive", False)
    log_contact(qtbot, window, monkeypatch)
    warnings = prompts.asked_of("confirm_destructive")
    assert [w.text for w in warnings] == [
        "You last contacted Harbour and Finch 2 days ago; a follow-up is polite from 29 Nov."]
    assert warnings[0].details["action_label"] == "Log anyway"
    assert isinstance(warnings[0].parent, InteractionDialog)
    assert tab.detail.timeline.count() == 4  # applied, interviewing, the interview, the feedback request
    prompts.script("confirm_destructive", True)
    log_contact(qtbot, window, monkeypatch)  # Log anyway
    assert tab.detail.timeline.count() == 5
    assert "Follow-up: Asked for news" in tab.detail.timeline.item(0).text()


def test_last_say_after_three_unanswered_follow_ups(
        qtbot: Any, main_window: MainWindow, calendar: Calendar, monkeypatch: pytest.MonkeyPatch) -> None:
    window = main_window
    record_application(qtbot, window, monkeypatch, date(2026, 11, 2))
    for day in (date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)):
        calendar.set(day, window)
        log_contact(qtbot, window, monkeypatch)  # a week apart: never too soon, so no question asked
    calendar.set(date(2026, 11, 27), window)
    assert ("last_say", "Data Analyst at Northwind Ltd") not in today_items(window)
    calendar.set(date(2026, 11, 28), window)
    assert ("last_say", "Data Analyst at Northwind Ltd") in today_items(window)
    assert window.applications_tab.model.index(0, 5).data() == "Last say suggested"
    today = window.show_tab(0)
    today.select_item(lambda i: i.kind == "last_say")

    def send(dialog: Any) -> None:
        assert "keen to work for Northwind Ltd in the future" in dialog.body()
        dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("linkedin"))
        qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)

    drive_dialogs(monkeypatch, send)
    today.primary_action()
    assert not any(kind in ("last_say", "follow_up") for kind, _ in today_items(window))
    assert window.applications_tab.model.index(0, 5).data() == "Last say sent 28 Nov"
