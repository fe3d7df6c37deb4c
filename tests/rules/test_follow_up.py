"""Rules 5–9 at their boundaries: the day before, the day, the day after; weekends for working days."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest

from desktop_app.rules import follow_up as r
from desktop_app.rules.follow_up import ApplicationFacts, ContactFact, InterviewFact


@dataclass(frozen=True)
class Settings:
    min_follow_up_gap_days: int = 5
    feedback_request_after_working_days: int = 2
    last_say_after_unanswered: int = 3
    last_say_after_silence_days: int = 21
    re_approach_after_months: int = 3
    re_approach_window_months: int = 6


S = Settings()
D = date
DAY = timedelta(days=1)


def kinds(facts: ApplicationFacts, today: date, settings: Settings = S) -> list[str]:
    return [s.kind for s in r.due_suggestions(facts, settings, today)]


def out(on: date, purpose: str = "follow_up", reply: bool = False) -> ContactFact:
    return ContactFact(on, True, purpose, reply)


def incoming(on: date) -> ContactFact:
    return ContactFact(on, False, "other")


# ------------------------------------------------------------------ calendar helpers
@pytest.mark.parametrize(("start", "days", "expected"), [
    (D(2026, 11, 20), 2, D(2026, 11, 24)),  # Friday + 2 working days = Tuesday
    (D(2026, 11, 23), 2, D(2026, 11, 25)),  # Monday + 2 = Wednesday
    (D(2026, 11, 21), 1, D(2026, 11, 23)),  # Saturday + 1 = Monday
    (D(2026, 11, 22), 2, D(2026, 11, 24)),  # Sunday + 2 = Tuesday
    (D(2026, 11, 19), 2, D(2026, 11, 23)),  # Thursday + 2 = Monday (weekend skipped)
    (D(2026, 11, 20), 0, D(2026, 11, 20)),
    (D(2026, 11, 20), 5, D(2026, 11, 27)),
])
def test_working_days_skip_weekends(start: date, days: int, expected: date) -> None:
    assert r.add_working_days(start, days) == expected


@pytest.mark.parametrize(("start", "months", "expected"), [
    (D(2026, 9, 2), 3, D(2026, 12, 2)),
    (D(2026, 8, 31), 3, D(2026, 11, 30)),  # clamped to the month's end
    (D(2026, 11, 30), 3, D(2027, 2, 28)),
    (D(2027, 11, 30), 3, D(2028, 2, 29)),  # leap year
    (D(2026, 12, 15), 1, D(2027, 1, 15)),
])
def test_adding_months(start: date, months: int, expected: date) -> None:
    assert r.add_months(start, months) == expected


# ------------------------------------------------------------------ rule 5: feedback
INTERVIEWED = ApplicationFacts(stage="interviewing", applied_on=D(2026, 11, 1),
                               stage_changes=(("applied", D(2026, 11, 1)), ("interviewing", D(2026, 11, 10))),
                               interviews=(InterviewFact(7, D(2026, 11, 20)),))  # a Friday


def test_feedback_request_is_due_two_working_days_after_a_friday_interview() -> None:
    assert "feedback_request" not in kinds(INTERVIEWED, D(2026, 11, 23))  # Monday: the day before
    due = [s for s in r.due_suggestions(INTERVIEWED, S, D(2026, 11, 24)) if s.kind == "feedback_request"]
    assert due == [r.Suggestion("feedback_request", D(2026, 11, 24), interview_id=7)]  # Tuesday
    assert "feedback_request" in kinds(INTERVIEWED, D(2026, 11, 25))  # the day after: still due


def test_feedback_request_setting_is_read() -> None:
    settings = replace(S, feedback_request_after_working_days=1)
    assert "feedback_request" in kinds(INTERVIEWED, D(2026, 11, 23), settings)  # Monday


def test_a_logged_feedback_request_or_recorded_feedback_ends_it() -> None:
    asked = replace(INTERVIEWED, contacts=(out(D(2026, 11, 24), "feedback_request"),))
    assert "feedback_request" not in kinds(asked, D(2026, 11, 25))
    asked_before = replace(INTERVIEWED, contacts=(out(D(2026, 11, 19), "feedback_request"),))
    assert "feedback_request" in kinds(asked_before, D(2026, 11, 25))  # asked before the interview
    answered = replace(INTERVIEWED, has_feedback=True, feedback_on=D(2026, 11, 23))
    assert "feedback_request" not in kinds(answered, D(2026, 11, 25))
    old_feedback = replace(INTERVIEWED, has_feedback=True, feedback_on=D(2026, 11, 12))
    assert "feedback_request" in kinds(old_feedback, D(2026, 11, 25))  # feedback on an earlier round


def test_each_interview_gets_its_own_feedback_request() -> None:
    two = replace(INTERVIEWED, interviews=(InterviewFact(1, D(2026, 11, 10)), InterviewFact(2, D(2026, 11, 20))),
                  contacts=(out(D(2026, 11, 12), "feedback_request"),))
    due = [s for s in r.due_suggestions(two, S, D(2026, 11, 25)) if s.kind == "feedback_request"]
    assert [s.interview_id for s in due] == [2]


@pytest.mark.parametrize("stage", ["accepted", "withdrawn", "offer"])
def test_no_feedback_request_once_accepted_withdrawn_or_offered(stage: str) -> None:
    assert "feedback_request" not in kinds(replace(INTERVIEWED, stage=stage), D(2026, 11, 30))


# ------------------------------------------------------------------ rule 6: follow up politely
CHASED = ApplicationFacts(stage="applied", applied_on=D(2026, 11, 2),
                          stage_changes=(("applied", D(2026, 11, 2)),),
                          contacts=(out(D(2026, 11, 10)),))


def test_follow_up_is_polite_again_after_the_minimum_gap() -> None:
    assert r.follow_up_allowed_from(CHASED, S, D(2026, 11, 14)) == D(2026, 11, 15)
    assert "follow_up" not in kinds(CHASED, D(2026, 11, 14))
    assert "follow_up" in kinds(CHASED, D(2026, 11, 15))
    assert "follow_up" in kinds(CHASED, D(2026, 11, 16))


def test_the_application_itself_counts_as_reaching_out() -> None:
    fresh = ApplicationFacts(stage="applied", applied_on=D(2026, 11, 12))
    assert r.follow_up_allowed_from(fresh, S, D(2026, 11, 12)) == D(2026, 11, 17)


def test_an_answer_since_the_last_contact_means_nothing_to_chase() -> None:
    replied = replace(CHASED, contacts=(*CHASED.contacts, incoming(D(2026, 11, 11))))
    assert r.follow_up_allowed_from(replied, S, D(2026, 11, 20)) is None
    marked = replace(CHASED, contacts=(out(D(2026, 11, 10), reply=True),))
    assert r.follow_up_allowed_from(marked, S, D(2026, 11, 20)) is None
    invited = replace(CHASED, stage="interviewing", stage_changes=(("interviewing", D(2026, 11, 12)),))
    assert r.follow_up_allowed_from(invited, S, D(2026, 11, 20)) is None


@pytest.mark.parametrize(("when", "too_soon"), [
    (D(2026, 11, 14), True), (D(2026, 11, 15), False), (D(2026, 11, 16), False), (D(2026, 11, 10), True)])
def test_a_new_contact_inside_the_gap_is_too_soon(when: date, too_soon: bool) -> None:
    result = r.contact_too_soon([out(D(2026, 11, 10))], when, S)
    assert (result == (D(2026, 11, 10), D(2026, 11, 15))) if too_soon else result is None


def test_a_reply_restarts_the_counting_for_the_gap() -> None:
    assert r.contact_too_soon([out(D(2026, 11, 10), reply=True)], D(2026, 11, 11), S) is None
    assert r.contact_too_soon([out(D(2026, 11, 10)), incoming(D(2026, 11, 11))], D(2026, 11, 12), S) is None
    assert r.contact_too_soon([], D(2026, 11, 12), S) is None
    # a contact logged later than the new one (back-dating) does not count
    assert r.contact_too_soon([out(D(2026, 11, 20))], D(2026, 11, 12), S) is None


# ------------------------------------------------------------------ rule 7: the last say
THREE_CHASERS = ApplicationFacts(
    stage="no_response", applied_on=D(2026, 10, 2),
    contacts=(out(D(2026, 10, 9)), out(D(2026, 10, 16)), out(D(2026, 10, 23))))


def test_last_say_after_three_unanswered_follow_ups() -> None:
    # the third is given the usual gap to be answered: 23 Oct + 5 days
    assert r.last_say_from(THREE_CHASERS, S, D(2026, 11, 1)) == D(2026, 10, 28)
    assert kinds(THREE_CHASERS, D(2026, 10, 27)) == []  # too soon for anything
    assert kinds(THREE_CHASERS, D(2026, 10, 28)) == ["last_say"]  # replaces the follow-up
    assert kinds(THREE_CHASERS, D(2026, 10, 29)) == ["last_say"]


def test_two_unanswered_follow_ups_are_not_enough() -> None:
    two = replace(THREE_CHASERS, contacts=THREE_CHASERS.contacts[:2])
    assert kinds(two, D(2026, 10, 28)) == ["follow_up"]


def test_a_reply_restarts_the_count_of_unanswered_follow_ups() -> None:
    replied = replace(THREE_CHASERS, contacts=(out(D(2026, 10, 9)), incoming(D(2026, 10, 12)),
                                               out(D(2026, 10, 16)), out(D(2026, 10, 23))))
    assert r.unanswered_chasers(replied, D(2026, 11, 1)) == [D(2026, 10, 16), D(2026, 10, 23)]
    assert "last_say" not in kinds(replied, D(2026, 10, 30))


def test_thank_yous_do_not_count_as_unanswered_follow_ups() -> None:
    thanks = replace(THREE_CHASERS, contacts=(out(D(2026, 10, 9), "thank_you"), *THREE_CHASERS.contacts[1:]))
    assert "last_say" not in kinds(thanks, D(2026, 10, 30))


def test_last_say_after_a_long_silence() -> None:
    quiet = ApplicationFacts(stage="applied", applied_on=D(2026, 11, 1), contacts=(out(D(2026, 11, 4)),))
    assert kinds(quiet, D(2026, 11, 24)) == ["follow_up"]  # 20 days
    assert kinds(quiet, D(2026, 11, 25)) == ["last_say"]  # 21 days
    assert kinds(quiet, D(2026, 11, 26)) == ["last_say"]


def test_once_the_last_say_is_logged_nothing_more_is_suggested() -> None:
    closed = replace(THREE_CHASERS, contacts=(*THREE_CHASERS.contacts, out(D(2026, 10, 29), "last_say")),
                     interviews=(InterviewFact(1, D(2026, 10, 5)),))
    assert r.suggestions(closed, S, D(2027, 3, 1)) == []
    assert r.next_step(closed, S, D(2026, 11, 1)) == r.NextStep("last_say_sent", D(2026, 10, 29))


# ------------------------------------------------------------------ rules 8 and 9: after a rejection
REJECTED = ApplicationFacts(stage="rejected", applied_on=D(2026, 8, 4),
                            stage_changes=(("applied", D(2026, 8, 4)), ("rejected", D(2026, 9, 2))))


def test_senior_contact_is_offered_from_the_rejection_until_the_re_approach() -> None:
    assert kinds(REJECTED, D(2026, 9, 1)) == []
    assert kinds(REJECTED, D(2026, 9, 2)) == ["senior_contact"]
    assert kinds(REJECTED, D(2026, 12, 1)) == ["senior_contact"]
    assert kinds(REJECTED, D(2026, 12, 2)) == ["re_approach"]


def test_senior_contact_is_offered_once() -> None:
    done = replace(REJECTED, contacts=(out(D(2026, 9, 5), "senior_contact"),))
    assert kinds(done, D(2026, 9, 6)) == []


def test_re_approach_window_three_to_six_months_after_the_rejection() -> None:
    assert r.re_approach_window(REJECTED, S) == (D(2026, 12, 2), D(2027, 3, 2))
    assert "re_approach" not in kinds(REJECTED, D(2026, 12, 1))
    assert "re_approach" in kinds(REJECTED, D(2026, 12, 2))
    assert "re_approach" in kinds(REJECTED, D(2027, 3, 2))  # the last day of the window
    assert kinds(REJECTED, D(2027, 3, 3)) == []  # the window has closed


def test_re_approach_settings_are_read_and_a_logged_re_approach_ends_it() -> None:
    settings = replace(S, re_approach_after_months=4, re_approach_window_months=5)
    assert r.re_approach_window(REJECTED, settings) == (D(2027, 1, 2), D(2027, 2, 2))
    done = replace(REJECTED, contacts=(out(D(2026, 12, 3), "re_approach"),))
    assert kinds(done, D(2026, 12, 4)) == []
    assert r.next_step(done, S, D(2026, 12, 4)) == r.NextStep("none")


def test_no_follow_ups_or_last_say_for_a_rejection() -> None:
    chased = replace(REJECTED, contacts=(out(D(2026, 8, 10)),))
    assert "follow_up" not in kinds(chased, D(2026, 11, 1)) and "last_say" not in kinds(chased, D(2026, 11, 1))


# ------------------------------------------------------------------ finished applications
@pytest.mark.parametrize("stage", ["accepted", "withdrawn"])
def test_nothing_is_suggested_for_accepted_or_withdrawn(stage: str) -> None:
    for facts in (INTERVIEWED, CHASED, THREE_CHASERS, REJECTED):
        assert r.suggestions(replace(facts, stage=stage), S, D(2027, 1, 1)) == []
        assert r.next_step(replace(facts, stage=stage), S, D(2027, 1, 1)) == r.NextStep("none")


# ------------------------------------------------------------------ next step
def test_next_step_prefers_the_interview_then_feedback_then_follow_up() -> None:
    assert r.next_step(INTERVIEWED, S, D(2026, 11, 18), next_interview=D(2026, 11, 20)) == \
        r.NextStep("interview", D(2026, 11, 20))
    assert r.next_step(INTERVIEWED, S, D(2026, 11, 21)) == r.NextStep("feedback_request", D(2026, 11, 24))
    assert r.next_step(CHASED, S, D(2026, 11, 11)) == r.NextStep("follow_up", D(2026, 11, 15))
    assert r.next_step(THREE_CHASERS, S, D(2026, 10, 28)) == r.NextStep("last_say", D(2026, 10, 28))
    assert r.next_step(REJECTED, S, D(2026, 12, 5)) == r.NextStep("re_approach", D(2026, 12, 2))
    replied = replace(CHASED, contacts=(out(D(2026, 11, 10), reply=True),))
    assert r.next_step(replied, S, D(2026, 11, 11)) == r.NextStep("waiting")
