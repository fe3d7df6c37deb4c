"""Reads kept in memory until a table they come from changes: fast, and never stale.

The Today list and its neighbours read the same small things after every change (the
advice's settings, what was dismissed or snoozed, the referees' and the vault's items):
a few milliseconds of query building each time, repeated for a contact logged that
touched none of them (issue 12: "log a contact, both tabs refresh" ≤ 50 ms CPU).

:func:`kept` wraps such a read. Its answer is reused only while nothing it depends on can
have changed:

* **Another connection** (the CLI in another process, another thread) committed: SQLite's
  ``PRAGMA data_version`` on our connection moves (SQLite docs, "PRAGMA data_version").
* **Our own connection** wrote to one of the read's tables: a ``TEMP`` trigger per table
  and kind of write (created on first use, in our connection only: nothing is added to the
  data file's schema) calls back into Python and counts the write. A write that is rolled
  back still counts: the answer is only read again.
* **Inside an open transaction** nothing is kept or reused (it may yet be rolled back).
* A new connection (the database closed and opened again, a restore) or a change of the
  tables (``PRAGMA schema_version``: a migration) starts afresh; a connection the triggers
  cannot be set up on keeps nothing (every call then reads the database).

The arguments are part of the key (they must be hashable: a day, ``AdviceSettings``). The
answer is shared between callers: treat it as read-only (lists are copied on the way out).
"""

from __future__ import annotations

import functools
import itertools
import sqlite3
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from desktop_app.store.db import db

T = TypeVar("T")

_FUNCTION = "afterview_kept_changed"
#: table name -> how many writes our connection made to it (moved by the TEMP triggers)
_writes: dict[str, int] = {}
_lock = threading.RLock()
#: each kept read's answers are dropped when the connection they were read on changes
_generation = itertools.count(1)


class _State:
    connection: sqlite3.Connection | None = None
    serial = 0  # which connection (a new one: every answer is read again)
    tables: set[str] = set()  # tables with their triggers on ``connection``
    schema = -1  # ``PRAGMA schema_version`` when they were made


_state = _State()


def _count_write(table: str) -> None:
    _writes[table] = _writes.get(table, 0) + 1


def _watch(connection: sqlite3.Connection, tables: tuple[str, ...]) -> bool:
    """Make sure our writes to ``tables`` are counted on ``connection``; False when that cannot be."""
    (schema,) = connection.execute("PRAGMA main.schema_version").fetchone()
    if _state.connection is not connection or _state.schema != schema:
        # another connection, or the tables were changed (a table rebuilt by a migration loses
        # its triggers): every trigger made again, every answer read again
        _state.connection, _state.serial, _state.tables = connection, next(_generation), set()
        _state.schema = schema
    missing = [t for t in tables if t not in _state.tables]
    if not missing:
        return True
    try:
        connection.create_function(_FUNCTION, 1, _count_write)
        for table in missing:
            for op in ("INSERT", "UPDATE", "DELETE"):
                connection.execute(
                    f'CREATE TEMP TRIGGER IF NOT EXISTS "afterview_kept_{table}_{op.lower()}" '
                    f'AFTER {op} ON main."{table}" BEGIN SELECT {_FUNCTION}(\'{table}\'); END')
            _state.tables.add(table)
    except sqlite3.Error:
        return False
    return True


def kept(*models: Any) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorate a read of the store that depends only on the tables of ``models`` (Peewee model
    classes) and on its (hashable) arguments: its answer is reused until one of those tables
    is written, by this or any other connection (see the module docstring).

    The wrapped function gets ``forget()`` (drop every kept answer, e.g. in a test that
    changes the clock or the code under it). Raises what the read raises (nothing is kept then).
    """
    tables = tuple(sorted(model._meta.table_name for model in models))

    def decorate(read: Callable[..., T]) -> Callable[..., T]:
        answers: dict[Any, T] = {}
        stamp: list[Any] = [None]

        @functools.wraps(read)
        def wrapper(*args: Any, **kwargs: Any) -> T:
            connection = db.obj.connection()
            if connection.in_transaction or db.obj.in_transaction():
                return read(*args, **kwargs)
            with _lock:
                if not _watch(connection, tables):
                    return read(*args, **kwargs)
                (version,) = connection.execute("PRAGMA data_version").fetchone()
                now = (_state.serial, version, tuple(_writes.get(t, 0) for t in tables))
                if stamp[0] != now:
                    answers.clear()
                    stamp[0] = now
                key = (args, tuple(sorted(kwargs.items())))
                if key not in answers:
                    answers[key] = read(*args, **kwargs)
                found = answers[key]
            return list(found) if isinstance(found, list) else found  # type: ignore[return-value]

        def forget() -> None:
            with _lock:
                answers.clear()
                stamp[0] = None

        wrapper.forget = forget  # type: ignore[attr-defined]
        return wrapper

    return decorate
