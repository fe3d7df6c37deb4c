"""Back up and restore everything the user keeps: the database and every vault file (no Qt).

- :func:`create_backup` writes one ``.afterview-backup`` archive while the app keeps
  working (see :mod:`desktop_app.store.backup.archive`).
- :func:`daily_backup_if_due` makes the automatic backup of the day (the window calls
  it in a worker once it has been painted).
- A restore is checked whole first, unpacked into a new folder, then swapped in
  atomically (:mod:`desktop_app.store.backup.swap`); the current data is kept first as a
  ``before-restore`` automatic backup. The window needs the database closed only for
  the swap itself, so the slow parts are split out: :func:`prepare_restore` (in a
  worker, database open) then :func:`commit_restore` (database closed).

Errors reach the user through :class:`BackupError` (a ``ValueError``, so a worker
passes its message on as it is); cancelling raises :class:`~desktop_app.progress.Cancelled`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app import clock, dates
from desktop_app.progress import CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.store.backup import automatic as auto
from desktop_app.store.backup import swap
from desktop_app.store.backup.archive import Manifest, write_archive
from desktop_app.store.backup.check import check_archive, extract_archive
from desktop_app.store.db import database_path
from desktop_app.store.errors import DiskFull, StoreError, disk_full_message, is_disk_full
from desktop_app.store.layout import BACKUP_SUFFIX, FOLDER_MODE, VAULT
from desktop_app.store.location import prepare_data_dir

AutomaticBackup = auto.AutomaticBackup


class BackupError(ValueError):
    """A backup or restore could not be done; ``str()`` says why and that nothing changed."""


@contextmanager
def _user_errors(folder: Path | None = None) -> Iterator[None]:
    """StoreError → BackupError; a full disk (``ENOSPC``, ``SQLITE_FULL``) is said as such, never
    as damage (issue 14, case 6)."""
    try:
        yield
    except StoreError as exc:
        raise BackupError(str(exc)) from exc
    except OSError as exc:
        if folder is not None and is_disk_full(exc):
            raise BackupError(disk_full_message(folder)) from exc
        raise


def _newest_schema() -> int:
    from desktop_app.store.migrations import latest_version

    return latest_version()


def _share(progress: ProgressFn, index: int, count: int) -> ProgressFn:
    """Progress of one phase out of ``count``, reported on one 0–1000 scale."""
    def report(done: int, total: int) -> None:
        progress(int(1000 * (index + done / max(total, 1)) / count), 1000)

    return report


# ---------------------------------------------------------------- backing up

def with_suffix(target: Path) -> Path:
    target = Path(target)
    return target if target.name.endswith(BACKUP_SUFFIX) else target.with_name(target.name + BACKUP_SUFFIX)


def create_backup(data_dir: Path, target: Path, *, progress: ProgressFn = no_progress,
                  cancelled: CancelledFn = never_cancelled) -> Manifest:
    """Write a backup of ``data_dir`` to ``target`` (``.afterview-backup`` added if missing)."""
    target = with_suffix(target)
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist. Nothing was written.")
    scratch = auto.folder(data_dir)
    scratch.mkdir(mode=FOLDER_MODE, exist_ok=True)
    with _user_errors(target.parent):
        try:
            return write_archive(database_path(data_dir), data_dir / VAULT, target, kind="manual",
                                 scratch_dir=scratch, progress=progress, cancelled=cancelled)
        except OSError as exc:
            if is_disk_full(exc):
                raise BackupError(disk_full_message(target.parent, _backup_size(data_dir))) from exc
            raise BackupError(f"Afterview could not write {target}: {exc.strerror or exc}. "
                              "Nothing was written.") from exc


def _backup_size(data_dir: Path) -> int:
    """Roughly how many bytes a backup of ``data_dir`` takes (database + vault, before zipping)."""
    total = 0
    for path in [database_path(data_dir), *(data_dir / VAULT).rglob("*.pdf")]:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


def daily_backup_if_due(data_dir: Path, *, now: datetime | None = None,
                        progress: ProgressFn = no_progress,
                        cancelled: CancelledFn = never_cancelled) -> AutomaticBackup | None:
    """Make today's automatic backup unless there already is one; returns it (or None)."""
    now = now or clock.utc_now()
    today = now.astimezone().date()
    if any(b.created_at.astimezone().date() == today for b in auto.list_backups(data_dir, auto.DAILY)):
        return None
    with _user_errors(data_dir):
        return auto.make_backup(data_dir, auto.DAILY, now=now, progress=progress, cancelled=cancelled)


