"""Opening the store: check the data folder and the file, bind the connection, migrate.

Start-up order matters: a restore cut short is finished (or undone) and half-made
files are swept before the database is touched; a file that is not an SQLite
database, or that fails ``quick_check``, is refused and never written to.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from desktop_app.store import migrations
from desktop_app.store.backup.automatic import remove_leftovers
from desktop_app.store.backup.swap import finish_interrupted_work
from desktop_app.store.db import BUSY_TIMEOUT_MS, PRAGMAS, database_path, db
from desktop_app.store.errors import DamagedDatabase, NotAnAfterviewDatabase
from desktop_app.store.leftovers import clean_leftovers
from desktop_app.store.location import make_private, prepare_data_dir

_SQLITE_HEADER = b"SQLite format 3\x00"
#: Up to this size the whole file is checked (``PRAGMA quick_check``) as it opens:
#: about 1 ms per 2 MB, and Afterview's database stays small (documents live in the
#: vault). A bigger one is checked page by page by the daily backup instead, in a
#: worker after the window is up; errors on the first queries are caught either way.
QUICK_CHECK_LIMIT = 32 << 20
_DB_ERRORS = (sqlite3.DatabaseError, peewee.DatabaseError)


def damaged_message(path: Path, detail: object = None) -> str:
    why = f" ({detail})" if detail else ""
    return (f"Afterview's database is damaged, so it cannot be opened{why}. "
            f"The file is {path}. Afterview has not changed it.")


def check_database_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, without ever writing to it."""
    if not path.exists():
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise NotAnAfterviewDatabase(f"Afterview cannot read its database {path}: "
                                     f"{exc.strerror or exc}.") from exc
    if header != _SQLITE_HEADER:
        raise DamagedDatabase(
            f"The file {path} is not an Afterview database: it may be damaged, or it is "
            "another kind of file. Afterview has not changed it.")


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
    prepare_data_dir(data_dir)
    # before the database is touched: undo a restore cut short, sweep half-made backups
    finish_interrupted_work(data_dir)
    remove_leftovers(data_dir)
    # half-copied vault files of an import cut short, stale "open in viewer" copies
    clean_leftovers(data_dir)
    path = database_path(data_dir)
    check_database_file(path)
    database = SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        database.connect()
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
