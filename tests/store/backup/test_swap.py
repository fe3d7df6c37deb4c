"""Swapping restored data in: a swap cut short is rolled back when the store next opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services import backup
from desktop_app.services.applications import organisations
from desktop_app.store.backup import swap
from desktop_app.store.db import close_database
from desktop_app.store.layout import RESTORE_MARKER
from tests.helpers.backup_samples import database_sound, export_json


def test_an_interrupted_swap_is_rolled_back_when_the_store_opens(rich_store: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.afterview-backup"
    backup.create_backup(rich_store, archive)
    organisations.create_organisation({"name": "Only in the current data"})
    close_database()
    expected = export_json(rich_store)
    for stop_after in ("moved aside afterview.sqlite3", "moved aside vault", "moved in afterview.sqlite3"):
        prepared = backup.prepare_restore(rich_store, archive)

        class Died(BaseException):
            pass

        def die(step: str, stop: str = stop_after) -> None:
            if step == stop:
                raise Died()

        # the process "dies": simulate by leaving the marker behind (no in-process roll-back)
        original = swap.finish_interrupted_work
        swap.finish_interrupted_work = lambda _d: False  # type: ignore[assignment]
        try:
            with pytest.raises(Died):
                swap.swap_in(rich_store, prepared.staging, on_step=die)
        finally:
            swap.finish_interrupted_work = original  # type: ignore[assignment]
        assert (rich_store / RESTORE_MARKER).exists()
        assert export_json(rich_store) == expected  # opening the store rolled it back
        database_sound(rich_store)
        assert not [p for p in rich_store.iterdir() if p.name.startswith(".restore")]
