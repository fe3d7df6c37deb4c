"""The Vault tab's item models: they follow Qt's rules; the fingerprint shows in full on hover."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt


def test_the_item_models_follow_qt_rules_and_show_the_full_fingerprint_on_hover(
        qtmodeltester: Any, demo_store: Path) -> None:
    from desktop_app.services.vault import qualifications as vault
    from desktop_app.services.exchange.demo import add_demo_documents
    from desktop_app.ui.models.vault_models import DocumentsModel, QualificationsModel

    add_demo_documents()
    qualifications, documents = QualificationsModel(), DocumentsModel()
    qualifications.set_rows(vault.list_qualification_rows())
    documents.set_rows(vault.list_document_rows())
    qtmodeltester.check(qualifications)
    qtmodeltester.check(documents)
    row = documents.row_at(0)
    index = documents.index(0, documents.FINGERPRINT)
    assert index.data() == row.sha256[:12]
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"SHA-256: {row.sha256}"
    flags = {qualifications.index(r, qualifications.FLAG).data() for r in range(qualifications.rowCount())}
    assert flags == {"", "⚠ Only a certificate — add the full transcript"}
