"""Organisations as memory: what happened with each employer and agency, over every application.

Per organisation (as employer, as agency, or both over time): its applications and
their outcomes, its people, every logged contact across applications, whether feedback
came, how long answers took (median days to reply), whether the user had the last
say, and where the re-approach window stands (advice rule 9).

How long an answer took: on each application the user waits from the first message
not yet answered (sending the application counts as the first) until the first answer
after it — an incoming contact, an interview that took place, feedback, or a stage
change only the employer can cause (``rules.follow_up.ANSWER_STAGES``, the same notion
of an answer as the follow-up rules). Days are calendar days in the user's zone.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import JOIN

from desktop_app import clock
from desktop_app.rules import follow_up as rules
from desktop_app.services.applications.next_step import local_day
from desktop_app.services.applications.organisations import ContactRow, contact_rows
from desktop_app.services.core import crud
from desktop_app.services.core.settings import get_settings
from desktop_app.store import models as m
from desktop_app.store.db import db


@dataclass(frozen=True)
class ApplicationOutcome:
    """One application at the organisation and how it went."""

    id: int
    role: str
    employer: str
    agency: str | None
    as_role: str  # employer, agency
    applied_on: date
    stage: str
    #: the day of the latest stage change (the outcome's day, for a closed application)
    stage_on: date
    feedback_on: date | None
    has_feedback: bool
    reply_days: tuple[int, ...]
    #: ``(from, until)`` of the re-approach for a rejected application (rule 9), both included
    re_approach: tuple[date, date] | None


@dataclass(frozen=True)
class LoggedContact:
    id: int
    application_id: int
    role: str
    at: datetime
    direction: str
    channel: str
    purpose: str
    person: str  # the contact's name, or the name kept when they were removed; "" for nobody
    summary: str
    #: whose the contact is: the person's organisation ("" when unknown or removed)
    person_organisation: str = ""
    #: the application's employer, so that an agency's list says which client each contact was about
    employer: str = ""


@dataclass(frozen=True)
class OrganisationSummary:
    """One line of the Organisations list (and the head of its memory)."""

    id: int
    name: str
    country: str | None
    kind: str  # employer, agency, both, none (no application yet)
    applications: int
    live: int
    rejected: int
    offers: int  # offer or accepted
    with_feedback: int  # applications whose feedback came
    people: int
    logged: int
    median_reply_days: float | None
    #: True: the last logged contact was the user's; False: theirs; None: nothing logged
    last_say: bool | None
    last_contact_on: date | None
    #: the re-approach window of the latest rejection, both days included
    re_approach: tuple[date, date] | None

    def re_approach_state(self, today: date) -> str:
        """``opens``, ``open``, ``closed`` or ``""`` (no rejection) on ``today``."""
        if self.re_approach is None:
            return ""
        start, end = self.re_approach
        return "opens" if today < start else ("open" if today <= end else "closed")


@dataclass(frozen=True)
class OrganisationMemory:
    summary: OrganisationSummary
    website: str | None
    notes: str
    applications: list[ApplicationOutcome] = field(default_factory=list)
    people: list[ContactRow] = field(default_factory=list)
    contacts: list[LoggedContact] = field(default_factory=list)


def reply_days(applied_on: date, outgoing: list[date], answers: list[date]) -> list[int]:
    """Days each wait for an answer took on one application (see the module's docstring).

    ``outgoing``: days of the user's messages; ``answers``: days of their answers. A
    message and an answer on the same day: the message came first.
    """
    events = sorted([(applied_on, 0)] + [(d, 0) for d in outgoing] + [(d, 1) for d in answers])
    waiting: date | None = None
    out = []
    for day, is_answer in events:
        if not is_answer:
            waiting = waiting or day
        elif waiting is not None:
            out.append((day - waiting).days)
            waiting = None
    return out


def _outcomes(org_ids: list[int] | None, today: date) -> dict[int, list[ApplicationOutcome]]:
    """Every application of the organisations (None: all), by organisation id.

    Raw SQL tuples, days worked out by SQLite (``date(at, 'localtime')``, the same local
    zone as Python's): ten thousand applications in well under a second (measured in
    the report of issue 13).
    """
    database = db.obj
    settings = get_settings()
    where, params = "", []
    if org_ids is not None:
        marks = ",".join("?" * len(org_ids))
        where = f" WHERE a.employer_id IN ({marks}) OR a.agency_id IN ({marks})"
        params = list(org_ids) * 2
    mine = f" WHERE application_id IN (SELECT a.id FROM application a{where})" if where else ""
    apps = database.execute_sql(
        "SELECT a.id, a.role, a.employer_id, e.name, a.agency_id, g.name, a.applied_on, a.stage, "
        "a.feedback IS NOT NULL, a.feedback_on FROM application a JOIN organisation e ON e.id = a.employer_id "
        f"LEFT JOIN organisation g ON g.id = a.agency_id{where} ORDER BY a.applied_on DESC, a.id DESC",
        params).fetchall()
    days: dict[str, date] = {}

    def day(text: str) -> date:
        found = days.get(text)
        if found is None:
            found = days[text] = date.fromisoformat(text)
        return found

    changes: dict[int, list[tuple[str, date]]] = {}
    for app_id, stage, on in database.execute_sql(
            f"SELECT application_id, stage, \"on\" FROM stage_change{mine} ORDER BY \"on\", id", params):
        changes.setdefault(app_id, []).append((stage, day(on)))
    outgoing: dict[int, list[date]] = {}
    answers: dict[int, list[date]] = {}
    for app_id, on, direction in database.execute_sql(
            f"SELECT application_id, date(at, 'localtime'), direction FROM interaction{mine}", params):
        (outgoing if direction == "outgoing" else answers).setdefault(app_id, []).append(day(on))
    for app_id, on in database.execute_sql(
            f"SELECT application_id, date(at, 'localtime') FROM interview{mine}", params):
        if day(on) <= today:  # an interview that has taken place is an answer
            answers.setdefault(app_id, []).append(day(on))
    wanted = None if org_ids is None else set(org_ids)
    out: dict[int, list[ApplicationOutcome]] = {}
    for app_id, role, employer_id, employer, agency_id, agency, applied, stage, has_feedback, feedback_on in apps:
        applied_on = day(applied)
        history = changes.get(app_id, [])
        feedback_day = date.fromisoformat(feedback_on) if feedback_on else None
        answered = answers.get(app_id, []) + [on for s, on in history if s in rules.ANSWER_STAGES]
        answered += [feedback_day] if feedback_day else []
        window = None
        if stage == "rejected":
            facts = rules.ApplicationFacts(stage=stage, applied_on=applied_on, stage_changes=tuple(history))
            window = rules.re_approach_window(facts, settings)
        for org_id, as_role in ((employer_id, "employer"), (agency_id, "agency")):
            if org_id is None or (wanted is not None and org_id not in wanted):
                continue
            out.setdefault(org_id, []).append(ApplicationOutcome(
                app_id, role, employer, agency, as_role, applied_on, stage,
                history[-1][1] if history else applied_on, feedback_day, bool(has_feedback),
                tuple(reply_days(applied_on, outgoing.get(app_id, []), answered)), window))
    return out


def _summaries(org_ids: list[int] | None, today: date) -> list[OrganisationSummary]:
    database = db.obj
    outcomes = _outcomes(org_ids, today)
    where = "" if org_ids is None else f" WHERE id IN ({','.join('?' * len(org_ids))})"
    orgs = database.execute_sql(f"SELECT id, name, country FROM organisation{where} ORDER BY name, id",
                                list(org_ids or [])).fetchall()
    people = dict(database.execute_sql(
        "SELECT organisation_id, COUNT(*) FROM contact WHERE organisation_id IS NOT NULL GROUP BY organisation_id"))
    # the latest logged contact of each application, to see who had the last say
    # (SQLite gives the row of the MAX for the bare column ``direction``)
    latest: dict[int, tuple[str, str, int]] = {}
    counts: dict[int, int] = {}
    for app_id, count, at, direction in database.execute_sql(
            "SELECT application_id, COUNT(*), MAX(at), direction FROM interaction GROUP BY application_id"):
        counts[app_id] = count
        latest[app_id] = (at, direction, app_id)
    out = []
    for org_id, name, country in orgs:
        apps = outcomes.get(org_id, [])
        roles = {a.as_role for a in apps}
        kind = "both" if len(roles) == 2 else (roles.pop() if roles else "none")
        ends = [latest[a.id] for a in apps if a.id in latest]
        last = max(ends) if ends else None
        waits = [d for a in apps for d in a.reply_days]
        rejections = sorted((a.re_approach for a in apps if a.stage == "rejected" and a.re_approach),
                            key=lambda w: w[0])
        out.append(OrganisationSummary(
            id=org_id, name=name, country=country, kind=kind, applications=len({a.id for a in apps}),
            live=sum(1 for a in apps if a.stage in ("applied", "interviewing", "offer")),
            rejected=sum(1 for a in apps if a.stage == "rejected"),
            offers=sum(1 for a in apps if a.stage in ("offer", "accepted")),
            with_feedback=sum(1 for a in apps if a.has_feedback), people=people.get(org_id, 0),
            logged=sum(counts.get(a.id, 0) for a in apps),
            median_reply_days=float(statistics.median(waits)) if waits else None,
            last_say=None if last is None else last[1] == "outgoing",
            last_contact_on=local_day(last[0]) if last else None,
            re_approach=rejections[-1] if rejections else None))
    return out


def organisation_summaries(*, today: date | None = None) -> list[OrganisationSummary]:
    """Every organisation, by name, with its memory summed up (a handful of queries in all)."""
    return _summaries(None, today or clock.today())


def organisation_memory(org_id: int, *, today: date | None = None) -> OrganisationMemory:
    """The whole memory of one organisation. Raises :class:`crud.NotFound` when it does not exist."""
    today = today or clock.today()
    org = crud.get("organisations", org_id)
    summary = _summaries([org_id], today)[0]
    apps = _outcomes([org_id], today).get(org_id, [])
    roles = {a.id: a.role for a in apps}
    employers = {a.id: a.employer for a in apps}
    query = (m.Interaction.select(m.Interaction, m.Contact.name.alias("current_name"),
                                  m.Organisation.name.alias("person_org"))
             .join(m.Contact, on=(m.Interaction.contact == m.Contact.id), join_type=JOIN.LEFT_OUTER)
             .join(m.Organisation, on=(m.Contact.organisation == m.Organisation.id), join_type=JOIN.LEFT_OUTER)
             .where(m.Interaction.application.in_(sorted(roles)))
             .order_by(m.Interaction.at.desc(), m.Interaction.id.desc()))
    contacts = [LoggedContact(x.id, x.application_id, roles[x.application_id], x.at, x.direction, x.channel,
                              x.purpose, getattr(x, "current_name", None) or x.contact_name, x.summary,
                              getattr(x, "person_org", None) or "", employers[x.application_id])
                for x in query.objects()]
    return OrganisationMemory(summary, org.website, org.notes, apps,  # type: ignore[attr-defined]
                              contact_rows(m.Contact.organisation == org_id), contacts)
