"""The ``.afterview-backup`` archive: write it, check it, unpack it (no Qt, no Peewee).

An archive is a zip holding exactly::

    manifest.json                 format, versions, created at, size + SHA-256 of each member
    afterview.sqlite3             a consistent snapshot (SQLite online backup API)
    vault/<ab>/<sha256>.pdf       every vault file, named by its own hash

The snapshot is taken with the backup API from its own connection, so the app may
keep working while it runs (WAL: readers never block the writer); a raw copy of a
live WAL database could miss committed pages still in the ``-wal`` file.

Reading trusts nothing: every name, size and hash is checked against the manifest
and the layout before a single byte is written, and unpacking re-checks each hash as
it writes (the file could change between the two passes). Refusals raise
:class:`BackupRefused` with a sentence for the user.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

from desktop_app import __version__
from desktop_app.store.data_layout import BACKUP_SUFFIX, DATABASE, VAULT, fsync_folder
from desktop_app.store.errors import DamagedDatabase, StoreError
from desktop_app.store.location import FILE_MODE, FOLDER_MODE, make_private

SUFFIX = BACKUP_SUFFIX
FORMAT = "afterview-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_VAULT_MEMBER = re.compile(r"^vault/([0-9a-f]{2})/([0-9a-f]{64})\.pdf$")
_CHUNK = 1 << 20

# What Afterview itself could ever have written. A declared size beyond these is a
# damaged or hostile archive (a "zip bomb"), refused before anything is unpacked.
MAX_MANIFEST_BYTES = 16 << 20
MAX_DATABASE_BYTES = 2 << 30
MAX_MEMBER_BYTES = 2 << 30
MAX_TOTAL_BYTES = 8 << 30
MAX_MEMBERS = 100_000
#: a member that inflates more than this many times (and is big) is not a PDF or a database
MAX_RATIO = 200

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class BackupRefused(StoreError):
    """The archive cannot be used; ``str()`` says why in the user's words."""


class ArchiveCancelled(Exception):
    """The user cancelled; the half-written file has been removed."""


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
                "members": [{"name": m.name, "size": m.size, "sha256": m.sha256} for m in self.members]}


def _ignore_progress(_done: int, _total: int) -> None:
    pass


def _never() -> bool:
    return False


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
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
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
        raise DamagedDatabase(
            f"Afterview's database is damaged ({exc}), so no backup was made. "
            "Your earlier backups are untouched.") from exc
    finally:
        dst.close()
        src.close()
    make_private(target)
    return int(row[0] or 0)


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
            match = _VAULT_MEMBER.match(rel)
            if match and match.group(2).startswith(match.group(1)) and file.is_file() \
                    and not file.is_symlink():
                found.append(file)
    return found


def _copy_into(zf: zipfile.ZipFile, source: Path, name: str, compress: int, done: int, total: int,
               progress: ProgressFn, cancelled: CancelledFn) -> tuple[Member, int]:
    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    info.compress_type = compress
    info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as src, zf.open(info, "w", force_zip64=True) as out:
        while chunk := src.read(_CHUNK):
            if cancelled():
                raise ArchiveCancelled()
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
            done += len(chunk)
            progress(min(done, total), total)
    return Member(name, size, digest.hexdigest()), done


def write_archive(db_path: Path, vault_dir: Path, target: Path, *, kind: str = "manual",
                  scratch_dir: Path | None = None, progress: ProgressFn = _ignore_progress,
                  cancelled: CancelledFn = _never, now: datetime | None = None) -> Manifest:
    """Write a whole backup to ``target`` (replaced only once complete; mode 0600).

    ``scratch_dir`` holds the database snapshot while it is zipped (the data folder,
    so the private snapshot never lands in a shared temporary folder).
    """
    target = Path(target)
    scratch_dir = scratch_dir or target.parent
    fd, snap_name = tempfile.mkstemp(prefix=".snapshot-", suffix=".sqlite3", dir=scratch_dir)
    os.close(fd)
    snapshot = Path(snap_name)
    fd, part_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    partial = Path(part_name)
    try:
        snapshot.unlink()  # the backup API wants to create it
        schema_version = snapshot_database(db_path, snapshot)
        files = vault_files(vault_dir)
        sizes = [snapshot.stat().st_size] + [f.stat().st_size for f in files]
        total = max(sum(sizes), 1)
        members: list[Member] = []
        done = 0
        progress(0, total)
        with zipfile.ZipFile(partial, "w", allowZip64=True) as zf:
            member, done = _copy_into(zf, snapshot, DATABASE, zipfile.ZIP_DEFLATED, done, total,
                                      progress, cancelled)
            members.append(member)
            for file in files:
                name = f"{VAULT}/{file.parent.name}/{file.name}"
                # PDFs are compressed already: storing them is as small and much faster
                member, done = _copy_into(zf, file, name, zipfile.ZIP_STORED, done, total,
                                          progress, cancelled)
                members.append(member)
            _check_documents_present(snapshot, members)
            manifest = Manifest(__version__, schema_version, now or datetime.now(timezone.utc),
                                kind, tuple(members))
            zf.writestr(_manifest_info(), json.dumps(manifest.as_json(), indent=2))
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
        make_private(target)
        fsync_folder(target.parent)
        progress(total, total)
        return manifest
    finally:
        partial.unlink(missing_ok=True)
        snapshot.unlink(missing_ok=True)


