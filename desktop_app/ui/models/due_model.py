"""The Today list: one row per due item, most urgent (longest waiting) first."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desktop_app.ui.formatting import day_month
from desktop_app.ui.models.row_table_model import Column, RowTableModel

if TYPE_CHECKING:  # the services are imported when the list is first filled, not at start-up
    from desktop_app.services.today.due import DueItem
else:
    DueItem = Any


def _tr(text: str) -> str:
    return QCoreApplication.translate("DueModel", text)


#: What each kind of item is called in the list (other domains' kinds included).
KIND_LABELS: dict[str, str] = {
    "feedback_request": "Ask for feedback",
    "follow_up": "Follow up",
    "last_say": "Have the last say",
    "senior_contact": "Senior contact",
    "re_approach": "Re-approach",
    "brief_referee": "Brief a referee",
    "missing_transcript": "Transcript missing",
    "too_few_referees": "Referees",
    "no_direct_manager": "Referees",
}


@lru_cache(maxsize=64)
def kind_label(kind: str) -> str:
    return _tr(KIND_LABELS.get(kind, kind.replace("_", " ").capitalize()))


class DueModel(RowTableModel[DueItem]):
    DUE, WHAT, ABOUT, TEXT = range(4)

    columns = (
        Column(_tr("Due"), lambda i: day_month(i.due_on), sort_key=lambda i: i.due_on),
        Column(_tr("What"), lambda i: kind_label(i.kind)),
        Column(_tr("About"), lambda i: i.subject),
        Column(_tr("What to do"), lambda i: i.text, tooltip=lambda i: i.text),
    )
