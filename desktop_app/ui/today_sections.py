"""The parts of the Today tab around its main list: *Coming up*, the Undo line, and the items put aside.

* :class:`UndoLine` says what Dismiss or Snooze just did ("Dismissed “…”.") with an *Undo* button.
* :class:`ComingUp` lists what becomes due in the next two weeks, soonest first.
* :class:`PutAsideBox` lists what is snoozed or dismissed, to bring back.

Plain widgets fed plain values by :class:`~desktop_app.ui.today_tab.TodayTab`; they never
touch the services themselves, they emit the key the user chose.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.formatting import day_month
from desktop_app.ui.list_panel import fit_columns
from desktop_app.ui.models.due_model import DueModel, kind_label

if TYPE_CHECKING:
    from desktop_app.services.today.due import DueItem
    from desktop_app.services.today.due_state import PutAside


class UndoLine(QFrame):
    """"Dismissed “Follow up — Analyst at Acme”." and an Undo button, until the next change."""

    #: the key of the item to bring back
    undo_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_undo_line")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(self)
        self.text.setObjectName("today_undo_text")
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("&Undo"), self)
        self.button.setObjectName("today_undo")
        self.button.setAccessibleName(self.tr("Undo"))
        self.button.clicked.connect(self._undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self._key = ""
        self.hide()

    def say(self, sentence: str, key: str) -> None:
        """Show ``sentence`` with an Undo for the item ``key``."""
        self.text.setText(sentence)
        self._key = key
        self.show()

    def _undo(self) -> None:
        key, self._key = self._key, ""
        self.hide()
        if key:
            self.undo_requested.emit(key)


class ComingUp(QWidget):
    """*Coming up*: what becomes due in the next two weeks (not yet to do).

    ``row_selected`` (the item, or None) when the user selects a row; ``row_activated``
    (the item) on a double-click or Enter: Today's buttons then act on it (12b item 4).
    """

    row_selected = Signal(object)
    row_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_coming_up")
        self.title = QLabel(self)
        self.title.setObjectName("today_coming_up_title")
        self.title.setStyleSheet("font-weight: 600;")
        self.model = DueModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("today_coming_up_table")
        self.table.setAccessibleName(self.tr("Coming up"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(DueModel.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(160)
        self.table.setWordWrap(False)
        # fit the columns to the first rows only: measuring hundreds of texts would cost more than the list
        self.table.horizontalHeader().setResizeContentsPrecision(30)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self.row_selected.emit(
            self._item_at(current.row())))
        self.table.activated.connect(lambda index: self._activated(index.row()))

    def _item_at(self, row: int) -> DueItem | None:
        rows = self.model.rows()
        return rows[row] if 0 <= row < len(rows) else None

    def _activated(self, row: int) -> None:
        item = self._item_at(row)
        if item is not None:
            self.row_activated.emit(item)

    def current_item(self) -> DueItem | None:
        """The selected Coming-up item, or None."""
        index = self.table.selectionModel().currentIndex()
        return self._item_at(index.row()) if index.isValid() else None

    def set_items(self, items: list[DueItem], today: date, days: int) -> None:
        refilled = self.model.set_items(items, today)
        # with nothing coming, a plain sentence instead of a bare "(0)" over no list (#18, fresh eyes)
        self.title.setText(self.tr("Coming up — the next {0} days ({1})").format(days, len(items)) if items
                           else self.tr("Coming up: nothing in the next {0} days.").format(days))
        self.table.setVisible(bool(items))
        if items and refilled:  # fitted again only when filled again, not after each change
            fit_columns(self.table)
            self.table.horizontalHeader().setSectionResizeMode(DueModel.TEXT, QHeaderView.ResizeMode.Stretch)


class PutAsideBox(QWidget):
    """"Snoozed and dismissed (N)": shown on demand, each with *Bring back*."""

    #: the key of the item to bring back
    bring_back_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_put_aside")
        self.toggle = QPushButton(self)
        self.toggle.setObjectName("today_put_aside_toggle")
        self.toggle.setCheckable(True)
        self.toggle.setFlat(True)
        self.toggle.toggled.connect(self._show_list)
        self.list = QListWidget(self)
        self.list.setObjectName("today_put_aside_list")
        self.list.setAccessibleName(self.tr("Snoozed and dismissed items"))
        self.list.setMaximumHeight(120)
        self.bring_back_button = QPushButton(self.tr("&Bring back"), self)
        self.bring_back_button.setObjectName("today_bring_back")
        self.bring_back_button.clicked.connect(self._bring_back)
        self.list.currentRowChanged.connect(lambda row: self.bring_back_button.setEnabled(row >= 0))
        self.list.itemActivated.connect(lambda _item: self._bring_back())
        row = QHBoxLayout()
        row.addWidget(self.toggle)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        layout.addWidget(self.bring_back_button, 0, Qt.AlignmentFlag.AlignRight)
        self._show_list(False)

    def set_entries(self, entries: list[PutAside]) -> None:
        """Show the items put aside that the rules still suggest (one that was done since has nothing to bring back)."""
        shown = [e for e in entries if e.item is not None]
        self.list.clear()
        for entry in shown:
            assert entry.item is not None
            state = (self.tr("dismissed") if entry.dismissed
                     else self.tr("snoozed until {0}").format(day_month(entry.snoozed_until)))  # type: ignore[arg-type]
            item = QListWidgetItem(f"{kind_label(entry.item.kind)} — {entry.item.subject} ({state})")
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(entry.item.text)
            self.list.addItem(item)
        self.toggle.setText(self.tr("Snoozed and dismissed ({0})").format(len(shown)))
        self.setVisible(bool(shown))
        self.bring_back_button.setEnabled(self.list.currentRow() >= 0)

    def _show_list(self, shown: bool) -> None:
        self.list.setVisible(shown)
        self.bring_back_button.setVisible(shown)

    def _bring_back(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.bring_back_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
