"""The Applications tab on the sample: filters, next steps, the detail view, feedback, deletion, validation."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.ui.applications_tab import ApplicationsTab
from tests.helpers.applications_tab import press, tab  # noqa: F401 (tab: the fixture)
from tests.helpers.scripted_prompts import ScriptedPrompts


def roles(tab: ApplicationsTab) -> set[str]:
    proxy = tab.panel.proxy
    return {proxy.index(r, 0).data() for r in range(proxy.rowCount())}


def test_stage_filter_and_text_filter_work_together(qtbot: Any, tab: ApplicationsTab) -> None:
    assert tab.panel.visible_count() == 12
    tab.set_stage_filter("live")
    assert tab.panel.visible_count() == 7
    assert "Commercial Analyst" not in roles(tab)  # withdrawn
    tab.set_stage_filter("closed")
    assert roles(tab) == {"Commercial Analyst", "Senior Data Analyst", "Junior Data Scientist",
                          "Data Quality Analyst", "Reporting Analyst"}
    qtbot.keyClicks(tab.panel.filter_edit, "northwind")
    assert roles(tab) == {"Data Quality Analyst"}
    tab.set_stage_filter("all")
    assert roles(tab) == {"Data Quality Analyst", "Data Analyst"}


def test_next_step_column_says_what_to_do(tab: ApplicationsTab) -> None:
    model = tab.model
    steps = {model.index(r, 0).data(): model.index(r, model.NEXT_STEP).data() for r in range(model.rowCount())}
    assert steps["Data Analyst"] == "Ask for feedback from 24 Nov"
    assert steps["Analytics Engineer"] == "Ask for feedback from 26 Nov"
    assert steps["Business Intelligence Analyst"] == "Follow-up polite from 19 Nov"
    assert steps["Reporting Analyst"] == "Last say suggested"
    assert steps["Senior Data Analyst"] == "Write to a senior contact; re-approach from 2 Dec"
    assert steps["Junior Data Scientist"] == "Re-approach from 1 Nov"
    assert steps["Data Analyst (Fixed term)"] == "Follow-up polite from 25 Nov"  # the offer of 20 Nov answered
    assert steps["Commercial Analyst"] == ""
    tab.panel.table.sortByColumn(model.NEXT_STEP, Qt.SortOrder.AscendingOrder)
    assert tab.panel.proxy.index(0, model.NEXT_STEP).data() == "Last say suggested"


def test_detail_shows_people_interviews_timeline_and_feedback(tab: ApplicationsTab) -> None:
    tab.panel.select_row(lambda r: r.role == "Business Intelligence Analyst")
    detail = tab.detail
    assert detail.title.text() == "Business Intelligence Analyst at Fabrikam Health"
    assert "via Harbour & Finch Recruitment" in detail.facts.text() and "recruiter Gemma Wright" in detail.facts.text()
    people = [detail.contacts.item(i).text() for i in range(detail.contacts.count())]
    assert any(p.startswith("Gemma Wright — Recruiter") for p in people)
    assert any(p.startswith("Raj Patel — Interviewer") for p in people)
    assert detail.interviews.count() == 2 and "Round 2" in detail.interviews.item(1).text()
    timeline = [detail.timeline.item(i).text() for i in range(detail.timeline.count())]
    assert timeline[0].startswith("14 Nov 2026") and "Feedback request" in timeline[0]
    assert timeline[-1] == "20 Oct 2026  Stage: Applied"
    assert detail.next_step.text() == "Next step: Follow-up polite from 19 Nov"
    assert detail.feedback.text().startswith("No feedback recorded yet")


def test_recording_feedback_with_its_date(qtbot: Any, tab: ApplicationsTab, monkeypatch: pytest.MonkeyPatch) -> None:
    tab.panel.select_row(lambda r: r.role == "Data Analyst")

    def fill(_tab: Any, dialog: Any) -> bool:
        qtbot.keyClicks(dialog.text_edit, "Strong case study; wanted more SQL.")
        dialog.on_edit.setDate(QDate(2026, 11, 24))
        press(qtbot, dialog, "feedback_buttons", QDialogButtonBox.StandardButton.Save)
        return dialog.result() == 1

    monkeypatch.setattr(ApplicationsTab, "run_dialog", fill)
    qtbot.mouseClick(tab.detail.feedback_button, Qt.MouseButton.LeftButton)
    assert tab.detail.feedback.text() == "Received 24 Nov 2026:\nStrong case study; wanted more SQL."
    # recorded feedback ends the feedback request, and the chase (issue 12, case 5)
    assert tab.model.index(tab.panel.proxy.mapToSource(tab.panel.table.currentIndex()).row(), 5).data() \
        == "Feedback received 24 Nov"


def test_mark_reply_received_restarts_the_counting(qtbot: Any, tab: ApplicationsTab) -> None:
    tab.panel.select_row(lambda r: r.role == "Product Analyst")
    assert tab.detail.next_step.text() == "Next step: Follow-up polite from 15 Nov"
    tab.detail.timeline.setCurrentRow(0)  # "Followed up with Sophie", 10 Nov
    qtbot.mouseClick(tab.detail.reply_button, Qt.MouseButton.LeftButton)
    # the reply answers the follow-up of 10 Nov: the counting restarts from it (no last say on its way)
    assert tab.detail.next_step.text() == "Next step: Follow-up polite from 15 Nov"
    assert tab.detail.timeline.item(0).text().endswith("— replied")


def test_delete_says_what_goes_with_it_and_asks_first(qtbot: Any, tab: ApplicationsTab,
                                                      prompts: ScriptedPrompts) -> None:
    tab.panel.select_row(lambda r: r.role == "Business Intelligence Analyst")
    prompts.script("confirm_destructive", False)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    [asked] = prompts.asked_of("confirm_destructive")
    assert "2 interviews, 3 logged contacts, its stage history" in asked.text
    assert asked.title == "Delete application" and asked.details["action_label"] == "Delete"
    assert tab.panel.visible_count() == 12
    prompts.script("confirm_destructive", True)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.panel.visible_count() == 11 and "Business Intelligence Analyst" not in roles(tab)


def test_interviews_and_logged_contacts_can_be_deleted(qtbot: Any, tab: ApplicationsTab,
                                                       prompts: ScriptedPrompts) -> None:
    tab.panel.select_row(lambda r: r.role == "Business Intelligence Analyst")
    prompts.script("confirm_destructive", True, True)
    assert [a.text() for a in tab.detail.timeline.actions()] == ["Mark reply received", "Delete logged contact…"]
    tab.detail.timeline.setCurrentRow(0)  # the feedback request of 14 Nov
    tab.detail.timeline.actions()[1].trigger()
    assert not any("Feedback request" in tab.detail.timeline.item(i).text()
                   for i in range(tab.detail.timeline.count()))
    tab.detail.interviews.setCurrentRow(1)
    tab.detail.interviews.actions()[1].trigger()
    assert tab.detail.interviews.count() == 1
    # round 1 (5 Nov) has no feedback request any more: it is due again
    assert tab.detail.next_step.text() == "Next step: Ask for feedback from 9 Nov"
    assert [a.title for a in prompts.asked_of("confirm_destructive")] == ["Delete logged contact", "Delete interview"]


def test_a_logged_contact_updates_its_row_and_its_today_items_without_refilling_the_lists(
        qtbot: Any, tab: ApplicationsTab) -> None:
    from datetime import datetime, timezone

    from desktop_app.services.applications import interactions
    from desktop_app.services.applications.next_step import next_steps

    today_tab = tab.window().today_tab
    today_tab.items()  # Today worked out, as after start-up
    row = next(r for r in tab.model.rows() if r.role == "Data Analyst")
    assert row.next_step.kind == "feedback_request"
    assert any(i.kind == "feedback_request" and i.application_id == row.id for i in today_tab.items())
    resets: list[str] = []
    tab.model.modelReset.connect(lambda: resets.append("applications"))
    today_tab.model.modelReset.connect(lambda: resets.append("today"))
    interactions.log_interaction({"application": row.id, "channel": "email", "direction": "outgoing",
                                  "at": datetime(2026, 11, 25, 12, tzinfo=timezone.utc),
                                  "purpose": "feedback_request"})
    tab.context.events.applications_changed.emit()
    after = next(r for r in tab.model.rows() if r.id == row.id)
    assert after.next_step == next_steps()[row.id] != row.next_step
    assert after.last_contact_at == datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
    assert not any(i.kind == "feedback_request" and i.application_id == row.id for i in today_tab.items())
    assert resets == []  # one row each: a list of 10,000 must not be built again (issue 12)
    assert tab.panel.visible_count() == 12


@pytest.mark.parametrize("sorted_by_role", [False, True], ids=["as-read", "by-role"])
def test_an_application_put_back_returns_to_its_place_not_the_top(tab: ApplicationsTab,  # noqa: F811
                                                                  sorted_by_role: bool) -> None:
    """Issue 14: after Undo, the Trash or a restore the application came back on top of the list."""
    from desktop_app.services.applications import pipeline
    from desktop_app.services.core import undo

    if sorted_by_role:
        tab.panel.table.sortByColumn(tab.model.ROLE, Qt.SortOrder.AscendingOrder)
    tab.refresh()
    before = [r.id for r in tab.model.rows()]
    middle = before[len(before) // 2]
    undo.clear()
    pipeline.delete_application(middle)
    tab.refresh()
    assert middle not in [r.id for r in tab.model.rows()]
    undo.undo_last()
    tab.refresh()
    assert [r.id for r in tab.model.rows()] == before
