"""Journeys 1 and 2 walked one day at a time for six months (issue 12).

One application, Pricing Analyst at Harbour Foods through Quayside Recruitment, from the day
it is sent (Mon 2 Nov 2026) to the re-approach window six months later. On each day the
things the user does that day are done first (through the same services as the window),
then three answers are checked against the written table below:

* Today: the kinds of this application's items on the Today list;
* the next step of the Applications list (kind and day);
* the too-soon answer for a follow-up at noon that day: the day it becomes polite, or None
  (and a thank-you is never too soon).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from desktop_app.services.applications import interactions, next_step, pipeline
from desktop_app.services.applications.organisations import create_contact, find_or_create_organisation
from desktop_app.services.today import due
from tests.helpers.applications import at, log

D = date
START, END = D(2026, 11, 2), D(2027, 5, 2)

#: (first day, last day, Today's kinds, next step, polite from) — every day from START to END, in order.
TABLE: list[tuple[date, date, list[str], tuple[str, date | None], date | None]] = [
    # applied on Mon 2 Nov: the application is the first chase
    (D(2026, 11, 2), D(2026, 11, 6), [], ("follow_up", D(2026, 11, 7)), D(2026, 11, 7)),
    (D(2026, 11, 7), D(2026, 11, 8), ["follow_up"], ("follow_up", D(2026, 11, 7)), None),
    # Mon 9 Nov: a LinkedIn follow-up to Jo
    (D(2026, 11, 9), D(2026, 11, 13), [], ("follow_up", D(2026, 11, 14)), D(2026, 11, 14)),
    (D(2026, 11, 14), D(2026, 11, 15), ["follow_up"], ("follow_up", D(2026, 11, 14)), None),
    # Mon 16 Nov: Jo calls back ("they are arranging interviews"): an answer restarts the counting;
    # the too-soon question counts the gap from it as the next step does (12b item 5: the table
    # said None here, the question disagreeing with the next step)
    (D(2026, 11, 16), D(2026, 11, 16), [], ("follow_up", D(2026, 11, 21)), None),
    (D(2026, 11, 17), D(2026, 11, 20), [], ("follow_up", D(2026, 11, 21)), D(2026, 11, 21)),
    (D(2026, 11, 21), D(2026, 11, 29), ["follow_up"], ("follow_up", D(2026, 11, 21)), None),
    # Mon 30 Nov: the interview of Fri 27 Nov is entered; a thank-you and the feedback request sent
    (D(2026, 11, 30), D(2026, 12, 4), [], ("follow_up", D(2026, 12, 5)), D(2026, 12, 5)),
    (D(2026, 12, 5), D(2026, 12, 9), ["follow_up"], ("follow_up", D(2026, 12, 5)), None),
    # Thu 10 Dec: a follow-up
    (D(2026, 12, 10), D(2026, 12, 14), [], ("follow_up", D(2026, 12, 15)), D(2026, 12, 15)),
    (D(2026, 12, 15), D(2026, 12, 16), ["follow_up"], ("follow_up", D(2026, 12, 15)), None),
    # Thu 17 Dec: the third unanswered chaser: the last say comes a gap later
    (D(2026, 12, 17), D(2026, 12, 21), [], ("last_say", D(2026, 12, 22)), D(2026, 12, 22)),
    (D(2026, 12, 22), D(2027, 1, 3), ["last_say"], ("last_say", D(2026, 12, 22)), None),
    # Mon 4 Jan: the last say is sent: the chase ends (a follow-up would still be chasing too soon)
    (D(2027, 1, 4), D(2027, 1, 8), [], ("last_say_sent", D(2027, 1, 4)), D(2027, 1, 9)),
    (D(2027, 1, 9), D(2027, 1, 12), [], ("last_say_sent", D(2027, 1, 4)), None),
    # Wed 13 Jan: rejected. At once: write to someone senior; the re-approach from 13 Apr is shown
    # (the rejection is their answer: a follow-up would be too soon for a gap after it, 12b item 5)
    (D(2027, 1, 13), D(2027, 1, 13), ["senior_contact"], ("senior_contact", D(2027, 4, 13)), D(2027, 1, 18)),
    # Thu 14 Jan: Dana Lee, Head of People, added and written to (the same day as a call to the agency)
    (D(2027, 1, 14), D(2027, 1, 17), [], ("re_approach", D(2027, 4, 13)), D(2027, 1, 18)),
    (D(2027, 1, 18), D(2027, 4, 12), [], ("re_approach", D(2027, 4, 13)), None),
    (D(2027, 4, 13), D(2027, 5, 2), ["re_approach"], ("re_approach", D(2027, 4, 13)), None),
]


def _actions(app: list[int]) -> dict[date, Callable[[], None]]:
    """What the user does, by day (``app`` holds the application's id once made)."""
    from desktop_app.services.applications import interviews
    from desktop_app.services.applications.pipeline import ApplicationForm

    def apply() -> None:
        app.append(pipeline.save_application_form(ApplicationForm(
            role="Pricing Analyst", employer="Harbour Foods", agency="Quayside Recruitment", recruiter="Jo Park",
            applied_on=START), today=START))

    def interview_entered_late() -> None:
        sam = create_contact({"name": "Sam Reid", "kind": "hiring_manager",
                              "organisation": find_or_create_organisation("Harbour Foods")})
        interviews.create_interview({"application": app[0], "at": at("2026-11-27"), "round": 1, "format": "video",
                                     "interviewers": [sam]}, today=D(2026, 11, 30))
        assert interactions.gap_warning(app[0], at("2026-11-30", 9), purpose="thank_you") is None
        log(app[0], "2026-11-30", "thank_you", hour=9)
        assert interactions.gap_warning(app[0], at("2026-11-30", 10), purpose="feedback_request") is None
        log(app[0], "2026-11-30", "feedback_request", hour=10)

    def rejected() -> None:
        pipeline.update_application(app[0], {"stage": "rejected"}, today=D(2027, 1, 13))

    def senior_contact() -> None:
        log(app[0], "2027-01-14", "other", hour=9)  # a call to the agency that morning
        dana = create_contact({"name": "Dana Lee", "title": "Head of People", "kind": "senior_hr",
                               "organisation": find_or_create_organisation("Harbour Foods")})
        assert interactions.gap_warning(app[0], at("2027-01-14", 11), purpose="senior_contact") is None
        log(app[0], "2027-01-14", "senior_contact", hour=11, contact=dana)

    return {
        D(2026, 11, 2): apply,
        D(2026, 11, 9): lambda: log(app[0], "2026-11-09", "follow_up") and None,
        D(2026, 11, 16): lambda: log(app[0], "2026-11-16", "other", hour=14, direction="incoming") and None,
        D(2026, 11, 30): interview_entered_late,
        D(2026, 12, 10): lambda: log(app[0], "2026-12-10", "follow_up") and None,
        D(2026, 12, 17): lambda: log(app[0], "2026-12-17", "follow_up") and None,
        D(2027, 1, 4): lambda: log(app[0], "2027-01-04", "last_say") and None,
        D(2027, 1, 13): rejected,
        D(2027, 1, 14): senior_contact,
    }


def test_the_table_covers_every_day_once() -> None:
    assert TABLE[0][0] == START and TABLE[-1][1] == END
    for (_, last, *_rest), (first, *_more) in zip(TABLE, TABLE[1:]):
        assert first == last + timedelta(days=1)


def test_six_months_one_day_at_a_time(store: Path) -> None:
    app: list[int] = []
    actions = _actions(app)
    expected = {}
    for first, last, kinds, step, polite in TABLE:
        day = first
        while day <= last:
            expected[day] = (kinds, step, polite)
            day += timedelta(days=1)
    seen, wrong = 0, []
    day = START
    while day <= END:
        if day in actions:
            actions[day]()
        kinds = [i.kind for i in due.due_items(day) if i.application_id == app[0]]
        step = next_step.next_steps(day)[app[0]]
        warning = interactions.gap_warning(app[0], at(day.isoformat(), 12), purpose="follow_up")
        assert interactions.gap_warning(app[0], at(day.isoformat(), 12), purpose="thank_you") is None
        got = (kinds, (step.kind, step.on), warning.polite_from if warning else None)
        if got != expected[day]:
            wrong.append((day.isoformat(), got, expected[day]))
        seen += 1
        day += timedelta(days=1)
    assert wrong == []
    assert seen == 182


#: 12b item 5, the tester's case walked day by day: Data Analyst at Bay Ltd, applied direct on Mon 16 Nov;
#: an interview for Thu 26 Nov entered on Fri 20 Nov; the feedback request Mon 30 Nov 09:00; their reply
#: Wed 2 Dec 11:00. The next step and the too-soon question count the gap from the same moment: the later
#: of the last chase and the last answer (PRODUCT.md rule 6), so a follow-up on 3 Dec asks first.
REPLY_START, REPLY_END = D(2026, 11, 16), D(2026, 12, 31)
REPLY_TABLE: list[tuple[date, date, list[str], tuple[str, date | None], date | None]] = [
    (D(2026, 11, 16), D(2026, 11, 19), [], ("follow_up", D(2026, 11, 21)), D(2026, 11, 21)),
    # the booked interview pauses the chase
    (D(2026, 11, 20), D(2026, 11, 26), [], ("interview", D(2026, 11, 26)), None),
    # it took place: feedback due two working days later; a follow-up only a gap after the interview
    (D(2026, 11, 27), D(2026, 11, 29), [], ("feedback_request", D(2026, 11, 30)), D(2026, 12, 1)),
    # Mon 30 Nov: the feedback request is sent (it is the chase now)
    (D(2026, 11, 30), D(2026, 12, 1), [], ("follow_up", D(2026, 12, 5)), D(2026, 12, 5)),
    # Wed 2 Dec: they reply; a follow-up is polite a gap after the reply, for both answers
    (D(2026, 12, 2), D(2026, 12, 6), [], ("follow_up", D(2026, 12, 7)), D(2026, 12, 7)),
    (D(2026, 12, 7), D(2026, 12, 31), ["follow_up"], ("follow_up", D(2026, 12, 7)), None),
]


def test_after_a_reply_the_next_step_and_the_too_soon_question_agree(store: Path) -> None:
    from desktop_app.services.applications import interviews
    from desktop_app.services.applications.pipeline import ApplicationForm

    app: list[int] = []

    def interview_booked() -> None:
        interviews.create_interview({"application": app[0], "at": at("2026-11-26"), "round": 1, "format": "video"},
                                    today=D(2026, 11, 20))

    actions: dict[date, Callable[[], None]] = {
        D(2026, 11, 16): lambda: app.append(pipeline.save_application_form(ApplicationForm(
            role="Data Analyst", employer="Bay Ltd", applied_on=REPLY_START), today=REPLY_START)),
        D(2026, 11, 20): interview_booked,
        D(2026, 11, 30): lambda: log(app[0], "2026-11-30", "feedback_request", hour=9) and None,
        D(2026, 12, 2): lambda: log(app[0], "2026-12-02", "other", hour=11, direction="incoming") and None,
    }
    expected = {}
    for first, last, kinds, step, polite in REPLY_TABLE:
        for n in range((last - first).days + 1):
            expected[first + timedelta(days=n)] = (kinds, step, polite)
    assert min(expected) == REPLY_START and max(expected) == REPLY_END and len(expected) == 46
    wrong = []
    for n in range((REPLY_END - REPLY_START).days + 1):
        day = REPLY_START + timedelta(days=n)
        if day in actions:
            actions[day]()
        kinds = [i.kind for i in due.due_items(day) if i.application_id == app[0]]
        step = next_step.next_steps(day)[app[0]]
        warning = interactions.gap_warning(app[0], at(day.isoformat(), 12), purpose="follow_up")
        got = (kinds, (step.kind, step.on), warning.polite_from if warning else None)
        if got != expected[day]:
            wrong.append((day.isoformat(), got, expected[day]))
    assert wrong == []
