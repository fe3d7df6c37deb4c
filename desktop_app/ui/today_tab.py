"""The Today tab: what is due now."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QStackedWidget, QVBoxLayout, QWidget

from desktop_app.services import due as due_service
from desktop_app.ui.context import AppContext


class TodayTab(QWidget):
    #: how many items are due, for the tab title
    count_changed = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_tab")
        self.context = context
        self.list = QListWidget(self)
        self.list.setObjectName("today_list")
        self.list.setAccessibleName(self.tr("Due today"))
        self.empty_label = QLabel(self.tr("Nothing is due today."), self)
        self.empty_label.setObjectName("today_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(mid); font-size: 13pt; padding: 24px;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.list)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        for signal in (context.events.applications_changed, context.events.referees_changed,
                       context.events.vault_changed, context.events.settings_changed):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        items = due_service.due_items()
        self.list.clear()
        for item in items:
            self.list.addItem(f"{item.subject} — {item.text}")
        self.stack.setCurrentWidget(self.list if items else self.empty_label)
        self.count_changed.emit(len(items))

    def due_count(self) -> int:
        return self.list.count()
