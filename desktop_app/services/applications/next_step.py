"""The facts the follow-up rules need, read for every application at once, and the "next step".

A handful of whole-table queries (applications, stage changes, interviews, logged
contacts), never one query per application: the Applications list and the Today list
both need the facts of thousands of applications in well under a second. Raw SQL
tuples on purpose: building Peewee model objects for 40,000 contacts would cost more
than all the rules together. Nothing is cached here: every call reads the records as they
are; the lists keep the rules' answers in the database (``services.today.summary``).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from desktop_app import clock
from desktop_app.rules import follow_up as rules
from desktop_app.services.core.settings import AdviceSettings, get_settings
from desktop_app.store.db import db

def local_day(moment: str | datetime) -> date:
    """The calendar day of a stored moment in the user's own time zone."""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return value.astimezone().date()


def _where_ids(column: str, app_ids: list[int] | None) -> tuple[str, list[int]]:
    if app_ids is None:
        return "", []
    marks = ",".join("?" * len(app_ids))
    return f" WHERE {column} IN ({marks})", list(app_ids)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while tens of thousands of small tuples are made.

    They hold no reference cycles, but their sheer number makes the collector run
    again and again over the whole heap: measured, it doubles the time of the Today
    list on a heavy user's data (bench/applications.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class LoadedFacts:
    """The rules' facts per application id, plus where and when each interview is."""

    facts: dict[int, rules.ApplicationFacts]
    #: interview id -> (application id, local day, stored moment as ISO text)
    interviews: dict[int, tuple[int, date, str]]
    #: application id -> the contact last written to or heard from
    last_contact: dict[int, int] = field(default_factory=dict)

    def interview_moment(self, interview_id: int) -> datetime:
        return datetime.fromisoformat(self.interviews[interview_id][2])


#: Where each tracked purpose's last moment goes in the accumulator of :func:`_load`.
_PURPOSE_SLOT = {purpose: 2 + i for i, purpose in enumerate(rules.TRACKED_PURPOSES)}


class _Days(dict):  # type: ignore[type-arg]
    """ISO day text -> date, each distinct day parsed once (a big search has a few hundred)."""

    def __missing__(self, text: str) -> date:
        value = self[text] = date.fromisoformat(text)
        return value


class _Locals(dict):  # type: ignore[type-arg]
    """Stored moment (UTC ISO text) -> its local ``"YYYY-MM-DD HH:MM:SS"``, each distinct moment
    converted once: logged contacts cluster on a few thousand moments, and a look-up here is
    cheaper than SQLite's ``datetime(at, 'localtime')`` on every row."""

    def __missing__(self, text: str) -> str:
        value = self[text] = datetime.fromisoformat(text).astimezone().isoformat(" ", "seconds")[:19]
        return value


def load_facts(app_ids: Iterable[int] | None = None) -> LoadedFacts:
    """The rules' view of the given applications (all of them when ``app_ids`` is None).

    Moments are turned into the user's local day and time by Python's ``astimezone`` (the
    C library's conversion), once per distinct moment (:class:`_Locals`).
    """
    ids = None if app_ids is None else sorted(set(app_ids))
    if ids is not None and not ids:
        return LoadedFacts({}, {})
    with gc_paused():
        return _load(ids)


