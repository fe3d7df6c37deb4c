"""Automatic backups in ``<data folder>/backups``: named by kind and time, with a rolling limit.

Kinds: ``daily`` (the first use of the app each day), ``pre-migration`` (before every
schema migration — this module sits in the store so that migrations can call it),
``before-restore`` (the data a restore replaced), ``before-import`` (before a data
file's records are added) and ``before-emptying-trash``. Each kind keeps only its
newest few; the limit never removes the backup just made.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from desktop_app import clock
from desktop_app.store.layout import BACKUP_SUFFIX, BACKUPS, FOLDER_MODE, PART_SUFFIX, SNAPSHOT_PREFIX, VAULT

DAILY = "daily"
PRE_MIGRATION = "pre-migration"
BEFORE_RESTORE = "before-restore"
#: before a data file's records are added (a bulk change) and before the Trash is emptied
BEFORE_IMPORT = "before-import"
BEFORE_EMPTYING_TRASH = "before-emptying-trash"
#: how many of each kind are kept (the newest ones)
LIMITS = {DAILY: 7, PRE_MIGRATION: 3, BEFORE_RESTORE: 3, BEFORE_IMPORT: 3, BEFORE_EMPTYING_TRASH: 3}

_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(daily|pre-migration|before-restore|before-import|before-emptying-trash)(?:-v(\d+)-to-v(\d+))?-(\d{8}T\d{12}Z)"
                   + re.escape(BACKUP_SUFFIX) + "$")


@dataclass(frozen=True)
class AutomaticBackup:
    path: Path
    kind: str
    created_at: datetime
    from_version: int | None = None
    to_version: int | None = None

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def folder(data_dir: Path) -> Path:
    """The automatic backups' folder of the data folder ``data_dir`` (it may not exist yet)."""
    return data_dir / BACKUPS


def parse_name(path: Path) -> AutomaticBackup | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    created = datetime.strptime(match.group(4), _STAMP).replace(tzinfo=timezone.utc)
    versions = (int(match.group(2)), int(match.group(3))) if match.group(2) else (None, None)
    return AutomaticBackup(path, match.group(1), created, *versions)


def list_backups(data_dir: Path, kind: str | None = None) -> list[AutomaticBackup]:
    """The automatic backups, newest first."""
    where = folder(data_dir)
    if not where.is_dir():
        return []
    found = [b for b in (parse_name(p) for p in where.iterdir() if p.is_file() and not p.is_symlink())
             if b is not None and (kind is None or b.kind == kind)]
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def backup_name(kind: str, now: datetime, versions: tuple[int, int] | None = None) -> str:
    stamp = now.astimezone(timezone.utc).strftime(_STAMP)
    tail = f"-v{versions[0]}-to-v{versions[1]}" if versions else ""
    return f"{kind}{tail}-{stamp}{BACKUP_SUFFIX}"


def prune(data_dir: Path, kind: str, keep: int | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``kind``; returns what was deleted."""
    keep = LIMITS[kind] if keep is None else keep
    removed = []
    for old in list_backups(data_dir, kind)[max(keep, 1):]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def remove_leftovers(data_dir: Path, keep: Callable[[Path], bool] = lambda _p: False) -> None:
    """Half-written archives and snapshots of a backup that was interrupted (start-up clean-up).

    A half-written archive is what :func:`desktop_app.files.atomic_write` leaves when the
    process is killed: ``.<archive name>.<random>.part``. ``keep(path)`` True: a live
    process is still writing it (a backup running beside the window), so it stays.
    """
    where = folder(data_dir)
    if not where.is_dir():
        return
    for entry in where.iterdir():
        # the snapshot may have its own rollback journal beside it (``-journal``)
        if entry.is_file() and (entry.name.startswith(SNAPSHOT_PREFIX)
                                or (entry.name.startswith(".") and entry.name.endswith(PART_SUFFIX))) \
                and not keep(entry):
            entry.unlink(missing_ok=True)


def make_backup(data_dir: Path, kind: str, *, versions: tuple[int, int] | None = None,
                now: datetime | None = None, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> AutomaticBackup:
    """Write one automatic backup of ``data_dir`` and apply the rolling limit of its kind."""
    from desktop_app.store.backup.archive import write_archive  # not on the start-up path
    from desktop_app.store.db import database_path

    now = now or clock.utc_now()
    where = folder(data_dir)
    where.mkdir(mode=FOLDER_MODE, exist_ok=True)
    target = where / backup_name(kind, now, versions)
    extra: dict[str, Callable[..., object]] = {}
    if progress is not None:
        extra["progress"] = progress
    if cancelled is not None:
        extra["cancelled"] = cancelled
    write_archive(database_path(data_dir), data_dir / VAULT, target, kind=kind, scratch_dir=where,
                  now=now, **extra)  # type: ignore[arg-type]
    prune(data_dir, kind)
    made = parse_name(target)
    assert made is not None
    return made


def before_migration(db_path: Path, from_version: int, to_version: int) -> AutomaticBackup:
    """The pre-migration backup (called by :func:`desktop_app.store.migrations.migrate`)."""
    return make_backup(db_path.parent, PRE_MIGRATION, versions=(from_version, to_version))
