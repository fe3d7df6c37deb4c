"""``afterview backup FILE`` and ``afterview restore FILE`` (also ``restore --list``).

A backup may be taken while the window is open (the database is read through
SQLite's backup API). A restore replaces everything, so it asks first (``--yes``
skips the question) and refuses while Afterview is open on the same data folder, or while
another command is changing its data (it needs the data folder's claim).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app.cli.common import BUSY_EXIT, claim_data_dir, data_dir_of, open_store


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
    # a backup only reads (SQLite's backup API), so it may run beside the window
    folder = open_store(args, writer=False)
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
    print(f"Backed up to {target} ({manifest.document_files} document file{'' if manifest.document_files == 1 else 's'}).")
    if manifest.missing:
        many = len(manifest.missing) != 1
        print(f"Note: {len(manifest.missing)} document file{'s' if many else ''} recorded in Afterview "
              f"{'were' if many else 'was'} already missing "
              "from the vault, so they are not in this backup (afterview vault verify lists them).")
    return 0


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
    # a restore replaces everything: it holds the data folder's claim from here to the end,
    # so neither the window nor another command can write in between
    if not claim_data_dir(folder):
        return BUSY_EXIT
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
    from desktop_app.store.db import close_database, database_path
    from desktop_app.store.open import open_database
    from desktop_app.store.errors import StoreError

    damaged = False
    try:
        # only to learn whether the current data can be read; a new folder gets nothing
        if database_path(folder).exists():
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
    print(backup.kept_sentence(prepared))
    return 0
