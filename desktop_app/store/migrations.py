"""Numbered schema migrations, recorded in the ``SchemaVersion`` row.

Each step runs inside ``atomic()``; before the first step on an existing database a
whole backup is made (the database through SQLite's online backup API, never a raw
copy of a live WAL file, plus the vault) among the automatic backups, so a failed
migration can always be undone from File → Restore…. A database made by a newer
Afterview is refused, never "downgraded".

Once a version has been released its step must never change: later changes are new
steps that alter the tables they need.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from desktop_app.store import models
from desktop_app.store.errors import NewerDatabase, NotAnAfterviewDatabase

PRE_MIGRATION_DIR = "backups"  # = automatic_backups.FOLDER


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[SqliteDatabase], None]


def _initial_schema(database: SqliteDatabase) -> None:
    database.create_tables(models.ALL_MODELS)


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", _initial_schema),
]


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    return max(m.version for m in migrations)


def current_version(database: SqliteDatabase) -> int:
    """0 for a brand-new (empty) database; raises if it holds someone else's tables."""
    tables = set(database.get_tables())
    if "schema_version" not in tables:
        if tables:
            raise NotAnAfterviewDatabase(
                f"The file {database.database} is an SQLite database, but not Afterview's. "
                "Afterview has not changed it.")
        return 0
    row = models.SchemaVersion.select().order_by(models.SchemaVersion.version.desc()).first()
    return row.version if row else 0


def copy_before_migration(db_path: Path, from_version: int, to_version: int) -> Path:
    """A whole backup (database snapshot + vault) among the automatic backups, rolling limit 3.

    Restorable from File → Restore… like any other backup.
    """
    from desktop_app.store.backup.automatic import before_migration

    return before_migration(db_path, from_version, to_version).path


def migrate(database: SqliteDatabase, db_path: Path,
            migrations: Sequence[Migration] = MIGRATIONS,
            before: Callable[[Path, int, int], object] = copy_before_migration) -> int:
    """Bring the database to the newest version; returns the version it is at."""
    target = latest_version(migrations)
    current = current_version(database)
    if current > target:
        raise NewerDatabase(
            f"This data folder was last used by a newer version of Afterview (data version "
            f"{current}; this one understands up to {target}). Please update Afterview. "
            "Nothing has been changed.")
    if current == target:
        return current
    if current > 0:
        before(db_path, current, target)
    for step in sorted(migrations, key=lambda m: m.version):
        if step.version <= current:
            continue
        with database.atomic():
            step.apply(database)
            models.SchemaVersion.delete().execute()
            models.SchemaVersion.create(version=step.version)
    return target
