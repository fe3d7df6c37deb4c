"""Reads kept in memory (services.core.kept): reused while nothing changed, never stale."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.core import settings
from desktop_app.services.core.kept import kept
from desktop_app.services.today import due_state
from desktop_app.store import models as m
from desktop_app.store.db import db


def _other_connection() -> sqlite3.Connection:
    """A second connection to the same data file, as another Afterview process would have."""
    return sqlite3.connect(db.obj.database, isolation_level=None, timeout=10)


def test_an_answer_is_reused_until_its_own_table_is_written(store: Path) -> None:
    calls: list[int] = []

    @kept(m.Setting)
    def gap() -> int:
        calls.append(1)
        return settings.get_settings().min_follow_up_gap_days

    assert (gap(), gap(), len(calls)) == (5, 5, 1)
    m.Organisation.create(name="Northwind")  # another table: the kept answer still holds
    assert (gap(), len(calls)) == (5, 1)
    settings.save_settings({"min_follow_up_gap_days": 8})  # its table, by this connection
    assert (gap(), len(calls)) == (8, 2)
    assert (gap(), len(calls)) == (8, 2)


def test_another_connection_s_write_shows_at_once(store: Path) -> None:
    assert settings.get_settings().min_follow_up_gap_days == 5
    other = _other_connection()
    try:
        other.execute("INSERT INTO setting (key, value) VALUES ('min_follow_up_gap_days', '9')")
        assert settings.get_settings().min_follow_up_gap_days == 9
        other.execute("INSERT INTO due_state (key, dismissed) VALUES ('follow_up:application:1:2026-12-05', 1)")
        assert due_state.hidden_keys(date(2026, 12, 1)) == {"follow_up:application:1:2026-12-05"}
        other.execute("DELETE FROM due_state")
        assert due_state.hidden_keys(date(2026, 12, 1)) == set()
    finally:
        other.close()


def test_another_process_s_write_shows_at_once(store: Path) -> None:
    settings.save_settings({"briefing_valid_days": 30})
    assert settings.get_settings().briefing_valid_days == 30
    script = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10); "
              "c.execute(\"UPDATE setting SET value = '45' WHERE key = 'briefing_valid_days'\"); c.close()")
    subprocess.run([sys.executable, "-c", script, str(db.obj.database)], check=True, timeout=60)
    assert settings.get_settings().briefing_valid_days == 45


def test_nothing_is_kept_from_a_transaction_rolled_back(store: Path) -> None:
    assert settings.get_settings().min_follow_up_gap_days == 5
    with pytest.raises(RuntimeError):
        with db.atomic():
            m.Setting.insert(key="min_follow_up_gap_days", value=json.dumps(7)).execute()
            assert settings.get_settings().min_follow_up_gap_days == 7  # read inside: not kept
            raise RuntimeError("the import failed")
    assert settings.get_settings().min_follow_up_gap_days == 5


def test_a_database_opened_again_is_read_again(data_dir: Path) -> None:
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    open_database(data_dir)
    try:
        settings.save_settings({"min_follow_up_gap_days": 6})
        assert settings.get_settings().min_follow_up_gap_days == 6
    finally:
        close_database()
    open_database(data_dir.parent / "other")
    try:
        assert settings.get_settings().min_follow_up_gap_days == 5  # another data folder
    finally:
        close_database()


def test_a_table_rebuilt_keeps_its_writes_counted(store: Path) -> None:
    """A migration may rebuild a table (new table, copy, drop, rename): its TEMP triggers went
    with the old one, so they are made again and nothing is stale after."""
    assert settings.get_settings().min_follow_up_gap_days == 5
    connection = db.obj.connection()
    connection.executescript(
        "CREATE TABLE setting_new AS SELECT * FROM setting; DROP TABLE setting; "
        "ALTER TABLE setting_new RENAME TO setting; CREATE UNIQUE INDEX setting_key ON setting (key);")
    assert settings.get_settings().min_follow_up_gap_days == 5
    settings.save_settings({"min_follow_up_gap_days": 11})
    assert settings.get_settings().min_follow_up_gap_days == 11
