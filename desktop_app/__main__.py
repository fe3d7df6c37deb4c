"""Entry point: ``afterview`` and ``python -m desktop_app``.

Parses the arguments; a sub-command runs without Qt, otherwise the window opens.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # first thing: --quit-after-startup measures from here

import sys  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from desktop_app import desktop_entry, self_check
    from desktop_app.cli import build_parser

    parser = build_parser()
    desktop_entry.add_arguments(parser)
    self_check.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.self_check:
        return self_check.main()
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        return desktop_entry.run_from_arguments(args)
    func = getattr(args, "func", None)
    if func is not None:
        return int(func(args))
    from desktop_app.ui.app import run_gui

    return run_gui(args, started=_STARTED)


if __name__ == "__main__":
    sys.exit(main())
