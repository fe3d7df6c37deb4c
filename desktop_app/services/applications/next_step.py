"""The facts the follow-up rules need, read for every application at once, and the "next step".

A handful of whole-table queries (applications, stage changes, interviews, logged
contacts), never one query per application: the Applications list and the Today list
both need the facts of thousands of applications in well under a second. Raw SQL
tuples on purpose: building Peewee model objects for 40,000 contacts would cost more
than all the rules together.
"""

from __future__ import annotations

import gc
import itertools
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from desktop_app import clock
from desktop_app.rules import follow_up as rules
from desktop_app.services.core.settings import AdviceSettings, get_settings
from desktop_app.store.db import db

T = TypeVar("T")


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
    #: what these facts were made from: the ``serial`` of the facts they updated (0: read from
    #: scratch) and the applications read again then (see :func:`per_application`)
    serial: int = field(default_factory=lambda: next(_serials))
    previous: int = 0
    changed: frozenset[int] = frozenset()

    def interview_moment(self, interview_id: int) -> datetime:
        return datetime.fromisoformat(self.interviews[interview_id][2])


_serials = itertools.count(1)

#: Where each tracked purpose's last moment goes in the accumulator of :func:`_load`.
_PURPOSE_SLOT = {purpose: 2 + i for i, purpose in enumerate(rules.TRACKED_PURPOSES)}


class _Days(dict):  # type: ignore[type-arg]
    """ISO day text -> date, each distinct day parsed once (a big search has a few hundred)."""

    def __missing__(self, text: str) -> date:
        value = self[text] = date.fromisoformat(text)
        return value


def load_facts(app_ids: Iterable[int] | None = None) -> LoadedFacts:
    """The rules' view of the given applications (all of them when ``app_ids`` is None).

    Moments are turned into the user's local day and time by SQLite (``datetime(at,
    'localtime')``, the same C library conversion Python uses), which is many times
    faster than converting tens of thousands of datetimes in Python.
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
    for interview_id, app_id, local, at in database.execute_sql(
            f"SELECT id, application_id, datetime(at, 'localtime'), at FROM interview{where}", params):
        day = days[local[:10]]
        where_interviews[interview_id] = (app_id, day, at)
        interviews[app_id].append(rules.InterviewFact(interview_id, day, local[11:]))
    # One pass over the raw rows in Python, comparing local "YYYY-MM-DD HH:MM:SS" texts
    # (text order is time order); it mirrors rules.ContactSummary.of, whose meaning it keeps.
    chasing, chasers = rules.CHASING_PURPOSES, rules.CHASER_PURPOSES
    acc: dict[int, list] = {}  # type: ignore[type-arg]
    for app_id, local, outgoing, purpose, reply, contact_id, at in database.execute_sql(
            "SELECT application_id, datetime(at, 'localtime'), direction = 'outgoing', purpose, reply_received, "
            f"contact_id, at FROM interaction{where}", params):
        # [last_chase, last_answer, feedback_request, last_say, senior_contact, re_approach, chasers, at, contact]
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
    contacts = tuple(
        rules.ContactFact(date.fromisoformat(local[:10]), bool(outgoing), purpose, bool(reply), local[11:])
        for local, outgoing, purpose, reply in db.obj.execute_sql(
            "SELECT datetime(at, 'localtime'), direction = 'outgoing', purpose, reply_received "
            "FROM interaction WHERE application_id = ?", [app_id]))
    return rules.ApplicationFacts(
        stage=facts.stage, applied_on=facts.applied_on, stage_changes=facts.stage_changes,
        interviews=facts.interviews, contacts=contacts, feedback_on=facts.feedback_on,
        has_feedback=facts.has_feedback)


# ---------------------------------------------------------------- the cache
#: The tables whose rows make up the facts, and the column naming the application.
_WATCHED = (("application", "id"), ("stage_change", "application_id"), ("interview", "application_id"),
            ("interaction", "application_id"))


class _Cache:
    """The facts of every application, kept while they are known to be right.

    It cannot go stale, whoever writes: SQLite itself tells what changed. Triggers in
    this connection's TEMP schema (nothing is added to the data file) note the id of
    every application whose rows this connection inserts, updates or deletes; only those
    are read again (a change to a contact or an organisation, which many applications
    may name, reads everything again). A commit by any other connection moves ``PRAGMA data_version``, and a
    new connection (another data folder, another thread) is a different object: then
    everything is read again. Inside an open transaction nothing is cached (it may yet
    be rolled back).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.loaded: LoadedFacts | None = None
        self.connection: object | None = None
        self.version = -1
        self.changes = -1


