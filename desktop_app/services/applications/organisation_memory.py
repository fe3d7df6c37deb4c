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
import threading
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


def _summary(org_id: int, name: str, country: str | None, apps: list[ApplicationOutcome], people: int,
             logged: int, last: tuple[str, str] | None) -> OrganisationSummary:
    """One organisation's summary from its outcomes (``organisation_memory``'s way: a few applications).

    ``last``: ``(at, direction)`` of its latest logged contact. An application that names the
    organisation as both employer and agency counts once.
    """
    roles = {a.as_role for a in apps}
    kind = "both" if len(roles) == 2 else (roles.pop() if roles else "none")
    once = list({a.id: a for a in apps}.values())
    waits = [d for a in once for d in a.reply_days]
    rejections = [a.re_approach for a in once if a.stage == "rejected" and a.re_approach]
    return OrganisationSummary(
        id=org_id, name=name, country=country, kind=kind, applications=len(once),
        live=sum(1 for a in once if a.stage in LIVE_STAGES),
        rejected=sum(1 for a in once if a.stage == "rejected"),
        offers=sum(1 for a in once if a.stage in OFFER_STAGES),
        with_feedback=sum(1 for a in once if a.has_feedback), people=people, logged=logged,
        median_reply_days=float(statistics.median(waits)) if waits else None,
        last_say=None if last is None else last[1] == "outgoing",
        last_contact_on=local_day(last[0]) if last else None,
        # the window of the latest rejection (the later the rejection, the later its window)
        re_approach=max(rejections) if rejections else None)


#: Stages counted as live, and as an offer, in an organisation's summary.
LIVE_STAGES = ("applied", "interviewing", "offer")
OFFER_STAGES = ("offer", "accepted")

# Every organisation's application and whose it is (employer or agency), once per pair.
_MEMBERS = """member(org_id, app_id, as_employer, as_agency) AS (
    SELECT org_id, app_id, MAX(as_employer), MAX(as_agency) FROM (
        SELECT employer_id AS org_id, id AS app_id, 1 AS as_employer, 0 AS as_agency FROM application
        UNION ALL SELECT agency_id, id, 0, 1 FROM application WHERE agency_id IS NOT NULL)
    GROUP BY org_id, app_id)"""

# The counts of the Organisations list, one row per organisation (by name), in one grouped
# query: whose applications, how they ended, feedback, logged contacts, the latest
# rejection's day (its stage change, else the day applied: ``rules.rejected_on``).
_COUNTS = f"""WITH {_MEMBERS},
logged(app_id, n) AS (SELECT application_id, COUNT(*) FROM interaction GROUP BY application_id)
SELECT o.id, o.name, o.country, MAX(m.as_employer), MAX(m.as_agency), COUNT(m.app_id),
    SUM(a.stage IN {LIVE_STAGES}), SUM(a.stage = 'rejected'), SUM(a.stage IN {OFFER_STAGES}),
    SUM(a.feedback IS NOT NULL), SUM(l.n),
    MAX(CASE WHEN a.stage = 'rejected' THEN COALESCE((SELECT MAX(s."on") FROM stage_change s
        WHERE s.application_id = a.id AND s.stage = 'rejected'), a.applied_on) END)
FROM organisation o LEFT JOIN member m ON m.org_id = o.id LEFT JOIN application a ON a.id = m.app_id
LEFT JOIN logged l ON l.app_id = a.id
GROUP BY o.id ORDER BY o.name, o.id"""

# Who had the last say: each organisation's latest logged contact, from each application's
# latest (read along the index on application and moment; SQLite gives the bare column
# ``direction`` from the row of the MAX).
_LAST_SAY = """WITH last(app_id, at, direction) AS (
    SELECT application_id, MAX(at), direction FROM interaction GROUP BY application_id)
SELECT org_id, MAX(at), direction FROM (
    SELECT a.employer_id AS org_id, l.at, l.direction FROM application a JOIN last l ON l.app_id = a.id
    UNION ALL SELECT a.agency_id, l.at, l.direction FROM application a JOIN last l ON l.app_id = a.id
    WHERE a.agency_id IS NOT NULL AND a.agency_id <> a.employer_id)
GROUP BY org_id"""

# Every application's messages (the application itself, outgoing contacts) and answers
# (incoming contacts, interviews that took place, feedback, stage changes only the employer
# causes) as ``(application, day, is_answer)``, in :func:`reply_days`'s order: by day, a
# message before an answer on the same day.
_EVENTS = """SELECT id, applied_on, 0 FROM application
UNION ALL SELECT application_id, date(at, 'localtime'), direction <> 'outgoing' FROM interaction
UNION ALL SELECT application_id, date(at, 'localtime'), 1 FROM interview WHERE date(at, 'localtime') <= ?
UNION ALL SELECT application_id, "on", 1 FROM stage_change WHERE stage IN ({answer_stages})
UNION ALL SELECT id, feedback_on, 1 FROM application WHERE feedback_on IS NOT NULL
ORDER BY 1, 2, 3"""


