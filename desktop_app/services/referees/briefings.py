"""Briefings and references given: who was told what, and which employer has whose name.

A *reference given* records that the user gave a referee's name to an application
(later: the employer contacted them, the questionnaire is done). A *briefing* records
that the user told the referee they may be contacted — for one application or in
general. ``rules.referees.briefed_for`` decides whether a given reference is covered;
the Today list, the Referees tab and the pack checks all ask :func:`unbriefed`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from peewee import JOIN

from desktop_app.dates import as_date
from desktop_app import vocab
from desktop_app.rules import referees as referee_rules
from desktop_app.services.core import crud
from desktop_app.services.core.messages import Message, first_name, render
from desktop_app.services.core.profile import get_profile
from desktop_app.services.core.settings import get_settings
from desktop_app.services.core.validation import format_phone
from desktop_app.store import models as m
from desktop_app.store.db import db


@dataclass(frozen=True)
class ApplicationChoice:
    """An application as a pick list shows it: ``Data Analyst at Northwind Ltd``."""

    id: int
    role: str
    employer: str
    stage: str

    @property
    def label(self) -> str:
        return f"{self.role} at {self.employer}"


@dataclass(frozen=True)
class ReferenceRow:
    referee_id: int
    referee_name: str
    application_id: int
    role: str
    employer: str
    stage: str
    on: date
    employer_contacted_on: date | None
    questionnaire_done: bool
    briefed: bool

    @property
    def live(self) -> bool:
        return self.stage in vocab.LIVE_STAGES


@dataclass(frozen=True)
class BriefingRow:
    id: int
    referee_id: int
    application_id: int | None
    application_label: str | None  # None: a general briefing
    on: date
    channel: str
    notes: str


# --------------------------------------------------------------------------- applications
def application_choices(*, live_only: bool = True) -> list[ApplicationChoice]:
    """Applications to give referees to or brief for, most recent first."""
    query = (m.Application.select(m.Application.id, m.Application.role, m.Organisation.name,
                                  m.Application.stage)
             .join(m.Organisation, on=(m.Application.employer == m.Organisation.id))
             .order_by(m.Application.applied_on.desc(), m.Application.id.desc()))
    if live_only:
        query = query.where(m.Application.stage.in_(sorted(vocab.LIVE_STAGES)))
    return [ApplicationChoice(i, role, employer, stage) for i, role, employer, stage in query.tuples()]


# --------------------------------------------------------------------------- references given
def give_referees(application_id: int, referee_ids: Iterable[int], on: date) -> int:
    """Record that these referees were given to the application on ``on``.

    A referee already given to it keeps their first date (the unique index would refuse
    a second row). Returns how many were newly given.
    """
    given = 0
    with db.atomic():
        already = {r for (r,) in m.ReferenceGiven.select(m.ReferenceGiven.referee)
                   .where(m.ReferenceGiven.application == application_id).tuples()}
        for referee_id in dict.fromkeys(referee_ids):
            if referee_id in already:
                continue
            crud.create("references_given", {"referee": referee_id, "application": application_id, "on": on})
            given += 1
    return given


def _reference(referee_id: int, application_id: int) -> m.ReferenceGiven:
    row = m.ReferenceGiven.get_or_none((m.ReferenceGiven.referee == referee_id)
                                       & (m.ReferenceGiven.application == application_id))
    if row is None:
        raise crud.NotFound("This referee has not been given to that application.")
    return row


def take_back(referee_id: int, application_id: int) -> None:
    """Undo a reference given by mistake."""
    _reference(referee_id, application_id).delete_instance()


def set_employer_contacted(referee_id: int, application_id: int, on: date | None) -> None:
    """The employer contacted the referee on ``on`` (None: not yet)."""
    from desktop_app.services.core.records import RECORDS, clean_fields

    cleaned = clean_fields(RECORDS["references_given"].fields, {"employer_contacted_on": on}, partial=True)
    row = _reference(referee_id, application_id)
    row.employer_contacted_on = cleaned["employer_contacted_on"]
    row.save()


def set_questionnaire_done(referee_id: int, application_id: int, done: bool) -> None:
    row = _reference(referee_id, application_id)
    row.questionnaire_done = bool(done)
    row.save()


def _briefing_facts() -> dict[int, list[referee_rules.BriefingFacts]]:
    facts: dict[int, list[referee_rules.BriefingFacts]] = defaultdict(list)
    for referee_id, application_id, on in m.Briefing.select(
            m.Briefing.referee, m.Briefing.application, m.Briefing.on).tuples():
        facts[referee_id].append(referee_rules.BriefingFacts(application_id, as_date(on)))
    return facts


def references(*, today: date, application_id: int | None = None, referee_id: int | None = None,
               valid_days: int | None = None) -> list[ReferenceRow]:
    """References given (to one application, or of one referee), with whether each is briefed."""
    if valid_days is None:
        valid_days = get_settings().briefing_valid_days
    facts = _briefing_facts()
    query = (m.ReferenceGiven
             .select(m.ReferenceGiven.referee, m.Referee.name, m.ReferenceGiven.application,
                     m.Application.role, m.Organisation.name, m.Application.stage, m.ReferenceGiven.on,
                     m.ReferenceGiven.employer_contacted_on, m.ReferenceGiven.questionnaire_done)
             .join(m.Referee, on=(m.ReferenceGiven.referee == m.Referee.id))
             .switch(m.ReferenceGiven)
             .join(m.Application, on=(m.ReferenceGiven.application == m.Application.id))
             .join(m.Organisation, on=(m.Application.employer == m.Organisation.id))
             .order_by(m.ReferenceGiven.on, m.Referee.name))
    if application_id is not None:
        query = query.where(m.ReferenceGiven.application == application_id)
    if referee_id is not None:
        query = query.where(m.ReferenceGiven.referee == referee_id)
    rows = []
    for ref_id, name, app_id, role, employer, stage, on, contacted, done in query.tuples():
        briefed = referee_rules.briefed_for(app_id, facts.get(ref_id, ()), today=today, valid_days=valid_days)
        rows.append(ReferenceRow(ref_id, name, app_id, role, employer, stage, as_date(on),
                                 as_date(contacted) if contacted else None, bool(done), briefed))
    return rows


def unbriefed(*, today: date, application_id: int | None = None,
              valid_days: int | None = None) -> list[ReferenceRow]:
    """Active referees given to a live application who have not been told they may be called.

    What Today shows ("Brief Alex Morgan before Northwind calls") and what the pack
    checks before it is built for an application.
    """
    active = {r for (r,) in m.Referee.select(m.Referee.id).where(m.Referee.active == True).tuples()}  # noqa: E712
    return [r for r in references(today=today, application_id=application_id, valid_days=valid_days)
            if r.live and not r.briefed and r.referee_id in active]


# --------------------------------------------------------------------------- briefings
def record_briefing(referee_id: int, application_id: int | None, on: date, channel: str = "email",
                    notes: str = "") -> int:
    """Mark a referee as briefed (for an application, or in general when ``application_id`` is None)."""
    return crud.create("briefings", {"referee": referee_id, "application": application_id, "on": on,
                                     "channel": channel, "notes": notes}).id


def briefings_of(referee_id: int) -> list[BriefingRow]:
    """A referee's briefings, newest first."""
    query = (m.Briefing.select(m.Briefing, m.Application.role, m.Organisation.name)
             .join(m.Application, join_type=JOIN.LEFT_OUTER, on=(m.Briefing.application == m.Application.id))
             .join(m.Organisation, join_type=JOIN.LEFT_OUTER, on=(m.Application.employer == m.Organisation.id))
             .where(m.Briefing.referee == referee_id)
             .order_by(m.Briefing.on.desc(), m.Briefing.id.desc()))
    rows = []
    for b in query.objects():
        app_id = b.application_id
        label = f"{b.role} at {b.name}" if app_id is not None else None
        rows.append(BriefingRow(b.id, referee_id, app_id, label, as_date(b.on), b.channel, b.notes))
    return rows


