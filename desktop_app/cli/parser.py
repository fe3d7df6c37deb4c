"""The ``afterview`` argument parser: the window's options and every sub-command.

Each sub-command lives in its own module with a ``register(subparsers, common)``
function, listed here explicitly.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from desktop_app import __version__


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="use this data folder instead of the usual one "
                             "(also: the AFTERVIEW_DATA_DIR environment variable)")
    return common


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    """The options of the window itself (besides ``--data-dir``)."""
    parser.add_argument("--demo", action="store_true",
                        help="open a throw-away data folder filled with a realistic sample")
    parser.add_argument("--quit-after-startup", action="store_true",
                        help="start the window, print startup_ms=N once it has been painted, and exit")
    parser.add_argument("--tray", "--minimised", dest="tray", action="store_true",
                        help="start quietly in the system tray (as at login), without opening the window")


def build_parser() -> argparse.ArgumentParser:
    from desktop_app.cli import applications as applications_cmd
    from desktop_app.cli import backup as backup_cmd
    from desktop_app.cli import contacts as contacts_cmd
    from desktop_app.cli import data as data_cmd
    from desktop_app.cli import due as due_cmd
    from desktop_app.cli import imports as imports_cmd
    from desktop_app.cli import log as log_cmd
    from desktop_app.cli import organisations as organisations_cmd
    from desktop_app.cli import pack as pack_cmd
    from desktop_app.cli import remind as remind_cmd
    from desktop_app.cli import report as report_cmd
    from desktop_app.cli import trash as trash_cmd
    from desktop_app.cli import vault as vault_cmd

    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="afterview", parents=[common],
        description="Afterview: follow-ups, feedback, referees and qualifications after a job interview. "
                    "Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"Afterview {__version__}")
    _add_window_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in (data_cmd.register, pack_cmd.register, due_cmd.register,
                     vault_cmd.register, backup_cmd.register, remind_cmd.register,
                     contacts_cmd.register, organisations_cmd.register, report_cmd.register,
                     imports_cmd.register, applications_cmd.register, log_cmd.register,
                     trash_cmd.register):
        register(subparsers, common)
    return parser


class _NeedsFullParser(Exception):
    """The window-only parser met something that only the full parser can judge or word."""


class _WindowOnlyParser(argparse.ArgumentParser):
    """The top-level parser without the sub-commands, handing every error back (never exits)."""

    def error(self, message: str) -> NoReturn:
        raise _NeedsFullParser(message)


def parse_window_arguments(argv: list[str] | None) -> argparse.Namespace | None:
    """``argv`` (None: ``sys.argv[1:]``) parsed as :func:`build_parser` would, if it holds only
    the window's options; None otherwise.

    Nearly every start opens the window, and building every sub-command's parser would cost
    ~10 ms of it. The namespace has ``command=None`` and the window's options. None means
    that ``argv`` holds anything else (a sub-command, ``--help``, ``--version``, an option
    of the launcher, a mistake): the caller then parses it with :func:`build_parser`, which
    also words any error. Never raises, never exits.
    """
    parser = _WindowOnlyParser(prog="afterview", parents=[_common_options()], add_help=False)
    _add_window_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NeedsFullParser:
        return None
    if rest:
        return None
    args.command = None
    return args
