"""Entry point: ``afterview`` and ``python -m desktop_app``.

Parses the arguments; a sub-command runs without Qt, otherwise the window opens.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # first thing: --quit-after-startup measures from here

import sys  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from desktop_app.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is not None:
        return int(func(args))
    from desktop_app.ui.app import run_gui

    return run_gui(args, started=_STARTED)


if __name__ == "__main__":
    sys.exit(main())
