"""The applications' part of the Today list: feedback, follow-ups, the last say, senior contact, re-approach.

Registers :func:`follow_up_items` with ``services.due`` when imported. The rules decide
what is due from the facts of every application (read in bulk); only the due
applications then have their names and people looked up, again in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.rules import follow_up as rules
from desktop_app.services import due
from desktop_app.services.next_step import cached_facts, gc_paused, per_application
from desktop_app.services.settings import AdviceSettings
from desktop_app.store.db import db

#: The kinds this provider adds to the Today list.
KINDS = ("feedback_request", "follow_up", "last_say", "senior_contact", "re_approach")


@dataclass(frozen=True)
class People:
    """Who an application's messages go to, found in one pass over the store."""

    role: str
    employer: str
    agency: str | None
    #: who follow-ups go to: the recruiter when there is one (the advice), else the last person in touch
    main: tuple[int, str] | None
    senior: tuple[int, str] | None
    #: everyone in touch last time, for the re-approach
    everyone: tuple[str, ...]

    @property
    def subject(self) -> str:
        return f"{self.role} at {self.employer}"

    @property
    def whom(self) -> str:
        return self.main[1] if self.main else (self.agency or self.employer)


def people_of(app_ids: list[int], *, with_everyone: bool = True,
              last_contact: dict[int, int] | None = None) -> dict[int, People]:
    """Names and people of the given applications, in a handful of queries whatever their number.

    Raw SQL tuples, and aggregates computed by SQLite: for thousands of due items,
    building Peewee objects would cost more than the rules themselves. ``everyone``
    (the people from last time) is only filled in when ``with_everyone``. ``last_contact``
    (application id -> contact id) saves a query when the caller has already read it.
    """
    if not app_ids:
        return {}
    wanted = set(app_ids)
    database = db.obj
    # a short list is filtered by SQLite; a long one is cheaper to read whole and filter here
    few = len(wanted) <= 500
    marks = f"({','.join('?' * len(wanted))})"
    params = sorted(wanted) if few else []
    rows = database.execute_sql(
        "SELECT a.id, a.role, e.name, g.name, a.employer_id, a.recruiter_id, r.name FROM application a "
        "JOIN organisation e ON e.id = a.employer_id LEFT JOIN organisation g ON g.id = a.agency_id "
        f"LEFT JOIN contact r ON r.id = a.recruiter_id{f' WHERE a.id IN {marks}' if few else ''}", params).fetchall()
    names = dict(database.execute_sql("SELECT id, name FROM contact"))
    if last_contact is None:
        # the person last written to or heard from (SQLite returns the row of the MAX)
        last_contact = {app_id: contact_id for app_id, contact_id, _at in database.execute_sql(
            "SELECT application_id, contact_id, MAX(at) FROM interaction WHERE contact_id IS NOT NULL "
            f"{f'AND application_id IN {marks} ' if few else ''}GROUP BY application_id", params)}
    last_person = {app_id: (c, names[c]) for app_id, c in last_contact.items() if app_id in wanted}
    interviewer = {app_id: (contact_id, name) for app_id, contact_id, name, _at in database.execute_sql(
        "SELECT i.application_id, l.contact_id, c.name, MAX(i.at) FROM interview_interviewer l "
        "JOIN interview i ON i.id = l.interview_id JOIN contact c ON c.id = l.contact_id "
        f"{f'WHERE i.application_id IN {marks} ' if few else ''}GROUP BY i.application_id", params)}
    seniors: dict[int, tuple[int, str]] = {}
    for org_id, contact_id, name in database.execute_sql(
            "SELECT organisation_id, id, name FROM contact WHERE kind = 'senior_hr' ORDER BY id"):
        seniors.setdefault(org_id, (contact_id, name))
    everyone: dict[int, list[str]] = {}
    if with_everyone:
        for app_id, name in database.execute_sql(
                "SELECT x.application_id, c.name FROM interaction x JOIN contact c ON c.id = x.contact_id "
                f"{f'WHERE x.application_id IN {marks} ' if few else ''}ORDER BY x.at", params):
            everyone.setdefault(app_id, []).append(name)
    out = {}
    for app_id, role, employer, agency_name, employer_id, recruiter_id, recruiter in rows:
        if app_id not in wanted:
            continue
        main = (recruiter_id, recruiter) if recruiter_id else (last_person.get(app_id) or interviewer.get(app_id))
        last_time = tuple(dict.fromkeys([*([recruiter] if recruiter else []), *everyone.get(app_id, ())]))
        out[app_id] = People(role, employer, agency_name, main, seniors.get(employer_id), last_time)
    return out


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(value: date) -> str:
    """``2 Dec`` (English month abbreviations whatever the machine's locale: the text is English)."""
    return f"{value.day} {_MONTHS[value.month - 1]}"


def describe(s: rules.Suggestion, who: People, interview_day: date | None) -> str:
    """The sentence the Today list shows for one suggestion."""
    if s.kind == "feedback_request":
        when = f" on {_day(interview_day)}" if interview_day else ""
        return f"Ask {who.whom} for feedback on your interview{when}."
    if s.kind == "follow_up":
        return f"A polite follow-up to {who.whom} is fine from {_day(s.due_on)}."
    if s.kind == "last_say":
        return (f"No answer from {who.whom}: have the last say — thank them and say you are keen "
                f"to work for {who.employer} in the future.")
    if s.kind == "senior_contact":
        target = who.senior[1] if who.senior else f"someone senior in HR or management at {who.employer}"
        return f"Tell {target} that you are still keen to work for {who.employer}."
    assert s.kind == "re_approach"
    last_time = f" (last time: {', '.join(who.everyone)})" if who.everyone else ""
    until = f" until {_day(s.until)}" if s.until else ""
    return f"Time to go back to {who.employer}{last_time}; the window is open{until}."


def key_of(app_id: int, s: rules.Suggestion) -> str:
    """A stable identity for dismiss/snooze: a new follow-up after a new contact is a new item."""
    if s.kind == "feedback_request":
        return f"feedback_request:interview:{s.interview_id}"
    if s.kind == "last_say":
        return f"last_say:application:{app_id}"
    return f"{s.kind}:application:{app_id}:{s.due_on.isoformat()}"


def follow_up_items(today: date, settings: AdviceSettings) -> list[due.DueItem]:
    with gc_paused():
        return _follow_up_items(today, settings)


def _follow_up_items(today: date, settings: AdviceSettings) -> list[due.DueItem]:
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
        items.append(due.DueItem(kind=s.kind, due_on=s.due_on, subject=who.subject,
                                 text=describe(s, who, interview_day), key=key_of(app_id, s),
                                 application_id=app_id))
    return items


due.PROVIDERS.append(follow_up_items)
