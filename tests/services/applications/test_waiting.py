"""How long an application has waited (issue #18): since the last thing that happened, interviews included."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.services.applications import pipeline as applications
from desktop_app.services.applications import waiting
from tests.helpers.applications import at, log


def row_of(app_id: int) -> applications.ApplicationRow:
    return next(r for r in applications.list_application_rows(with_next_step=False) if r.id == app_id)


def interviewed(app_id: int) -> None:
    """Invited on 10 Nov (stage Interviewing that day), interviewed on 20 Nov at 10:00."""
    from desktop_app.services.applications import interviews

    applications.update_application(app_id, {"stage": "interviewing"}, today=date(2026, 11, 10))
    interviews.create_interview({"application": app_id, "at": at("2026-11-20"), "round": 1, "format": "video"},
                                today=date(2026, 11, 10))


def test_an_interview_that_took_place_restarts_the_wait(via_recruiter: int) -> None:
    """Applied 2 Nov, interviewed 20 Nov: on 25 Nov it has waited 5 days, not 23 (the tester's finding)."""
    interviewed(via_recruiter)
    since = waiting.last_happened([row_of(via_recruiter)], date(2026, 11, 25))
    assert since == {via_recruiter: date(2026, 11, 20)}
    assert waiting.waited_days(since[via_recruiter], date(2026, 11, 25)) == 5


def test_a_booked_interview_has_not_happened_yet(via_recruiter: int) -> None:
    interviewed(via_recruiter)
    assert waiting.last_happened([row_of(via_recruiter)], date(2026, 11, 15)) == {via_recruiter: date(2026, 11, 10)}


def test_a_contact_of_any_purpose_and_a_later_chaser_count(via_recruiter: int) -> None:
    log(via_recruiter, "2026-11-09", "follow_up")
    assert waiting.last_happened([row_of(via_recruiter)], date(2026, 11, 12)) == {via_recruiter: date(2026, 11, 9)}
    log(via_recruiter, "2026-11-11", "other", direction="incoming")
    assert waiting.last_happened([row_of(via_recruiter)], date(2026, 11, 12)) == {via_recruiter: date(2026, 11, 11)}


def test_an_answer_stage_counts_from_its_day(via_recruiter: int) -> None:
    applications.update_application(via_recruiter, {"stage": "interviewing"}, today=date(2026, 11, 10))
    assert waiting.last_happened([row_of(via_recruiter)], date(2026, 11, 12)) == {via_recruiter: date(2026, 11, 10)}


def test_a_row_whose_application_is_gone_counts_from_its_own_values(via_recruiter: int) -> None:
    ghost = replace(row_of(via_recruiter), id=999_999, last_contact_at=at("2026-11-05"))
    assert waiting.last_happened([ghost], date(2026, 11, 12)) == {999_999: date(2026, 11, 5)}
    assert waiting.waited_days(date(2026, 11, 13), date(2026, 11, 12)) == 0


def test_a_closed_application_counts_from_the_day_it_closed(via_recruiter: int) -> None:
    """Nothing is awaited once an application has closed: the card says how long ago it closed,
    not how long a withdrawn application has "waited" (seen on the board: "Withdrawn, waiting 85 days")."""
    interviewed(via_recruiter)
    applications.update_application(via_recruiter, {"stage": "withdrawn"}, today=date(2026, 11, 22))
    assert waiting.last_happened([row_of(via_recruiter)], date(2026, 11, 30)) == {via_recruiter: date(2026, 11, 22)}
