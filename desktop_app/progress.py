"""How long work reports progress and learns it should stop (no Qt here).

Services that take a while (vault import, pack build, backup) accept two callables:
``progress(done, total)`` and ``cancelled() -> bool``; when ``cancelled()`` turns true
they clean up and raise :class:`Cancelled`. The UI wires them to a worker thread
(``ui/workers.py``); on the command line Ctrl+C (``KeyboardInterrupt``) cleans up the
same way. This is the one such type: the vault, the backup archive and the reference
pack all use it.
"""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(done, total)``: how far the work has got, in units the work chooses (bytes, steps).
ProgressFn = Callable[[int, int], None]
#: ``cancelled()``: True once the user has asked the work to stop; polled between steps.
CancelledFn = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled; whatever was half done has been undone (no half-written file is left).

    The message, when there is one, says what was not done, in the user's words.
    """


def no_progress(_done: int, _total: int) -> None:
    """A progress callback that ignores the report."""


def never_cancelled() -> bool:
    """A cancel check for work nobody can stop: always False."""
    return False