def _load(ids: list[int] | None) -> LoadedFacts:
    database = db.obj
    days = _Days()
    where, params = _where_ids("id", ids)
    apps = database.execute_sql(
        f"SELECT id, stage, applied_on, feedback, feedback_on FROM application{where}", params).fetchall()
    where, params = _where_ids("application_id", ids)
    changes: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for app_id, stage, on in database.execute_sql(
            f'SELECT application_id, stage, "on" FROM stage_change{where}', params):
        changes[app_id].append((stage, days[on]))
    interviews: dict[int, list[rules.InterviewFact]] = defaultdict(list)
    where_interviews: dict[int, tuple[int, date, str]] = {}
    locals_ = _Locals()
    for interview_id, app_id, at in database.execute_sql(
            f"SELECT id, application_id, at FROM interview{where}", params):
        local = locals_[at]
        day = days[local[:10]]
        where_interviews[interview_id] = (app_id, day, at)
        interviews[app_id].append(rules.InterviewFact(interview_id, day, local[11:]))
    # One pass over the raw rows in Python, comparing local "YYYY-MM-DD HH:MM:SS" texts
    # (text order is time order); it mirrors rules.ContactSummary.of, whose meaning it keeps.
    chasing, chasers = rules.CHASING_PURPOSES, rules.CHASER_PURPOSES
    acc: dict[int, list] = {}  # type: ignore[type-arg]
    for app_id, outgoing, purpose, reply, contact_id, at in database.execute_sql(
            "SELECT application_id, direction = 'outgoing', purpose, reply_received, "
            f"contact_id, at FROM interaction{where}", params):
        # [last_chase, last_answer, feedback_request, last_say, senior_contact, re_approach, chasers, at, contact]
        local = locals_[at]
        a = acc.get(app_id)
        if a is None:
            a = acc[app_id] = ["", "", "", "", "", "", [], "", None]
        if outgoing:
            if purpose in chasing:
                if local > a[0]:
                    a[0] = local
                if purpose in chasers and not reply:
                    a[6].append(local)
            slot = _PURPOSE_SLOT.get(purpose)
            if slot is not None and local > a[slot]:
                a[slot] = local
        if (not outgoing or reply) and local > a[1]:
            a[1] = local
        # moments are stored as UTC ISO text, so text order is time order
        if contact_id is not None and at > a[7]:
            a[7], a[8] = at, contact_id
    summaries: dict[int, rules.ContactSummary] = {}
    latest: dict[int, int] = {}
    for app_id, a in acc.items():
        summaries[app_id] = rules.ContactSummary(
            *((days[v[:10]], v[11:]) if v else None for v in a[:6]),
            chasers=tuple((days[v[:10]], v[11:]) for v in a[6]))
        if a[8] is not None:
            latest[app_id] = a[8]
    empty = rules.ContactSummary()
    facts = {}
    for app_id, stage, applied_on, feedback, feedback_on in apps:
        facts[app_id] = rules.ApplicationFacts.summarised(
            summaries.get(app_id, empty),
            stage=stage, applied_on=days[str(applied_on)], stage_changes=tuple(changes.get(app_id, ())),
            interviews=tuple(interviews.get(app_id, ())),
            feedback_on=days[str(feedback_on)] if feedback_on else None,
            has_feedback=bool(feedback and feedback.strip()))
    return LoadedFacts(facts, where_interviews, latest)


def facts_of(app_id: int) -> rules.ApplicationFacts | None:
    """One application's facts with every logged contact (not only their summary), or None when
    it does not exist: what :func:`rules.too_soon` needs to look at the moment of a new contact."""
    loaded = load_facts([app_id])
    facts = loaded.facts.get(app_id)
    if facts is None:
        return None
    locals_ = _Locals()
    contacts = tuple(
        rules.ContactFact(date.fromisoformat(local[:10]), bool(outgoing), purpose, bool(reply), local[11:])
        for local, outgoing, purpose, reply in ((locals_[at], outgoing, purpose, reply)
                                                for at, outgoing, purpose, reply in db.obj.execute_sql(
            "SELECT at, direction = 'outgoing', purpose, reply_received "
            "FROM interaction WHERE application_id = ?", [app_id])))
    return rules.ApplicationFacts(
        stage=facts.stage, applied_on=facts.applied_on, stage_changes=facts.stage_changes,
        interviews=facts.interviews, contacts=contacts, feedback_on=facts.feedback_on,
        has_feedback=facts.has_feedback)


def next_interview_days(loaded: LoadedFacts, today: date) -> dict[int, date]:
    """The first interview on or after ``today`` for each application that has one."""
    upcoming: dict[int, date] = {}
    for app_id, day, _at in loaded.interviews.values():
        if day >= today and (app_id not in upcoming or day < upcoming[app_id]):
            upcoming[app_id] = day
    return upcoming


#: Stages in which an application is closed: no interview of it is still to come, whatever
#: is booked (a rejection or withdrawal cancels it; an accepted offer ends the search).
CLOSED_STAGES = rules.FINISHED_STAGES | {"rejected"}


def step_of(facts: rules.ApplicationFacts, settings: AdviceSettings, today: date) -> rules.NextStep:
    """The next step of one application on ``today`` (a closed stage has no interview ahead)."""
    if facts.stage in CLOSED_STAGES:
        # date.min: "no interview ahead" to the rule, which otherwise finds the booked one
        return rules.next_step(facts, settings, today, date.min)
    coming = [i.on for i in facts.interviews if i.on >= today]
    return rules.next_step(facts, settings, today, min(coming) if coming else None)


def next_steps(today: date | None = None, settings: AdviceSettings | None = None,
               loaded: LoadedFacts | None = None, only: Iterable[int] | None = None) -> dict[int, rules.NextStep]:
    """The next step of every application (or of those in ``only`` that exist), by id, worked
    out from the records now (``loaded``: facts already read). The lists use the kept answers
    of ``services.today.summary`` instead: this reads everything."""
    today = today or clock.today()
    settings = settings or get_settings()
    ids = None if only is None else list(only)
    loaded = loaded or load_facts(ids)
    if ids is not None:  # a few applications (one row of a list changed): no pass over all of them
        return {i: step_of(loaded.facts[i], settings, today) for i in ids if i in loaded.facts}
    return {app_id: step_of(facts, settings, today) for app_id, facts in loaded.facts.items()}
