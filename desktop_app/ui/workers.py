"""Running long work off the GUI thread, with progress and Cancel.

``Worker(fn)`` runs ``fn(progress, cancelled)`` in the global ``QThreadPool``. Its
signals arrive in the GUI thread: ``progress(done, total)``, then exactly one of
``finished(result)``, ``failed(message)`` or ``cancelled()``. The worker closes its
thread's database connection when it ends (Peewee opens one per thread).

Exceptions whose message is written for the user (``ValueError`` and ``OSError``
subclasses raised by the services) reach ``failed`` as they are; anything else is a
bug and is reported as such, with the details printed for a bug report.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from desktop_app.progress import Cancelled

WorkFn = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]

#: workers still running; keeps their Python objects alive until they finish
_running: set["Worker"] = set()


class WorkerSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Worker(QRunnable):
    def __init__(self, fn: WorkFn) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next check and undoes what it half did."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool | None = None) -> "Worker":
        _running.add(self)
        self.signals.finished.connect(self._forget)
        self.signals.failed.connect(self._forget)
        self.signals.cancelled.connect(self._forget)
        (pool or QThreadPool.globalInstance()).start(self)
        return self

    def _forget(self, *_args: object) -> None:
        _running.discard(self)

    def run(self) -> None:
        from desktop_app.store.db import close_thread_connection

        try:
            result = self.fn(self.signals.progress.emit, self._cancel.is_set)
        except Cancelled:
            self.signals.cancelled.emit()
        except (ValueError, OSError) as exc:
            self.signals.failed.emit(str(exc))
        except Exception:  # a bug: say so plainly, keep the details for a report
            traceback.print_exc()
            self.signals.failed.emit(QCoreApplication.translate(
                "Worker", "Something went wrong inside Afterview. "
                          "Details were printed for a bug report."))
        else:
            self.signals.finished.emit(result)
        finally:
            close_thread_connection()
            self.done.set()
