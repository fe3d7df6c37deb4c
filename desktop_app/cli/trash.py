"""``afterview trash list``, ``afterview trash restore ID`` and ``afterview trash empty``.

Deleted applications, referees, qualifications, documents and contacts wait in the
Trash for 30 days with everything that hung off them. ``restore`` and ``empty``
change data, so they take the data folder's claim (refused while the window is
open); ``empty`` takes an automatic backup first and asks unless ``--yes``.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.cli.common import open_store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    trash = subparsers.add_parser("trash", parents=[common],
                                  help="list, restore or empty the deleted records kept for 30 days")
    actions = trash.add_subparsers(dest="trash_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="what is in the Trash, newest first")
    listing.set_defaults(func=run_list)
    restore = actions.add_parser("restore", parents=[common], help="put one entry back, with all it held")
    restore.add_argument("id", type=int, metavar="ID", help="the entry's number (see: afterview trash list)")
    restore.set_defaults(func=run_restore)
    empty = actions.add_parser("empty", parents=[common],
                               help="delete everything in the Trash for good (an automatic backup is taken first)")
    empty.add_argument("--yes", action="store_true", help="do not ask first")
    empty.set_defaults(func=run_empty)


def run_list(args: argparse.Namespace) -> int:
    # a reader: it runs beside the window (expired entries are left out, not removed)
    if open_store(args, writer=False) is None:
        return 2
    from desktop_app.services.core import trash

    items = trash.list_trash(purge=False)
    if not items:
        print("The Trash is empty.")
        return 0
    for item in items:
        extra = f" (with {item.with_rows} more record{'s' if item.with_rows != 1 else ''})" if item.with_rows else ""
        print(f"{item.id:>5}  {item.deleted_at.astimezone():%Y-%m-%d %H:%M}  {item.noun:<13} {item.label}{extra}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    if open_store(args) is None:
        return 2
    from desktop_app.services.core import trash

    try:
        label = trash.restore(args.id)
    except trash.TrashError as exc:
        print(f"afterview: {exc} (afterview trash list shows what is there.) Nothing has been changed.",
              file=sys.stderr)
        return 1
    print(f"Restored “{label}”.")
    return 0


def run_empty(args: argparse.Namespace) -> int:
    if open_store(args) is None:
        return 2
    from desktop_app.services import backup
    from desktop_app.services.core import trash

    held = trash.count()
    if held == 0:
        print("The Trash is already empty.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            print("afterview: emptying the Trash deletes its records for good; add --yes to go ahead.",
                  file=sys.stderr)
            return 2
        what = "the only entry" if held == 1 else f"the {held} entries"
        answer = input(f"Delete {what} in the Trash for good? (an automatic backup is taken "
                       "first) [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing has been changed.")
            return 1
    try:
        done = trash.empty()
    except backup.BackupError as exc:
        print(f"afterview: the Trash was not emptied, because Afterview could not back up your data first. "
              f"{exc}", file=sys.stderr)
        return 1
    print(f"Emptied the Trash ({done} entr{'ies' if done != 1 else 'y'}); an automatic backup was taken first "
          "(afterview restore --list shows it).")
    return 0
