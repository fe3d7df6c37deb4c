"""The Vault's two lists: qualifications, and the documents that prove them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush

from desktop_app.ui import theme
from desktop_app import vocab
from desktop_app.services.vault.qualifications import DocumentRow, QualificationRow
from desktop_app.ui.formatting import local_moment, vocab_label
from desktop_app.ui.models.row_table_model import Column, RowTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("VaultModels", text)


def _tick(value: bool) -> str:
    return "✔" if value else "—"


def _flag(flag: str | None) -> str:
    return f"⚠ {_tr(flag)}" if flag else ""


def _years(row: QualificationRow) -> str:
    start = row.started_on.year if row.started_on else None
    end = row.awarded_on.year if row.awarded_on else None
    if start and end and start != end:
        return f"{start}–{end}"
    return str(end or start or "")


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


class QualificationsModel(RowTableModel[QualificationRow]):
    TITLE, TRANSCRIPT, CERTIFICATE, FLAG, INSTITUTION, LEVEL, DATES, GRADE = range(8)

    columns = (
        Column(_tr("Qualification"), lambda r: r.title),
        Column(_tr("Transcript"), lambda r: _tick(r.has_transcript), sort_key=lambda r: r.has_transcript),
        Column(_tr("Certificate"), lambda r: _tick(r.has_certificate), sort_key=lambda r: r.has_certificate),
        Column(_tr("Check"), lambda r: _flag(r.flag), sort_key=lambda r: r.flag or "",
               tooltip=lambda r: _tr("A certificate alone is easily forged: employers who check "
                                     "want the full academic transcript.") if r.flag else ""),
        Column(_tr("Institution"), lambda r: r.institution),
        Column(_tr("Level"), lambda r: r.level),
        Column(_tr("Dates"), _years, sort_key=lambda r: r.awarded_on or r.started_on),
        Column(_tr("Grade"), lambda r: r.grade),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and index.column() in (self.FLAG, self.TRANSCRIPT) and self.row_at(index.row()).flag):
            return QBrush(theme.colour(theme.WARNING))
        return super().data(index, role)


class DocumentsModel(RowTableModel[DocumentRow]):
    KIND, NAME, QUALIFICATION, PAGES, SIZE, ADDED, FINGERPRINT, APPLICATION = range(8)

    columns = (
        Column(_tr("Kind"), lambda r: vocab_label(vocab.DOCUMENT_KINDS, r.kind)),
        Column(_tr("Name"), lambda r: r.original_name, tooltip=lambda r: r.original_name),
        Column(_tr("Qualification"), lambda r: r.qualification or ""),
        Column(_tr("Pages"), lambda r: str(r.pages), sort_key=lambda r: r.pages, align_right=True),
        Column(_tr("Size"), lambda r: human_size(r.size), sort_key=lambda r: r.size, align_right=True),
        Column(_tr("Added"), lambda r: local_moment(r.added_at), sort_key=lambda r: r.added_at),
        Column(_tr("Fingerprint"), lambda r: r.sha256[:12],
               tooltip=lambda r: _tr("SHA-256: {0}").format(r.sha256)),
        Column(_tr("Application"), lambda r: r.application or ""),
    )
