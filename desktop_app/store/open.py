"""Opening the store: check the data folder and the file, bind the connection, migrate.

Start-up order matters: a restore cut short is finished (or undone) and half-made
files are swept before the database is touched (:mod:`desktop_app.store.preflight`,
which needs no Peewee); a file that is not an SQLite database, or that fails
``quick_check``, is refused and never written to.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from desktop_app.store import migrations
from desktop_app.store.db import BUSY_TIMEOUT_MS, PRAGMAS, db
from desktop_app.store.errors import DamagedDatabase
from desktop_app.store.location import make_private
from desktop_app.store.preflight import QUICK_CHECK_LIMIT, damaged_message, prepare_store

_DB_ERRORS = (sqlite3.DatabaseError, peewee.DatabaseError)


def _check_sound(database: SqliteDatabase, path: Path) -> None:
    """Raise :class:`DamagedDatabase` if a (small enough) database fails ``quick_check``."""
    if not path.exists() or path.stat().st_size > QUICK_CHECK_LIMIT:
        return
    rows = database.execute_sql("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise DamagedDatabase(damaged_message(path, rows[0][0] if rows else None))


def open_database(data_dir: Path, *, migrate_schema: bool = True) -> SqliteDatabase:
    """Open (creating if new) the database in ``data_dir``, migrate it, and bind :data:`db`.

    Raises a :class:`~desktop_app.store.errors.StoreError` subclass with a user message
    when the folder or the file cannot be used; the file is never overwritten.
    """
    return connect_database(prepare_store(data_dir), migrate_schema=migrate_schema)


def connect_database(path: Path, *, migrate_schema: bool = True, checked: bool = False) -> SqliteDatabase:
    """Connect the database at ``path`` (creating it if new), migrate it, and bind :data:`db`.

    ``path`` is what :func:`~desktop_app.store.preflight.prepare_store` returned: the
    folder has been tidied first. ``checked``: :func:`~desktop_app.store.preflight.opens_as_is`
    has just run ``quick_check`` on it, so it is not read whole a second time. Raises :class:`DamagedDatabase` for a database that
    fails to open or ``quick_check``, and the other
    :class:`~desktop_app.store.errors.StoreError` subclasses of migrating; the file is
    never overwritten.
    """
    database = SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        database.connect()
        if not checked:
            _check_sound(database, path)
    except _DB_ERRORS as exc:
        database.close()
        raise DamagedDatabase(damaged_message(path, exc)) from exc
    except DamagedDatabase:
        database.close()
        raise
    db.initialize(database)
    try:
        if migrate_schema:
            migrations.migrate(database, path)
    except _DB_ERRORS as exc:
        database.close()
        raise DamagedDatabase(damaged_message(path, exc)) from exc
    except Exception:
        database.close()
        raise
    for suffix in ("", "-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))
    return database
