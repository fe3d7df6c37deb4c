"""The Applications list: one row per application, plain values from the service."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app import vocab
from desktop_app.services.applications import ApplicationRow
from desktop_app.ui.formatting import local_moment, short_date, vocab_label
from desktop_app.ui.models.row_table_model import Column, RowTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApplicationsModel", text)


def organisation_text(row: ApplicationRow) -> str:
    if row.agency:
        return _tr("{employer} via {agency}").format(employer=row.employer, agency=row.agency)
    return row.employer


class ApplicationsModel(RowTableModel[ApplicationRow]):
    ROLE, ORGANISATION, STAGE, APPLIED, LAST_CONTACT = range(5)

    columns = (
        Column(_tr("Role"), lambda r: r.role),
        Column(_tr("Organisation"), organisation_text),
        Column(_tr("Stage"), lambda r: vocab_label(vocab.STAGES, r.stage),
               sort_key=lambda r: list(vocab.STAGES).index(r.stage)),
        Column(_tr("Applied"), lambda r: short_date(r.applied_on), sort_key=lambda r: r.applied_on),
        Column(_tr("Last contact"), lambda r: local_moment(r.last_contact_at),
               sort_key=lambda r: r.last_contact_at),
    )
