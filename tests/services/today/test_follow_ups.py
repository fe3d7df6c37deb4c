"""Today's follow-up items on a real store: the feedback request, the last say, the re-approach."""

from __future__ import annotations

from datetime import date

from desktop_app.services.applications import (
    detail as detail_service,
    drafts,
    interactions,
    interviews,
    next_step,
    pipeline as applications,
)
from desktop_app.services.today import due
from tests.helpers.applications import at, kinds_for


def test_feedback_request_appears_on_today_on_the_right_day(via_recruiter: int) -> None:
    interviews.create_interview({"application": via_recruiter, "at": at("2026-11-20"), "round": 1,
                                 "format": "video", "interviewers": []}, today=date(2026, 11, 16))
    assert detail_service.application_detail(via_recruiter).stage == "interviewing"
    assert "feedback_request" not in kinds_for(via_recruiter, date(2026, 11, 23))
    item = next(i for i in due.due_items(date(2026, 11, 24)) if i.kind == "feedback_request")
    assert item.subject == "Data Analyst at Northwind Ltd"
    assert item.text == "Ask Gemma Wright for feedback on your interview on 20 Nov."
    # the draft goes to the recruiter, with the interview's date
    draft = drafts.draft_message(via_recruiter, "feedback_request", today=date(2026, 11, 24))
    assert draft.contact_name == "Gemma Wright" and "20 November" in draft.body
    drafts.mark_sent(draft, "email", at=at("2026-11-24", 9))
    assert "feedback_request" not in kinds_for(via_recruiter, date(2026, 11, 24))
    assert next_step.next_steps(date(2026, 11, 24))[via_recruiter].kind == "follow_up"


def test_last_say_after_three_unanswered_follow_ups_then_silence(via_recruiter: int) -> None:
    for day in ("2026-11-09", "2026-11-16", "2026-11-23"):
        interactions.log_interaction({"application": via_recruiter, "at": at(day), "channel": "linkedin",
                                      "direction": "outgoing", "purpose": "follow_up"})
    assert kinds_for(via_recruiter, date(2026, 11, 27)) == []
    assert kinds_for(via_recruiter, date(2026, 11, 28)) == ["last_say"]
    draft = drafts.draft_message(via_recruiter, "last_say")
    assert "keen to work for Northwind Ltd in the future" in draft.body
    drafts.mark_sent(draft, "linkedin", at=at("2026-11-28"))
    assert kinds_for(via_recruiter, date(2027, 1, 28)) == []
    assert next_step.next_steps(date(2026, 11, 29))[via_recruiter].kind == "last_say_sent"


def test_re_approach_three_months_after_the_rejection_with_last_time_contacts(via_recruiter: int) -> None:
    applications.update_application(via_recruiter, {"stage": "rejected"}, today=date(2026, 11, 25))
    assert kinds_for(via_recruiter, date(2026, 11, 25)) == ["senior_contact"]
    assert kinds_for(via_recruiter, date(2027, 2, 24)) == ["senior_contact"]
    items = [i for i in due.due_items(date(2027, 2, 25)) if i.application_id == via_recruiter]
    assert [i.kind for i in items] == ["re_approach"]
    assert "Gemma Wright" in items[0].text and "until 25 May" in items[0].text
    assert kinds_for(via_recruiter, date(2027, 5, 26)) == []
