"""Backup and restore round-trip everything, while the store is open, and all or nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.progress import Cancelled
from desktop_app.services import backup
from desktop_app.services.applications import organisations
from desktop_app.store import models as m
from desktop_app.store.backup import swap
from desktop_app.store.db import close_database
from desktop_app.store.layout import RESTORE_MARKER
from desktop_app.store.migrations import latest_version
from desktop_app.store.open import open_database
from tests.helpers.backup_samples import database_sound, export_json, vault_hashes

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _dump(data_dir: Path) -> list[str]:
    """Every row of every table (templates, Today's dismissals, packs made included)."""
    con = sqlite3.connect(data_dir / "afterview.sqlite3")
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_round_trip_into_an_empty_folder(rich_store: Path, tmp_path: Path) -> None:
    from desktop_app.services.core import messages

    # what the data file does not carry must travel in a backup too
    messages.save_template("thank_you", "Thanks, {contact_first_name}", "Dear {contact_first_name},\nThank you.")
    m.DueState.create(key="follow_up:1", dismissed=True)
    m.PackExport.create(made_at=datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc), referees='["Ada"]')
    steps: list[tuple[int, int]] = []
    manifest = backup.create_backup(rich_store, tmp_path / "mine", progress=lambda d, t: steps.append((d, t)))
    archive = tmp_path / "mine.afterview-backup"
    assert archive.is_file() and stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert steps[-1][0] == steps[-1][1] and len(steps) > 3
    assert manifest.document_files == len(vault_hashes(rich_store)) >= 3
    assert manifest.app_version == __version__
    with zipfile.ZipFile(archive) as zf:
        data = json.loads(zf.read("manifest.json"))
        assert sorted(zf.namelist()) == sorted(["manifest.json"] + [mm["name"] for mm in data["members"]])
    assert data["format_version"] == 1 and data["schema_version"] == latest_version()
    assert data["created_at"].endswith("+00:00")
    assert all(len(mm["sha256"]) == 64 and mm["size"] > 0 for mm in data["members"])
    close_database()

    fresh = tmp_path / "fresh"
    backup.restore_backup(fresh, archive)
    assert export_json(fresh) == export_json(rich_store)
    assert _dump(fresh) == _dump(rich_store)
    assert vault_hashes(fresh) == vault_hashes(rich_store)
    assert all(name[:-4] == digest for name, digest in vault_hashes(fresh).items())
    database_sound(fresh)


def test_the_snapshot_holds_edits_not_yet_checkpointed(store: Path, tmp_path: Path) -> None:
    # the app stays open: the last edits live only in the -wal file until a checkpoint
    organisations.create_organisation({"name": "Written a moment ago"})
    assert (store / "afterview.sqlite3-wal").stat().st_size > 0
    backup.create_backup(store, tmp_path / "open.afterview-backup")
    organisations.create_organisation({"name": "After the backup"})
    close_database()
    restored = tmp_path / "restored"
    backup.restore_backup(restored, tmp_path / "open.afterview-backup")
    open_database(restored)
    assert [o.name for o in m.Organisation.select()] == ["Written a moment ago"]
    close_database()


def test_cancelling_a_backup_leaves_nothing(rich_store: Path, tmp_path: Path) -> None:
    calls = {"n": 0}

    def cancel_soon() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        backup.create_backup(rich_store, out / "x.afterview-backup", cancelled=cancel_soon)
    assert list(out.iterdir()) == []
    assert list((rich_store / "backups").iterdir()) == []  # its snapshot went too


def test_a_missing_folder_is_refused_in_plain_words(store: Path, tmp_path: Path) -> None:
    with pytest.raises(backup.BackupError, match="does not exist"):
        backup.create_backup(store, tmp_path / "nowhere" / "x.afterview-backup")


def test_restore_replaces_the_data_and_keeps_the_old_as_a_backup(rich_store: Path, tmp_path: Path) -> None:
    archive = tmp_path / "before.afterview-backup"
    backup.create_backup(rich_store, archive)
    organisations.create_organisation({"name": "Made after the backup"})
    close_database()
    changed = export_json(rich_store)

    prepared = backup.restore_backup(rich_store, archive)
    restored = export_json(rich_store)
    assert all(o["name"] != "Made after the backup" for o in restored["organisations"])  # type: ignore[index, union-attr]
    database_sound(rich_store)
    # the replaced data is now the newest automatic backup, and restores exactly
    kept = backup.automatic_backups(rich_store)
    assert kept[0].kind == "before-restore" and kept[0].path == prepared.kept
    backup.restore_backup(rich_store, kept[0].path)
    assert export_json(rich_store) == changed
    assert not [p for p in rich_store.iterdir() if p.name.startswith(".restore")]


