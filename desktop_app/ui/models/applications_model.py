"""The Applications list: one row per application, plain values from the service.

The "Next step" cell is computed by the rules in bulk when the rows are loaded
(``services.next_step``); here it is only worded.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from desktop_app import vocab
from desktop_app.rules.follow_up import NextStep
from desktop_app.services.applications import ApplicationRow
from desktop_app.ui.formatting import short_date, vocab_label
from desktop_app.ui.models.row_table_model import Column, RowTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApplicationsModel", text)


def organisation_text(row: ApplicationRow) -> str:
    if row.agency:
        return _tr("{employer} via {agency}").format(employer=row.employer, agency=row.agency)
    return row.employer


def day_month(day: date) -> str:
    """``2 Dec``: the short form used in sentences about the coming weeks."""
    return f"{day.day} {day:%b}"


def next_step_text(step: NextStep | None) -> str:
    """The words of a next step ("Ask for feedback from 24 Nov", "Waiting for reply" …)."""
    if step is None or step.kind == "none":
        return ""
    on = day_month(step.on) if step.on else ""
    texts = {
        "interview": _tr("Interview on {0}"),
        "feedback_request": _tr("Ask for feedback from {0}"),
        "follow_up": _tr("Follow-up polite from {0}"),
        "last_say": _tr("Last say suggested"),
        "last_say_sent": _tr("Last say sent {0}"),
        "senior_contact": _tr("Write to a senior contact"),
        "re_approach": _tr("Re-approach from {0}"),
        "waiting": _tr("Waiting for reply"),
    }
    return texts.get(step.kind, "").format(on)


#: Order of next steps when sorting the column: what needs the user first.
_STEP_RANK = {"last_say": 0, "feedback_request": 1, "follow_up": 2, "senior_contact": 3, "interview": 4,
              "re_approach": 5, "waiting": 6, "last_say_sent": 7, "none": 8}


def _step_key(row: ApplicationRow) -> tuple[int, date]:
    step = row.next_step or NextStep("none")
    return (_STEP_RANK.get(step.kind, 9), step.on or date.max)


class ApplicationsModel(RowTableModel[ApplicationRow]):
    ROLE, ORGANISATION, STAGE, APPLIED, LAST_CONTACT, NEXT_STEP = range(6)

    columns = (
        Column(_tr("Role"), lambda r: r.role),
        Column(_tr("Organisation"), organisation_text),
        Column(_tr("Stage"), lambda r: vocab_label(vocab.STAGES, r.stage),
               sort_key=lambda r: list(vocab.STAGES).index(r.stage)),
        Column(_tr("Applied"), lambda r: short_date(r.applied_on), sort_key=lambda r: r.applied_on),
        Column(_tr("Last contact"), lambda r: short_date(r.last_contact_at.astimezone().date())
               if r.last_contact_at else "",
               sort_key=lambda r: r.last_contact_at),
        Column(_tr("Next step"), lambda r: next_step_text(r.next_step), sort_key=_step_key),
    )