_cache = _Cache()


#: Tables whose rows name the people and organisations of many applications: a change to one of
#: them notes application 0, "every application", and everything is read again (rare: an edit).
_WATCHED_FOR_ALL = ("contact", "organisation", "interview_interviewer")
_EVERY_APPLICATION = 0


def _watch(connection: sqlite3.Connection) -> None:
    """Create the TEMP table and triggers that note changed applications on ``connection`` (idempotent)."""
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS afterview_changed_application (id INTEGER)")
    for table in _WATCHED_FOR_ALL:
        for event in ("INSERT", "UPDATE", "DELETE"):
            connection.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS afterview_{table}_{event.lower()} "
                               f"AFTER {event} ON main.{table} BEGIN "
                               f"INSERT INTO afterview_changed_application VALUES ({_EVERY_APPLICATION}); END")
    for table, column in _WATCHED:
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            values = " ".join(f"INSERT INTO afterview_changed_application VALUES ({r}.{column});" for r in rows)
            connection.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS afterview_{table}_{event.lower()} "
                               f"AFTER {event} ON main.{table} BEGIN {values} END")


def _changed_since_last_read(connection: sqlite3.Connection) -> list[int]:
    ids = [i for (i,) in connection.execute("SELECT DISTINCT id FROM afterview_changed_application")]
    connection.execute("DELETE FROM afterview_changed_application")
    return ids


def cached_facts() -> LoadedFacts:
    """The facts of every application; only the applications changed since the last call are read again."""
    connection = db.obj.connection()
    if connection.in_transaction or db.obj.in_transaction():
        return load_facts()
    (version,) = connection.execute("PRAGMA data_version").fetchone()
    with _cache.lock:
        same = _cache.loaded is not None and _cache.connection is connection and _cache.version == version
        if same and connection.total_changes == _cache.changes:
            assert _cache.loaded is not None
            return _cache.loaded
        ids = _changed_since_last_read(connection) if same else []
        if same and _EVERY_APPLICATION not in ids:
            if ids:
                _cache.loaded = merged = _merged(_cache.loaded, ids)  # type: ignore[arg-type]
                _history[merged.serial] = (merged.previous, merged.changed)
                while len(_history) > _HISTORY_KEPT:
                    del _history[next(iter(_history))]
        else:
            # every application is read again, so no remembered answer can be reused:
            # let the old facts go before the new ones are made (peak memory)
            _cache.loaded = None
            _memos.clear()
            _last_answers.clear()
            try:
                _watch(connection)
                _changed_since_last_read(connection)
            except sqlite3.DatabaseError:
                # a connection that may not write even its TEMP schema (query_only): nothing
                # can tell what changed, so nothing is kept
                _cache.connection = None
                return load_facts()
            _cache.loaded = load_facts()
            _cache.connection, _cache.version = connection, version
        _cache.changes = connection.total_changes
        return _cache.loaded


#: serial of merged facts -> (serial of the facts they updated, the applications read again); the last few
_history: dict[int, tuple[int, frozenset[int]]] = {}
_HISTORY_KEPT = 64


def changed_since(serial: int) -> tuple[LoadedFacts, set[int] | None]:
    """The facts of every application now, and the applications read again since the facts
    numbered ``serial`` (``LoadedFacts.serial``); None when that is not known (they were read
    from scratch since, or it is too long ago): then anything may have changed.

    Only numbers are kept, no facts: a list that remembers where it stands holds no memory.
    """
    loaded = cached_facts()
    ids: set[int] = set()
    at = loaded.serial
    while at != serial:
        step = _history.get(at)
        if step is None:
            return loaded, None
        at = step[0]
        ids.update(step[1])
    return loaded, ids


