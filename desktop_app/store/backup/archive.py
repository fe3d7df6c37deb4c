"""The ``.afterview-backup`` archive: write it, check it, unpack it (no Qt, no Peewee).

An archive is a zip holding exactly::

    manifest.json                 format, versions, created at, size + SHA-256 of each member
    afterview.sqlite3             a consistent snapshot (SQLite online backup API)
    vault/<ab>/<sha256>.pdf       every vault file, named by its own hash

The snapshot is taken with the backup API from its own connection, so the app may
keep working while it runs (WAL: readers never block the writer); a raw copy of a
live WAL database could miss committed pages still in the ``-wal`` file.

Reading it back is :mod:`desktop_app.store.backup.check`'s.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
import stat
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from desktop_app import __version__, clock
from desktop_app.files import atomic_write
from desktop_app.store import claim
from desktop_app.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.store.layout import DATABASE, FILE_MODE, SNAPSHOT_PREFIX, VAULT
from desktop_app.store.errors import DamagedDatabase, DiskFull, StoreError, disk_full_message, is_disk_full
from desktop_app.store.location import connect_read_only, make_private

FORMAT = "afterview-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
VAULT_MEMBER = re.compile(r"^vault/([0-9a-f]{2})/([0-9a-f]{64})\.pdf$")
CHUNK = 1 << 20

# What Afterview itself could ever have written. A declared size beyond these is a
# damaged or hostile archive (a "zip bomb"), refused before anything is unpacked.
MAX_MANIFEST_BYTES = 16 << 20
MAX_DATABASE_BYTES = 2 << 30
MAX_MEMBER_BYTES = 2 << 30
MAX_TOTAL_BYTES = 8 << 30
MAX_MEMBERS = 100_000
# (No limit on the compression ratio: a database with many empty pages legitimately
# shrinks a thousand times. Unpacking streams and stops at the declared size instead.)

class BackupRefused(StoreError):
    """The archive cannot be used; ``str()`` says why in the user's words."""


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    app_version: str
    schema_version: int
    created_at: datetime
    kind: str
    members: tuple[Member, ...]
    #: SHA-256 of documents the database records whose file was already missing from the
    #: vault when the backup was made: said, not hidden, and no reason to refuse a restore
    missing: tuple[str, ...] = ()

    @property
    def document_files(self) -> int:
        return sum(1 for m in self.members if m.name.startswith(VAULT + "/"))

    @property
    def total_size(self) -> int:
        return sum(m.size for m in self.members)

    def as_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "app_version": self.app_version,
                "schema_version": self.schema_version,
                "created_at": self.created_at.astimezone(timezone.utc).isoformat(),
                "kind": self.kind,
                "members": [{"name": m.name, "size": m.size, "sha256": m.sha256} for m in self.members],
                "missing": list(self.missing)}


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000  # type: ignore[assignment]
    return str(size)  # pragma: no cover


# ---------------------------------------------------------------- writing

