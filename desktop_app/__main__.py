"""Entry point: ``afterview`` and ``python -m desktop_app``.

Parses the arguments; a sub-command runs without Qt, otherwise the window opens.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # first thing: --quit-after-startup measures from here

import argparse  # noqa: E402
import sys  # noqa: E402


def _add_launcher_options(parser: argparse.ArgumentParser) -> None:
    """Options of the installed program itself; their modules load only when used."""
    parser.add_argument(
        "--self-check", action="store_true",
        help="use every bundled library once in a throw-away folder, report what is missing, exit")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--install-desktop-entry", action="store_true",
                       help="add Afterview to the desktop's application menu (Linux), then exit")
    group.add_argument("--uninstall-desktop-entry", action="store_true",
                       help="remove Afterview from the desktop's application menu, then exit")


def _parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line (None: ``sys.argv[1:]``); exits as argparse does on ``--help`` or a mistake."""
    from desktop_app.cli.parser import build_parser, parse_window_arguments

    # nearly every start is just the window: its few options are parsed without building
    # every sub-command's parser (see parse_window_arguments)
    args = parse_window_arguments(argv)
    if args is not None:
        launcher = argparse.ArgumentParser(add_help=False)
        _add_launcher_options(launcher)
        vars(args).update(vars(launcher.parse_args([])))  # the launcher's options, all off
        return args
    parser = build_parser()
    _add_launcher_options(parser)
    return parser.parse_args(argv)


def _no_data() -> type[Exception]:
    """The exception a reading command raises on a folder with no Afterview data (imported only then)."""
    from desktop_app.cli.common import NoAfterviewData

    return NoAfterviewData


def main(argv: list[str] | None = None) -> int:
    args = _parse_arguments(argv)
    if args.self_check:
        from desktop_app import self_check

        return self_check.main()
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        from desktop_app import desktop_entry

        return desktop_entry.run_from_arguments(args)
    func = getattr(args, "func", None)
    if func is not None:
        status = 1
        try:
            status = int(func(args))
            return status
        except _no_data():  # a reading command on a folder without Afterview data (already said)
            from desktop_app.cli.common import NO_DATA_EXIT

            status = NO_DATA_EXIT
            return status
        except BrokenPipeError:
            # the reader went away (``afterview due | head``): not an error of ours
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        finally:
            from desktop_app.cli.common import refresh_live_calendar, release_claims

            refresh_live_calendar(args, status)  # once for every command that changed data
            release_claims()  # the data folder is free for the next writer
    from desktop_app.ui.app import run_gui

    return run_gui(args, started=_STARTED)


if __name__ == "__main__":
    sys.exit(main())
