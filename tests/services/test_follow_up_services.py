"""The follow-up workflow through the services, on a real store: Today items, next steps, the gap warning."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from desktop_app.services.applications import pipeline as applications, detail as detail_service, drafts, interactions, interviews, next_step

from desktop_app.services.today import due
from desktop_app.services.applications.pipeline import ApplicationForm
from desktop_app.services.core.validation import ValidationError

DEMO_TODAY = date(2026, 11, 25)


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=timezone.utc)


def kinds_for(app_id: int, today: date) -> list[str]:
    return [i.kind for i in due.due_items(today) if i.application_id == app_id]


@pytest.fixture
def via_recruiter(store: Path) -> int:
    """Data Analyst at Northwind, through Gemma at Harbour & Finch, applied on Monday 2 Nov."""
    return applications.save_application_form(ApplicationForm(
        role="Data Analyst", employer="Northwind Ltd", agency="Harbour & Finch", recruiter="Gemma Wright",
        source="Agency", applied_on=date(2026, 11, 2)), today=date(2026, 11, 2))


def test_an_application_through_a_recruiter_creates_the_agency_and_recruiter(via_recruiter: int) -> None:
    detail = detail_service.application_detail(via_recruiter)
    assert (detail.employer, detail.agency, detail.recruiter) == ("Northwind Ltd", "Harbour & Finch", "Gemma Wright")
    assert [c.organisation_name for c in detail.contacts] == ["Harbour & Finch"]
    assert [(e.kind, e.stage) for e in detail.timeline] == [("stage", "applied")]


def test_a_refused_application_leaves_no_organisation_behind(store: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        applications.save_application_form(ApplicationForm(role="Analyst", employer="Nowhere Ltd",
                                                           applied_on=date(2026, 12, 1)), today=DEMO_TODAY)
    assert caught.value.field == "applied_on" and "future" in caught.value.message
    assert applications.organisation_names() == []


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


def test_recorded_feedback_with_its_date_ends_the_request(via_recruiter: int) -> None:
    interviews.create_interview({"application": via_recruiter, "at": at("2026-11-20"), "interviewers": []})
    applications.record_feedback(via_recruiter, "Good case study; more SQL next time.", date(2026, 11, 23),
                                 today=date(2026, 11, 23))
    detail = detail_service.application_detail(via_recruiter)
    assert (detail.feedback, detail.feedback_on) == ("Good case study; more SQL next time.", date(2026, 11, 23))
    assert "feedback_request" not in kinds_for(via_recruiter, date(2026, 11, 25))
    with pytest.raises(ValidationError) as caught:
        applications.record_feedback(via_recruiter, "Later", date(2026, 12, 1), today=date(2026, 11, 25))
    assert caught.value.field == "feedback_on"


def test_gap_warning_names_the_agency_and_the_polite_day(via_recruiter: int) -> None:
    interactions.log_interaction({"application": via_recruiter, "at": at("2026-11-27"), "channel": "email",
                                  "direction": "outgoing", "purpose": "follow_up"})
    warning = interactions.gap_warning(via_recruiter, at("2026-11-29"))
    assert warning == interactions.GapWarning("Harbour & Finch", date(2026, 11, 27), 2, date(2026, 12, 2))
    assert interactions.gap_warning(via_recruiter, at("2026-12-02")) is None
    assert interactions.gap_warning(via_recruiter, at("2026-11-29"), "incoming") is None
    first = interactions.list_interactions(via_recruiter)[0]
    interactions.set_reply_received(first.id)
    assert interactions.gap_warning(via_recruiter, at("2026-11-29")) is None


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


def test_dismiss_and_snooze_hide_an_item(via_recruiter: int) -> None:
    item = next(i for i in due.due_items(date(2026, 11, 10)) if i.application_id == via_recruiter)
    assert item.kind == "follow_up"
    due.snooze(item.key, date(2026, 11, 12))
    assert kinds_for(via_recruiter, date(2026, 11, 11)) == []
    assert kinds_for(via_recruiter, date(2026, 11, 12)) == ["follow_up"]
    due.dismiss(item.key)
    assert kinds_for(via_recruiter, date(2026, 11, 13)) == []


def test_the_sample_next_steps(demo_store: Path) -> None:
    rows = {r.role: r.next_step for r in applications.list_application_rows(today=DEMO_TODAY)}
    assert rows["Data Analyst"] == next_step.rules.NextStep("feedback_request", date(2026, 11, 24))
    assert rows["Reporting Analyst"].kind == "last_say"
    assert rows["Commercial Analyst"].kind == "none"  # withdrawn
    assert rows["Junior Data Scientist"] == next_step.rules.NextStep("re_approach", date(2026, 11, 1))


def test_deleting_an_application_takes_its_interviews_and_contacts(via_recruiter: int) -> None:
    interviews.create_interview({"application": via_recruiter, "at": at("2026-11-20"), "interviewers": []})
    interactions.log_interaction({"application": via_recruiter, "at": at("2026-11-21"), "channel": "email",
                                  "direction": "outgoing", "purpose": "thank_you"})
    impact = applications.deletion_impact(via_recruiter)
    assert (impact.interviews, impact.interactions) == (1, 1)
    applications.delete_application(via_recruiter)
    assert applications.list_application_rows() == []


def test_the_facts_cache_is_never_stale(via_recruiter: int) -> None:
    from desktop_app.services.core import crud

    assert kinds_for(via_recruiter, date(2026, 11, 8)) == ["follow_up"]
    # a write the cache was not told about (as a data import or another part of the app would do)
    crud.create("interactions", {"application": via_recruiter, "at": at("2026-11-07"), "channel": "phone",
                                 "direction": "incoming", "purpose": "other"})
    assert kinds_for(via_recruiter, date(2026, 11, 8)) == []
    # announced changes update one application; the result is the same as reading everything again
    for day in ("2026-11-09", "2026-11-16", "2026-11-23"):
        interactions.log_interaction({"application": via_recruiter, "at": at(day), "channel": "email",
                                      "direction": "outgoing", "purpose": "follow_up"})
    incremental = (next_step.next_steps(date(2026, 11, 28)), [i.key for i in due.due_items(date(2026, 11, 28))])
    next_step.forget()
    assert incremental == (next_step.next_steps(date(2026, 11, 28)),
                           [i.key for i in due.due_items(date(2026, 11, 28))])
    assert incremental[0][via_recruiter].kind == "last_say"


def test_another_data_folder_never_sees_the_facts_of_the_last(demo_store: Path, tmp_path: Path) -> None:
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    assert any(i.kind == "last_say" for i in due.due_items(DEMO_TODAY))
    close_database()
    open_database(tmp_path / "other")
    assert not any(i.kind in ("last_say", "follow_up") for i in due.due_items(DEMO_TODAY))
    assert next_step.next_steps(DEMO_TODAY) == {}
