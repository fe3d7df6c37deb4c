"""File → Back up…: one archive of everything, written in a worker with a progress bar.

Also the daily automatic backup, started in a worker once the window has been
painted (so it never slows start-up), and a small progress dialog shared with the
Restore dialog.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app import clock
from desktop_app.services import backup as backup_service
from desktop_app.ui.workers import Worker


class ProgressDialog(QDialog):
    """Runs one worker with a progress bar and Cancel; ``ended`` fires once, whatever happened."""

    #: (outcome, value): "finished" + result, "failed" + message, or "cancelled" + None
    ended = Signal(str, object)

    def __init__(self, title: str, text: str, work: Any, parent: QWidget | None = None,
                 name: str = "progress_dialog") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setObjectName(f"{name}_label")
        self.bar = QProgressBar(self)
        self.bar.setObjectName(f"{name}_bar")
        self.bar.setAccessibleName(self.tr("Progress"))
        self.bar.setRange(0, 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.outcome: tuple[str, object] | None = None
        self.worker = Worker(work)
        self.worker.signals.progress.connect(self._progress)
        self.worker.signals.finished.connect(lambda result: self._end("finished", result))
        self.worker.signals.failed.connect(lambda message: self._end("failed", message))
        self.worker.signals.cancelled.connect(lambda: self._end("cancelled", None))

    def start(self) -> "ProgressDialog":
        self.worker.start()
        return self

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * done / total))

    def cancel(self) -> None:
        """Ask the work to stop; the dialog closes when it has undone what it half did."""
        if self.outcome is None:
            self.label.setText(self.tr("Stopping…"))
            self.buttons.setEnabled(False)
            self.worker.cancel()

    def reject(self) -> None:  # Esc and the window's close button cancel too
        self.cancel()

    def _end(self, outcome: str, value: object) -> None:
        self.outcome = (outcome, value)
        self.done(QDialog.DialogCode.Accepted if outcome == "finished" else QDialog.DialogCode.Rejected)
        self.ended.emit(outcome, value)


def suggested_name(today: date | None = None) -> str:
    today = today or clock.today()
    return f"Afterview backup {today.isoformat()}{backup_service.BACKUP_SUFFIX}"


def start_backup(window: Any) -> ProgressDialog | None:
    """File → Back up…: ask where, then write the backup in a worker; returns the dialog."""
    tr = window.tr
    prompts = window.context.prompts
    target = prompts.save_path(window, tr("Back up"), suggested_name(), tr("Afterview backup (*.afterview-backup)"),
                               kind="backup")
    if target is None:
        return None
    target = backup_service.with_suffix(target)
    data_dir = window.context.data_dir

    def work(progress: Any, cancelled: Any) -> object:
        return backup_service.create_backup(data_dir, target, progress=progress, cancelled=cancelled)

    dialog = ProgressDialog(tr("Back up"), tr("Backing up everything to {0}…").format(target), work,
                            window, name="backup_dialog")

    def ended(outcome: str, value: object) -> None:
        if outcome == "finished":
            files = value.document_files  # type: ignore[attr-defined]
            window.statusBar().showMessage(
                tr("Backed up to {0} ({1} document files).").format(target, files), 8000)
            missing = len(value.missing)  # type: ignore[attr-defined]
            if missing:
                prompts.warn(window, tr("Back up"), tr(
                    "The backup is made, but {0} document file(s) recorded in Afterview were already "
                    "missing from the vault, so they are not in it. Verify vault lists them.").format(missing))
        elif outcome == "failed":
            prompts.warn(window, tr("Back up"), str(value))
        else:
            window.statusBar().showMessage(tr("Backup cancelled; nothing was written."), 6000)

    dialog.ended.connect(ended)
    dialog.show()
    return dialog.start()


def start_daily_backup(window: Any) -> Worker:
    """Make today's automatic backup in the background (a no-op if there is one already)."""
    data_dir = window.context.data_dir

    def work(progress: Any, cancelled: Any) -> object:
        return backup_service.daily_backup_if_due(data_dir, progress=progress, cancelled=cancelled)

    worker = Worker(work)

    def failed(message: str) -> None:
        window.context.prompts.warn(window, window.tr("Automatic backup"),
                                    window.tr("Today's automatic backup could not be made.\n\n{0}").format(message))

    worker.signals.failed.connect(failed)
    window.daily_backup_worker = worker
    return worker.start()


def stop_daily_backup(window: Any, timeout_s: float = 30) -> None:
    """On quit: stop a daily backup still running (its half-written file is removed)."""
    worker = getattr(window, "daily_backup_worker", None)
    if worker is not None and not worker.done.is_set():
        worker.cancel()
        worker.done.wait(timeout_s)
