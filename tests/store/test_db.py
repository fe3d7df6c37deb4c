"""The database connection's settings (pragmas)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.store.db import db


def test_pragmas_are_set(store: Path) -> None:
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000
