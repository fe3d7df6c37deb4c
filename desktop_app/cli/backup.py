"""``afterview backup FILE`` and ``afterview restore FILE`` (also ``restore --list``).

A backup may be taken while the window is open (the database is read through
SQLite's backup API). A restore replaces everything, so it asks first (``--yes``
skips the question) and refuses while Afterview is open on the same data folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app.cli.common import data_dir_of, open_store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    make = subparsers.add_parser("backup", parents=[common],
                                 help="write one .afterview-backup file with the database and every document")
    make.add_argument("file", type=Path)
    make.set_defaults(func=run_backup)
    restore = subparsers.add_parser("restore", parents=[common],
                                    help="replace all data with a backup (checked whole first)")
    restore.add_argument("file", type=Path, nargs="?",
                         help="the backup to restore (see --list for the automatic ones)")
    restore.add_argument("--list", action="store_true", help="list the automatic backups, newest first")
    restore.add_argument("--yes", action="store_true", help="do not ask before replacing the data")
    restore.set_defaults(func=run_restore)


def _bar(label: str) -> Callable[[int, int], None]:
    shown = {"last": -1}
    interactive = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if interactive and percent != shown["last"]:
            shown["last"] = percent
            print(f"\r{label} {percent:3d} %", end="", file=sys.stderr, flush=True)

    return report


def run_backup(args: argparse.Namespace) -> int:
    folder = open_store(args)
    if folder is None:
        return 2
    from desktop_app.services import backup
    from desktop_app.progress import Cancelled

    target = backup.with_suffix(args.file)
    try:
        manifest = backup.create_backup(folder, target, progress=_bar("Backing up"))
    except backup.BackupError as exc:
        print(f"\nafterview: {exc}", file=sys.stderr)
        return 1
    except (Cancelled, KeyboardInterrupt):
        print("\nafterview: cancelled; nothing was written.", file=sys.stderr)
        return 1
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Backed up to {target} ({manifest.document_files} document files).")
    if manifest.missing:
        print(f"Note: {len(manifest.missing)} document file(s) recorded in Afterview were already missing "
              "from the vault, so they are not in this backup (afterview vault verify lists them).")
    return 0


def open_elsewhere(data_dir: Path) -> bool:
    """True while another Afterview holds this data folder (its lock names a live process)."""
    from desktop_app.store.layout import LOCK_FILE

    lock = data_dir / LOCK_FILE
    try:
        pid = int(lock.read_text(encoding="utf-8", errors="replace").split()[0])
    except (OSError, ValueError, IndexError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def run_restore(args: argparse.Namespace) -> int:
    from desktop_app.services import backup

    folder = data_dir_of(args)
    if args.list:
        for item in backup.automatic_backups(folder):
            stamp = item.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            print(f"{stamp}  {item.kind:<15} {item.path}")
        return 0
    if args.file is None:
        print("afterview: name the backup to restore (or --list the automatic ones).", file=sys.stderr)
        return 2
    if open_elsewhere(folder):
        print("afterview: Afterview is open on this data folder. Close it (or use File → Restore… "
              "there) and try again. Nothing has been changed.", file=sys.stderr)
        return 3
    try:
        manifest = backup.check_backup(args.file, progress=_bar("Checking"))
    except backup.BackupError as exc:
        print(f"\nafterview: {exc}", file=sys.stderr)
        return 1
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(backup.describe(manifest))
    if not args.yes:
        if not sys.stdin.isatty():
            print("afterview: restoring replaces all your current data; add --yes to go ahead.",
                  file=sys.stderr)
            return 2
        answer = input("Replace all your current data with this backup? (your current data is "
                       "kept as an automatic backup) [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing has been changed.")
            return 1
    return _restore(folder, args.file)


def _restore(folder: Path, archive: Path) -> int:
    from desktop_app.services import backup
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database
    from desktop_app.store.errors import StoreError

    damaged = False
    try:
        open_database(folder, migrate_schema=False)
    except StoreError as exc:
        # a damaged database is exactly when a restore is wanted: keep a copy aside instead
        print(f"The current data cannot be opened ({exc}); a copy of it is kept aside.")
        damaged = True
    try:
        prepared = backup.restore_backup(folder, archive, damaged=damaged, progress=_bar("Restoring"))
    except backup.BackupError as exc:
        print(f"\nafterview: {exc}", file=sys.stderr)
        return 1
    if sys.stderr.isatty():
        print(file=sys.stderr)
    try:
        open_database(folder)  # migrates a backup made by an older Afterview
        close_database()
    except StoreError as exc:
        print(f"afterview: {exc}", file=sys.stderr)
        return 2
    print(f"Restored {archive}.")
    if prepared.kept is not None:
        print(f"Your previous data was kept in {prepared.kept}.")
    return 0
