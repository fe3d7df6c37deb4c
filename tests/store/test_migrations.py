"""Numbered migrations: data survives, a copy is taken first, newer or foreign files are refused.

A hypothetical version 2 (here only) is applied to a database made new at version 1 and
to the released version-1 database: a step that adds a column must find version 1
without it, whatever the models say.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from desktop_app.store import migrations, models as m
from desktop_app.store.backup import automatic
from desktop_app.store.backup.check import extract_archive
from desktop_app.store.db import close_database, database_path, db
from desktop_app.store.open import open_database
from desktop_app.store.errors import MigrationFailed, NewerDatabase, NotAnAfterviewDatabase
from desktop_app.store.layout import BACKUPS

RELEASED_V1 = Path(__file__).resolve().parents[1] / "data" / "databases" / "v1.sqlite3"


def _make_version_1(data_dir: Path) -> None:
    open_database(data_dir)
    org = m.Organisation.create(name="Northwind Ltd")
    m.Application.create(role="Data Analyst", employer=org, applied_on=date(2026, 11, 1))
    close_database()


@pytest.fixture(params=["made-new", "released"])
def version_1(request: pytest.FixtureRequest, data_dir: Path) -> Iterator[SqliteDatabase]:
    """A database at version 1, bound and open: made by this code, or the released v1 file."""
    if request.param == "made-new":
        _make_version_1(data_dir)
    else:
        data_dir.mkdir(mode=0o700)
        shutil.copyfile(RELEASED_V1, database_path(data_dir))
    database = SqliteDatabase(str(database_path(data_dir)), pragmas={"foreign_keys": 1})
    db.initialize(database)
    assert migrations.current_version(database) == 1
    yield database
    database.close()


def _counts(database: SqliteDatabase) -> dict[str, int]:
    return {t: database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in database.get_tables()}


def _add_priority(database: SqliteDatabase) -> None:
    database.execute_sql("ALTER TABLE application ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")


#: A version 2 as the house rule says to write one: an ALTER, never the models.
PRIORITY = migrations.Migration(2, "priority", _add_priority)


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
    copies = list((data_dir / BACKUPS).glob("pre-migration-v1-to-v2-*.afterview-backup"))
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


def test_a_version_2_step_applies_to_every_version_1_database(version_1: SqliteDatabase,
                                                             data_dir: Path) -> None:
    counts = _counts(version_1)
    assert migrations.migrate(version_1, database_path(data_dir), [*migrations.MIGRATIONS[:1], PRIORITY]) == 2
    assert migrations.current_version(version_1) == 2
    assert "priority" in [c.name for c in version_1.get_columns("application")]
    assert _counts(version_1) == counts
    assert version_1.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    assert version_1.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)  # back on after the steps
    made = automatic.list_backups(data_dir, automatic.PRE_MIGRATION)
    assert [(b.from_version, b.to_version) for b in made] == [(1, 2)]


def test_a_new_database_takes_every_step_from_the_first(tmp_path: Path) -> None:
    """Step 1 no longer makes what the models say, so a later step's ALTER finds its table as released."""
    path = tmp_path / "new.sqlite3"
    database = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    backups: list[tuple[int, int]] = []
    steps = [*migrations.MIGRATIONS[:1], PRIORITY]
    assert migrations.migrate(database, path, steps, before=lambda _p, a, b: backups.append((a, b))) == 2
    assert "priority" in [c.name for c in database.get_columns("application")]
    assert backups == []  # nothing to keep a copy of
    database.close()


def test_a_step_may_rebuild_a_table_that_others_refer_to(version_1: SqliteDatabase, data_dir: Path) -> None:
    """SQLite's recipe for what ALTER cannot do; with foreign keys on, the drop would fail or cascade."""
    def names_required(database: SqliteDatabase) -> None:
        database.execute_sql(
            'CREATE TABLE "new_organisation" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"name" TEXT NOT NULL CHECK (name <> \'\'), "website" TEXT, "linkedin" TEXT, "notes" TEXT NOT NULL)')
        database.execute_sql('INSERT INTO "new_organisation" SELECT id, name, website, linkedin, notes '
                             'FROM "organisation"')
        database.execute_sql('DROP TABLE "organisation"')
        database.execute_sql('ALTER TABLE "new_organisation" RENAME TO "organisation"')
        database.execute_sql('CREATE INDEX "organisation_name" ON "organisation" ("name")')

    counts = _counts(version_1)
    employers = version_1.execute_sql("SELECT id, employer_id FROM application ORDER BY id").fetchall()
    steps = [*migrations.MIGRATIONS[:1], migrations.Migration(2, "names required", names_required)]
    assert migrations.migrate(version_1, database_path(data_dir), steps) == 2
    assert _counts(version_1) == counts
    assert version_1.execute_sql("SELECT id, employer_id FROM application ORDER BY id").fetchall() == employers
    assert version_1.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def test_a_step_that_breaks_links_is_rolled_back(version_1: SqliteDatabase, data_dir: Path) -> None:
    def forgetful(database: SqliteDatabase) -> None:
        database.execute_sql("DELETE FROM organisation")

    counts = _counts(version_1)
    steps = [*migrations.MIGRATIONS[:1], migrations.Migration(2, "forgetful", forgetful)]
    with pytest.raises(MigrationFailed, match="step 2"):
        migrations.migrate(version_1, database_path(data_dir), steps)
    assert _counts(version_1) == counts
    assert migrations.current_version(version_1) == 1
    assert version_1.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)


def test_a_failing_migration_changes_nothing(version_1: SqliteDatabase, data_dir: Path) -> None:
    def broken(database: SqliteDatabase) -> None:
        database.execute_sql("ALTER TABLE application ADD COLUMN priority INTEGER")
        raise RuntimeError("half way")

    counts = _counts(version_1)
    steps = [*migrations.MIGRATIONS[:1], migrations.Migration(2, "broken", broken)]
    with pytest.raises(RuntimeError):
        migrations.migrate(version_1, database_path(data_dir), steps)
    columns = [c.name for c in version_1.get_columns("application")]
    assert "priority" not in columns
    assert migrations.current_version(version_1) == 1
    assert _counts(version_1) == counts


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
