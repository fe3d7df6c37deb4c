"""File → Restore…: the automatic backups, newest first, plus "Choose a file…".

Restoring is: check the whole archive (worker, progress), ask once, unpack it and
keep the current data as an automatic backup (worker, progress), then close the
store, swap, open it again and tell every tab that everything changed.

Also the question asked at start-up when the database is damaged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import backup as backup_service
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.backup_dialog import ProgressDialog
from desktop_app.ui.formatting import counted, local_moment
from desktop_app.ui.models.row_table_model import Column, RowTableModel
from desktop_app.ui.prompts import Prompts


def _tr(text: str) -> str:
    return QCoreApplication.translate("RestoreDialog", text)


_KINDS = {
    "daily": lambda: _tr("Daily"),
    "pre-migration": lambda: _tr("Before an update"),
    "before-restore": lambda: _tr("Before a restore"),
    "before-import": lambda: _tr("Before an import"),
    "before-emptying-trash": lambda: _tr("Before emptying the Trash"),
}


def size_text(size: int) -> str:
    return _tr("{0:.1f} MB").format(size / 1e6) if size >= 100_000 else _tr("{0} KB").format(max(1, size // 1000))


class BackupsModel(RowTableModel[backup_service.AutomaticBackup]):
    columns = (
        Column(_tr("Made"), lambda b: local_moment(b.created_at), sort_key=lambda b: b.created_at),
        Column(_tr("Why"), lambda b: _KINDS.get(b.kind, lambda: b.kind)()),
        Column(_tr("Size"), lambda b: size_text(b.size), sort_key=lambda b: b.size, align_right=True),
    )


class RestoreDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("restore_dialog")
        self.setWindowTitle(self.tr("Restore"))
        self.resize(560, 380)
        intro = QLabel(self.tr(
            "Restoring replaces everything in Afterview with what the backup holds. Your "
            "current data is kept first, as an automatic backup, so a restore can be undone."), self)
        intro.setWordWrap(True)
        self.model = BackupsModel(self)
        self.model.set_rows(backup_service.automatic_backups(context.data_dir))
        self.view = QTableView(self)
        self.view.setObjectName("restore_backups_list")
        self.view.setAccessibleName(self.tr("Automatic backups"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda _i: self.restore_selected())
        self.empty = QLabel(self.tr("No automatic backups yet. Afterview makes one each day you use "
                                    "it, and one before every update of its data."), self)
        self.empty.setObjectName("restore_empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        if has_rows:
            self.view.selectRow(0)
        self.restore_button = QPushButton(self.tr("&Restore selected…"), self)
        self.restore_button.setObjectName("restore_selected_button")
        self.restore_button.setEnabled(has_rows)
        self.restore_button.setDefault(has_rows)
        self.restore_button.clicked.connect(self.restore_selected)
        self.choose_button = QPushButton(self.tr("&Choose a file…"), self)
        self.choose_button.setObjectName("restore_choose_file_button")
        self.choose_button.clicked.connect(self.choose_file)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("restore_close_button")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.progress: ProgressDialog | None = None
        #: what the user was last told (for tests and the status bar)
        self.outcome: str | None = None

    # ------------------------------------------------------------------ steps
    def restore_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.restore_from(self.model.row_at(rows[0].row()).path)

    def choose_file(self) -> None:
        path = self.context.prompts.open_path(self, self.tr("Choose a backup"),
                                              self.tr("Afterview backup (*.afterview-backup)"), kind="backup")
        if path is not None:
            self.restore_from(path)

    def restore_from(self, archive: Path) -> None:
        """Check ``archive`` whole (worker), then ask, then restore it."""
        def check(progress: Any, cancelled: Any) -> object:
            return backup_service.check_backup(archive, progress=progress, cancelled=cancelled)

        self._run(self.tr("Checking {0}…").format(archive.name), check,
                  lambda manifest: self._checked(archive, manifest))

    def _checked(self, archive: Path, manifest: Any) -> None:
        if not self.context.prompts.confirm_destructive(
                self, self.tr("Restore"),
                self.tr("{0}\n\nReplace everything in Afterview with this backup? Your current data "
                        "is kept as an automatic backup first.").format(self._summary(manifest)),
                self.tr("Restore")):
            return
        data_dir = self.context.data_dir

        def prepare(progress: Any, cancelled: Any) -> object:
            return backup_service.prepare_restore(data_dir, archive, progress=progress, cancelled=cancelled)

        self._run(self.tr("Restoring {0}…").format(archive.name), prepare, self._apply)

    def _summary(self, manifest: Any) -> str:
        return self.tr("This backup was made on {0} by Afterview {1} and holds {2}.").format(
            local_moment(manifest.created_at), manifest.app_version,
            counted(manifest.document_files, self.tr("document file"), self.tr("document files")))

    def _apply(self, prepared: Any) -> None:
        try:
            backup_service.apply_restore(prepared)
        except backup_service.BackupError as exc:
            self._finish(str(exc), problem=True)
            return
        finally:
            self.context.events.everything_changed.emit()
        if prepared.kept_as == "backup":
            kept = self.tr("Your previous data is kept as an automatic backup (listed here as "
                           "“Before a restore”).")
        elif prepared.kept_as == "copy":
            kept = self.tr("Your previous data could not be backed up ({0}), so its files were copied, "
                           "unchanged, to {1}.").format(prepared.kept_why, prepared.kept)
        else:
            kept = self.tr("There was no earlier data to keep.")
        self._finish(self.tr("The backup is restored.") + " " + kept)
        self.accept()

    def _run(self, text: str, work: Any, then: Any) -> None:
        self.progress = ProgressDialog(self.tr("Restore"), text, work, self, name="restore_progress")

        def ended(outcome: str, value: object) -> None:
            if outcome == "finished":
                then(value)
            elif outcome == "failed":
                self._finish(str(value), problem=True)
            else:
                self._finish(self.tr("Restore cancelled; nothing has been changed."))

        self.progress.ended.connect(ended)
        self.progress.show()
        self.progress.start()

    def _finish(self, text: str, *, problem: bool = False) -> None:
        self.outcome = text
        (self.context.prompts.warn if problem else self.context.prompts.inform)(self, self.tr("Restore"), text)


# ---------------------------------------------------------------- a damaged database at start-up

def offer_restore_after_damage(data_dir: Path, message: str, prompts: Prompts) -> bool:
    """The database could not be opened because it is damaged: offer the newest automatic backup.

    ``message`` says what is wrong with it; the questions go through ``prompts`` (there
    is no window yet). Returns True once a backup is restored and the store is open
    again. The damaged files are never overwritten: they are copied aside first, which
    is why *Restore the backup* may be the default answer.
    """
    newest = backup_service.newest_automatic_backup(data_dir)
    if newest is None:
        prompts.error(None, _tr("Afterview"), _tr(
            "{0}\n\nThere is no automatic backup to restore. If you have a backup "
            "file, restore it with: afterview restore FILE").format(message))
        return False
    details = _tr("Afterview can restore its newest automatic backup, made on {0}. The damaged data is "
                  "kept aside in the data folder, unchanged, in case you need it.").format(
        local_moment(newest.created_at))
    if not prompts.ask_yes_no(None, _tr("Afterview"), message, yes_label=_tr("Restore the backup"),
                              no_label=_tr("Quit"), details=details):
        return False
    try:
        prepared = backup_service.restore_after_damage(data_dir, newest.path)
    except (backup_service.BackupError, OSError) as exc:
        prompts.error(None, _tr("Afterview"), _tr("The backup could not be restored: {0}").format(exc))
        return False
    prompts.inform(None, _tr("Afterview"), _tr(
        "Restored the automatic backup made on {0}. The damaged data is kept, "
        "unchanged, in {1}.").format(local_moment(newest.created_at), prepared.kept))
    return True
