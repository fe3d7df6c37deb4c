"""How long work reports progress and learns it should stop (no Qt here).

Services that take a while (vault import, pack build, backup) accept two callables:
``progress(done, total)`` and ``cancelled() -> bool``; when ``cancelled()`` turns true
they clean up and raise :class:`Cancelled`. The UI wires them to a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled; whatever was half done has been undone."""


def no_progress(_done: int, _total: int) -> None:
    """A progress callback that ignores the report."""


def never_cancelled() -> bool:
    return False
