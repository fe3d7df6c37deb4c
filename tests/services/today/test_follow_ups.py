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


def test_case_1_the_journey_entered_after_the_fact_keeps_every_reminder(store: object) -> None:
    from tests.helpers.applications import log, pricing_analyst

    app_id = pricing_analyst()
    assert next_step.next_steps(date(2026, 11, 30))[app_id] == next_step.rules.NextStep(
        "feedback_request", date(2026, 12, 1))
    log(app_id, "2026-11-30", "thank_you", hour=9)
    log(app_id, "2026-11-30", "feedback_request", hour=10)
    assert next_step.next_steps(date(2026, 12, 1))[app_id] == next_step.rules.NextStep("follow_up", date(2026, 12, 5))
    assert kinds_for(app_id, date(2026, 12, 1)) == []
    assert interactions.gap_warning(app_id, at("2026-12-03")).polite_from == date(2026, 12, 5)  # type: ignore[union-attr]
    assert kinds_for(app_id, date(2026, 12, 5)) == ["follow_up"]
    assert kinds_for(app_id, date(2026, 12, 21)) == ["last_say"]
    assert kinds_for(app_id, date(2027, 1, 15)) == ["last_say"]


def test_case_5_recorded_feedback_ends_it_and_a_rejection_shows_the_re_approach_at_once(store: object) -> None:
    from tests.helpers.applications import log, pricing_analyst

    app_id = pricing_analyst()
    log(app_id, "2026-11-30", "feedback_request")
    applications.record_feedback(app_id, "Strong; wanted more SQL.", date(2026, 12, 2), today=date(2026, 12, 2))
    assert next_step.next_steps(date(2026, 12, 3))[app_id] == next_step.rules.NextStep(
        "feedback_received", date(2026, 12, 2))
    assert kinds_for(app_id, date(2027, 1, 15)) == []
    applications.update_application(app_id, {"stage": "rejected"}, today=date(2026, 12, 3))
    assert next_step.next_steps(date(2026, 12, 3))[app_id] == next_step.rules.NextStep(
        "senior_contact", date(2027, 3, 3))
    assert kinds_for(app_id, date(2026, 12, 3)) == ["senior_contact"]


def test_12b_items_6_and_7_the_re_approach_names_everyone_and_an_early_one_keeps_the_window(store: object) -> None:
    """Journey 1 rejected on 13 Jan: the re-approach names the recruiter, the interviewer and the hiring
    manager, and the agency only as the way the user applied ("through Quayside Recruitment"); a
    re-approach written on the rejection day is early: the window's item stays, and says so."""
    from tests.helpers.applications import log, pricing_analyst

    app_id = pricing_analyst()
    applications.update_application(app_id, {"stage": "rejected"}, today=date(2027, 1, 13))
    log(app_id, "2027-01-13", "re_approach", hour=15)
    items = [i for i in due.due_items(date(2027, 4, 13)) if i.application_id == app_id]
    assert [i.kind for i in items] == ["re_approach"]
    assert items[0].text.startswith("Time to go back to Harbour Foods through Quayside Recruitment (last time: ")
    assert "Jo Park" in items[0].text and "Sam Reid" in items[0].text
    assert "You wrote early, on 13 Jan;" in items[0].text and "until 13 Jul." in items[0].text
    assert next_step.next_steps(date(2027, 4, 13))[app_id] == next_step.rules.NextStep("re_approach", date(2027, 4, 13))
    log(app_id, "2027-04-14", "re_approach")
    assert kinds_for(app_id, date(2027, 4, 15)) == []