def _manifest_info() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(MANIFEST, date_time=datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
    return info


def _check_documents_present(snapshot: Path, members: list[Member]) -> None:
    """Every document the snapshot records must have its file in the archive."""
    wanted = set(referenced_hashes(snapshot))
    have = {m.name.rsplit("/", 1)[-1][:-4] for m in members if m.name.startswith(VAULT + "/")}
    missing = wanted - have
    if missing:
        raise BackupRefused(
            f"{len(missing)} document file(s) recorded in Afterview are missing from the vault "
            "folder, so this backup would be incomplete. Nothing was written.")


def referenced_hashes(db_file: Path) -> list[str]:
    con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT DISTINCT sha256 FROM document")]
    finally:
        con.close()


# ---------------------------------------------------------------- checking

def _refuse(path: Path, why: str) -> BackupRefused:
    return BackupRefused(f"{path.name} cannot be restored: {why} Nothing has been changed.")


def _open_zip(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise _refuse(path, "the file does not exist.")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _refuse(path, f"it is not an Afterview backup, or it is damaged or incomplete ({exc}).") from exc
    except OSError as exc:
        raise _refuse(path, f"it cannot be read ({exc.strerror or exc}).") from exc


def _check_name(path: Path, info: zipfile.ZipInfo) -> None:
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise _refuse(path, f"it contains a link ({name!r}), which a backup never holds.")
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\\" in name:
        raise _refuse(path, f"it contains an absolute path ({name!r}).")
    if ".." in PurePosixPath(name).parts:
        raise _refuse(path, f"it contains a path that climbs out of its folder ({name!r}).")
    if info.is_dir():
        raise _refuse(path, f"it contains an unexpected folder ({name!r}).")
    if stat.S_IFMT(mode) and not stat.S_ISREG(mode):  # no type bits: a plain file (Windows zips)
        raise _refuse(path, f"it contains a special file ({name!r}).")
    if name not in (MANIFEST, DATABASE):
        match = _VAULT_MEMBER.match(name)
        if not match or not match.group(2).startswith(match.group(1)):
            raise _refuse(path, f"it contains a file Afterview does not know ({name!r}).")


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise _refuse(path, f"it holds {len(infos)} files, far more than any Afterview backup.")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise _refuse(path, f"it declares {human_size(total)} of content, more than Afterview "
                            f"ever stores ({human_size(MAX_TOTAL_BYTES)}); it may be a zip bomb.")
    for info in infos:
        limit = {MANIFEST: MAX_MANIFEST_BYTES, DATABASE: MAX_DATABASE_BYTES}.get(info.filename, MAX_MEMBER_BYTES)
        if info.file_size > limit:
            raise _refuse(path, f"{info.filename!r} declares {human_size(info.file_size)}, "
                                "more than Afterview ever stores; it may be a zip bomb.")
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(path, f"{info.filename!r} would inflate {info.file_size // max(info.compress_size, 1)}"
                                " times; it looks like a zip bomb.")


def _parse_manifest(path: Path, raw: bytes) -> Manifest:
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not an Afterview manifest")
        if not isinstance(data.get("format_version"), int) or data["format_version"] > FORMAT_VERSION:
            raise _refuse(path, "it was made by a newer version of Afterview. Please update Afterview.")
        members = tuple(Member(str(m["name"]), int(m["size"]), str(m["sha256"]).lower())
                        for m in data["members"])
        created = datetime.fromisoformat(data["created_at"])
        if created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)
        return Manifest(str(data.get("app_version", "")), int(data["schema_version"]), created,
                        str(data.get("kind", "manual")), members)
    except BackupRefused:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise _refuse(path, f"its manifest is damaged ({exc}).") from exc


def _read_member(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, expected: Member,
                 sink: Callable[[bytes], None], done: int, total: int,
                 progress: ProgressFn, cancelled: CancelledFn) -> int:
    digest = hashlib.sha256()
    size = 0
    try:
        with zf.open(info) as src:
            while chunk := src.read(_CHUNK):
                if cancelled():
                    raise ArchiveCancelled()
                size += len(chunk)
                if size > expected.size:
                    raise _refuse(path, f"{info.filename!r} is larger than its manifest says.")
                digest.update(chunk)
                sink(chunk)
                done += len(chunk)
                progress(min(done, total), total)
    except (zipfile.BadZipFile, EOFError, zlib_error()) as exc:
        raise _refuse(path, f"{info.filename!r} is damaged ({exc}).") from exc
    if size != expected.size or digest.hexdigest() != expected.sha256:
        raise _refuse(path, f"{info.filename!r} does not match its recorded fingerprint (SHA-256); "
                            "the backup is damaged.")
    return done


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def check_archive(path: Path, *, newest_schema: int, progress: ProgressFn = _ignore_progress,
                  cancelled: CancelledFn = _never) -> Manifest:
    """Check the whole archive without writing anything; returns its manifest or raises BackupRefused."""
    path = Path(path)
    with _open_zip(path) as zf:
        manifest, infos = _check_structure(path, zf, newest_schema)
        total = max(manifest.total_size, 1)
        done = 0
        for member in manifest.members:
            done = _read_member(path, zf, infos[member.name], member, lambda _b: None, done, total,
                                progress, cancelled)
    return manifest


def _check_structure(path: Path, zf: zipfile.ZipFile, newest_schema: int
                     ) -> tuple[Manifest, dict[str, zipfile.ZipInfo]]:
    infos = zf.infolist()
    for info in infos:
        _check_name(path, info)
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise _refuse(path, "it names the same file twice.")
    _check_sizes(path, infos)
    by_name = {i.filename: i for i in infos}
    if MANIFEST not in by_name:
        raise _refuse(path, "it has no manifest, so it is not an Afterview backup.")
    try:
        raw = zf.read(MANIFEST)
    except (zipfile.BadZipFile, EOFError, zlib_error()) as exc:
        raise _refuse(path, f"its manifest is damaged ({exc}).") from exc
    manifest = _parse_manifest(path, raw)
    if manifest.schema_version > newest_schema:
        raise _refuse(path, f"it was made by a newer version of Afterview (data version "
                            f"{manifest.schema_version}; this one understands up to {newest_schema}). "
                            "Please update Afterview.")
    listed = {m.name: m for m in manifest.members}
    if len(listed) != len(manifest.members):
        raise _refuse(path, "its manifest names the same file twice.")
    if DATABASE not in listed:
        raise _refuse(path, "it holds no database.")
    if set(listed) != set(by_name) - {MANIFEST}:
        extra = sorted((set(by_name) - {MANIFEST}) ^ set(listed))
        raise _refuse(path, f"its files do not match its manifest ({extra[0]!r}).")
    for member in manifest.members:
        if by_name[member.name].file_size != member.size:
            raise _refuse(path, f"{member.name!r} has a different size from the one in its manifest.")
        if not re.fullmatch(r"[0-9a-f]{64}", member.sha256):
            raise _refuse(path, f"its manifest has no valid fingerprint for {member.name!r}.")
        if member.name.startswith(VAULT + "/") and not member.name.endswith(f"/{member.sha256}.pdf"):
            raise _refuse(path, f"{member.name!r} is not named after its own fingerprint.")
    return manifest, by_name


# ---------------------------------------------------------------- unpacking

def extract_archive(path: Path, dest: Path, *, newest_schema: int,
                    progress: ProgressFn = _ignore_progress, cancelled: CancelledFn = _never) -> Manifest:
    """Unpack a checked archive into the empty folder ``dest`` (database + vault), re-checking every hash.

    On any problem ``dest`` is left for the caller to delete; nothing else is written.
    """
    path, dest = Path(path), Path(dest)
    with _open_zip(path) as zf:
        manifest, infos = _check_structure(path, zf, newest_schema)
        total = max(manifest.total_size, 1)
        done = 0
        for member in manifest.members:
            # the target is built from checked parts, never from the raw zip name
            if member.name == DATABASE:
                target = dest / DATABASE
            else:
                _vault, sub, file = member.name.split("/")
                (dest / VAULT / sub).mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
                (dest / VAULT).chmod(FOLDER_MODE)
                target = dest / VAULT / sub / file
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
            with os.fdopen(fd, "wb") as out:
                done = _read_member(path, zf, infos[member.name], member, out.write, done, total,
                                    progress, cancelled)
                out.flush()
                os.fsync(out.fileno())
    check_unpacked_database(path, dest / DATABASE, manifest)
    return manifest


def check_unpacked_database(path: Path, db_file: Path, manifest: Manifest) -> None:
    """The unpacked database must be sound, of the version the manifest says, with every file present."""
    try:
        con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA integrity_check").fetchall()
            version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            hashes = [r[0] for r in con.execute("SELECT DISTINCT sha256 FROM document")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, f"its database is damaged ({exc}).") from exc
    if result != [("ok",)]:
        raise _refuse(path, "its database is damaged (integrity check failed).")
    if version != manifest.schema_version:
        raise _refuse(path, "its database does not match its manifest.")
    have = {m.sha256 for m in manifest.members if m.name.startswith(VAULT + "/")}
    if set(hashes) - have:
        raise _refuse(path, "documents it records are missing from it.")
