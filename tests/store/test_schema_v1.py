"""Version 1 of the schema is frozen: step 1 writes exactly the SQL the released Afterview wrote."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from desktop_app.store import migrations

DATABASES = Path(__file__).resolve().parents[1] / "data" / "databases"


def test_version_1_is_frozen_exactly_as_released(tmp_path: Path) -> None:
    """Step 1 writes the very SQL the released Afterview wrote, whatever the models say now."""
    path = tmp_path / "step1.sqlite3"
    database = SqliteDatabase(str(path))
    migrations.migrate(database, path, migrations.MIGRATIONS[:1])
    database.close()
    query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
    with sqlite3.connect(path) as made, sqlite3.connect(f"file:{DATABASES / 'v1.sqlite3'}?mode=ro",
                                                        uri=True) as released:
        assert made.execute(query).fetchall() == released.execute(query).fetchall()
    made.close()
    released.close()
