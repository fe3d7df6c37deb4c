"""The half of opening the store that needs no Peewee: tidying the folder, and telling
whether the database can be connected as it is (the window then connects it after its
first paint)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.store.db import close_database, database_path
from desktop_app.store.errors import DamagedDatabase
from desktop_app.store.migrations import latest_version
from desktop_app.store.preflight import opens_as_is, prepare_store


def _unchanged(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_a_database_at_the_newest_version_opens_as_it_is(store: Path) -> None:
    close_database()
    path = prepare_store(store)
    assert path == database_path(store)
    before = _unchanged(path)
    assert opens_as_is(path)
    assert _unchanged(path) == before  # read only


def test_a_new_folder_must_be_connected_at_once(tmp_path: Path) -> None:
    path = prepare_store(tmp_path / "new")
    assert (tmp_path / "new").is_dir() and not path.exists()
    assert not opens_as_is(path)
    assert not path.exists()  # nothing created


@pytest.mark.parametrize("change", ["older", "newer", "foreign", "empty version table"])
def test_a_database_that_needs_a_step_or_a_refusal_is_not_as_it_is(store: Path, change: str) -> None:
    close_database()
    path = database_path(store)
    with sqlite3.connect(path) as connection:
        if change == "older":
            connection.execute("UPDATE schema_version SET version = ?", (latest_version() - 1,))
        elif change == "newer":
            connection.execute("UPDATE schema_version SET version = ?", (latest_version() + 1,))
        elif change == "foreign":
            connection.execute("DROP TABLE schema_version")
        else:
            connection.execute("DELETE FROM schema_version")
    connection.close()
    assert not opens_as_is(path)


def test_a_damaged_database_is_not_as_it_is_and_is_not_written(store: Path) -> None:
    close_database()
    path = database_path(store)
    data = bytearray(path.read_bytes())
    data[len(data) // 2:] = bytes(len(data) - len(data) // 2)  # the second half zeroed
    path.write_bytes(bytes(data))
    before = _unchanged(path)
    assert not opens_as_is(path)
    assert _unchanged(path) == before


def test_a_file_that_is_not_sqlite_is_refused_before_anything_opens_it(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    path = tmp_path / "d" / "afterview.sqlite3"
    path.write_text("not a database")
    with pytest.raises(DamagedDatabase, match="is not an Afterview database"):
        prepare_store(tmp_path / "d")
    assert not opens_as_is(path)
    assert path.read_text() == "not a database"
