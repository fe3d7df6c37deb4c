"""The applications' part of the Today list: feedback, follow-ups, the last say, senior contact, re-approach.

What is due, and what comes within ``COMING_UP_DAYS``, as Today items with their words:
the rules decide from the facts (read in bulk); only the applications with something to
show then have their names and people looked up, again in bulk. ``today.summary`` keeps
the items made here and gives them to ``today.due.PROVIDERS``.
"""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.dates import day_month
from desktop_app.rules import follow_up as rules
from desktop_app.services.applications.next_step import LoadedFacts
from desktop_app.services.applications.people import People, people_of
from desktop_app.services.core.settings import AdviceSettings
from desktop_app.services.today.item import COMING_UP_DAYS, DueItem
from desktop_app.store.db import db

#: The kinds this provider adds to the Today list.
KINDS = ("feedback_request", "follow_up", "last_say", "senior_contact", "re_approach")


def describe(s: rules.Suggestion, who: People, interview_day: date | None, *,
             last_time: tuple[str, ...] | None = None, early: date | None = None, today: date | None = None) -> str:
    """The sentence the Today list shows for one suggestion.

    For the re-approach (rule 9): ``last_time`` the people from last time (default
    ``who.everyone``); the agency is named ("through <agency>") only when the user applied
    through it; ``early`` the day of a re-approach already sent before the window opened
    (it does not take this one's place). Days carry their year when not in ``today``'s
    (default: the clock's).
    """
    if s.kind == "feedback_request":
        when = f" on {day_month(interview_day, today)}" if interview_day else ""
        return f"Ask {who.whom} for feedback on your interview{when}."
    if s.kind == "follow_up":
        return f"A polite follow-up to {who.whom} is fine from {day_month(s.due_on, today)}."
    if s.kind == "last_say":
        return (f"No answer from {who.whom}: have the last say — thank them and say you are keen "
                f"to work for {who.employer} in the future.")
    if s.kind == "senior_contact":
        target = who.senior[1] if who.senior else f"someone senior in HR or management at {who.employer}"
        return f"Tell {target} that you are still keen to work for {who.employer}."
    assert s.kind == "re_approach"
    people = who.everyone if last_time is None else last_time
    named = f" (last time: {', '.join(people)})" if people else ""
    through = f" through {who.agency}" if who.agency else ""
    until = f" until {day_month(s.until, today)}" if s.until else ""
    sent_early = (f" You wrote early, on {day_month(early, today)}; now is the time the advice means."
                  if early is not None else "")
    return f"Time to go back to {who.employer}{through}{named}; the window is open{until}.{sent_early}"


def key_of(app_id: int, s: rules.Suggestion) -> str:
    """A stable identity for dismiss/snooze: a new follow-up after a new contact is a new item."""
    if s.kind == "feedback_request":
        return f"feedback_request:interview:{s.interview_id}"
    if s.kind == "last_say":
        return f"last_say:application:{app_id}"
    return f"{s.kind}:application:{app_id}:{s.due_on.isoformat()}"


def make_items(app_ids: list[int], near: dict[int, list[rules.Suggestion]],
               loaded: LoadedFacts, settings: AdviceSettings, today: date) -> dict[int, list[DueItem]]:
    """The Today items of ``app_ids`` for their suggestions ``near`` (due or coming up), their
    names and people looked up in bulk (a handful of queries however many)."""
    if not app_ids:
        return {}
    people = people_of(sorted(app_ids), with_everyone=False, last_contact=loaded.last_contact)
    again = sorted({app_id for app_id in app_ids if any(s.kind == "re_approach" for s in near[app_id])})
    people.update(people_of(again))  # "the contacts from last time", only where they are shown
    panel = _interviewers_and_managers(again)
    out = {}
    for app_id in app_ids:
        who = people[app_id]
        items = []
        for s in near[app_id]:
            interview_day = loaded.interviews[s.interview_id][1] if s.interview_id is not None else None
            last_time = early = None
            if s.kind == "re_approach":
                last_time = tuple(dict.fromkeys([*who.everyone, *panel.get(app_id, ())]))
                early = rules.early_re_approach(loaded.facts[app_id], settings)
            items.append(DueItem(kind=s.kind, due_on=s.due_on, subject=who.subject,
                                 text=describe(s, who, interview_day, last_time=last_time, early=early, today=today),
                                 key=key_of(app_id, s),
                                 application_id=app_id))
        out[app_id] = items
    return out


def _interviewers_and_managers(app_ids: list[int]) -> dict[int, list[str]]:
    """Application id -> the names of its interviewers and of the hiring managers at its employer,
    in that order: people from last time too (rule 9), though the user may never have logged a
    contact with them. Two queries, for the few applications whose re-approach is shown."""
    if not app_ids:
        return {}
    marks = ",".join("?" * len(app_ids))
    out: dict[int, list[str]] = {}
    for app_id, name in db.obj.execute_sql(
            "SELECT i.application_id, c.name FROM interview i JOIN interview_interviewer l ON l.interview_id = i.id "
            f"JOIN contact c ON c.id = l.contact_id WHERE i.application_id IN ({marks}) ORDER BY i.at, c.id",
            list(app_ids)):
        out.setdefault(app_id, []).append(name)
    for app_id, name in db.obj.execute_sql(
            "SELECT a.id, c.name FROM application a JOIN contact c ON c.organisation_id = a.employer_id "
            f"WHERE c.kind = 'hiring_manager' AND a.id IN ({marks}) ORDER BY c.id", list(app_ids)):
        out.setdefault(app_id, []).append(name)
    return out


def booked_interview_items(loaded: LoadedFacts, today: date) -> dict[int, list[DueItem]]:
    """The booked interviews of the next :data:`COMING_UP_DAYS` days (after ``today``) of the
    applications in ``loaded``, for *Coming up*: not something to do, but what the user plans
    around (a booked interview pauses the chase). Applications in a closed stage (rejected,
    withdrawn, …) have none. By application id, each in the order of the interviews' ids."""
    horizon = today + timedelta(days=COMING_UP_DAYS)
    booked = [(interview_id, app_id, day, at) for interview_id, (app_id, day, at) in loaded.interviews.items()
              if today < day <= horizon and loaded.facts[app_id].stage not in rules.CLOSED_STAGES]
    if not booked:
        return {}
    people = people_of(sorted({b[1] for b in booked}), with_everyone=False, last_contact=loaded.last_contact)
    out: dict[int, list[DueItem]] = {}
    for interview_id, app_id, day, at in sorted(booked):
        who = people[app_id]
        time = loaded.interview_moment(interview_id).astimezone().strftime("%H:%M")
        out.setdefault(app_id, []).append(DueItem(
            kind="interview", due_on=day, subject=who.subject,
            text=f"Interview for {who.subject} on {day_month(day, today)} at {time}.",
            key=f"interview:{interview_id}", application_id=app_id))
    return out
