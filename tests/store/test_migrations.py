"""Numbered migrations: data survives, a copy is taken first, newer or foreign files are refused.

A hypothetical version 2 (here only) is applied to a database made new at version 1 and
to the released version-1 database: a step that adds a column must find version 1
without it, whatever the models say.

The models and the migrations describe one schema, and every released database migrates to it.
Three ways to a database must end at the same schema: ``create_tables`` over the models,
the migration steps from an empty file (how a new database is made), and the steps from
each frozen database in ``tests/data/databases/`` (how a user's database is upgraded).
"Same" is compared structurally (columns with type, NOT NULL, default and primary key;
indexes; foreign keys; CHECK constraints), not by the order of columns, since
``ALTER TABLE … ADD COLUMN`` can only append.

The frozen databases were made by the released code with ``make_database.py`` beside
them (its docstring says how); a new release adds its own, never replaces one. That
step 1 is exactly the released SQL is checked in ``test_schema_v1.py``.
"""

from __future__ import annotations

import ast
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from peewee import SqliteDatabase

from desktop_app.store import migrations, models as m
from desktop_app.store.backup import automatic
from desktop_app.store.backup.check import extract_archive
from desktop_app.store.db import close_database, database_path, db
from desktop_app.store.errors import MigrationFailed, NewerDatabase, NotAnAfterviewDatabase
from desktop_app.store.layout import BACKUPS
from desktop_app.store.open import open_database

RELEASED_V1 = Path(__file__).resolve().parents[1] / "data" / "databases" / "v1.sqlite3"


def _make_version_1(data_dir: Path) -> None:
    """A database at version 1 made by version 1's own step (the models are newer)."""
    data_dir.mkdir(mode=0o700, exist_ok=True)
    database = SqliteDatabase(str(database_path(data_dir)), pragmas={"foreign_keys": 1, "journal_mode": "wal"})
    migrations.migrate(database, database_path(data_dir), migrations.MIGRATIONS[:1])
    database.execute_sql("INSERT INTO organisation (name, notes) VALUES ('Northwind Ltd', '')")
    database.execute_sql(
        "INSERT INTO application (role, employer_id, source, applied_on, stage, notes) "
        "VALUES ('Data Analyst', 1, '', '2026-11-01', 'applied', '')")
    database.close()


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

    steps = [*migrations.MIGRATIONS[:1], migrations.Migration(2, "priority", add_priority)]
    database = SqliteDatabase(str(database_path(data_dir)), pragmas={"foreign_keys": 1})
    db.initialize(database)
    assert migrations.migrate(database, database_path(data_dir), steps) == 2
    row = database.execute_sql("SELECT role, priority FROM application").fetchone()
    assert row == ("Data Analyst", 1)
    assert database.execute_sql("SELECT name FROM organisation").fetchone() == ("Northwind Ltd",)
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


# ---------------------------------------------------------------- one schema, however a database is made
DATABASES = Path(__file__).resolve().parents[1] / "data" / "databases"


RELEASED = sorted(DATABASES.glob("v*.sqlite3"), key=lambda p: int(p.stem[1:]))


PACKAGE = Path(migrations.__file__).resolve().parents[1]


def _normalise(sql: str) -> str:
    """Whitespace collapsed, none just inside brackets: formatting is not schema."""
    sql = re.sub(r"\s+", " ", sql.strip())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", sql))


def _checks(create_table: str) -> list[str]:
    """The expression of every ``CHECK (…)`` in a CREATE TABLE statement, normalised."""
    found = []
    for match in re.finditer(r"\bCHECK\s*\(", create_table, re.IGNORECASE):
        depth, i, quote = 1, match.end(), ""
        while depth:
            ch = create_table[i]
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            i += 1
        found.append(_normalise(create_table[match.end():i - 1]))
    return sorted(found)


