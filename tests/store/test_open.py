"""Opening a data folder: the database connected as the house plan says, everything in the folder private."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from desktop_app.services import backup
from desktop_app.store.db import close_database, database_path
from desktop_app.store.open import open_database

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_loosened_permissions_are_repaired_when_the_store_opens(store: Path) -> None:
    backup.daily_backup_if_due(store, now=NOON)
    vault_file = store / "vault" / "ab" / ("ab" + "0" * 62 + ".pdf")
    vault_file.parent.mkdir(parents=True)
    vault_file.write_bytes(b"%PDF-1.7")
    close_database()
    loose = [store, store / "vault", vault_file.parent]
    for folder in loose:
        folder.chmod(0o755)
    files = [store / "afterview.sqlite3", vault_file, *(store / "backups").iterdir()]
    for file in files:
        file.chmod(0o644)
    open_database(store)
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o700 for f in loose + [store / "backups"])
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_and_database_are_private(store: Path) -> None:
    assert stat.S_IMODE(store.stat().st_mode) == 0o700
    assert stat.S_IMODE(database_path(store).stat().st_mode) == 0o600


def test_a_full_disk_is_not_called_damage(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Case 6 of issue 14: SQLite's "database or disk is full" is said as a full disk, with no offer to restore."""
    import peewee

    from desktop_app.store import open as store_open
    from desktop_app.store.errors import DamagedDatabase, DiskFull

    data = tmp_path / "data"
    store_open.open_database(data)
    from desktop_app.store.db import close_database

    close_database()

    def full(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise peewee.OperationalError("database or disk is full")

    monkeypatch.setattr(peewee.SqliteDatabase, "connect", full)
    with pytest.raises(DiskFull) as caught:
        store_open.open_database(data)
    assert not isinstance(caught.value, DamagedDatabase)
    assert "full" in str(caught.value) and "not damaged" in str(caught.value)
    assert "damaged, so it cannot be opened" not in str(caught.value)


def test_at_a_full_disk_sqlite_s_io_error_is_said_as_a_full_disk(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """At 100 % SQLite cannot make its -shm file and says "disk I/O error": not damage either."""
    import shutil
    from collections import namedtuple

    import peewee

    from desktop_app.store import open as store_open
    from desktop_app.store.errors import DamagedDatabase, DiskFull

    data = tmp_path / "data"
    store_open.open_database(data)
    close_database()

    def io_error(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise peewee.OperationalError("disk I/O error")

    monkeypatch.setattr(peewee.SqliteDatabase, "connect", io_error)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9, 0))
    with pytest.raises(DiskFull):
        store_open.open_database(data)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 0, 10**9))
    with pytest.raises(DamagedDatabase):  # with room to spare, an I/O error is a real problem
        store_open.open_database(data)


def test_a_reader_still_opens_the_data_when_the_disk_is_100_percent_full(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: at 100 % full ``due``, ``data export`` and ``vault list`` refused, though they write nothing."""
    import shutil
    from collections import namedtuple

    import peewee

    from desktop_app.store import models as m
    from desktop_app.store import open as store_open
    from desktop_app.store.errors import DiskFull

    data = tmp_path / "data"
    store_open.open_database(data)
    m.Organisation.create(name="Acme")
    close_database()
    real_connect = peewee.SqliteDatabase.connect

    def no_room_for_shm(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "immutable=1" not in str(self.database):
            raise peewee.OperationalError("disk I/O error")
        return real_connect(self, *args, **kwargs)

    monkeypatch.setattr(peewee.SqliteDatabase, "connect", no_room_for_shm)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9, 0))
    with pytest.raises(DiskFull):  # a writer is still told the disk is full
        store_open.open_database(data)
    with pytest.raises(DiskFull):  # another process is writing: its changes could be missed
        store_open.open_database_for_reading(data, nobody_writing=False)
    before = sorted(p.name for p in data.iterdir())
    store_open.open_database_for_reading(data, nobody_writing=True)
    try:
        assert [o.name for o in m.Organisation.select()] == ["Acme"]
        with pytest.raises(peewee.OperationalError):
            m.Organisation.create(name="never written")
    finally:
        close_database()
    assert sorted(p.name for p in data.iterdir()) == before  # no -shm, no -wal