def _every_wait(today: date) -> dict[int, list[int]]:
    """Application id -> the days each of its waits for an answer took (:func:`reply_days` for all).

    One sorted query and one pass: the same walk as :func:`reply_days`, without making ten
    thousand lists first.
    """
    answer_stages = ",".join(f"'{stage}'" for stage in sorted(rules.ANSWER_STAGES))
    days: dict[str, date] = {}
    waits: dict[int, list[int]] = {}
    current, waiting = None, None
    for app_id, day, is_answer in db.obj.execute_sql(_EVENTS.format(answer_stages=answer_stages),
                                                     [today.isoformat()]):
        if app_id != current:
            current, waiting = app_id, None
        if not is_answer:
            if waiting is None:
                waiting = day
        elif waiting is not None:
            start, end = days.get(waiting), days.get(day)
            if start is None:
                start = days[waiting] = date.fromisoformat(waiting)
            if end is None:
                end = days[day] = date.fromisoformat(day)
            waits.setdefault(app_id, []).append((end - start).days)
            waiting = None
    return waits


def _every_summary(today: date) -> list[OrganisationSummary]:
    """Every organisation's summary, by name, from a few grouped queries (none per organisation).

    The same numbers as :func:`_summary` over :func:`_outcomes` (a test holds them equal), in
    a fraction of the time at ten thousand applications (``bench/organisations.py``).
    """
    database = db.obj
    settings = get_settings()
    people = dict(database.execute_sql(
        "SELECT organisation_id, COUNT(*) FROM contact WHERE organisation_id IS NOT NULL GROUP BY organisation_id"))
    last_say = {org_id: (at, direction) for org_id, at, direction in database.execute_sql(_LAST_SAY)}
    by_application = _every_wait(today)
    waits: dict[int, list[int]] = {}
    for org_id, app_id in database.execute_sql(
            "SELECT employer_id, id FROM application UNION SELECT agency_id, id FROM application "
            "WHERE agency_id IS NOT NULL"):
        found = by_application.get(app_id)
        if found:
            waits.setdefault(org_id, []).extend(found)
    out = []
    for (org_id, name, country, as_employer, as_agency, count, live, rejected, offers, with_feedback, logged,
         rejected_on) in database.execute_sql(_COUNTS):
        kind = "both" if as_employer and as_agency else (
            "employer" if as_employer else ("agency" if as_agency else "none"))
        window = None
        if rejected_on:  # rule 9's window of the latest rejection, from the rules themselves
            facts = rules.ApplicationFacts(stage="rejected", applied_on=date.fromisoformat(rejected_on))
            window = rules.re_approach_window(facts, settings)
        found = waits.get(org_id)
        last = last_say.get(org_id)
        out.append(OrganisationSummary(
            id=org_id, name=name, country=country, kind=kind, applications=count, live=live or 0,
            rejected=rejected or 0, offers=offers or 0, with_feedback=with_feedback or 0,
            people=people.get(org_id, 0), logged=logged or 0,
            median_reply_days=float(statistics.median(found)) if found else None,
            last_say=None if last is None else last[1] == "outgoing",
            last_contact_on=local_day(last[0]) if last else None, re_approach=window))
    return out


class _Remembered:
    """The last list of summaries and the state of the database it was made from.

    The tab refreshes on every change event, settings included, and on showing; while
    nothing was written (no commit by another connection: ``PRAGMA data_version``; no
    change by this one: ``total_changes``) and the day is the same, the list is the same.
    Inside an open transaction nothing is kept (it may yet be rolled back).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        # the connection is compared by identity (another data folder, another thread is
        # another connection); the key is ``(data_version, total_changes, today)``
        self.connection: object | None = None
        self.key: tuple[object, ...] | None = None
        self.rows: list[OrganisationSummary] = []


_remembered = _Remembered()


def organisation_summaries(*, today: date | None = None) -> list[OrganisationSummary]:
    """Every organisation, by name, with its memory summed up (a handful of grouped queries in all).

    The list is remembered while the database is unchanged (see :class:`_Remembered`): a
    refresh with nothing new costs nothing. The rows are frozen dataclasses, safe to share.
    """
    today = today or clock.today()
    connection = db.obj.connection()
    if connection.in_transaction or db.obj.in_transaction():
        return _every_summary(today)
    (version,) = connection.execute("PRAGMA data_version").fetchone()
    key = (version, connection.total_changes, today)
    with _remembered.lock:  # a worker thread has a connection of its own: one list at a time
        if _remembered.connection is not connection or _remembered.key != key:
            _remembered.connection = None  # (should the reading fail half way)
            _remembered.rows = _every_summary(today)
            _remembered.connection, _remembered.key = connection, key
        return list(_remembered.rows)


def organisation_memory(org_id: int, *, today: date | None = None) -> OrganisationMemory:
    """The whole memory of one organisation. Raises :class:`crud.NotFound` when it does not exist."""
    today = today or clock.today()
    org = crud.get("organisations", org_id)
    apps = _outcomes([org_id], today).get(org_id, [])
    database = db.obj
    marks = ",".join("?" * len(apps)) or "NULL"
    app_ids = [a.id for a in apps]
    (people,) = database.execute_sql("SELECT COUNT(*) FROM contact WHERE organisation_id = ?", [org_id]).fetchone()
    (logged,) = database.execute_sql(
        f"SELECT COUNT(*) FROM interaction WHERE application_id IN ({marks})", app_ids).fetchone()
    last = database.execute_sql(f"SELECT at, direction FROM interaction WHERE application_id IN ({marks}) "
                                "ORDER BY at DESC LIMIT 1", app_ids).fetchone()
    summary = _summary(org_id, org.name, org.country, apps, people, logged,  # type: ignore[attr-defined]
                       tuple(last) if last else None)
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
