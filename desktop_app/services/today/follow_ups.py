"""The applications' part of the Today list: feedback, follow-ups, the last say, senior contact, re-approach.

:func:`follow_up_items` is one of ``today.due.PROVIDERS``. The rules decide
what is due from the facts of every application (read in bulk); only the due
applications then have their names and people looked up, again in bulk.
"""

from __future__ import annotations

from datetime import date

from desktop_app.dates import day_month
from desktop_app.rules import follow_up as rules
from desktop_app.services.applications.next_step import cached_facts, gc_paused, per_application
from desktop_app.services.applications.people import People, people_of
from desktop_app.services.core.settings import AdviceSettings
from desktop_app.services.today.item import DueItem

#: The kinds this provider adds to the Today list.
KINDS = ("feedback_request", "follow_up", "last_say", "senior_contact", "re_approach")


def describe(s: rules.Suggestion, who: People, interview_day: date | None) -> str:
    """The sentence the Today list shows for one suggestion."""
    if s.kind == "feedback_request":
        when = f" on {day_month(interview_day)}" if interview_day else ""
        return f"Ask {who.whom} for feedback on your interview{when}."
    if s.kind == "follow_up":
        return f"A polite follow-up to {who.whom} is fine from {day_month(s.due_on)}."
    if s.kind == "last_say":
        return (f"No answer from {who.whom}: have the last say — thank them and say you are keen "
                f"to work for {who.employer} in the future.")
    if s.kind == "senior_contact":
        target = who.senior[1] if who.senior else f"someone senior in HR or management at {who.employer}"
        return f"Tell {target} that you are still keen to work for {who.employer}."
    assert s.kind == "re_approach"
    last_time = f" (last time: {', '.join(who.everyone)})" if who.everyone else ""
    until = f" until {day_month(s.until)}" if s.until else ""
    return f"Time to go back to {who.employer}{last_time}; the window is open{until}."


def key_of(app_id: int, s: rules.Suggestion) -> str:
    """A stable identity for dismiss/snooze: a new follow-up after a new contact is a new item."""
    if s.kind == "feedback_request":
        return f"feedback_request:interview:{s.interview_id}"
    if s.kind == "last_say":
        return f"last_say:application:{app_id}"
    return f"{s.kind}:application:{app_id}:{s.due_on.isoformat()}"


def follow_up_items(today: date, settings: AdviceSettings) -> list[DueItem]:
    with gc_paused():
        return _follow_up_items(today, settings)


def _follow_up_items(today: date, settings: AdviceSettings) -> list[DueItem]:
    loaded = cached_facts()
    due_now = per_application("due", today, settings, loaded,
                              lambda facts: rules.due_suggestions(facts, settings, today))
    found = [(app_id, s) for app_id, suggestions in due_now.items() for s in suggestions]
    people = people_of(sorted({app_id for app_id, _ in found}), with_everyone=False,
                       last_contact=loaded.last_contact)
    again = sorted({app_id for app_id, s in found if s.kind == "re_approach"})
    people.update(people_of(again))  # "the contacts from last time", only where they are shown
    items = []
    for app_id, s in found:
        who = people[app_id]
        interview_day = None
        if s.interview_id is not None:
            interview_day = loaded.interviews[s.interview_id][1]
        items.append(DueItem(kind=s.kind, due_on=s.due_on, subject=who.subject,
                                 text=describe(s, who, interview_day), key=key_of(app_id, s),
                                 application_id=app_id))
    return items

