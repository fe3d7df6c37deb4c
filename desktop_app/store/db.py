"""The database connection: one Peewee ``DatabaseProxy``, bound by ``store.open``.

Pragmas: foreign keys on, WAL (readers never block the writer), ``synchronous=normal``
(safe with WAL: a power cut can lose the last commit but never corrupts) and a busy
timeout. Peewee keeps one connection per thread; a worker thread must call
:func:`close_thread_connection` when it ends.
"""

from __future__ import annotations

from pathlib import Path

from peewee import DatabaseProxy

from desktop_app.store.layout import DATABASE

db = DatabaseProxy()

BUSY_TIMEOUT_MS = 5000
PRAGMAS: dict[str, object] = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    "synchronous": "normal",
    "busy_timeout": BUSY_TIMEOUT_MS,
}
def database_path(data_dir: Path) -> Path:
    """The database file of the data folder ``data_dir``."""
    return data_dir / DATABASE


def close_database() -> None:
    """Close this thread's connection (if any) and checkpoint the WAL on the way out."""
    database = db.obj
    if database is not None and not database.is_closed():
        database.close()


def close_thread_connection() -> None:
    """End a worker thread's connection; Peewee opens one per thread."""
    close_database()
