"""The Vault tab: qualifications, and the documents (transcripts, certificates …) that prove them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from desktop_app.services import vault as vault_service
from desktop_app.ui.context import AppContext
from desktop_app.ui.list_panel import ListPanel
from desktop_app.ui.models.vault_models import DocumentsModel, QualificationsModel


class VaultTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vault_tab")
        self.context = context
        self.qualifications_model = QualificationsModel(self)
        self.documents_model = DocumentsModel(self)
        self.qualifications = ListPanel(
            self.qualifications_model, name="qualifications",
            empty_text=self.tr("No qualifications yet — add your degrees and certificates, "
                               "each with its full transcript."),
            filter_placeholder=self.tr("Filter qualifications"), parent=self)
        self.documents = ListPanel(
            self.documents_model, name="documents",
            empty_text=self.tr("No documents yet — transcripts and certificates you add "
                               "are kept here, safely, as PDFs."),
            filter_placeholder=self.tr("Filter documents"), parent=self)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("vault_splitter")
        for title, panel in ((self.tr("Qualifications"), self.qualifications),
                             (self.tr("Documents"), self.documents)):
            box = QWidget(splitter)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            heading = QLabel(f"<b>{title}</b>", box)
            box_layout.addWidget(heading)
            box_layout.addWidget(panel)
            splitter.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        context.events.vault_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.qualifications_model.set_rows(vault_service.list_qualification_rows())
        self.documents_model.set_rows(vault_service.list_document_rows())
        self.qualifications.table.resizeColumnsToContents()
        self.documents.table.resizeColumnsToContents()
