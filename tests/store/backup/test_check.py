"""Damaged or hostile backup archives are refused with their reason, and write nothing.

Each archive is a real file built on the spot: a good backup, then broken the way a
bad disk, an interrupted download or an attacker would break it.
"""

from __future__ import annotations

import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.services import backup
from desktop_app.store.db import close_database
from tests.helpers.backup_samples import fill_documents, vault_hashes


@pytest.fixture
def good_archive(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    fill_documents(demo_store, count=2)
    folder = tmp_path_factory.mktemp("archives")
    target = folder / "good.afterview-backup"
    backup.create_backup(demo_store, target)
    close_database()
    return target


def _rewrite(source: Path, target: Path, change: Callable[[zipfile.ZipFile, zipfile.ZipFile], None]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        change(zin, zout)
    return target


def _copy_all(zin: zipfile.ZipFile, zout: zipfile.ZipFile, skip: tuple[str, ...] = (),
              manifest: dict[str, object] | None = None) -> None:
    for info in zin.infolist():
        if info.filename in skip:
            continue
        if info.filename == "manifest.json" and manifest is not None:
            zout.writestr(info, json.dumps(manifest))
        else:
            zout.writestr(info, zin.read(info.filename))


def _manifest(zin: zipfile.ZipFile) -> dict[str, object]:
    return json.loads(zin.read("manifest.json"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*"))}


def truncated(src: Path, dst: Path) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: len(data) * 2 // 3])
    return dst


def hash_mismatch(src: Path, dst: Path) -> Path:
    def change(zin: zipfile.ZipFile, zout: zipfile.ZipFile) -> None:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename.startswith("vault/"):
                body = body[:-10] + b"0123456789"  # same size, different content
            zout.writestr(info, body)
    return _rewrite(src, dst, change)


def zip_slip(src: Path, dst: Path) -> Path:
    def change(zin: zipfile.ZipFile, zout: zipfile.ZipFile) -> None:
        manifest = _manifest(zin)
        evil = b"owned"
        import hashlib
        manifest["members"].append({"name": "../../x", "size": len(evil),  # type: ignore[attr-defined]
                                    "sha256": hashlib.sha256(evil).hexdigest()})
        _copy_all(zin, zout, manifest=manifest)
        zout.writestr("../../x", evil)
    return _rewrite(src, dst, change)


def symlink_member(src: Path, dst: Path) -> Path:
    def change(zin: zipfile.ZipFile, zout: zipfile.ZipFile) -> None:
        _copy_all(zin, zout)
        info = zipfile.ZipInfo("vault/ab/" + "ab" + "0" * 62 + ".pdf")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zout.writestr(info, "/etc/passwd")
    return _rewrite(src, dst, change)


def ten_gigabytes(src: Path, dst: Path) -> Path:
    """A member whose central directory claims 10 GB (a zip bomb's signature)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", allowZip64=True) as zout:
        _copy_all(zin, zout)
        for info in zout.filelist:
            if info.filename.startswith("vault/"):
                info.file_size = 10 * 1000**3
                break
    return dst


def no_manifest(src: Path, dst: Path) -> Path:
    return _rewrite(src, dst, lambda zin, zout: _copy_all(zin, zout, skip=("manifest.json",)))


def newer_schema(src: Path, dst: Path) -> Path:
    def change(zin: zipfile.ZipFile, zout: zipfile.ZipFile) -> None:
        manifest = _manifest(zin)
        manifest["schema_version"] = 99
        _copy_all(zin, zout, manifest=manifest)
    return _rewrite(src, dst, change)


def absolute_path(src: Path, dst: Path) -> Path:
    def change(zin: zipfile.ZipFile, zout: zipfile.ZipFile) -> None:
        _copy_all(zin, zout)
        info = zipfile.ZipInfo("x")
        info.filename = "/tmp/afterview-owned"  # ZipInfo would strip the slash; force it back
        zout.writestr(info, b"owned")
    return _rewrite(src, dst, change)


def unknown_member(src: Path, dst: Path) -> Path:
    def change(zin: zipfile.ZipFile, zout: zipfile.ZipFile) -> None:
        _copy_all(zin, zout)
        zout.writestr("autorun.sh", b"echo hi")
    return _rewrite(src, dst, change)


def not_a_zip(_src: Path, dst: Path) -> Path:
    dst.write_bytes(b"%PDF-1.7 this is a PDF someone renamed\n" * 50)
    return dst


CASES = [
    (truncated, "damaged or incomplete"),
    (hash_mismatch, "does not match its recorded fingerprint"),
    (zip_slip, "climbs out of its folder"),
    (symlink_member, "contains a link"),
    (ten_gigabytes, "declares 10.0 GB"),
    (no_manifest, "has no manifest"),
    (newer_schema, "newer version of Afterview"),
    (absolute_path, "absolute path"),
    (unknown_member, "does not know"),
    (not_a_zip, "not an Afterview backup"),
]


@pytest.mark.parametrize(("breaker", "reason"), CASES, ids=[c[0].__name__ for c in CASES])
def test_a_broken_archive_is_refused_with_its_reason(good_archive: Path, demo_store: Path, tmp_path: Path,
                                                     breaker: Callable[[Path, Path], Path],
                                                     reason: str) -> None:
    bad = breaker(good_archive, good_archive.parent / f"{breaker.__name__}.afterview-backup")
    outside = tmp_path.parent
    before_data = _snapshot(demo_store)
    before_around = sorted(p.name for p in outside.iterdir())
    before_archives = sorted(p.name for p in good_archive.parent.iterdir())

    with pytest.raises(backup.BackupError, match=reason) as caught:
        backup.check_backup(bad)
    assert "Nothing has been changed" in str(caught.value)
    with pytest.raises(backup.BackupError, match=reason):
        backup.restore_backup(demo_store, bad)

    assert _snapshot(demo_store) == before_data  # no staging folder left, nothing replaced
    assert sorted(p.name for p in outside.iterdir()) == before_around
    assert sorted(p.name for p in good_archive.parent.iterdir()) == before_archives
    assert not Path("/tmp/afterview-owned").exists()


def test_the_good_archive_itself_is_accepted(good_archive: Path, demo_store: Path) -> None:
    assert backup.check_backup(good_archive).document_files == len(vault_hashes(demo_store)) >= 2


def test_a_disk_without_room_is_refused_before_unpacking(good_archive: Path, demo_store: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from collections import namedtuple

    from desktop_app.store.backup import check as backup_check

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(backup_check.shutil, "disk_usage", lambda _p: usage(10**9, 10**9 - 1000, 1000))
    before = _snapshot(demo_store)
    with pytest.raises(backup.BackupError, match="free disk space"):
        backup.restore_backup(demo_store, good_archive)
    monkeypatch.undo()
    assert _snapshot(demo_store) == before


def _with_planted(src: Path, dst: Path, statement: str, scratch: Path) -> Path:
    """A copy of ``src`` whose database also holds ``statement``'s object, manifest kept consistent."""
    import hashlib
    import sqlite3

    scratch.mkdir(exist_ok=True)
    db_file = scratch / "afterview.sqlite3"
    with zipfile.ZipFile(src) as zin:
        db_file.write_bytes(zin.read("afterview.sqlite3"))
        con = sqlite3.connect(db_file)
        con.executescript(statement)
        con.commit()
        con.close()
        data = db_file.read_bytes()
        manifest = _manifest(zin)
        for member in manifest["members"]:  # type: ignore[union-attr]
            if member["name"] == "afterview.sqlite3":
                member["size"] = len(data)
                member["sha256"] = hashlib.sha256(data).hexdigest()
        with zipfile.ZipFile(dst, "w") as zout:
            for info in zin.infolist():
                if info.filename == "afterview.sqlite3":
                    zout.writestr(info, data)
                elif info.filename == "manifest.json":
                    zout.writestr(info, json.dumps(manifest))
                else:
                    zout.writestr(info, zin.read(info.filename))
    return dst


PLANTED = [
    ("CREATE TRIGGER wipe AFTER INSERT ON organisation BEGIN DELETE FROM referee; END",
     "a trigger named 'wipe'"),
    ("CREATE VIEW everyone AS SELECT * FROM referee", "a view named 'everyone'"),
    ("CREATE TABLE notes (x)", "a table named 'notes'"),
    ("CREATE INDEX sneaky ON referee (name)", "an index named 'sneaky'"),
]


@pytest.mark.parametrize(("statement", "reason"), PLANTED, ids=["trigger", "view", "table", "index"])
def test_a_backup_with_anything_beyond_afterview_s_schema_is_refused(
        good_archive: Path, demo_store: Path, tmp_path: Path, statement: str, reason: str) -> None:
    """Case 4 of issue 14: a hostile backup plants a trigger; the restore refuses it, changing nothing."""
    bad = _with_planted(good_archive, tmp_path / "planted.afterview-backup", statement, tmp_path / "x")
    backup.check_backup(bad)  # a sound archive on its face: only its database gives it away
    before = _snapshot(demo_store)
    with pytest.raises(backup.BackupError, match=reason) as caught:
        backup.restore_backup(demo_store, bad)
    assert "Nothing has been changed" in str(caught.value)
    assert _snapshot(demo_store) == before


BROKEN_VALUES = [
    ("PRAGMA ignore_check_constraints = 1; UPDATE application SET stage = 'zzz';",
     "an application in its database breaks Afterview's own rules"),
    ("UPDATE interview SET at = '9999-12-31T10:00:00+00:00';",
     "an interview in its database is dated '9999-12-31T10:00:00\\+00:00', which is not between"),
    ("UPDATE interaction SET at = 'garbage';", "a logged contact in its database is dated 'garbage', which is not a date"),
    ("UPDATE application SET applied_on = '9999-12-31';", "an application in its database is dated '9999-12-31'"),
    ("UPDATE application SET employer_id = 999;", "an application in its database points at an organisation "
                                                  "that is not there"),
]


@pytest.mark.parametrize(("statement", "reason"), BROKEN_VALUES,
                         ids=["check-constraint", "interview-year", "interaction-garbage", "applied-year",
                              "dangling-employer"])
def test_a_backup_whose_records_break_afterview_s_rules_is_refused(
        good_archive: Path, demo_store: Path, tmp_path: Path, statement: str, reason: str) -> None:
    """A backup whose records break Afterview's rules is refused before the swap, not called damaged after."""
    bad = _with_planted(good_archive, tmp_path / "broken.afterview-backup", statement, tmp_path / "x")
    before = _snapshot(demo_store)
    with pytest.raises(backup.BackupError, match=reason) as caught:
        backup.restore_backup(demo_store, bad)
    assert "Nothing has been changed" in str(caught.value)
    assert _snapshot(demo_store) == before


def test_afterview_s_own_schema_is_what_the_migrations_build() -> None:
    import sqlite3

    from desktop_app.store.migrations import reference_schema, schema_of

    released = Path(__file__).parents[2] / "data" / "databases" / "v1.sqlite3"
    con = sqlite3.connect(f"{released.as_uri()}?mode=ro", uri=True)
    try:
        assert schema_of(con) == reference_schema(1)
    finally:
        con.close()
    assert not any(kind in ("trigger", "view") for kind, *_ in reference_schema(2))


def test_a_changed_afterview_table_is_named_as_changed(good_archive: Path, demo_store: Path, tmp_path: Path) -> None:
    statement = "ALTER TABLE organisation ADD COLUMN extra TEXT;"
    bad = _with_planted(good_archive, tmp_path / "changed.afterview-backup", statement, tmp_path / "x")
    with pytest.raises(backup.BackupError) as caught:
        backup.restore_backup(demo_store, bad)
    assert "its table 'organisation' has been changed from Afterview's own" in str(caught.value)
    assert "a changed table" not in str(caught.value)
