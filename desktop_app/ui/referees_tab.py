"""The Referees tab: the people who will vouch for the user."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.services import referees as referee_service
from desktop_app.ui.context import AppContext
from desktop_app.ui.list_panel import ListPanel
from desktop_app.ui.models.referees_model import RefereesModel


class RefereesTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referees_tab")
        self.context = context
        self.model = RefereesModel(self)
        self.panel = ListPanel(
            self.model, name="referees",
            empty_text=self.tr("No referees yet — add the people who will vouch for you, "
                               "ideally former direct managers."),
            filter_placeholder=self.tr("Filter referees"), parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        context.events.referees_changed.connect(self.refresh)
        context.events.applications_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(referee_service.list_referee_rows(include_retired=False))
        self.panel.table.resizeColumnsToContents()
