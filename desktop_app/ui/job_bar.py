"""A slim bar for long work inside a tab: what is happening, a progress bar and Cancel.

``JobBar.run(text, fn, on_done)`` runs ``fn(progress, cancelled)`` in a worker
(``ui/workers.py``); the bar shows while it runs and hides when it ends. One job at a
time: ``busy_changed`` lets the tab disable its actions meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop_app.ui.workers import Worker, WorkFn

#: Progress travels through a Qt ``int`` signal: counts of bytes are sent in KiB so that
#: files past 2 GiB do not overflow it.
_UNIT_SHIFT = 10


class JobBar(QWidget):
    busy_changed = Signal(bool)
    #: the job ended: True when it finished, False when it failed or was cancelled
    ended = Signal(bool)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_job")
        self.label = QLabel(self)
        self.label.setObjectName(f"{name}_job_label")
        self.bar = QProgressBar(self)
        self.bar.setObjectName(f"{name}_progress")
        self.bar.setAccessibleName(self.tr("Progress"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName(f"{name}_cancel")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.worker: Worker | None = None
        self.hide()

    def busy(self) -> bool:
        return self.worker is not None

    def run(self, text: str, fn: WorkFn, on_done: Callable[[Any], None],
            on_failed: Callable[[str], None], on_cancelled: Callable[[], None]) -> Worker | None:
        """Start ``fn`` in a worker; returns None (and starts nothing) if a job is running."""
        if self.worker is not None:
            return None

        def scaled(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            def report(done: int, total: int) -> None:
                progress(done >> _UNIT_SHIFT, max(1, total >> _UNIT_SHIFT))
            return fn(report, cancelled)

        worker = Worker(scaled)
        self.worker = worker
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(True)
        self.show()
        self.busy_changed.emit(True)
        worker.signals.progress.connect(self._progress)
        worker.signals.finished.connect(lambda result: self._end(True, lambda: on_done(result)))
        worker.signals.failed.connect(lambda message: self._end(False, lambda: on_failed(message)))
        worker.signals.cancelled.connect(lambda: self._end(False, on_cancelled))
        worker.start()
        return worker

    def _progress(self, done: int, total: int) -> None:
        if self.bar.maximum() != total:
            self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def _end(self, ok: bool, then: Callable[[], None]) -> None:
        self.worker = None
        self.hide()
        self.busy_changed.emit(False)
        then()
        self.ended.emit(ok)