def schema_of(path: Path) -> dict[str, Any]:
    """Everything about the schema of the database at ``path`` that a migration must get right.

    ``{"table:<name>": {...}, "trigger:<name>": sql, "view:<name>": sql}``; indexes are
    described under their table. Opens the file read-only.
    """
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        shape: dict[str, Any] = {}
        objects = con.execute("SELECT type, name, sql FROM sqlite_master "
                              "WHERE name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
        for kind, name, sql in objects:
            if kind in ("trigger", "view"):
                shape[f"{kind}:{name}"] = _normalise(sql)
            if kind != "table":
                continue
            indexes = {}
            for _, index, unique, origin, partial in con.execute(f'PRAGMA index_list("{name}")'):
                columns = tuple((c[2], c[3], c[4]) for c in con.execute(f'PRAGMA index_xinfo("{index}")')
                                if c[5])  # key columns: name, descending, collation
                index_sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
                where = _normalise(index_sql.split(" WHERE ", 1)[1]) if partial and index_sql else None
                indexes[index] = (bool(unique), origin, columns, where)
            shape[f"table:{name}"] = {
                "columns": {c[1]: (c[2].upper(), bool(c[3]), c[4], c[5])
                            for c in con.execute(f'PRAGMA table_info("{name}")')},
                "foreign keys": sorted((f[3], f[2], f[4], f[5], f[6], f[7])
                                       for f in con.execute(f'PRAGMA foreign_key_list("{name}")')),
                "checks": _checks(sql),
                "indexes": indexes,
            }
        return shape
    finally:
        con.close()


def _rows(con: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    return con.execute(f'SELECT rowid, {names} FROM "{table}" ORDER BY rowid').fetchall()


def _version_of(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        return con.execute("SELECT max(version) FROM schema_version").fetchone()[0]


def _open_copy(released: Path, data_dir: Path) -> Path:
    """A copy of a released database, opened (and so migrated) as at start-up; returns its path."""
    data_dir.mkdir(mode=0o700)
    shutil.copyfile(released, database_path(data_dir))
    open_database(data_dir)
    return database_path(data_dir)


@pytest.fixture
def made_by_models(tmp_path: Path) -> Path:
    path = tmp_path / "models.sqlite3"
    database = SqliteDatabase(str(path))
    with database.bind_ctx(m.ALL_MODELS):
        database.create_tables(m.ALL_MODELS)
    for statement in migrations.summary_triggers():  # models cannot describe triggers
        database.execute_sql(statement)
    database.close()
    return path


@pytest.fixture
def made_new(data_dir: Path) -> Path:
    """A new database, made the way a first start makes it."""
    open_database(data_dir)
    close_database()
    return database_path(data_dir)


def test_there_is_a_database_of_every_released_version() -> None:
    versions = {_version_of(path) for path in RELEASED}
    assert versions >= set(range(1, migrations.latest_version()))
    assert [int(p.stem[1:]) for p in RELEASED] == sorted(versions)  # vN.sqlite3 is at version N


def test_the_steps_make_the_schema_the_models_describe(made_new: Path, made_by_models: Path) -> None:
    by_steps, by_models = schema_of(made_new), schema_of(made_by_models)
    assert by_steps == by_models
    assert len([k for k in by_steps if k.startswith("table:")]) == len(m.ALL_MODELS)  # not vacuous
    assert len([k for k in by_steps if k.startswith("trigger:")]) == len(migrations.summary_triggers())


def test_the_comparison_sees_what_a_migration_could_get_wrong(made_new: Path, tmp_path: Path) -> None:
    """Each kind of drift is told apart: a default, a CHECK, an index's columns, a foreign key's action."""
    before = schema_of(made_new)
    changes = [
        'ALTER TABLE "organisation" ADD COLUMN "size" INTEGER NOT NULL DEFAULT 0',
        'ALTER TABLE "organisation" ADD COLUMN "kind" TEXT CHECK (kind IN (\'a\', \'b\'))',
        'DROP INDEX "application_stage_applied_on"',
        'CREATE INDEX "application_stage_applied_on" ON "application" ("applied_on", "stage")',
        'CREATE TABLE "note" ("id" INTEGER NOT NULL PRIMARY KEY, "application_id" INTEGER, '
        'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE SET NULL)',
    ]
    changed = tmp_path / "changed.sqlite3"
    shutil.copyfile(made_new, changed)
    with sqlite3.connect(changed) as con:
        for sql in changes:
            con.execute(sql)
    con.close()
    after = schema_of(changed)
    organisation = after["table:organisation"]
    assert organisation["columns"]["size"] == ("INTEGER", True, "0", 0)
    assert organisation["checks"] == ["kind IN ('a', 'b')"]
    assert (after["table:application"]["indexes"]["application_stage_applied_on"]
            != before["table:application"]["indexes"]["application_stage_applied_on"])
    assert after["table:note"]["foreign keys"] == [
        ("application_id", "application", "id", "NO ACTION", "SET NULL", "NONE")]


def test_no_step_reads_the_models() -> None:
    """Version 1 is frozen SQL; neither it nor the steps import the models or the vocabulary."""
    for module in ("migrations.py", "schema_v1.py"):
        tree = ast.parse((PACKAGE / "store" / module).read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                imported |= {a.name for a in node.names}
        assert not imported & {"desktop_app.store.models", "desktop_app.vocab"}, module


@pytest.mark.parametrize("released", RELEASED, ids=lambda p: p.stem)
def test_a_released_database_migrates_to_the_schema_of_a_new_one(
        released: Path, made_new: Path, tmp_path: Path) -> None:
    migrated = _open_copy(released, tmp_path / "migrated")
    close_database()
    assert schema_of(migrated) == schema_of(made_new)


@pytest.mark.parametrize("released", RELEASED, ids=lambda p: p.stem)
def test_a_released_database_opens_with_every_row(released: Path, data_dir: Path) -> None:
    was_at = _version_of(released)
    original = sqlite3.connect(f"file:{released}?mode=ro", uri=True)
    tables = [t for (t,) in original.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    try:
        path = _open_copy(released, data_dir)
        try:
            database = m.db.obj
            assert migrations.current_version(database) == migrations.latest_version()
            assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
            assert database.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)
        finally:
            close_database()
        with sqlite3.connect(path) as now:
            for table in tables:
                if table == "schema_version":
                    continue
                columns = [c[1] for c in original.execute(f'PRAGMA table_info("{table}")')]
                rows = _rows(original, table, columns)
                assert rows, f"the frozen database has no rows in {table}"
                # a later step that rewrites a column on purpose names it here
                assert _rows(now, table, columns) == rows, table
        now.close()
    finally:
        original.close()
    made = automatic.list_backups(data_dir, automatic.PRE_MIGRATION)
    if was_at == migrations.latest_version():
        assert made == []
    else:
        assert [(b.from_version, b.to_version) for b in made] == [(was_at, migrations.latest_version())]


def test_version_2_keeps_each_logged_contacts_name(data_dir: Path) -> None:
    """A logged contact carries the person's name from version 2, so removing the person keeps it readable."""
    _make_version_1(data_dir)
    with sqlite3.connect(database_path(data_dir)) as raw:
        raw.execute("INSERT INTO contact (name, organisation_id, title, kind, notes) "
                    "VALUES ('Priya Shah', 1, '', 'recruiter', '')")
        raw.execute("INSERT INTO interaction (application_id, contact_id, at, channel, direction, purpose, "
                    "summary, reply_received) VALUES (1, 1, '2026-11-21T09:30:00+00:00', 'email', "
                    "'outgoing', 'thank_you', '', 0)")
    open_database(data_dir)
    try:
        assert [i.contact_name for i in m.Interaction.select()] == ["Priya Shah"]
        assert migrations.current_version(db.obj) == migrations.latest_version()
    finally:
        close_database()