def snapshot_database(db_path: Path, target: Path) -> int:
    """Copy the live database to ``target`` with the online backup API; returns its schema version.

    The copy is switched to a plain rollback journal so that it is one self-contained file.
    """
    src = connect_read_only(db_path)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst, pages=512)
        dst.execute("PRAGMA journal_mode=DELETE")
        # the backup API copies pages as they are: check them, so a damaged database
        # never becomes a backup that pushes a good one out of the rolling limit
        if dst.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise sqlite3.DatabaseError("quick_check failed")
        row = dst.execute("SELECT max(version) FROM schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if is_disk_full(exc):  # full is not damaged (issue 14, case 6)
            raise DiskFull(disk_full_message(target.parent, _size_of(db_path))) from exc
        raise DamagedDatabase(
            f"Afterview's database is damaged ({exc}), so no backup was made. "
            "Your earlier backups are untouched.") from exc
    finally:
        dst.close()
        src.close()
    make_private(target)
    return int(row[0] or 0)


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def vault_files(vault_dir: Path) -> list[Path]:
    """The stored documents (``vault/<ab>/<sha256>.pdf``), ignoring temporary files."""
    if not vault_dir.is_dir():
        return []
    found = []
    for sub in sorted(vault_dir.iterdir()):
        if not sub.is_dir() or sub.is_symlink() or not re.fullmatch(r"[0-9a-f]{2}", sub.name):
            continue
        for file in sorted(sub.iterdir()):
            rel = f"{VAULT}/{sub.name}/{file.name}"
            match = VAULT_MEMBER.match(rel)
            if match and match.group(2).startswith(match.group(1)) and file.is_file() \
                    and not file.is_symlink():
                found.append(file)
    return found


def _copy_into(zf: zipfile.ZipFile, source: Path, name: str, compress: int, done: int, total: int,
               progress: ProgressFn, cancelled: CancelledFn) -> tuple[Member, int]:
    info = zipfile.ZipInfo(name, date_time=clock.now().timetuple()[:6])
    info.compress_type = compress
    info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as src, zf.open(info, "w", force_zip64=True) as out:
        while chunk := src.read(CHUNK):
            if cancelled():
                raise Cancelled()
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
            done += len(chunk)
            progress(min(done, total), total)
    return Member(name, size, digest.hexdigest()), done


def write_archive(db_path: Path, vault_dir: Path, target: Path, *, kind: str = "manual",
                  scratch_dir: Path | None = None, progress: ProgressFn = no_progress,
                  cancelled: CancelledFn = never_cancelled, now: datetime | None = None) -> Manifest:
    """Write a whole backup to ``target`` (replaced only once complete; mode 0600).

    ``scratch_dir`` holds the database snapshot while it is zipped (the data folder,
    so the private snapshot never lands in a shared temporary folder). Raises
    :class:`~desktop_app.progress.Cancelled` when ``cancelled()`` turns true,
    :class:`DamagedDatabase` when the snapshot fails its check, ``OSError`` when a
    file cannot be written; in every case ``target`` is as it was and no temporary
    file is left.
    """
    target = Path(target)
    scratch_dir = scratch_dir or target.parent
    # Both temporary files are registered with the data folder before they exist: a
    # start-up sweep beside this backup leaves them alone, and after a crash the next
    # one removes them, even the half-written archive in a folder outside the data folder.
    snapshot = Path(scratch_dir) / f"{SNAPSHOT_PREFIX}{secrets.token_hex(8)}.sqlite3"
    data_dir = Path(db_path).parent
    with claim.registered(data_dir, snapshot.parent, f"{snapshot.name}*"), \
            claim.registered(data_dir, target.parent, claim.part_pattern(target)):
        return _write_archive(db_path, vault_dir, target, snapshot, kind, progress, cancelled, now)


def _write_archive(db_path: Path, vault_dir: Path, target: Path, snapshot: Path, kind: str,
                   progress: ProgressFn, cancelled: CancelledFn, now: datetime | None) -> Manifest:
    try:
        schema_version = snapshot_database(db_path, snapshot)
        files = vault_files(vault_dir)
        sizes = [snapshot.stat().st_size] + [f.stat().st_size for f in files]
        total = max(sum(sizes), 1)
        members: list[Member] = []
        done = 0
        progress(0, total)
        # the zip streams into the shared safe writer: a cancel, an error or Ctrl+C
        # anywhere in here removes the half-written archive and leaves ``target`` alone
        with atomic_write(target) as fh, zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
            member, done = _copy_into(zf, snapshot, DATABASE, zipfile.ZIP_DEFLATED, done, total,
                                      progress, cancelled)
            members.append(member)
            for file in files:
                name = f"{VAULT}/{file.parent.name}/{file.name}"
                # PDFs are compressed already: storing them is as small and much faster
                member, done = _copy_into(zf, file, name, zipfile.ZIP_STORED, done, total,
                                          progress, cancelled)
                members.append(member)
            manifest = Manifest(__version__, schema_version, now or clock.utc_now(),
                                kind, tuple(members), _missing_documents(snapshot, members))
            zf.writestr(_manifest_info(), json.dumps(manifest.as_json(), indent=2))
        progress(total, total)
        return manifest
    finally:
        snapshot.unlink(missing_ok=True)


def _manifest_info() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(MANIFEST, date_time=clock.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
    return info


def _missing_documents(snapshot: Path, members: list[Member]) -> tuple[str, ...]:
    """Documents the snapshot records whose file is not in the archive (gone from the vault).

    A backup is still made (a missing file must not also cost the user their backups,
    nor block a migration); the manifest says which, and Verify vault finds them.
    """
    have = {m.name.rsplit("/", 1)[-1][:-4] for m in members if m.name.startswith(VAULT + "/")}
    return tuple(sorted(set(referenced_hashes(snapshot)) - have))


def referenced_hashes(db_file: Path) -> list[str]:
    con = connect_read_only(db_file)
    try:
        return [r[0] for r in con.execute("SELECT DISTINCT sha256 FROM document")]
    finally:
        con.close()
