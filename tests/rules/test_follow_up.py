"""Rules 5–9 at their boundaries: the day before, the day, the day after; weekends for working days."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

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


def test_an_answer_restarts_the_counting_from_the_answer() -> None:
    replied = replace(CHASED, contacts=(*CHASED.contacts, incoming(D(2026, 11, 11))))
    assert r.follow_up_allowed_from(replied, S, D(2026, 11, 20)) == D(2026, 11, 16)
    assert r.last_say_from(replied, S, D(2026, 11, 20)) is None  # they did answer: no closing yet
    marked = replace(CHASED, contacts=(out(D(2026, 11, 10), reply=True),))
    assert r.follow_up_allowed_from(marked, S, D(2026, 11, 20)) == D(2026, 11, 15)
    invited = replace(CHASED, stage="interviewing", stage_changes=(("interviewing", D(2026, 11, 12)),))
    assert r.follow_up_allowed_from(invited, S, D(2026, 11, 20)) == D(2026, 11, 17)


@pytest.mark.parametrize(("when", "too_soon"), [
    (D(2026, 11, 14), True), (D(2026, 11, 15), False), (D(2026, 11, 16), False), (D(2026, 11, 10), True)])
def test_a_new_contact_inside_the_gap_is_too_soon(when: date, too_soon: bool) -> None:
    result = r.contact_too_soon([out(D(2026, 11, 10))], when, S)
    assert (result == (D(2026, 11, 10), D(2026, 11, 15))) if too_soon else result is None


def test_a_reply_restarts_the_counting_for_the_gap() -> None:
    """Rule 6, one model with the next step: the gap counts from the later of the last chase and
    the last answer (a reply marked counts at its message; an incoming contact at its own day)."""
    assert r.contact_too_soon([out(D(2026, 11, 10), reply=True)], D(2026, 11, 11), S) == \
        (D(2026, 11, 10), D(2026, 11, 15))
    assert r.contact_too_soon([out(D(2026, 11, 10)), incoming(D(2026, 11, 11))], D(2026, 11, 12), S) == \
        (D(2026, 11, 11), D(2026, 11, 16))
    assert r.contact_too_soon([out(D(2026, 11, 10)), incoming(D(2026, 11, 11))], D(2026, 11, 16), S) is None
    assert r.contact_too_soon([], D(2026, 11, 12), S) is None
    # a contact logged later than the new one (back-dating) does not count
    assert r.contact_too_soon([out(D(2026, 11, 20))], D(2026, 11, 12), S) is None


# ------------------------------------------------------------------ rule 7: the last say
THREE_CHASERS = ApplicationFacts(
    stage="applied", applied_on=D(2026, 10, 2),
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
    assert r.next_step(replied, S, D(2026, 11, 11)) == r.NextStep("follow_up", D(2026, 11, 15))


# ------------------------------------------------------------------ issue 12: one model of the conversation
def t(on: date, time: str, purpose: str = "follow_up", outgoing: bool = True, reply: bool = False) -> ContactFact:
    return ContactFact(on, outgoing, purpose, reply, time)


#: Journey 1: applied Mon 2 Nov through an agency; interview Fri 27 Nov 10:00, entered on Mon 30 Nov
#: (so the stage change to interviewing is dated 30 Nov); a thank-you and then the feedback request
#: on 30 Nov, a day before the request was due.
ENTERED_LATE = ApplicationFacts(
    stage="interviewing", applied_on=D(2026, 11, 2),
    stage_changes=(("applied", D(2026, 11, 2)), ("interviewing", D(2026, 11, 30))),
    interviews=(InterviewFact(1, D(2026, 11, 27), "10:00:00"),),
    contacts=(t(D(2026, 11, 30), "09:00:00", "thank_you"), t(D(2026, 11, 30), "09:30:00", "feedback_request")))


def test_case_1_an_early_feedback_request_keeps_the_follow_up_and_the_last_say() -> None:
    assert kinds(ENTERED_LATE, D(2026, 12, 1)) == []
    assert r.next_step(ENTERED_LATE, S, D(2026, 12, 1)) == r.NextStep("follow_up", D(2026, 12, 5))
    assert kinds(ENTERED_LATE, D(2026, 12, 4)) == []
    assert kinds(ENTERED_LATE, D(2026, 12, 5)) == ["follow_up"]
    assert kinds(ENTERED_LATE, D(2026, 12, 20)) == ["follow_up"]
    assert kinds(ENTERED_LATE, D(2026, 12, 21)) == ["last_say"]
    assert kinds(ENTERED_LATE, D(2027, 1, 15)) == ["last_say"]  # never a silent stop
    # asked on 1 Dec instead: 6 Dec and 22 Dec
    later = replace(ENTERED_LATE, contacts=(t(D(2026, 11, 30), "09:00:00", "thank_you"),
                                            t(D(2026, 12, 1), "09:30:00", "feedback_request")))
    assert r.follow_up_allowed_from(later, S, D(2026, 12, 2)) == D(2026, 12, 6)
    assert r.last_say_from(later, S, D(2026, 12, 2)) == D(2026, 12, 22)


def test_same_day_a_stage_change_counts_from_the_start_of_its_day_feedback_from_its_end() -> None:
    # the user's message later that day outranks the stage change...
    assert r.read(ENTERED_LATE, D(2026, 12, 1)).answered is False
    # ...but an answer from them later that day answers it
    answered = replace(ENTERED_LATE, contacts=(*ENTERED_LATE.contacts, t(D(2026, 11, 30), "15:00:00", outgoing=False)))
    assert r.read(answered, D(2026, 12, 1)).answered is True
    # and one earlier that day does not
    earlier = replace(ENTERED_LATE, contacts=(*ENTERED_LATE.contacts, t(D(2026, 11, 30), "08:00:00", outgoing=False)))
    assert r.read(earlier, D(2026, 12, 1)).answered is False


def test_case_2_warning_and_next_step_agree_an_interview_that_took_place_is_an_answer() -> None:
    facts = ApplicationFacts(stage="interviewing", applied_on=D(2026, 11, 1),
                             stage_changes=(("interviewing", D(2026, 11, 3)),),
                             interviews=(InterviewFact(1, D(2026, 11, 5), "10:00:00"),),
                             contacts=(t(D(2026, 11, 2), "10:00:00", "follow_up"),))
    # the thank-you does not chase, nor is the first feedback request after the interview too soon;
    # a follow-up the day after the interview is: the gap counts from the answer (the interview), as
    # the next step's "follow-up from" does (issue 12b, item 5)
    assert r.too_soon(facts, S, "thank_you", (D(2026, 11, 6), "09:00:00")) is None
    assert r.too_soon(facts, S, "feedback_request", (D(2026, 11, 6), "09:00:00")) is None
    assert r.too_soon(facts, S, "follow_up", (D(2026, 11, 6), "09:00:00")) == (D(2026, 11, 5), D(2026, 11, 10))
    assert r.read(facts, D(2026, 11, 6)).answered
    # without the interview and the stage change, the same follow-up is too soon (the email of 2 Nov)
    silent = replace(facts, stage="applied", stage_changes=(), interviews=())
    assert r.too_soon(silent, S, "follow_up", (D(2026, 11, 6), "09:00:00")) == (D(2026, 11, 2), D(2026, 11, 7))


@pytest.mark.parametrize("purpose", ["thank_you", "senior_contact", "reference", "re_approach", "other"])
def test_case_3_only_chasing_contacts_are_ever_too_soon(purpose: str) -> None:
    chased = ApplicationFacts(stage="applied", applied_on=D(2026, 11, 1),
                              contacts=(t(D(2026, 11, 3), "09:00:00", "follow_up"),))
    assert r.too_soon(chased, S, purpose, (D(2026, 11, 3), "16:00:00")) is None
    assert r.too_soon(chased, S, "follow_up", (D(2026, 11, 3), "16:00:00")) == (D(2026, 11, 3), D(2026, 11, 8))
    # and a non-chasing contact does not move the follow-up's day
    noted = replace(chased, contacts=(*chased.contacts, t(D(2026, 11, 6), "09:00:00", purpose)))
    assert r.follow_up_allowed_from(noted, S, D(2026, 11, 7)) == D(2026, 11, 8)


def test_the_application_itself_is_the_first_chase_for_the_warning_too() -> None:
    fresh = ApplicationFacts(stage="applied", applied_on=D(2026, 11, 2))
    assert r.too_soon(fresh, S, "follow_up", (D(2026, 11, 4), "10:00:00")) == (D(2026, 11, 2), D(2026, 11, 7))
    assert r.too_soon(fresh, S, "follow_up", (D(2026, 11, 7), "10:00:00")) is None


def test_case_4_a_booked_interview_pauses_follow_ups_and_the_last_say() -> None:
    booked = ApplicationFacts(stage="applied", applied_on=D(2026, 11, 2),
                              interviews=(InterviewFact(1, D(2026, 11, 26), "10:00:00"),))
    assert kinds(booked, D(2026, 11, 23)) == []  # 21 days after applying: no last say
    assert r.next_step(booked, S, D(2026, 11, 23), D(2026, 11, 26)) == r.NextStep("interview", D(2026, 11, 26))
    assert r.too_soon(booked, S, "follow_up", (D(2026, 11, 4), "10:00:00")) is None
    # once it has taken place: the feedback request, then the chase from it
    assert kinds(booked, D(2026, 11, 30)) == ["feedback_request"]
    asked = replace(booked, contacts=(t(D(2026, 11, 30), "10:00:00", "feedback_request"),))
    assert kinds(asked, D(2026, 12, 5)) == ["follow_up"]


def test_case_5_feedback_recorded_ends_the_chase() -> None:
    got = replace(ENTERED_LATE, has_feedback=True, feedback_on=D(2026, 12, 2))
    assert r.suggestions(got, S, D(2027, 1, 15)) == []
    assert r.next_step(got, S, D(2026, 12, 3)) == r.NextStep("feedback_received", D(2026, 12, 2))
    # a new interview after it starts again
    again = replace(got, interviews=(*got.interviews, InterviewFact(2, D(2026, 12, 10), "10:00:00")))
    assert kinds(again, D(2026, 12, 14)) == ["feedback_request"]


def test_case_5_a_rejection_shows_its_re_approach_day_at_once_with_the_senior_contact() -> None:
    assert r.next_step(REJECTED, S, D(2026, 9, 2)) == r.NextStep("senior_contact", D(2026, 12, 2))
    assert [(s.kind, s.due_on) for s in r.suggestions(REJECTED, S, D(2026, 9, 2))] == [
        ("senior_contact", D(2026, 9, 2)), ("re_approach", D(2026, 12, 2))]
    # after the last say, a rejection still gets its re-approach
    closed = replace(REJECTED, contacts=(out(D(2026, 8, 30), "last_say"),))
    assert r.next_step(closed, S, D(2026, 9, 3)) == r.NextStep("senior_contact", D(2026, 12, 2))


def test_the_last_say_ends_the_chase_until_a_new_interview() -> None:
    closed = ApplicationFacts(stage="applied", applied_on=D(2026, 11, 2), contacts=(out(D(2026, 11, 23), "last_say"),))
    assert r.suggestions(closed, S, D(2027, 1, 1)) == []
    assert r.next_step(closed, S, D(2026, 12, 1)) == r.NextStep("last_say_sent", D(2026, 11, 23))
    invited = replace(closed, stage="interviewing", interviews=(InterviewFact(1, D(2026, 12, 4)),))
    assert kinds(invited, D(2026, 12, 8)) == ["feedback_request"]


def test_no_silent_stop_every_chasing_application_has_a_dated_next_step() -> None:
    for facts in (CHASED, THREE_CHASERS, ENTERED_LATE, INTERVIEWED,
                  replace(CHASED, contacts=(*CHASED.contacts, incoming(D(2026, 11, 11))))):
        for offset in range(0, 120, 7):
            day = D(2026, 11, 1) + timedelta(days=offset)
            step = r.next_step(facts, S, day)
            assert step.kind != "waiting" and (step.on is not None), (facts, day, step)


# ------------------------------------------------------------------ issue 12, second round (fresh-eyes tester)
NOW = datetime(2026, 11, 30, 22, 0, tzinfo=timezone.utc)


def test_item_1_a_contact_in_the_future_is_refused_an_interview_a_year_ahead_warned() -> None:
    applied = D(2026, 11, 2)
    mistyped = datetime(2027, 11, 30, 10, 0, tzinfo=timezone.utc)
    refused = r.check_moment("contact", mistyped, NOW, applied)
    assert refused.refusal is not None and "30 Nov 2027" in refused.refusal
    # a few hours ahead (another time zone, a fast clock) is fine, and any time today
    assert r.check_moment("contact", NOW + timedelta(hours=3), NOW, applied) == r.DateCheck()
    assert r.check_moment("interview", mistyped, NOW, applied) == r.DateCheck()  # booked: fine
    far = r.check_moment("interview", datetime(2027, 12, 5, 10, 0, tzinfo=timezone.utc), NOW, applied)
    assert far.refusal is None and far.warning is not None and "5 Dec 2027" in far.warning
    before = r.check_moment("contact", datetime(2026, 10, 30, 10, 0, tzinfo=timezone.utc), NOW, applied)
    assert before.warning == "This is before you applied on 2 Nov — is the date right?"
    old = r.check_moment("contact", datetime(1899, 12, 30, 10, 0, tzinfo=timezone.utc), NOW, applied)
    assert old.refusal is not None


#: Journey 2 of the tester: interview 4 Aug, no feedback recorded, rejected 20 Aug.
REJECTED_AFTER_INTERVIEW = ApplicationFacts(
    stage="rejected", applied_on=D(2026, 7, 20),
    stage_changes=(("interviewing", D(2026, 7, 30)), ("rejected", D(2026, 8, 20))),
    interviews=(InterviewFact(1, D(2026, 8, 4), "10:00:00"),))


def test_item_2_a_rejection_ends_the_chase_at_once() -> None:
    facts = REJECTED_AFTER_INTERVIEW
    assert kinds(facts, D(2026, 8, 20)) == ["senior_contact"]
    assert r.next_step(facts, S, D(2026, 8, 20)) == r.NextStep("senior_contact", D(2026, 11, 20))
    # an interview booked after the rejection asks for no feedback, and does not hide the re-approach
    booked = replace(facts, interviews=facts.interviews + (InterviewFact(2, D(2026, 9, 1)),))
    assert kinds(booked, D(2026, 9, 10)) == ["senior_contact"]
    assert r.next_step(booked, S, D(2026, 8, 25)) == r.NextStep("senior_contact", D(2026, 11, 20))
    # once the senior contact is written the re-approach day stays in the list
    wrote = replace(booked, contacts=(t(D(2026, 8, 22), "10:00:00", "senior_contact"),))
    assert r.next_step(wrote, S, D(2026, 9, 10)) == r.NextStep("re_approach", D(2026, 11, 20))


@pytest.mark.parametrize("stage", ["withdrawn", "accepted"])
def test_item_2_every_closed_stage_ends_the_chase(stage: str) -> None:
    facts = replace(REJECTED_AFTER_INTERVIEW, stage=stage)
    assert r.suggestions(facts, S, D(2026, 8, 20)) == []
    assert r.next_step(facts, S, D(2026, 8, 20)) == r.NextStep("none")


def test_item_2_no_response_ends_the_chase_but_offers_the_last_say_at_once() -> None:
    facts = replace(REJECTED_AFTER_INTERVIEW, stage="no_response",
                    stage_changes=(("interviewing", D(2026, 7, 30)), ("no_response", D(2026, 8, 20))))
    assert kinds(facts, D(2026, 8, 20)) == ["last_say"]  # no feedback request, no follow-up
    said = replace(facts, contacts=(t(D(2026, 8, 21), "10:00:00", "last_say"),))
    assert kinds(said, D(2026, 9, 30)) == []


def test_item_5_too_soon_and_the_next_step_agree_after_a_reply() -> None:
    facts = ApplicationFacts(stage="interviewing", applied_on=D(2026, 11, 2),
                             interviews=(InterviewFact(1, D(2026, 11, 26), "10:00:00"),),
                             contacts=(t(D(2026, 11, 30), "09:00:00", "feedback_request"),
                                       t(D(2026, 12, 2), "11:00:00", "other", outgoing=False)))
    assert r.next_step(facts, S, D(2026, 12, 3)) == r.NextStep("follow_up", D(2026, 12, 7))
    assert r.too_soon(facts, S, "follow_up", (D(2026, 12, 3), "10:00:00")) == (D(2026, 12, 2), D(2026, 12, 7))
    assert r.too_soon(facts, S, "follow_up", (D(2026, 12, 7), "10:00:00")) is None


def test_item_7_a_re_approach_on_the_rejection_day_is_early_and_keeps_the_window() -> None:
    early = replace(REJECTED, contacts=(out(D(2026, 9, 2), "re_approach"),))
    assert r.early_re_approach(early, S) == D(2026, 9, 2)
    assert "re_approach" in kinds(early, D(2026, 12, 2))
    on_time = replace(REJECTED, contacts=(out(D(2026, 12, 3), "re_approach"),))
    assert r.early_re_approach(on_time, S) is None and kinds(on_time, D(2026, 12, 4)) == []
