"""The Referees list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app import vocab
from desktop_app.services.referees import RefereeRow
from desktop_app.ui.formatting import short_date, vocab_label
from desktop_app.ui.models.row_table_model import Column, RowTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("RefereesModel", text)


def _where(row: RefereeRow) -> str:
    return ", ".join(part for part in (row.title, row.organisation) if part)


class RefereesModel(RowTableModel[RefereeRow]):
    NAME, RELATIONSHIP, ORGANISATION, LAST_BRIEFED, GIVEN_TO, ACTIVE = range(6)

    columns = (
        Column(_tr("Name"), lambda r: r.name),
        Column(_tr("Relationship"), lambda r: vocab_label(vocab.RELATIONSHIPS, r.relationship)),
        Column(_tr("Organisation and title"), _where),
        Column(_tr("Last briefed"), lambda r: short_date(r.last_briefed_on) or _tr("never"),
               sort_key=lambda r: r.last_briefed_on),
        Column(_tr("Given to"), lambda r: str(r.live_applications), sort_key=lambda r: r.live_applications,
               align_right=True),
        Column(_tr("Active"), lambda r: _tr("Yes") if r.active else _tr("Retired"), sort_key=lambda r: not r.active),
    )