def backup_before(kind: str, data_dir: Path | None = None) -> AutomaticBackup | None:
    """The automatic backup taken before a bulk change (``auto.BEFORE_IMPORT``,
    ``auto.BEFORE_EMPTYING_TRASH``) of ``data_dir`` (None: the open store's folder).

    None when there is no database yet (nothing to keep). Raises :class:`BackupError`
    saying why (a full disk included): the caller then changes nothing.
    """
    if data_dir is None:
        from desktop_app.store.db import db

        if db.obj is None:
            return None
        data_dir = Path(str(db.obj.database)).parent
    if not database_path(data_dir).exists():
        return None
    with _user_errors(data_dir):
        return auto.make_backup(data_dir, kind)


def automatic_backups(data_dir: Path) -> list[AutomaticBackup]:
    """Every automatic backup, newest first (what File → Restore… lists)."""
    return auto.list_backups(data_dir)


def newest_automatic_backup(data_dir: Path) -> AutomaticBackup | None:
    found = auto.list_backups(data_dir)
    return found[0] if found else None


# ---------------------------------------------------------------- restoring

def check_backup(archive: Path, *, progress: ProgressFn = no_progress,
                 cancelled: CancelledFn = never_cancelled) -> Manifest:
    """Check a whole archive without writing anything; raises BackupError with the reason."""
    with _user_errors():
        return check_archive(Path(archive), newest_schema=_newest_schema(), progress=progress,
                             cancelled=cancelled)


@dataclass
class PreparedRestore:
    """An archive unpacked and checked in ``staging``, waiting for :func:`commit_restore`."""

    data_dir: Path
    archive: Path
    staging: Path
    manifest: Manifest
    #: the automatic backup of the data it replaces (or a copy kept aside if that was damaged);
    #: None when there was nothing to keep (a new or empty data folder)
    kept: Path | None
    #: how ``kept`` was kept: "backup" (an automatic backup), "copy" (the files copied aside,
    #: as they were, since they could not be read to back up), or "" (nothing to keep)
    kept_as: str = ""
    #: why a copy was kept instead of a backup (SQLite's or the system's words), if it was
    kept_why: str = ""


