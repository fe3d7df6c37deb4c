"""Numbered migrations: data survives, a copy is taken first, newer or foreign files are refused."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from desktop_app.store import migrations, models as m
from desktop_app.store.backup.check import extract_archive
from desktop_app.store.db import close_database, database_path, db
from desktop_app.store.open import open_database
from desktop_app.store.errors import NewerDatabase, NotAnAfterviewDatabase


def _make_version_1(data_dir: Path) -> None:
    open_database(data_dir)
    org = m.Organisation.create(name="Northwind Ltd")
    m.Application.create(role="Data Analyst", employer=org, applied_on=date(2026, 11, 1))
    close_database()


def test_a_new_database_is_at_the_latest_version(store: Path) -> None:
    assert migrations.current_version(db.obj) == migrations.latest_version()


def test_a_version_1_database_migrates_and_keeps_its_data(data_dir: Path) -> None:
    _make_version_1(data_dir)

    def add_priority(database: SqliteDatabase) -> None:
        database.execute_sql("ALTER TABLE application ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")
        database.execute_sql("UPDATE application SET priority = 1 WHERE role LIKE '%Analyst%'")

    steps = migrations.MIGRATIONS + [migrations.Migration(2, "priority", add_priority)]
    database = SqliteDatabase(str(database_path(data_dir)), pragmas={"foreign_keys": 1})
    db.initialize(database)
    assert migrations.migrate(database, database_path(data_dir), steps) == 2
    row = database.execute_sql("SELECT role, priority FROM application").fetchone()
    assert row == ("Data Analyst", 1)
    assert m.Organisation.get().name == "Northwind Ltd"
    assert migrations.current_version(database) == 2
    copies = list((data_dir / migrations.PRE_MIGRATION_DIR).glob("pre-migration-v1-to-v2-*.afterview-backup"))
    assert len(copies) == 1
    # the copy is a whole backup of the data as it was before the step
    unpacked = data_dir.parent / "unpacked"
    unpacked.mkdir()
    manifest = extract_archive(copies[0], unpacked, newest_schema=2)
    assert manifest.schema_version == 1 and manifest.kind == "pre-migration"
    with sqlite3.connect(unpacked / "afterview.sqlite3") as copy:
        assert copy.execute("SELECT role FROM application").fetchone() == ("Data Analyst",)
        assert "priority" not in [c[1] for c in copy.execute("PRAGMA table_info(application)")]
    database.close()


def test_a_failing_migration_changes_nothing(data_dir: Path) -> None:
    _make_version_1(data_dir)

    def broken(database: SqliteDatabase) -> None:
        database.execute_sql("ALTER TABLE application ADD COLUMN priority INTEGER")
        raise RuntimeError("half way")

    steps = migrations.MIGRATIONS + [migrations.Migration(2, "broken", broken)]
    database = SqliteDatabase(str(database_path(data_dir)), pragmas={"foreign_keys": 1})
    db.initialize(database)
    with pytest.raises(RuntimeError):
        migrations.migrate(database, database_path(data_dir), steps)
    columns = [c.name for c in database.get_columns("application")]
    assert "priority" not in columns
    assert migrations.current_version(database) == 1
    database.close()


def test_a_database_from_a_newer_afterview_is_refused_untouched(data_dir: Path) -> None:
    _make_version_1(data_dir)
    with sqlite3.connect(database_path(data_dir)) as raw:
        raw.execute("UPDATE schema_version SET version = 99")
    before = database_path(data_dir).read_bytes()
    with pytest.raises(NewerDatabase, match="newer version of Afterview"):
        open_database(data_dir)
    close_database()
    assert database_path(data_dir).read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_untouched(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    junk = b"this is my shopping list, not a database\n" * 10
    database_path(data_dir).write_bytes(junk)
    with pytest.raises(NotAnAfterviewDatabase, match="not an Afterview database"):
        open_database(data_dir)
    assert database_path(data_dir).read_bytes() == junk


def test_someone_elses_sqlite_database_is_refused(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    with sqlite3.connect(database_path(data_dir)) as raw:
        raw.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    with pytest.raises(NotAnAfterviewDatabase, match="not Afterview's"):
        open_database(data_dir)
    close_database()
    with sqlite3.connect(database_path(data_dir)) as raw:
        assert raw.execute("SELECT name FROM sqlite_master").fetchall() == [("photos",)]
