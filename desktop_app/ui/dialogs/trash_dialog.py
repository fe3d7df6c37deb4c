"""Edit → Trash…: what was deleted in the last 30 days, to restore or to empty for good.

Each row is one deleted record (an application, referee, qualification, document or
contact) with everything that went with it. *Restore* puts the chosen one back;
*Empty Trash…* asks first, takes an automatic backup, then deletes them for good.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.services import backup as backup_service
from desktop_app.services.core import trash
from desktop_app.ui.context import AppContext
from desktop_app.ui.formatting import counted, local_moment


class TrashDialog(QDialog):
    """The Trash view; every change it makes emits ``context.events.everything_changed``."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("trash_dialog")
        self.setWindowTitle(self.tr("Trash"))
        self.resize(640, 360)
        intro = QLabel(self.tr("Deleted records wait here for {0} days with everything that went with them, "
                               "then go for good.").format(trash.KEEP_DAYS), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("trash_table")
        self.table.setHorizontalHeaderLabels([self.tr("Deleted"), self.tr("What"), self.tr("Name")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel(self)
        self.status.setObjectName("trash_status")
        self.status.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setObjectName("trash_restore")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.setDefault(True)  # the safe choice; emptying asks first anyway
        self.empty_button = QPushButton(self.tr("&Empty Trash…"), self)
        self.empty_button.setObjectName("trash_empty")
        self.empty_button.clicked.connect(self.empty_trash)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.items: list[trash.TrashItem] = []
        self.refresh()

    def refresh(self, select: int = 0) -> None:
        """List what is in the Trash, newest first, and select the row at ``select`` (the last row
        when there are fewer)."""
        self.items = trash.list_trash()
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            label = item.label + (self.tr(" (with {0})").format(
                counted(item.with_rows, self.tr("linked record"), self.tr("linked records")))
                                  if item.with_rows else "")
            for column, text in enumerate((local_moment(item.deleted_at), item.noun, label)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        if self.items:
            self.table.selectRow(min(select, len(self.items) - 1))
        else:
            self.status.setText(self.tr("The Trash is empty."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)
        self.empty_button.setEnabled(bool(self.items))

    def selected(self) -> trash.TrashItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def restore_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        position = self.table.selectionModel().selectedRows()[0].row()
        try:
            label = trash.restore(item.id)
        except trash.TrashError as exc:
            self.status.setText(str(exc))
        else:
            self.status.setText(self.tr("Restored “{0}”.").format(label))
        self.context.events.everything_changed.emit()
        self.refresh(select=position)  # #18: the entry that took its place, not the first

    def empty_trash(self) -> None:
        if not self.items or not self.context.prompts.confirm_destructive(
                self, self.tr("Empty Trash"),
                self.tr("Delete {0} in the Trash for good? An automatic backup is taken first "
                        "(File → Restore… lists it as “Before emptying the Trash”).").format(
                    self.tr("the only entry") if len(self.items) == 1
                    else self.tr("the {0} entries").format(len(self.items))),
                self.tr("Empty Trash")):
            return
        try:
            done = trash.empty()
        except backup_service.BackupError as exc:
            self.context.prompts.warn(self, self.tr("Empty Trash"), self.tr(
                "The Trash was not emptied, because Afterview could not back up your data first.\n\n{0}").format(exc))
            return
        self.status.setText(self.tr("Emptied the Trash ({0}).").format(
            counted(done, self.tr("entry"), self.tr("entries"))))
        self.context.events.everything_changed.emit()
        self.refresh()
