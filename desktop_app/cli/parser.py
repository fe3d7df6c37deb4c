"""The ``afterview`` argument parser: the window's options and every sub-command.

Each sub-command lives in its own module with a ``register(subparsers, common)``
function, listed here explicitly.
"""

from __future__ import annotations

import argparse

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
    for register in [data_cmd.register, pack_cmd.register, due_cmd.register,
                                  vault_cmd.register, backup_cmd.register]:
        register(subparsers, common)
    return parser