def _holds_data(data_dir: Path) -> bool:
    """Whether the data folder holds a database with Afterview's tables (not new and empty)."""
    import sqlite3

    from desktop_app.store.location import connect_read_only

    path = database_path(data_dir)
    if not path.exists():
        return False
    if (data_dir / VAULT).is_dir() and any((data_dir / VAULT).rglob("*.pdf")):
        return True
    try:
        con = connect_read_only(path)
        try:
            return bool(con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return True  # cannot tell: it may be damaged data, which is kept


def _keep_current(data_dir: Path, *, damaged: bool, progress: ProgressFn,
                  cancelled: CancelledFn) -> tuple[Path | None, str, str]:
    """Keep the data a restore replaces: (where, "backup"|"copy"|"", why a copy)."""
    if not _holds_data(data_dir):
        return None, "", ""
    why = "it cannot be opened"
    if not damaged:
        try:
            return auto.make_backup(data_dir, auto.BEFORE_RESTORE, progress=progress,
                                    cancelled=cancelled).path, "backup", ""
        except DiskFull:
            raise  # no room to keep the current data: the restore does not go ahead
        except (StoreError, OSError) as exc:
            if is_disk_full(exc):
                raise DiskFull(disk_full_message(data_dir, _backup_size(data_dir))) from exc
            why = str(exc)  # the current data cannot be zipped (damaged?): keep a plain copy instead
    stamp = clock.now().strftime("%Y-%m-%d %H%M%S")  # digits only: the same in every locale
    try:
        return swap.copy_aside(data_dir, f"damaged data {stamp}"), "copy", why
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(disk_full_message(data_dir, _backup_size(data_dir))) from exc
        raise


def prepare_restore(data_dir: Path, archive: Path, *, damaged: bool = False,
                    progress: ProgressFn = no_progress,
                    cancelled: CancelledFn = never_cancelled) -> PreparedRestore:
    """Check ``archive`` whole, unpack it into a new folder, and keep the current data.

    Nothing in use changes here; the database may stay open. ``damaged``: the current
    database cannot be read, so it is copied aside as it is instead of backed up.
    """
    archive = Path(archive).absolute()
    prepare_data_dir(data_dir)
    staging: Path | None = None
    try:
        with _user_errors(data_dir):
            manifest = check_archive(archive, newest_schema=_newest_schema(),
                                     progress=_share(progress, 0, 3), cancelled=cancelled)
            staging = swap.new_staging_folder(data_dir)
            extract_archive(archive, staging, newest_schema=_newest_schema(),
                            progress=_share(progress, 1, 3), cancelled=cancelled)
            # after unpacking: the rolling limit may remove the very archive being restored
            kept, kept_as, why = _keep_current(data_dir, damaged=damaged,
                                               progress=_share(progress, 2, 3), cancelled=cancelled)
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    progress(1000, 1000)
    return PreparedRestore(data_dir, archive, staging, manifest, kept, kept_as, why)


def kept_sentence(prepared: PreparedRestore) -> str:
    """Where the data a restore replaced went, and why there (for the command line)."""
    if prepared.kept is None:
        return "There was no earlier data in this folder to keep."
    if prepared.kept_as == "backup":
        return (f"Your previous data was kept as an automatic backup, {prepared.kept} "
                "(afterview restore --list shows it).")
    return (f"Your previous data could not be backed up ({prepared.kept_why}), so its files were "
            f"copied, unchanged, to {prepared.kept}.")


def discard_restore(prepared: PreparedRestore) -> None:
    shutil.rmtree(prepared.staging, ignore_errors=True)


def commit_restore(prepared: PreparedRestore, *, on_step: Callable[[str], None] | None = None) -> None:
    """Swap the unpacked data in. Every database connection must be closed first.

    All or nothing: if this fails (or the process dies) the data is as it was before.
    """
    try:
        swap.swap_in(prepared.data_dir, prepared.staging, **({"on_step": on_step} if on_step else {}))
    except OSError as exc:
        raise BackupError(f"The restore could not be finished ({exc.strerror or exc}); "
                          "your data is as it was.") from exc
    finally:
        discard_restore(prepared)
    from desktop_app.services.core import undo
    from desktop_app.services.vault import preview

    # the flattened previews were copies of the documents just replaced (privacy, issue 15)
    preview.clear(prepared.data_dir)
    undo.clear()  # every step was about the data just replaced: undoing one now would touch the wrong record


def restore_backup(data_dir: Path, archive: Path, *, damaged: bool = False,
                   progress: ProgressFn = no_progress, cancelled: CancelledFn = never_cancelled,
                   on_step: Callable[[str], None] | None = None) -> PreparedRestore:
    """Restore in one go (command line, damaged database at start-up): closes this thread's
    database connection for the swap; the caller opens the store again."""
    from desktop_app.store.db import close_database

    prepared = prepare_restore(data_dir, archive, damaged=damaged, progress=progress, cancelled=cancelled)
    close_database()
    commit_restore(prepared, on_step=on_step)
    return prepared


def describe(manifest: Manifest) -> str:
    """One sentence about a backup, for a confirmation question."""
    local = manifest.created_at.astimezone()
    when = f"{dates.short_date(local.date())} at {local:%H:%M}"
    files = manifest.document_files
    docs = "no document files" if not files else f"{files} document file{'s' if files != 1 else ''}"
    return f"This backup was made on {when} by Afterview {manifest.app_version} and holds {docs}."


def apply_restore(prepared: PreparedRestore) -> None:
    """The window's last step: close the store, swap the restored data in, open it again.

    If the swap fails the old data is opened again as it was, and BackupError says why.
    """
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    close_database()
    try:
        commit_restore(prepared)
    finally:
        with _user_errors():
            open_database(prepared.data_dir)  # migrates a backup made by an older Afterview


def restore_after_damage(data_dir: Path, archive: Path, *, progress: ProgressFn = no_progress) -> PreparedRestore:
    """Start-up with a damaged database: copy it aside, restore ``archive``, open the store."""
    from desktop_app.store.open import open_database

    prepared = restore_backup(data_dir, archive, damaged=True, progress=progress)
    with _user_errors():
        open_database(data_dir)
    return prepared
