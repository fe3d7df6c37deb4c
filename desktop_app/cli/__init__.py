"""The command line: ``afterview`` opens the window; sub-commands work on the data folder.

Sub-commands never import Qt, so they start fast and run on machines with no screen.
Each lives in its own module with a ``register(subparsers, common)`` function.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app import __version__


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="use this data folder instead of the usual one "
                             "(also: the AFTERVIEW_DATA_DIR environment variable)")
    return common


def build_parser() -> argparse.ArgumentParser:
    from desktop_app.cli import backup as backup_cmd
    from desktop_app.cli import data as data_cmd
    from desktop_app.cli import due as due_cmd
    from desktop_app.cli import pack as pack_cmd
    from desktop_app.cli import vault as vault_cmd

    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="afterview", parents=[common],
        description="Afterview: follow-ups, feedback, referees and qualifications after a job interview. "
                    "Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"Afterview {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open a throw-away data folder filled with a realistic sample")
    parser.add_argument("--quit-after-startup", action="store_true",
                        help="start the window, print startup_ms=N once it has been painted, and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in _COMMANDS + [data_cmd.register, pack_cmd.register, due_cmd.register,
                                  vault_cmd.register, backup_cmd.register]:
        register(subparsers, common)
    return parser


#: ``register`` functions of further sub-command modules (due, vault, pack, backup …).
_COMMANDS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = []


def data_dir_of(args: argparse.Namespace) -> Path:
    from desktop_app.store.location import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


def open_store(args: argparse.Namespace) -> Path | None:
    """Open the data folder for a sub-command; prints the reason and returns None on failure."""
    from desktop_app.store.db import open_database
    from desktop_app.store.errors import StoreError

    folder = data_dir_of(args)
    try:
        open_database(folder)
    except StoreError as exc:
        print(f"afterview: {exc}", file=sys.stderr)
        return None
    return folder
