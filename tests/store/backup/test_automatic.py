"""Automatic backups: one a day, one before each migration, each kind with its rolling limit."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

from peewee import SqliteDatabase

from desktop_app.services import backup
from desktop_app.services.applications import organisations
from desktop_app.store import migrations
from desktop_app.store.backup import automatic as auto
from desktop_app.store.backup.check import check_archive
from desktop_app.store.db import close_database, database_path, db
from desktop_app.store.open import open_database

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def test_one_daily_backup_a_day(store: Path) -> None:
    first = backup.daily_backup_if_due(store, now=NOON)
    assert first is not None and first.kind == "daily"
    assert backup.daily_backup_if_due(store, now=NOON + timedelta(hours=3)) is None
    assert backup.daily_backup_if_due(store, now=NOON + timedelta(days=1)) is not None
    assert [b.kind for b in backup.automatic_backups(store)] == ["daily", "daily"]
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    assert stat.S_IMODE((store / "backups").stat().st_mode) == 0o700


def test_the_last_seven_daily_backups_are_kept(store: Path) -> None:
    made = [backup.daily_backup_if_due(store, now=NOON + timedelta(days=i)) for i in range(10)]
    kept = backup.automatic_backups(store)
    assert [b.path for b in kept] == [b.path for b in reversed(made[3:])]  # type: ignore[union-attr]
    assert kept[0].created_at == NOON + timedelta(days=9)


def test_other_kinds_do_not_push_out_daily_backups(store: Path) -> None:
    backup.daily_backup_if_due(store, now=NOON)
    for i in range(5):
        auto.make_backup(store, auto.BEFORE_RESTORE, now=NOON + timedelta(minutes=i + 1))
    kinds = [b.kind for b in backup.automatic_backups(store)]
    assert kinds.count("before-restore") == 3 and kinds.count("daily") == 1


def test_every_migration_makes_a_whole_backup_and_three_are_kept(data_dir: Path) -> None:
    open_database(data_dir)
    organisations.create_organisation({"name": "Northwind Ltd"})
    close_database()
    steps = list(migrations.MIGRATIONS)
    for version in range(2, 7):
        steps.append(migrations.Migration(
            version, f"step {version}",
            lambda database, v=version: database.execute_sql(f"CREATE TABLE extra_{v} (id INTEGER)")))
        database = SqliteDatabase(str(database_path(data_dir)), pragmas={"foreign_keys": 1})
        db.initialize(database)
        migrations.migrate(database, database_path(data_dir), steps)
        database.close()
    kept = backup.automatic_backups(data_dir)
    assert [(b.from_version, b.to_version) for b in kept] == [(5, 6), (4, 5), (3, 4)]
    # each is a whole backup at the version before its step
    assert check_archive(kept[0].path, newest_schema=6).schema_version == 5
    assert check_archive(kept[-1].path, newest_schema=6).schema_version == 3


def test_leftovers_of_an_interrupted_backup_are_removed_when_the_store_opens(store: Path) -> None:
    folder = store / "backups"
    folder.mkdir(exist_ok=True)
    (folder / ".daily-x.afterview-backup.abc.part").write_bytes(b"half")
    (folder / ".snapshot-abc.sqlite3").write_bytes(b"half")
    (folder / ".snapshot-abc.sqlite3-journal").write_bytes(b"half")
    keep = folder / "notes.txt"
    keep.write_text("the user's own file")
    close_database()
    open_database(store)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_the_newest_automatic_backup_is_offered_first(store: Path) -> None:
    backup.daily_backup_if_due(store, now=NOON)
    later = auto.make_backup(store, auto.BEFORE_RESTORE, now=NOON + timedelta(hours=1))
    assert backup.newest_automatic_backup(store) == later
    assert auto.parse_name(store / "backups" / "something-else.afterview-backup") is None
