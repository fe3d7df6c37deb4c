"""The follow-up rules' answers for every application, kept in the database so they cannot go stale.

Working out the Today list and the next steps from scratch reads every logged contact,
interview and stage change and runs the rules over every application: about a second
for a heavy user (10,000 applications, bench/applications.py). So each application's
answers — its next step, its Today items (due and coming up) and its booked interviews
of the next two weeks — are kept in the ``application_summary`` table (schema version 3,
issue 12). It is a cache: never in the data file, and a table emptied or lost only costs
the time to work everything out again.

Why a kept answer is never wrong:

* **Any write marks it stale, in the same transaction.** Triggers in the database
  (``store.migrations.summary_triggers``) replace an application's summary with a stale
  mark (an empty ``basis``) when one of its rows changes — the application, a stage
  change, an interview or its panel, a logged contact — and write the mark "everything is
  stale" (application id 0) when a contact or an organisation changes (their names appear
  in many applications' items). Whoever writes — this window, the CLI in another process,
  a restore, raw SQL — the triggers fire: nothing has to remember to announce a change.
* **What is not in the database is in the ``basis``**: the day it was worked out for, the
  advice settings, the time zone and the code (:func:`basis`). A summary of another basis
  is worked out again: a summary is valid until the end of its day.
* **Missing or stale summaries are worked out and stored in one transaction** with the
  reading of what they are made from; if another program wrote in between, SQLite refuses
  the write (a WAL read snapshot is not upgraded once stale) and nothing is stored. Only
  summaries stored after the last "everything" mark (a higher row id) are read.

Row ids are AUTOINCREMENT: never reused, so every mark and every stored summary has an id
higher than all before it. This process keeps the answers it read and the highest id it
saw: when SQLite's ``data_version`` (another connection committed) and this connection's
``total_changes`` have not moved, nothing is read at all; else only the rows with a higher
id are — one index range, however big the table.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import json
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter
from pathlib import Path

from desktop_app.rules import follow_up as rules
from desktop_app.services.applications import next_step
from desktop_app.services.core.settings import AdviceSettings
from desktop_app.services.today import follow_ups
from desktop_app.services.today.item import COMING_UP_DAYS, DueItem, InOrder
from desktop_app.store.db import db

#: Raise when what a summary holds, or how it is read, changes (part of every basis).
FORMAT = 2

#: the source files whose code decides a summary: an edited rule makes every summary stale
_CODE_FILES = (rules.__file__, follow_ups.__file__, next_step.__file__, __file__,
               follow_ups.people_of.__code__.co_filename)


def _code_fingerprint() -> str:
    from desktop_app import __version__

    digest = hashlib.sha256(f"{FORMAT} {__version__}".encode())
    for name in _CODE_FILES:
        try:
            digest.update(Path(name).read_bytes())
        except OSError:  # a bundle without sources: its version is in the name of the bundle's files
            digest.update(str(name).encode())
    return digest.hexdigest()[:16]


_CODE = _code_fingerprint()


def basis(today: date, settings: AdviceSettings) -> str:
    """What a summary depends on besides the database: the day, the settings, the time zone
    (local days of stored UTC moments) and the code, as one short text: the day, and a hash
    of the rest (SHA-256, 96 bits)."""
    zone = (time.tzname, time.timezone, time.altzone, time.daylight)
    return _basis(today, settings, zone)


@functools.lru_cache(maxsize=8)
def _basis(today: date, settings: AdviceSettings, zone: tuple[object, ...]) -> str:
    """:func:`basis` of these values, hashed once (it is asked three times on every refresh)."""
    # hashed: it is stored in every row and compared on every read
    what = f"{settings!r}|{zone!r}|{_CODE}".encode()
    return f"{today.isoformat()} {hashlib.sha256(what).hexdigest()[:24]}"


@dataclass(frozen=True)
class Summary:
    """Every application's answers on one basis: ``next_steps`` by id, and ``items`` by id
    (each application's Today items in the order it makes them; interviews last).

    ``serial`` numbers this state of the answers (see :func:`changed_since`)."""

    next_steps: dict[int, rules.NextStep]
    items: dict[int, tuple[DueItem, ...]]
    serial: int = field(default_factory=lambda: next(_serials))
    #: the two lists below once made (or carried over from the answers these updated)
    lists: dict[str, list[DueItem]] = field(default_factory=dict, compare=False, repr=False)

    def follow_up_items(self) -> InOrder:
        """The items of ``follow_ups.KINDS`` in Today's order (then by application id). Do not change it."""
        found = self.lists.get("follow")
        if found is None:
            items = self.items
            found = self.lists["follow"] = InOrder(sorted(  # (a stable sort: ties stay in application order)
                (i for app_id in sorted(items) for i in items[app_id] if i.kind != "interview"), key=_ORDER))
        return found

    def interview_items(self) -> list[DueItem]:
        """The booked interviews of the coming two weeks, in the order they were booked (interview id).
        Do not change it."""
        found = self.lists.get("interview")
        if found is None:
            found = self.lists["interview"] = sorted(
                (i for made in self.items.values() for i in made if i.kind == "interview"), key=_interview_order)
        return found

    def updated_lists(self, previous: "Summary", changed: set[int]) -> None:
        """Make this summary's lists from ``previous``'s, where only the applications ``changed``
        differ: a pass that drops theirs, and theirs put in place (not a sort of thousands)."""
        for name, order, wanted in (("follow", _ORDER, lambda i: i.kind != "interview"),
                                    ("interview", _interview_order, lambda i: i.kind == "interview")):
            before = previous.lists.get(name)
            if before is None:
                continue
            now = type(before)(before)  # a copy in C; then each changed application's old items found by bisection
            try:
                for app_id in changed:
                    for item in previous.items.get(app_id, ()):
                        if wanted(item):
                            at = bisect.bisect_left(now, order(item), key=order)
                            while now[at] is not item:
                                at += 1
                            del now[at]
            except IndexError:  # not where it should be (never, short of a bug): the slow, sure way
                now = type(before)(i for i in before if i.application_id not in changed)
            for app_id in sorted(changed):
                for item in self.items.get(app_id, ()):
                    if wanted(item):
                        _put(now, item, order)
            self.lists[name] = now


_ORDER = attrgetter("order")


def _put(ranked: list[DueItem], item: DueItem, order: Callable[[DueItem], object]) -> None:
    """Insert ``item`` where :meth:`Summary.follow_up_items` would have it: by ``order``, and
    among equal ones after those of the same or a lower application id."""
    key = order(item)
    at, end = bisect.bisect_left(ranked, key, key=order), bisect.bisect_right(ranked, key, key=order)
    while at < end and (ranked[at].application_id or 0) <= (item.application_id or 0):
        at += 1
    ranked.insert(at, item)


def _interview_order(item: DueItem) -> int:
    return int(item.key.rsplit(":", 1)[1])


_serials = itertools.count(1)


class _Memory:
    """The summaries this process last read, on one connection and basis."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.clear()

    def clear(self) -> None:
        self.connection: object | None = None
        self.basis = ""
        self.version = -1
        self.changes = -1
        #: the highest row id seen, and the id of the "everything is stale" mark then
        self.seen = -1
        self.everything = -1
        self.summary: Summary | None = None


_memory = _Memory()
#: serial of a Summary -> (the serial it updated, the applications changed then); the last few
_history: dict[int, tuple[int, frozenset[int]]] = {}
_HISTORY_KEPT = 64
#: Above this many ids, read the whole table rather than name them in an IN list.
_FEW = 500


def forget() -> None:
    """Drop what this process holds (the next call reads the stored summaries again)."""
    with _memory.lock:
        _memory.clear()
        _history.clear()


def current(today: date, settings: AdviceSettings) -> Summary:
    """Every application's answers on ``today`` with ``settings``; only what changed is worked out.

    Inside an open transaction the stored summaries are read but nothing is stored or
    kept (the transaction may yet be rolled back). On a connection that may not write
    (``query_only``) the missing ones are worked out on every call.
    """
    key = basis(today, settings)
    connection = db.obj.connection()
    outer = connection.in_transaction or db.obj.in_transaction()
    with _memory.lock:
        if outer:
            return _refresh(connection, key, today, settings, None, store=False)[0]
        mine = _memory.connection is connection and _memory.basis == key and _memory.summary is not None
        (version,) = connection.execute("PRAGMA data_version").fetchone()
        if mine and _memory.version == version and _memory.changes == connection.total_changes:
            assert _memory.summary is not None
            return _memory.summary
        held = (_memory.summary, _memory.seen, _memory.everything) if mine else None
        _memory.clear()  # let the old answers go first when everything is read again (peak memory)
        if held is None:
            _history.clear()
        summary, seen, everything = _refresh(connection, key, today, settings, held, store=True)
        if seen >= 0:
            _memory.connection, _memory.basis, _memory.summary = connection, key, summary
            _memory.seen, _memory.everything = seen, everything
            (_memory.version,) = connection.execute("PRAGMA data_version").fetchone()
            _memory.changes = connection.total_changes
        return summary


def changed_since(serial: int, today: date, settings: AdviceSettings) -> tuple[int, set[int] | None]:
    """The serial of the answers now, and the applications whose answers changed since the
    answers numbered ``serial``; None when that is not known (read from scratch since, another
    day or settings, or too long ago): then anything may have changed."""
    summary = current(today, settings)
    ids: set[int] = set()
    at = summary.serial
    while at != serial:
        step = _history.get(at)
        if step is None:
            return summary.serial, None
        at = step[0]
        ids.update(step[1])
    return summary.serial, ids


def _refresh(connection: sqlite3.Connection, key: str, today: date, settings: AdviceSettings,
             held: tuple[Summary | None, int, int] | None, *, store: bool) -> tuple[Summary, int, int]:
    """The answers on basis ``key``, in one transaction: read what is stored, work out what is
    stale or missing and (``store``) store it.

    ``held``: the answers this process holds, the highest row id seen then and the id of
    the "everything is stale" mark (application id 0) then; only rows with a higher id can
    differ. Returns the answers, the highest row id now and the mark's id; -1 for the row
    id when nothing was stored (nothing may be kept: the next call must look again).
    """
    began = False
    if store:
        connection.execute("BEGIN")
        began = True
    try:
        with next_step.gc_paused():
            everything = _everything_mark(connection)
            previous = held[0] if held is not None and held[2] == everything else None
            if previous is not None:
                assert held is not None
                # only rows written since: stale marks, or answers another program stored
                newer = connection.execute(
                    "SELECT application_id, basis FROM application_summary WHERE id > ?", (held[1],)).fetchall()
                ready = [app_id for app_id, made_for in newer if made_for == key]
                stale = sorted({app_id for app_id, made_for in newer if made_for != key and app_id != 0})
                steps, items = dict(previous.next_steps), dict(previous.items)
                read = _read(connection, key, everything, ready)
            else:
                read = _read(connection, key, everything, None)
                apps = [i for (i,) in connection.execute("SELECT id FROM application")]
                known = {app_id for app_id, _step, _made in read}
                stale = [i for i in apps if i not in known]
                steps, items = {}, {}
                ready = []
            for app_id, step, made in read:
                steps[app_id], items[app_id] = step, made
            worked_out = _work_out(stale, today, settings)
            gone = set(stale) - worked_out.keys()  # deleted applications: their marks stay
            for app_id in gone:
                steps.pop(app_id, None)
                items.pop(app_id, None)
            for app_id, (step, made) in worked_out.items():
                steps[app_id], items[app_id] = step, made
            seen = -1
            if store:
                try:
                    _write(connection, key, worked_out)
                    (seen,) = connection.execute("SELECT coalesce(max(id), 0) FROM application_summary").fetchone()
                    connection.execute("COMMIT")
                    began = False
                except sqlite3.OperationalError:
                    # another program wrote since this transaction read (or this connection may
                    # not write): the answers are right for what was read, but cannot be kept
                    seen = -1
    finally:
        if began:
            connection.execute("ROLLBACK")
    summary = Summary(steps, items)
    changed = frozenset(ready) | frozenset(stale)
    if previous is not None and len(changed) <= _FEW:
        summary.updated_lists(previous, set(changed))
    # when (nearly) everything was read again, "which changed" is not worth naming: callers
    # read every row again (changed_since says None)
    if previous is not None and seen >= 0 and len(changed) <= _FEW:
        _history[summary.serial] = (previous.serial, changed)
        while len(_history) > _HISTORY_KEPT:
            del _history[next(iter(_history))]
    return summary, seen, everything


def _everything_mark(connection: sqlite3.Connection) -> int:
    """The row id of the mark "every summary is stale" (application id 0), 0 when there is none:
    only answers stored after it (a higher id) are valid."""
    found = connection.execute("SELECT id FROM application_summary WHERE application_id = 0").fetchone()
    return found[0] if found else 0


#: NextStep values shared between applications (a few hundred distinct ones for ten thousand)
_STEPS: dict[tuple[str, str | None], rules.NextStep] = {}
_DAYS: dict[str, date] = {}


def _day(text: str) -> date:
    day = _DAYS.get(text)
    if day is None:
        day = _DAYS[text] = date.fromisoformat(text)
    return day


def _read(connection: sqlite3.Connection, key: str, everything: int,
          app_ids: list[int] | None) -> list[tuple[int, rules.NextStep, tuple[DueItem, ...]]]:
    """The valid stored answers (basis ``key``, stored after the mark ``everything``) of
    ``app_ids``, or of every application when None."""
    if app_ids is not None and not app_ids:
        return []
    query = ("SELECT application_id, next_kind, next_on, items FROM application_summary "
             "WHERE basis = ? AND id > ? AND application_id <> 0")
    wanted: set[int] | None = None
    if app_ids is None:
        cursor = connection.execute(query, (key, everything))
    elif len(app_ids) > _FEW:
        wanted = set(app_ids)
        cursor = connection.execute(query, (key, everything))
    else:
        cursor = connection.execute(f"{query} AND application_id IN ({','.join('?' * len(app_ids))})",
                                    (key, everything, *app_ids))
    out = []
    kept = DueItem.kept
    for app_id, kind, on, text in cursor:
        if wanted is not None and app_id not in wanted:
            continue
        step = _STEPS.get((kind, on))
        if step is None:
            step = _STEPS[(kind, on)] = rules.NextStep(kind, _day(on) if on else None)
        made = tuple(kept(k, d, s, t, i, app_id, _DAYS) for k, d, s, t, i in _decode(text)) if text else ()
        out.append((app_id, step, made))
    return out


#: Applications worked out at a time: the facts of a few thousand are let go before the next
#: are read, so a new day (every answer worked out) does not hold the facts of all at once (peak memory).
_CHUNK = 2000


def _work_out(app_ids: list[int], today: date,
              settings: AdviceSettings) -> dict[int, tuple[rules.NextStep, tuple[DueItem, ...]]]:
    """The answers of ``app_ids`` worked out by the rules from the stored records (the deleted
    ones left out), :data:`_CHUNK` applications at a time."""
    ids = sorted(set(app_ids))
    out: dict[int, tuple[rules.NextStep, tuple[DueItem, ...]]] = {}
    for start in range(0, len(ids), _CHUNK):
        out.update(_work_out_some(ids[start:start + _CHUNK], today, settings))
    return out


def _work_out_some(app_ids: list[int], today: date,
                   settings: AdviceSettings) -> dict[int, tuple[rules.NextStep, tuple[DueItem, ...]]]:
    loaded = next_step.load_facts(app_ids)
    wanted = set(app_ids)
    horizon = today + timedelta(days=COMING_UP_DAYS)
    near: dict[int, list[rules.Suggestion]] = {}
    steps: dict[int, rules.NextStep] = {}
    for app_id, facts in loaded.facts.items():
        if app_id not in wanted:
            continue
        steps[app_id] = next_step.step_of(facts, settings, today)
        near[app_id] = [s for s in rules.suggestions(facts, settings, today) if s.due_on <= horizon]
    made = follow_ups.make_items([i for i in steps if near[i]], near, loaded, settings, today)
    booked = follow_ups.booked_interview_items(loaded, today)
    out = {}
    for app_id, step in steps.items():
        out[app_id] = (step, tuple(made.get(app_id, ())) + tuple(booked.get(app_id, ())))
    return out


def _write(connection: sqlite3.Connection, key: str,
           answers: dict[int, tuple[rules.NextStep, tuple[DueItem, ...]]]) -> None:
    if not answers:
        return
    connection.executemany(
        "INSERT OR REPLACE INTO application_summary (application_id, basis, next_kind, next_on, items) "
        "VALUES (?, ?, ?, ?, ?)",
        [(app_id, key, step.kind, step.on.isoformat() if step.on else None,
          _encode(made)) for app_id, (step, made) in answers.items()])


#: Separators of the kept items: ASCII unit and record separators (what they were made for).
_FIELD, _ITEM = "\x1f", "\x1e"


def _encode(items: tuple[DueItem, ...]) -> str:
    """Items as text: fields split by :data:`_FIELD`, items by :data:`_ITEM` (splitting is many
    times quicker than JSON); JSON (it starts with "[", which no kind does) when a name holds
    a separator. No items: the empty text."""
    parts = [(i.kind, i.due_on.isoformat(), i.subject, i.text, i.key) for i in items]
    if any(_FIELD in f or _ITEM in f for p in parts for f in p):
        return json.dumps(parts, ensure_ascii=False)
    return _ITEM.join(_FIELD.join(p) for p in parts)


def _decode(text: str) -> list[list[str]]:
    """The fields of each item of :func:`_encode`'s ``text`` (not empty)."""
    if text[0] == "[":
        return json.loads(text)  # type: ignore[no-any-return]
    return [item.split(_FIELD) for item in text.split(_ITEM)]


def follow_up_items(today: date, settings: AdviceSettings) -> list[DueItem]:
    """A provider of ``today.due.PROVIDERS``: the feedback requests, follow-ups, last says,
    senior contacts and re-approaches due by ``today`` or within ``COMING_UP_DAYS`` (rules 5–9)."""
    return current(today, settings).follow_up_items()


def interview_items(today: date, settings: AdviceSettings) -> list[DueItem]:
    """A provider of ``today.due.PROVIDERS``: the interviews booked in the next ``COMING_UP_DAYS``
    days (``follow_ups.booked_interview_items``)."""
    return current(today, settings).interview_items()
