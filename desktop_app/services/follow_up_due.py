"""The applications' part of the Today list: feedback, follow-ups, the last say, senior contact, re-approach.

Registers :func:`follow_up_items` with ``services.due`` when imported. The rules decide
what is due from the facts of every application (read in bulk); only the due
applications then have their names and people looked up, again in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import JOIN

from desktop_app.rules import follow_up as rules
from desktop_app.services import due
from desktop_app.services.next_step import load_facts
from desktop_app.services.settings import AdviceSettings
from desktop_app.store import models as m

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


def people_of(app_ids: list[int]) -> dict[int, People]:
    """Names and people of the given applications, in four queries whatever their number."""
    if not app_ids:
        return {}
    agency = m.Organisation.alias()
    rows = (m.Application.select(m.Application.id, m.Application.role, m.Organisation.name, agency.name,
                                 m.Application.employer, m.Application.recruiter, m.Contact.name)
            .join(m.Organisation, on=(m.Application.employer == m.Organisation.id))
            .switch(m.Application).join(agency, JOIN.LEFT_OUTER, on=(m.Application.agency == agency.id))
            .switch(m.Application).join(m.Contact, JOIN.LEFT_OUTER, on=(m.Application.recruiter == m.Contact.id))
            .where(m.Application.id.in_(app_ids)).tuples())
    names = dict(m.Contact.select(m.Contact.id, m.Contact.name).tuples())
    in_touch: dict[int, list[int]] = {}
    for app_id, contact_id in (m.Interaction.select(m.Interaction.application, m.Interaction.contact)
                               .where(m.Interaction.application.in_(app_ids), m.Interaction.contact.is_null(False))
                               .order_by(m.Interaction.at).tuples()):
        in_touch.setdefault(app_id, []).append(contact_id)
    for app_id, contact_id in (m.InterviewInterviewer.select(m.Interview.application, m.InterviewInterviewer.contact)
                               .join(m.Interview).where(m.Interview.application.in_(app_ids))
                               .order_by(m.Interview.at).tuples()):
        in_touch.setdefault(app_id, []).insert(0, contact_id)  # people written to count more
    seniors: dict[int, tuple[int, str]] = {}
    for org_id, contact_id, name in (m.Contact.select(m.Contact.organisation, m.Contact.id, m.Contact.name)
                                     .where(m.Contact.kind == "senior_hr").order_by(m.Contact.id).tuples()):
        seniors.setdefault(org_id, (contact_id, name))
    out = {}
    for app_id, role, employer, agency_name, employer_id, recruiter_id, recruiter in rows:
        touched = in_touch.get(app_id, [])
        main = (recruiter_id, recruiter) if recruiter_id else (
            (touched[-1], names[touched[-1]]) if touched else None)
        everyone = tuple(dict.fromkeys([*([recruiter] if recruiter else []), *(names[c] for c in touched)]))
        out[app_id] = People(role, employer, agency_name, main, seniors.get(employer_id), everyone)
    return out


def _day(value: date) -> str:
    return f"{value.day} {value:%b}"


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
    loaded = load_facts()
    found: list[tuple[int, rules.Suggestion]] = []
    for app_id, facts in loaded.facts.items():
        for suggestion in rules.due_suggestions(facts, settings, today):
            found.append((app_id, suggestion))
    people = people_of(sorted({app_id for app_id, _ in found}))
    items = []
    for app_id, s in found:
        who = people[app_id]
        interview_day = None
        if s.interview_id is not None:
            interview_day = loaded.interviews[s.interview_id][1].astimezone().date()
        items.append(due.DueItem(kind=s.kind, due_on=s.due_on, subject=who.subject,
                                 text=describe(s, who, interview_day), key=key_of(app_id, s),
                                 application_id=app_id))
    return items


due.PROVIDERS.append(follow_up_items)