def _who_may_call(application_id: int) -> tuple[str, str, str]:
    """(role, employer, who may call) for an application."""
    app = crud.get("applications", application_id)
    employer = app.employer.name
    recruiter = app.recruiter
    if recruiter is not None:
        where = recruiter.organisation.name if recruiter.organisation is not None else employer
        who = f"{recruiter.name} at {where}" if where else recruiter.name
    else:
        who = f"Someone from {employer}"
    return app.role, employer, who


def contact_methods(phone: str | None, email: str | None, preferred: str, questionnaire: bool) -> str:
    """How an employer may reach the referee, as a phrase: ``by phone or email, or through an
    online questionnaire``. Follows the referee's preference where they have one."""
    ways = []
    if phone and preferred in ("phone", "either"):
        ways.append("phone")
    if email and preferred in ("email", "either"):
        ways.append("email")
    if not ways:
        ways = ["phone" if phone else "email"]
    phrase = "by " + " or ".join(ways)
    if questionnaire:
        phrase += ", or through an online questionnaire"
    return phrase


def compose_briefing(referee_id: int, application_id: int | None) -> Message:
    """The briefing message from the user's template (``referee_briefing`` or, in general,
    ``referee_briefing_general``)."""
    referee = crud.get("referees", referee_id)
    profile = get_profile()
    values: dict[str, str | None] = {
        "referee_name": referee.name,
        "referee_first_name": first_name(referee.name),
        "contact_methods": contact_methods(referee.phone, referee.email, referee.preferred_channel,
                                           referee.online_questionnaire),
        "my_name": profile.name,
        "my_first_name": first_name(profile.name),
        "my_email": profile.email,
        "my_phone": format_phone(profile.phone),
        "my_linkedin": profile.linkedin,
    }
    if application_id is None:
        values["who_may_call"] = "Employers"
        return render("referee_briefing_general", values)
    role, employer, who = _who_may_call(application_id)
    values.update(role=role, organisation=employer, who_may_call=who)
    return render("referee_briefing", values)
