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
from desktop_app.store.errors import (
    DamagedDatabase,
    DiskFull,
    StoreError,
    disk_full_message,
    disk_nearly_full,
    is_disk_full,
)
from desktop_app.store.layout import DATABASE
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


def _damaged_or_full(path: Path, exc: BaseException) -> StoreError:
    """A full disk is not damage (issue 14, case 6): it must not lead to an offer to restore."""
    if is_disk_full(exc) or (_io_error(exc) and disk_nearly_full(path.parent)):
        # at 100 % SQLite cannot even make its shared-memory file and says "disk I/O error"
        return DiskFull(disk_full_message(path.parent))
    return DamagedDatabase(damaged_message(path, exc))


def _io_error(exc: BaseException) -> bool:
    return getattr(exc, "sqlite_errorcode", None) == 10 or "disk I/O error" in str(exc)  # SQLITE_IOERR


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
    # Every transaction starts with BEGIN IMMEDIATE: it asks for the write lock first, under
    # the busy timeout. A deferred one reads first and then, finding another writer ahead
    # of its snapshot, fails at once with "database is locked" whatever the timeout
    # (https://www.sqlite.org/lang_transaction.html, https://www.sqlite.org/wal.html#busy).
    database = SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000,
                              lock_type="IMMEDIATE")
    try:
        database.connect()
        if not checked:
            _check_sound(database, path)
    except _DB_ERRORS as exc:
        database.close()
        raise _damaged_or_full(path, exc) from exc
    except DamagedDatabase:
        database.close()
        raise
    db.initialize(database)
    try:
        if migrate_schema:
            migrations.migrate(database, path)
    except _DB_ERRORS as exc:
        database.close()
        raise _damaged_or_full(path, exc) from exc
    except Exception:
        database.close()
        raise
    for suffix in ("", "-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))
    return database


def open_database_for_reading(data_dir: Path, *, nobody_writing: bool) -> SqliteDatabase:
    """Open ``data_dir``'s database for a command that only reads, even when its disk is full.

    As :func:`open_database` (migrating only when ``nobody_writing``). At 100 % full,
    SQLite cannot make the ``-shm`` file even a read-only connection needs in WAL mode
    (https://www.sqlite.org/wal.html#readonly); when no process holds the claim
    (``nobody_writing``) and no ``-wal`` holds changes not yet in the file, nothing can
    change under it, so the file is opened ``immutable`` (no locks, no ``-shm``, never
    written) and ``due``, ``data export`` to another disk or ``vault list`` still work.
    Otherwise the :class:`DiskFull` error propagates.
    """
    try:
        return open_database(data_dir, migrate_schema=nobody_writing)
    except DiskFull:
        path = data_dir / DATABASE
        wal = path.with_name(path.name + "-wal")
        if not nobody_writing or not path.is_file() or (wal.exists() and wal.stat().st_size > 0):
            raise
    # the path percent-encoded into the URI (Path.as_uri), as location.connect_read_only does
    database = SqliteDatabase(f"{path.absolute().as_uri()}?immutable=1", uri=True,
                              pragmas={"foreign_keys": 1, "query_only": 1})
    try:
        database.connect()
        _check_sound(database, path)
    except _DB_ERRORS as exc:
        database.close()
        raise _damaged_or_full(path, exc) from exc
    db.initialize(database)
    return database
