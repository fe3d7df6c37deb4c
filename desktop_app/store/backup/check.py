"""Reading a ``.afterview-backup`` archive: trust nothing, check everything, then unpack.

Every name, size and hash is checked against the manifest and the expected layout
(:mod:`desktop_app.store.backup.archive`) before a single byte is written, and
unpacking re-checks each hash as it writes (the file could change between the two
passes). Refusals raise :class:`BackupRefused` with a sentence for the user.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import zipfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from desktop_app.store.backup.archive import (
    CHUNK,
    VAULT_MEMBER,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MAX_DATABASE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_TOTAL_BYTES,
    BackupRefused,
    Manifest,
    Member,
    human_size,
)
from desktop_app.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.store.layout import DATABASE, FILE_MODE, FOLDER_MODE, VAULT
from desktop_app.store.location import connect_read_only


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
        match = VAULT_MEMBER.match(name)
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
        missing = tuple(str(h) for h in data.get("missing", []))
        if not all(re.fullmatch(r"[0-9a-f]{64}", h) for h in missing):
            raise ValueError("a missing document is not named by its fingerprint")
        return Manifest(str(data.get("app_version", "")), int(data["schema_version"]), created,
                        str(data.get("kind", "manual")), members, missing)
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
            while chunk := src.read(CHUNK):
                if cancelled():
                    raise Cancelled()
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


def check_archive(path: Path, *, newest_schema: int, progress: ProgressFn = no_progress,
                  cancelled: CancelledFn = never_cancelled) -> Manifest:
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
                    progress: ProgressFn = no_progress, cancelled: CancelledFn = never_cancelled) -> Manifest:
    """Unpack a checked archive into the empty folder ``dest`` (database + vault), re-checking every hash.

    On any problem ``dest`` is left for the caller to delete; nothing else is written.
    """
    path, dest = Path(path), Path(dest)
    with _open_zip(path) as zf:
        manifest, infos = _check_structure(path, zf, newest_schema)
        free = shutil.disk_usage(dest).free
        if manifest.total_size + (64 << 20) > free:
            raise _refuse(path, f"it needs {human_size(manifest.total_size)} of free disk space and "
                                f"only {human_size(free)} is free.")
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
            # Not atomic_write: each file is new (O_EXCL refuses anything already there,
            # a link included) inside a fresh staging folder, and that whole folder is
            # the unit that is swapped in or thrown away, so a rename per file adds nothing.
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
        con = connect_read_only(db_file)
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
    _check_own_schema(path, db_file, int(version))
    _check_values(path, db_file)
    have = {m.sha256 for m in manifest.members if m.name.startswith(VAULT + "/")}
    if set(hashes) - have - set(manifest.missing):
        raise _refuse(path, "documents it records are missing from it.")


def _check_own_schema(path: Path, db_file: Path, version: int) -> None:
    """Refuse a database holding anything Afterview's own schema of ``version`` does not.

    A trigger, view, table or index planted in a backup would otherwise run inside
    Afterview from then on (a trigger deleting every referee when an organisation is
    added) and travel into every later backup. The backup's ``sqlite_master`` must be,
    object for object, what the migrations build for its version
    (:func:`desktop_app.store.migrations.reference_schema`).
    """
    from desktop_app.store.migrations import reference_schema, schema_of

    try:
        expected = reference_schema(version)
    except ValueError as exc:
        raise _refuse(path, f"its database has an unknown data version ({version}).") from exc
    try:
        con = connect_read_only(db_file)
        try:
            found = schema_of(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, f"its database is damaged ({exc}).") from exc
    extra = sorted(found - expected)
    if extra:
        kind, name = extra[0][0], extra[0][1]
        also = f" (and {len(extra) - 1} more)" if len(extra) > 1 else ""
        if any(e[1] == name for e in expected):
            raise _refuse(path, f"its {kind} {name!r} has been changed from Afterview's own{also}, "
                                "so it was changed by something else and could alter your data.")
        what = {"trigger": "a trigger", "view": "a view", "table": "a table", "index": "an index"}.get(
            kind, f"an object of kind {kind!r}")
        raise _refuse(path, f"its database holds {what} named {name!r}{also} that Afterview never makes, "
                            "so it was changed by something else and could alter your data.")
    missing = sorted(expected - found)
    if missing:
        raise _refuse(path, f"its database lacks part of Afterview's own layout ({missing[0][0]} "
                            f"{missing[0][1]!r}), so it was changed by something else.")


#: the user's words for each table, in messages about a backup's records
_RECORD_WORDS = {
    "application": "an application", "interview": "an interview", "interaction": "a logged contact",
    "stagechange": "a stage change", "organisation": "an organisation", "contact": "a contact",
    "referee": "a referee", "briefing": "a briefing", "referencegiven": "a reference given",
    "qualification": "a qualification", "document": "a document", "duestate": "a dismissed or snoozed item",
    "trash_entry": "an entry in the Trash", "trashentry": "an entry in the Trash", "profile": "your profile",
}


def _record_words(table: str) -> str:
    return _RECORD_WORDS.get(table.lower(), f"a record in {table!r}")


def _date_problem(value: object, moment: bool) -> str | None:
    """Why ``value`` (as stored) is not a date (or moment) Afterview could have written, or None.

    The same limits the forms and the data-file import apply
    (:mod:`desktop_app.services.core.validation`): ISO 8601 text in the years 1900–2100,
    a moment with its UTC offset.
    """
    from datetime import date, datetime

    if value is None:
        return None
    if not isinstance(value, str):
        return f"{value!r}, which is not a date"
    try:
        parsed = datetime.fromisoformat(value) if moment else date.fromisoformat(value)
    except ValueError:
        return f"{value!r}, which is not a date"
    if moment and (not isinstance(parsed, datetime) or parsed.tzinfo is None):
        return f"{value!r}, which has no time zone offset"
    if not moment and len(value) != 10:
        return f"{value!r}, which is not a date"
    if not 1900 <= parsed.year <= 2100:
        return f"{value!r}, which is not between the years 1900 and 2100"
    return None


def _date_columns() -> dict[str, dict[str, bool]]:
    """{table: {column: is_moment}} for every date and moment column of the models."""
    from peewee import DateField

    from desktop_app.store import models as m

    columns: dict[str, dict[str, bool]] = {}
    for model in m.BaseModel.__subclasses__():
        for field in model._meta.sorted_fields:
            if isinstance(field, (DateField, m.MomentField)):
                columns.setdefault(model._meta.table_name, {})[field.column_name] = isinstance(field, m.MomentField)
    return columns


def _check_values(path: Path, db_file: Path) -> None:
    """Refuse a database whose records break Afterview's own rules, before anything is swapped in.

    ``PRAGMA integrity_check`` does not see a row written with
    ``PRAGMA ignore_check_constraints`` (a stage ``'zzz'``), nor a dangling foreign key,
    nor a date no form would accept; Afterview would then call the restored data
    "damaged" on every start. So each table's rows are copied, one table at a time,
    into an empty in-memory table made from the same (already checked) CREATE TABLE
    text, which enforces every CHECK and NOT NULL; ``PRAGMA foreign_key_check`` finds
    records pointing at nothing; and every date and moment column must hold ISO 8601
    text in the years 1900–2100 (the limits of the forms and the data-file import).
    Raises :class:`BackupRefused` naming the first problem.
    """
    dates = _date_columns()
    try:
        con = sqlite3.connect("file::memory:", uri=True)  # uri: ATTACH takes a file: URI
        try:
            con.execute("ATTACH DATABASE ? AS cand", (f"{Path(db_file).absolute().as_uri()}?mode=ro",))
        except sqlite3.Error:
            con.close()
            raise
        try:
            tables = con.execute("SELECT name, sql FROM cand.sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
            for name, sql in tables:
                quoted = '"' + name.replace('"', '""') + '"'
                con.execute(sql)
                try:
                    con.execute(f"INSERT INTO main.{quoted} SELECT * FROM cand.{quoted}")
                except sqlite3.IntegrityError as exc:
                    raise _refuse(path, f"{_record_words(name)} in its database breaks Afterview's "
                                        f"own rules ({exc}), so it was changed by something else.") from exc
                con.execute(f"DROP TABLE main.{quoted}")
                for column, moment in dates.get(name, {}).items():
                    cols = {r[1] for r in con.execute(f"PRAGMA cand.table_info({quoted})")}
                    if column not in cols:
                        continue
                    qcol = '"' + column.replace('"', '""') + '"'
                    for (value,) in con.execute(f"SELECT DISTINCT {qcol} FROM cand.{quoted}"):
                        problem = _date_problem(value, moment)
                        if problem:
                            raise _refuse(path, f"{_record_words(name)} in its database is dated "
                                                f"{problem}; Afterview never records such a date, so it was "
                                                "changed by something else.")
            broken = con.execute("PRAGMA cand.foreign_key_check").fetchone()
            if broken:
                raise _refuse(path, f"{_record_words(broken[0])} in its database points at "
                                    f"{_record_words(broken[2])} that is not there, "
                                    "so it was changed by something else.")
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, f"its database is damaged ({exc}).") from exc