def _merged(cached: LoadedFacts, app_ids: list[int]) -> LoadedFacts:
    """``cached`` with the facts of ``app_ids`` read again (gone where the application was deleted)."""
    fresh = load_facts(app_ids)
    changed = set(app_ids)
    facts = dict(cached.facts)
    for app_id in changed:
        facts.pop(app_id, None)
    facts.update(fresh.facts)
    interviews = {k: v for k, v in cached.interviews.items() if v[0] not in changed}
    interviews.update(fresh.interviews)
    last_contact = dict(cached.last_contact)
    for app_id in changed:
        last_contact.pop(app_id, None)
    last_contact.update(fresh.last_contact)
    return LoadedFacts(facts, interviews, last_contact, previous=cached.serial, changed=frozenset(changed))


def forget() -> None:
    """Drop the cached facts (the next read starts from scratch)."""
    with _cache.lock:
        _cache.loaded, _cache.connection = None, None
        _memos.clear()
        _last_answers.clear()


# answers of the rules per application, kept while its facts (the same object) are unchanged
_memos: dict[tuple[str, date, object], dict[int, tuple[rules.ApplicationFacts, object]]] = {}
# per memo key: the serial of the facts last answered for, and those answers (see per_application)
_last_answers: dict[tuple[str, date, object], tuple[int, dict[int, object]]] = {}


def per_application(kind: str, today: date, settings: object, loaded: LoadedFacts,
                    compute: Callable[[rules.ApplicationFacts], T]) -> dict[int, T]:
    """``compute(facts)`` for every application, reusing the answer of any whose facts are unchanged.

    After one application changes, only its answer is worked out again; a new day or
    new settings start afresh (they change every answer).
    """
    key = (kind, today, settings)
    with _cache.lock:
        memo = _memos.get(key)
        if memo is None:
            for old in [k for k in _memos if k[0] == kind]:
                del _memos[old]
                _last_answers.pop(old, None)
            memo = _memos[key] = {}
        last = _last_answers.get(key)
    if last is not None and last[0] in (loaded.serial, loaded.previous):
        # the same facts, or these facts updated a few applications of them: copy the answers
        # (in C) and work out only the changed ones, not a pass over every application
        out = dict(last[1])
        if last[0] != loaded.serial:
            for app_id in loaded.changed:
                facts = loaded.facts.get(app_id)
                if facts is None:
                    out.pop(app_id, None)
                    memo.pop(app_id, None)
                else:
                    value = compute(facts)
                    memo[app_id] = (facts, value)
                    out[app_id] = value
            _last_answers[key] = (loaded.serial, out)
        return dict(out)  # type: ignore[arg-type]
    out = {}
    with gc_paused():
        for app_id, facts in loaded.facts.items():
            hit = memo.get(app_id)
            if hit is not None and hit[0] is facts:
                out[app_id] = hit[1]  # type: ignore[assignment]
            else:
                value = compute(facts)
                memo[app_id] = (facts, value)
                out[app_id] = value
        for gone in memo.keys() - loaded.facts.keys():
            del memo[gone]
    _last_answers[key] = (loaded.serial, out)
    return dict(out)


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


def next_steps(today: date | None = None, settings: AdviceSettings | None = None,
               loaded: LoadedFacts | None = None, only: Iterable[int] | None = None) -> dict[int, rules.NextStep]:
    """The next step of every application (or of those in ``only`` that exist), by id."""
    today = today or clock.today()
    settings = settings or get_settings()
    loaded = loaded or cached_facts()

    def step(facts: rules.ApplicationFacts) -> rules.NextStep:
        if facts.stage in CLOSED_STAGES:
            # date.min: "no interview ahead" to the rule, which otherwise finds the booked one
            return rules.next_step(facts, settings, today, date.min)
        coming = [i.on for i in facts.interviews if i.on >= today]
        return rules.next_step(facts, settings, today, min(coming) if coming else None)

    if only is not None:  # a few applications (one row of a list changed): no pass over all of them
        return {i: step(loaded.facts[i]) for i in only if i in loaded.facts}
    return per_application("next_step", today, settings, loaded, step)
