"""Numbered schema migrations, recorded in the ``schema_version`` table.

Every database takes the same road: the steps from the version it is at (0 for a new,
empty file) up to the newest, in order. There is no second way of making a new database
(such as ``create_tables`` over the models) that could drift from what an old one is
migrated to.

Each step runs inside ``atomic()``, with foreign keys off so that a step may rebuild a
table that others refer to (dropping it would otherwise cascade), and a foreign-key
check before it commits. Before the first step on an existing database a whole backup
is made (the database through SQLite's online backup API, never a raw copy of a live
WAL file, plus the vault) among the automatic backups, so a failed migration can always
be undone from File → Restore…. A database made by a newer Afterview is refused, never
"downgraded".

Writing a step (version 2 and on):

* Once released a step never changes. Version 1 is the frozen SQL of
  :mod:`desktop_app.store.schema_v1`. No step reads the models (they describe only the
  newest version) or calls ``create_tables``.
* A new step changes the schema with SQL of its own: ``ALTER TABLE … ADD COLUMN`` or
  ``RENAME COLUMN``, ``CREATE INDEX``, ``CREATE TABLE`` for a new table. What ALTER
  cannot do (a changed CHECK constraint, foreign key or NOT NULL) is a rebuild: create
  ``new_x``, copy the rows, drop ``x``, rename ``new_x`` to ``x``, create its indexes
  again (https://www.sqlite.org/lang_altertable.html#otheralter). A word added to a
  list in :mod:`desktop_app.vocab` changes a CHECK constraint, so it needs a step too.
* Change ``models.py`` in the same commit to describe the same schema:
  ``tests/store/test_migrations.py`` compares a database made by the models with one made
  by the steps and with every released database migrated (columns, types, NOT NULL,
  defaults, primary keys, indexes, foreign keys, CHECK constraints; not the order of
  columns, as ADD COLUMN can only append) and fails on any difference. A column added
  as ``NOT NULL DEFAULT 0`` needs ``constraints=[SQL("DEFAULT 0")]`` on its field.
* When a version is released, add a database it made to ``tests/data/databases/``
  (``make_database.py`` there, run against the released code): the tests migrate it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.store import schema_v1
from desktop_app.store.errors import MigrationFailed, NewerDatabase, NotAnAfterviewDatabase

if TYPE_CHECKING:  # only named in annotations: the window's start-up reads this module without Peewee
    from peewee import SqliteDatabase


@dataclass(frozen=True)
class Migration:
    """One numbered step: ``apply`` changes the schema (and data) from ``version - 1``.

    ``apply`` runs inside the step's transaction with foreign keys off; it raises to
    undo the whole step.
    """

    version: int
    description: str
    apply: Callable[[SqliteDatabase], None]


def _initial_schema(database: SqliteDatabase) -> None:
    """Version 1: the frozen schema of Afterview 0.1.0, whatever the models say today."""
    for statement in schema_v1.STATEMENTS:
        database.execute_sql(statement)


#: Version 2 (Afterview 0.2): what people, the trash, verification and signatures need.
#: Only added columns and a new table, so no table is rebuilt.
_VERSION_2 = (
    # the user's country and an organisation's: a national phone number's country (issue 13)
    'ALTER TABLE "profile" ADD COLUMN "country" VARCHAR(255)',
    'ALTER TABLE "organisation" ADD COLUMN "country" VARCHAR(255)',
    # a logged contact keeps the person's name when the contact record is removed
    'ALTER TABLE "interaction" ADD COLUMN "contact_name" TEXT NOT NULL DEFAULT \'\'',
    'UPDATE "interaction" SET "contact_name" = '
    '(SELECT "name" FROM "contact" WHERE "contact"."id" = "interaction"."contact_id") '
    'WHERE "contact_id" IS NOT NULL',
    # checkable at the source: a share link's expiry, its PIN, the name at time of study
    'ALTER TABLE "qualification" ADD COLUMN "verify_expires_on" DATE',
    'ALTER TABLE "qualification" ADD COLUMN "verify_pin" TEXT NOT NULL DEFAULT \'\'',
    'ALTER TABLE "qualification" ADD COLUMN "name_at_study" TEXT NOT NULL DEFAULT \'\'',
    # a PDF's digital signatures as found when it was added (JSON), NULL: not checked
    'ALTER TABLE "document" ADD COLUMN "signatures" TEXT',
    # the trash: a deleted record with everything that hung off it, as JSON, for 30 days
    ('CREATE TABLE "trash_entry" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"kind" VARCHAR(255) NOT NULL, "label" TEXT NOT NULL, "deleted_at" TEXT NOT NULL, '
     '"payload" TEXT NOT NULL)'),
    'CREATE INDEX "trash_entry_deleted_at" ON "trash_entry" ("deleted_at")',
)


def _version_2(database: SqliteDatabase) -> None:
    """Version 2: countries, contact names kept on logged contacts, verification, trash."""
    for statement in _VERSION_2:
        database.execute_sql(statement)


#: Version 3 (issue 12, speed): a per-application summary of the follow-up rules' answers,
#: and the triggers that mark an application's summary stale in the very transaction that
#: changes anything it was made from. A cache only: never exported in the data file, and a
#: database without a single summary row is complete (every missing one is worked out again).
_VERSION_3_TABLE = (
    ('CREATE TABLE "application_summary" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, '
     '"application_id" INTEGER NOT NULL, "basis" TEXT NOT NULL, "next_kind" TEXT NOT NULL, '
     '"next_on" TEXT, "items" TEXT NOT NULL)'),
    'CREATE UNIQUE INDEX "application_summary_application_id" ON "application_summary" ("application_id")',
)

#: (table, the applications a changed row of it concerns as ``SELECT`` columns and clauses, with
#: ``{row}`` OLD or NEW). 0 stands for every application: contacts and organisations are named
#: by many applications (as recruiter, interviewer, senior contact, employer, agency, the people
#: from last time), so a change to one of them makes every summary stale rather than risk
#: missing one that shows its name.
SUMMARY_SOURCES: tuple[tuple[str, str], ...] = (
    ("application", "{row}.id"),
    ("stage_change", "{row}.application_id"),
    ("interview", "{row}.application_id"),
    ("interaction", "{row}.application_id"),
    ("interview_interviewer", '"application_id" FROM "interview" WHERE "id" = {row}.interview_id'),
    ("contact", "0"),
    ("organisation", "0"),
)

#: The same for a row about to be replaced (``INSERT OR REPLACE`` deletes it without firing
#: DELETE triggers unless ``recursive_triggers`` is on: https://www.sqlite.org/lang_conflict.html).
_REPLACED = {
    "stage_change": '"application_id" FROM "stage_change" WHERE "id" = NEW.id',
    "interview": '"application_id" FROM "interview" WHERE "id" = NEW.id',
    "interaction": '"application_id" FROM "interaction" WHERE "id" = NEW.id',
    "interview_interviewer": ('"application_id" FROM "interview" WHERE "id" IN '
                              '(SELECT "interview_id" FROM "interview_interviewer" WHERE "id" = NEW.id)'),
}


def _mark_stale(which: str) -> str:
    # delete, then insert: no conflict clause, which the statement that fired the trigger
    # (INSERT OR IGNORE, say) would override (https://www.sqlite.org/lang_createtrigger.html)
    column, _, rest = which.partition(" FROM ")
    marked = f"{column}, '', '', NULL, ''" + (f" FROM {rest}" if rest else "")
    return (f'DELETE FROM "application_summary" WHERE "application_id" IN (SELECT {which}); '
            'INSERT INTO "application_summary" ("application_id", "basis", "next_kind", "next_on", "items") '
            f"SELECT {marked};")


def summary_triggers() -> list[str]:
    """The ``CREATE TRIGGER`` statements of version 3 (https://www.sqlite.org/lang_createtrigger.html).

    Each replaces the summary of the applications a changed row concerns with a *stale
    mark* (empty ``basis``), in the transaction of the change; application id 0 marks every
    summary stale at once. A mark is a new row, so its ``id`` (AUTOINCREMENT: higher than
    any id before it) tells a reader holding summaries that something changed since the
    highest id it saw.
    """
    statements = []
    for table, which in SUMMARY_SOURCES:
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            body = " ".join(_mark_stale(which.format(row=row)) for row in rows)
            statements.append(f'CREATE TRIGGER "application_summary_stale_{table}_{event.lower()}" '
                              f'AFTER {event} ON "{table}" BEGIN {body} END')
        if table in _REPLACED:
            statements.append(f'CREATE TRIGGER "application_summary_stale_{table}_replaced" '
                              f'BEFORE INSERT ON "{table}" BEGIN {_mark_stale(_REPLACED[table])} END')
    return statements


def _version_3(database: SqliteDatabase) -> None:
    """Version 3: the application summary (a cache of the follow-up rules' answers) and its triggers."""
    for statement in (*_VERSION_3_TABLE, *summary_triggers()):
        database.execute_sql(statement)


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", _initial_schema),
    Migration(2, "countries, kept contact names, verification, signatures, trash", _version_2),
    Migration(3, "application summary kept by triggers", _version_3),
]


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """The newest version ``migrations`` reach (a positive int)."""
    return max(m.version for m in migrations)


def current_version(database: SqliteDatabase) -> int:
    """0 for a brand-new (empty) database.

    Raises :class:`NotAnAfterviewDatabase` if it holds someone else's tables.
    """
    tables = set(database.get_tables())
    if "schema_version" not in tables:
        if tables:
            raise NotAnAfterviewDatabase(
                f"The file {database.database} is an SQLite database, but not Afterview's. "
                "Afterview has not changed it.")
        return 0
    # plain SQL: the table is version 1's, whatever the models come to say
    row = database.execute_sql("SELECT max(version) FROM schema_version").fetchone()
    return row[0] if row and row[0] is not None else 0


def reference_schema(version: int, migrations: Sequence[Migration] = MIGRATIONS) -> set[tuple[str, str, str, str]]:
    """Every object Afterview's own database holds at ``version``, built by the steps in memory.

    Returns ``(type, name, table, sql)`` for each entry of ``sqlite_master`` (tables,
    indexes, SQLite's automatic indexes, and from version 3 the summary's triggers),
    with runs of white space in ``sql`` made one space. A restore compares a backup's
    database with this, object for object (:func:`schema_of`). Raises ``ValueError``
    for a version no step reaches.
    """
    import sqlite3

    if not 1 <= version <= latest_version(migrations):
        raise ValueError(f"no schema version {version}")
    connection = sqlite3.connect(":memory:")
    try:
        adapter = _SqlOnly(connection)
        for step in sorted(migrations, key=lambda m: m.version):
            if step.version <= version:
                step.apply(adapter)  # type: ignore[arg-type]
        return schema_of(connection)
    finally:
        connection.close()


class _SqlOnly:
    """What a step uses of a Peewee database (``execute_sql``), over a plain ``sqlite3`` connection."""

    def __init__(self, connection: object) -> None:
        self._connection = connection

    def execute_sql(self, sql: str, params: Sequence[object] = ()) -> object:
        return self._connection.execute(sql, tuple(params))  # type: ignore[attr-defined]


def schema_of(connection: object) -> set[tuple[str, str, str, str]]:
    """The ``(type, name, table, sql)`` of every object in a ``sqlite3`` connection's main schema.

    SQLite's statistics tables (``sqlite_stat*``, written by ``ANALYZE``) are left out:
    they hold numbers for the query planner, never code. White space in ``sql`` is
    normalised to single spaces.
    """
    rows = connection.execute(  # type: ignore[attr-defined]
        "SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {(kind, name, table, " ".join((sql or "").split())) for kind, name, table, sql in rows
            if not str(name).startswith("sqlite_stat")}


def _broken_links(database: SqliteDatabase) -> set[tuple[str, int, str]]:
    """Rows whose foreign key points nowhere: (table, rowid, parent table)."""
    return {(table, rowid, parent) for table, rowid, parent, _ in
            database.execute_sql("PRAGMA foreign_key_check").fetchall()}


def copy_before_migration(db_path: Path, from_version: int, to_version: int) -> Path:
    """A whole backup (database snapshot + vault) among the automatic backups, rolling limit 3.

    Restorable from File → Restore… like any other backup.
    """
    from desktop_app.store.backup.automatic import before_migration

    return before_migration(db_path, from_version, to_version).path


def migrate(database: SqliteDatabase, db_path: Path,
            migrations: Sequence[Migration] = MIGRATIONS,
            before: Callable[[Path, int, int], object] = copy_before_migration) -> int:
    """Bring the database to the newest version; returns the version it is at.

    ``before(db_path, from_version, to_version)`` makes the backup, only when an
    existing database (version > 0) is about to change. Raises
    :class:`NewerDatabase` for a database newer than ``migrations``,
    :class:`MigrationFailed` if a step leaves a foreign key pointing nowhere, and
    whatever a step raises; the failing step is rolled back, earlier ones stay.
    """
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
    # Outside any transaction (inside one this pragma does nothing), so a step may drop
    # and rebuild a table that others refer to without cascading deletes; each step is
    # checked for broken links instead, before it commits.
    foreign_keys = database.execute_sql("PRAGMA foreign_keys").fetchone()[0]
    database.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        for step in sorted(migrations, key=lambda m: m.version):
            if step.version <= current:
                continue
            with database.atomic():
                # links already broken before the step (none, normally) are not its fault
                already_broken = _broken_links(database) if step.version > 1 else set()
                step.apply(database)
                broken = _broken_links(database) - already_broken
                if broken:
                    raise MigrationFailed(
                        f"Afterview could not bring its database up to date (step {step.version}, "
                        f"{step.description}): {len(broken)} records would point to records that "
                        "do not exist. Nothing has been changed by this step.")
                database.execute_sql("DELETE FROM schema_version")
                database.execute_sql("INSERT INTO schema_version (version) VALUES (?)", (step.version,))
    finally:
        database.execute_sql(f"PRAGMA foreign_keys = {1 if foreign_keys else 0}")
    return target
