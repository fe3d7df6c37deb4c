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