def test_a_restore_failing_half_way_changes_nothing(rich_store: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "b.afterview-backup"
    backup.create_backup(rich_store, archive)
    organisations.create_organisation({"name": "Only in the current data"})
    prepared = backup.prepare_restore(rich_store, archive)
    close_database()
    watched = {k: v for k, v in _tree(rich_store).items() if not k.startswith(("backups", ".restore"))}

    real_rename = os.rename
    count = {"n": 0}

    def failing_rename(src: object, dst: object) -> None:
        count["n"] += 1
        if count["n"] == 4:  # after the old data moved aside, while the new comes in
            raise OSError(28, "No space left on device")
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(swap.os, "rename", failing_rename)
    with pytest.raises(backup.BackupError, match="your data is as it was"):
        backup.commit_restore(prepared)
    monkeypatch.undo()
    after = {k: v for k, v in _tree(rich_store).items() if not k.startswith(("backups", ".restore"))}
    assert after == watched
    assert not (rich_store / RESTORE_MARKER).exists()
    assert not [p for p in rich_store.iterdir() if p.name.startswith(".restore")]


def test_a_damaged_current_database_is_kept_aside_on_restore(rich_store: Path, tmp_path: Path) -> None:
    archive = tmp_path / "good.afterview-backup"
    backup.create_backup(rich_store, archive)
    close_database()
    good = export_json(rich_store)
    db_file = rich_store / "afterview.sqlite3"
    damaged = b"not a database any more" * 100
    db_file.write_bytes(damaged)
    prepared = backup.restore_backup(rich_store, archive, damaged=True)
    assert prepared.kept is not None and prepared.kept.name.startswith("damaged data ")
    assert (prepared.kept / "afterview.sqlite3").read_bytes() == damaged
    assert vault_hashes(prepared.kept) == vault_hashes(rich_store)
    assert export_json(rich_store) == good


def test_restore_reopens_at_the_current_schema(rich_store: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.afterview-backup"
    manifest = backup.create_backup(rich_store, archive)
    assert backup.check_backup(archive) == manifest
    assert f"{len(vault_hashes(rich_store))} document files" in backup.describe(manifest)


def test_cancelling_a_restore_changes_nothing(rich_store: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.afterview-backup"
    backup.create_backup(rich_store, archive)
    organisations.create_organisation({"name": "Only in the current data"})
    close_database()
    before = export_json(rich_store)
    # progress runs 0–1000 over three phases: checking, unpacking, keeping the current data
    for stop_at in (100, 500, 800):
        seen = {"done": 0}

        def progress(done: int, _total: int) -> None:
            seen["done"] = done

        def cancel(stop: int = stop_at) -> bool:
            return seen["done"] >= stop

        open_database(rich_store)
        with pytest.raises(Cancelled):
            backup.prepare_restore(rich_store, archive, progress=progress, cancelled=cancel)
        assert stop_at <= seen["done"] < 1000
        close_database()
        assert export_json(rich_store) == before
        assert not [p for p in rich_store.iterdir() if p.name.startswith(".restore")]
        assert not [p for p in (rich_store / "backups").iterdir() if p.name.startswith(".")]


def test_a_document_file_missing_from_the_vault_is_named_not_fatal(rich_store: Path, tmp_path: Path) -> None:
    gone = sorted((rich_store / "vault").glob("*/*.pdf"))[0]
    gone.unlink()
    archive = tmp_path / "b.afterview-backup"
    manifest = backup.create_backup(rich_store, archive)
    assert manifest.missing == (gone.stem,)
    close_database()
    fresh = tmp_path / "fresh"
    backup.restore_backup(fresh, archive)
    assert export_json(fresh) == export_json(rich_store)
    assert not (fresh / "vault" / gone.parent.name / gone.name).exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_everything_afterview_writes_is_private_from_the_start(demo_store: Path, tmp_path: Path) -> None:
    from desktop_app.services.vault import adding as vault_import
    from tests.helpers.vault_samples import make_pdf

    old_umask = os.umask(0o022)  # a typical, permissive umask: Afterview must not rely on it
    try:
        vault_import.add_document(make_pdf(tmp_path / "t.pdf"), kind="transcript")
        backup.daily_backup_if_due(demo_store, now=NOON)
        archive = tmp_path / "elsewhere.afterview-backup"
        backup.create_backup(demo_store, archive)
        close_database()
        backup.restore_backup(demo_store, archive)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    for path in [demo_store, *demo_store.rglob("*")]:
        if path.name == "afterview.lock":
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_a_full_disk_during_a_backup_is_said_as_such(store: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Case 6 of issue 14: the snapshot meeting SQLITE_FULL, or the archive ENOSPC, is not "damaged"."""
    import errno
    import sqlite3

    from desktop_app.services import backup as service
    from desktop_app.store.backup import archive

    real_connect = sqlite3.connect

    class FullConnection:
        def __init__(self, connection: sqlite3.Connection) -> None:
            self._c = connection

        def backup(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            raise sqlite3.OperationalError("database or disk is full")

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(self._c, name)

    monkeypatch.setattr(archive, "connect_read_only", lambda p, **k: FullConnection(real_connect(p)))
    with pytest.raises(service.BackupError) as caught:
        service.create_backup(store, tmp_path / "one")
    assert "is full" in str(caught.value) and "damaged" not in str(caught.value).replace("not damaged", "")
    monkeypatch.undo()

    def no_space(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(archive, "_copy_into", no_space)
    with pytest.raises(service.BackupError) as caught:
        service.create_backup(store, tmp_path / "two")
    assert "is full" in str(caught.value) and "It needs about" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == []


def test_a_restore_with_no_room_to_keep_the_current_data_changes_nothing(store: Path, tmp_path: Path,
                                                                         monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Case 9 of issue 14: when the before-restore backup does not fit, nothing is claimed kept."""
    import errno

    from desktop_app.services import backup as service
    from desktop_app.services.applications import organisations
    from desktop_app.store.backup import automatic

    organisations.create_organisation({"name": "Mine"})
    archive = tmp_path / "b.afterview-backup"
    service.create_backup(store, archive)
    before = sorted(str(p.relative_to(store)) for p in store.rglob("*"))

    def no_room(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(automatic, "make_backup", no_room)
    with pytest.raises(service.BackupError) as caught:
        service.restore_backup(store, archive)
    assert "is full" in str(caught.value) and "nothing has been changed" in str(caught.value)
    assert sorted(str(p.relative_to(store)) for p in store.rglob("*")) == before
