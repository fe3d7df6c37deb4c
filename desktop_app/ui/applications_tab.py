"""The Applications tab: the pipeline of every application."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.services import applications as application_service
from desktop_app.ui.context import AppContext
from desktop_app.ui.list_panel import ListPanel
from desktop_app.ui.models.applications_model import ApplicationsModel


class ApplicationsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applications_tab")
        self.context = context
        self.model = ApplicationsModel(self)
        self.panel = ListPanel(
            self.model, name="applications",
            empty_text=self.tr("No applications yet — Add application (Ctrl+N)"),
            filter_placeholder=self.tr("Filter applications (role, organisation, stage …)"),
            parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        context.events.applications_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(application_service.list_application_rows())
        self.panel.table.resizeColumnsToContents()
