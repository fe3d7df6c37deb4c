"""Opening the store, the part before Peewee: tidy the data folder, check the file.

:func:`~desktop_app.store.open.open_database` is :func:`prepare_store` followed by
:func:`~desktop_app.store.open.connect_database`. This half needs only the standard
library, so that the window can be shown before Peewee (~30 ms of imports) is loaded:
when :func:`opens_as_is` says the database needs nothing (nearly every start), the
window connects it just after its first paint; otherwise it connects at once, which
creates, migrates or refuses the database exactly as ``open_database`` does.

Start-up order matters: a restore cut short is finished (or undone) and half-made
files are swept before the database is touched; a file that is not an SQLite
database is refused and never written to.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.store.backup.automatic import remove_leftovers
from desktop_app.store.backup.swap import finish_interrupted_work
from desktop_app.store.errors import DamagedDatabase, NotAnAfterviewDatabase
from desktop_app.store.layout import DATABASE
from desktop_app.store.leftovers import clean_leftovers
from desktop_app.store.location import connect_read_only, prepare_data_dir
from desktop_app.store.migrations import latest_version

_SQLITE_HEADER = b"SQLite format 3\x00"
#: Up to this size the whole file is checked (``PRAGMA quick_check``) as it opens:
#: about 1 ms per 2 MB, and Afterview's database stays small (documents live in the
#: vault). A bigger one is checked page by page by the daily backup instead, in a
#: worker after the window is up; errors on the first queries are caught either way.
QUICK_CHECK_LIMIT = 32 << 20


def damaged_message(path: Path, detail: object = None) -> str:
    """The user's message for a damaged database at ``path``; ``detail`` is SQLite's word, if any."""
    why = f" ({detail})" if detail else ""
    return (f"Afterview's database is damaged, so it cannot be opened{why}. "
            f"The file is {path}. Afterview has not changed it.")


def check_database_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, without ever writing to it.

    A missing file is fine (it will be created). Raises :class:`DamagedDatabase` for a
    file that does not start as SQLite files do, :class:`NotAnAfterviewDatabase` for
    one that cannot be read.
    """
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


def prepare_store(data_dir: Path) -> Path:
    """Make ``data_dir`` ready for its database to be connected; returns the database's path.

    Creates the folder if needed, finishes (or undoes) a restore cut short, sweeps
    half-made backups, half-copied vault files and stale viewer copies, then checks
    the database file's header. Raises a :class:`~desktop_app.store.errors.StoreError`
    subclass with a user message when the folder or the file cannot be used.
    """
    prepare_data_dir(data_dir)
    sweep_data_dir(data_dir)
    path = data_dir / DATABASE
    check_database_file(path)
    return path


def sweep_data_dir(data_dir: Path) -> bool:
    """Undo a restore cut short and remove half-made files, if no other process is writing.

    Runs only while this process holds the data folder's claim (or can take it for the
    moment): another writer's staging folder, snapshot or half-written file is never
    touched, nor is any file a live process registered (:mod:`desktop_app.store.claim`).
    Returns whether it swept.
    """
    from desktop_app.store import claim

    with claim.sweeping(data_dir) as may_sweep:
        if not may_sweep:
            return False
        live = claim.live_patterns(data_dir)
        # before the database is touched: undo a restore cut short, sweep half-made backups
        finish_interrupted_work(data_dir)
        remove_leftovers(data_dir, keep=lambda p: claim.is_registered(p, live))
        # half-copied vault files of an import cut short, stale "open in viewer" copies
        clean_leftovers(data_dir)
        # what dead processes registered, in the data folder or outside it
        claim.sweep_registrations(data_dir)
    return True


def opens_as_is(path: Path) -> bool:
    """Whether the (prepared) database at ``path`` can be connected with no change at all.

    True when it exists, passes ``quick_check`` (up to :data:`QUICK_CHECK_LIMIT`, as
    connecting checks it), is Afterview's and is at the newest schema version. Opens it
    read-only, so it never writes; never raises: any doubt is False, and the caller
    then connects at once, which creates, migrates or refuses it with the usual message.
    """
    if not path.is_file():
        return False
    try:
        connection = connect_read_only(path)
    except (sqlite3.Error, ValueError):
        return False
    try:
        if path.stat().st_size <= QUICK_CHECK_LIMIT:
            if connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return False
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "schema_version" not in tables:
            return False
        row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
        return row is not None and row[0] == latest_version()
    except (sqlite3.Error, OSError):
        return False
    finally:
        connection.close()
