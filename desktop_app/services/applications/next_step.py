"""The facts the follow-up rules need, read for every application at once, and the "next step".

A handful of whole-table queries (applications, stage changes, interviews, logged
contacts), never one query per application: the Applications list and the Today list
both need the facts of thousands of applications in well under a second. Raw SQL
tuples on purpose: building Peewee model objects for 40,000 contacts would cost more
than all the rules together.
"""

from __future__ import annotations

import gc
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

    def interview_moment(self, interview_id: int) -> datetime:
        return datetime.fromisoformat(self.interviews[interview_id][2])


#: Where each tracked purpose's last day goes in the accumulator of :func:`_load`.
_PURPOSE_SLOT = {purpose: 2 + i for i, purpose in enumerate(rules.TRACKED_PURPOSES)}


class _Days(dict):  # type: ignore[type-arg]
    """ISO day text -> date, each distinct day parsed once (a big search has a few hundred)."""

    def __missing__(self, text: str) -> date:
        value = self[text] = date.fromisoformat(text)
        return value


def load_facts(app_ids: Iterable[int] | None = None) -> LoadedFacts:
    """The rules' view of the given applications (all of them when ``app_ids`` is None).

    Moments are turned into the user's local days by SQLite (``date(at, 'localtime')``,
    the same C library conversion Python uses), which is many times faster than
    converting tens of thousands of datetimes in Python.
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
    for interview_id, app_id, day, at in database.execute_sql(
            f"SELECT id, application_id, date(at, 'localtime'), at FROM interview{where}", params):
        where_interviews[interview_id] = (app_id, days[day], at)
        interviews[app_id].append(rules.InterviewFact(interview_id, days[day]))
    # One pass over the raw rows in Python: measured faster than asking SQLite for the
    # same maxima with CASE aggregates (bench/applications.py), and it keeps the
    # summary's meaning next to rules.ContactSummary.of, which it mirrors.
    chaser_purposes = rules.CHASER_PURPOSES
    acc: dict[int, list] = {}  # type: ignore[type-arg]
    for app_id, day, outgoing, purpose, reply, contact_id, at in database.execute_sql(
            "SELECT application_id, date(at, 'localtime'), direction = 'outgoing', purpose, reply_received, "
            f"contact_id, at FROM interaction{where}", params):
        # [last_out, last_answer, feedback_request, last_say, senior_contact, re_approach, chasers, at, contact]
        a = acc.get(app_id)
        if a is None:
            a = acc[app_id] = [None, None, None, None, None, None, [], "", None]
        if outgoing:
            if a[0] is None or day > a[0]:
                a[0] = day
            if purpose in chaser_purposes and not reply:
                a[6].append(day)
            slot = _PURPOSE_SLOT.get(purpose)
            if slot is not None and (a[slot] is None or day > a[slot]):
                a[slot] = day
        if (not outgoing or reply) and (a[1] is None or day > a[1]):
            a[1] = day
        # moments are stored as UTC ISO text, so text order is time order
        if contact_id is not None and at > a[7]:
            a[7], a[8] = at, contact_id
    summaries: dict[int, rules.ContactSummary] = {}
    latest: dict[int, int] = {}
    for app_id, a in acc.items():
        summaries[app_id] = rules.ContactSummary(
            *(days[v] if v else None for v in a[:6]), chasers=tuple(days[v] for v in a[6]))
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


# ---------------------------------------------------------------- the cache
class _Cache:
    """The facts of every application, kept until the database changes.

    ``stamp`` identifies the state of the database they were read from: this
    connection's count of changed rows plus SQLite's ``data_version`` (which moves
    when another connection commits). Any write Afterview did not announce through
    :func:`note_changed` therefore makes the next read start again from scratch.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.loaded: LoadedFacts | None = None
        self.stamp: tuple[object, int, int] | None = None


_cache = _Cache()


def stamp() -> tuple[object, int, int]:
    """Where the database stands, as seen from this thread's connection.

    The connection itself is part of it (held, so never confused with a later one):
    a database opened again, or another thread, never sees facts read elsewhere.
    """
    connection = db.obj.connection()
    (version,) = connection.execute("PRAGMA data_version").fetchone()
    return connection, connection.total_changes, version


def cached_facts() -> LoadedFacts:
    """The facts of every application, read again only when the database has changed."""
    now = stamp()
    with _cache.lock:
        if _cache.loaded is not None and _cache.stamp == now:
            return _cache.loaded
        # every application is read again, so no remembered answer can be reused:
        # let the old facts go before the new ones are made (peak memory)
        _cache.loaded = None
        _memos.clear()
    loaded = load_facts()
    with _cache.lock:
        _cache.loaded, _cache.stamp = loaded, now
    return loaded


def forget() -> None:
    """Drop the cached facts (the next read starts from scratch)."""
    with _cache.lock:
        _cache.loaded, _cache.stamp = None, None
        _memos.clear()


def note_changed(app_id: int, before: tuple[object, int, int]) -> None:
    """A service changed one application (and nothing else) since ``before``: refresh it alone.

    Called after the change is committed. Inside a transaction, or when anything else
    changed too, nothing is done and the next read starts from scratch: the cache
    can be slower, never wrong.
    """
    if db.obj.in_transaction():
        return
    with _cache.lock:
        if _cache.loaded is None or _cache.stamp != before:
            return
        fresh = load_facts([app_id])
        cached = _cache.loaded
        facts = dict(cached.facts)
        facts.pop(app_id, None)
        facts.update(fresh.facts)
        interviews = {k: v for k, v in cached.interviews.items() if v[0] != app_id}
        interviews.update(fresh.interviews)
        last_contact = dict(cached.last_contact)
        last_contact.pop(app_id, None)
        last_contact.update(fresh.last_contact)
        _cache.loaded = LoadedFacts(facts, interviews, last_contact)
        _cache.stamp = stamp()


# answers of the rules per application, kept while its facts (the same object) are unchanged
_memos: dict[tuple[str, date, object], dict[int, tuple[rules.ApplicationFacts, object]]] = {}


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
            memo = _memos[key] = {}
    out: dict[int, T] = {}
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
    return out


def next_interview_days(loaded: LoadedFacts, today: date) -> dict[int, date]:
    """The first interview on or after ``today`` for each application that has one."""
    upcoming: dict[int, date] = {}
    for app_id, day, _at in loaded.interviews.values():
        if day >= today and (app_id not in upcoming or day < upcoming[app_id]):
            upcoming[app_id] = day
    return upcoming


def next_steps(today: date | None = None, settings: AdviceSettings | None = None,
               loaded: LoadedFacts | None = None) -> dict[int, rules.NextStep]:
    """The next step of every application, by id."""
    today = today or clock.today()
    settings = settings or get_settings()
    loaded = loaded or cached_facts()

    def step(facts: rules.ApplicationFacts) -> rules.NextStep:
        coming = [i.on for i in facts.interviews if i.on >= today]
        return rules.next_step(facts, settings, today, min(coming) if coming else None)

    return per_application("next_step", today, settings, loaded, step)
