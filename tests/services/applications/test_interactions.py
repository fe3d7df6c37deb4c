"""Logged contacts: the warning when a new one would come too soon after the last."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.dates import MONTHS_SHORT
from desktop_app.services.applications import interactions
from desktop_app.services.core import crud
from tests.helpers.applications import at


def test_gap_warning_names_the_agency_and_the_polite_day(via_recruiter: int) -> None:
    interactions.log_interaction({"application": via_recruiter, "at": at("2026-11-27"), "channel": "email",
                                  "direction": "outgoing", "purpose": "follow_up"})
    warning = interactions.gap_warning(via_recruiter, at("2026-11-29"))
    assert warning == interactions.GapWarning("Harbour & Finch", date(2026, 11, 27), 2, date(2026, 12, 2))
    assert interactions.gap_warning(via_recruiter, at("2026-12-02")) is None
    assert interactions.gap_warning(via_recruiter, at("2026-11-29"), "incoming") is None
    first = interactions.list_interactions(via_recruiter)[0]
    interactions.set_reply_received(first.id)
    # a reply marked on the message of 27 Nov: the gap counts from it, as the next step's does (12b item 5)
    assert interactions.gap_warning(via_recruiter, at("2026-11-29")).polite_from == date(2026, 12, 2)
    assert interactions.gap_warning(via_recruiter, at("2026-12-02")) is None


def test_case_2_an_interview_that_took_place_answers_for_the_warning_as_for_the_next_step(store: object) -> None:
    from desktop_app.services.applications import interviews, next_step, pipeline
    from desktop_app.services.applications.pipeline import ApplicationForm
    from tests.helpers.applications import log

    app_id = pipeline.save_application_form(ApplicationForm(role="Analyst", employer="Contoso plc",
                                                            applied_on=date(2026, 11, 1)), today=date(2026, 11, 1))
    log(app_id, "2026-11-02", "follow_up")
    interviews.create_interview({"application": app_id, "at": at("2026-11-05"), "round": 1, "format": "video",
                                 "interviewers": []}, today=date(2026, 11, 3))
    assert interactions.gap_warning(app_id, at("2026-11-06"), purpose="thank_you") is None
    # the first feedback request after the interview is never too soon; a follow-up a day after the
    # interview is (the gap counts from that answer, as the next step's follow-up does: 12b item 5)
    assert interactions.gap_warning(app_id, at("2026-11-06"), purpose="feedback_request") is None
    assert interactions.gap_warning(app_id, at("2026-11-06"), purpose="follow_up").polite_from == date(2026, 11, 10)
    assert next_step.next_steps(date(2026, 11, 6))[app_id].kind == "feedback_request"


def test_12b_item_1_a_contact_in_the_future_is_refused_before_the_application_warned(via_recruiter: int) -> None:
    from datetime import datetime, timedelta, timezone

    from desktop_app import clock
    from desktop_app.services.core.validation import ValidationError

    clock.set_now(datetime(2026, 11, 30, 15, 0, tzinfo=timezone.utc))
    try:
        with pytest.raises(ValidationError) as refused:
            interactions.date_warning(via_recruiter, at("2027-11-30"))
        assert refused.value.field == "at" and "30 Nov 2027" in refused.value.message
        assert interactions.date_warning(via_recruiter, clock.now() + timedelta(hours=2)) is None
        applied = crud.get("applications", via_recruiter).applied_on
        assert interactions.date_warning(via_recruiter, at((applied - timedelta(days=3)).isoformat())) == \
            f"This is before you applied on {applied.day} {MONTHS_SHORT[applied.month - 1]} — is the date right?"
        assert interactions.date_warning(via_recruiter, at("2027-12-05"), "interview") == \
            "5 Dec 2027 is more than a year ahead — is the date right?"
        with pytest.raises(crud.NotFound):
            interactions.date_warning(9999, at("2026-11-30"))
    finally:
        clock.set_now(None)


def test_case_3_a_senior_contact_letter_the_same_day_as_a_follow_up_is_not_too_soon(via_recruiter: int) -> None:
    from tests.helpers.applications import log

    log(via_recruiter, "2026-11-20", "follow_up", hour=9)
    for purpose in ("senior_contact", "thank_you", "reference", "re_approach", "other"):
        assert interactions.gap_warning(via_recruiter, at("2026-11-20", 15), purpose=purpose) is None
    warning = interactions.gap_warning(via_recruiter, at("2026-11-20", 15), purpose="follow_up")
    assert warning is not None and warning.sentence() == \
        "You last contacted Harbour & Finch earlier today; a follow-up is polite from 25 Nov."
