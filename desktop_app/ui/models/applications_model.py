"""The Applications list: one row per application, plain values from the service.

The "Next step" cell is computed by the rules in bulk when the rows are loaded
(``services.next_step``); here it is only worded.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QLocale

from desktop_app import vocab
from desktop_app.dates import day_month
from desktop_app.rules.follow_up import NextStep
from desktop_app.services.applications.pipeline import ApplicationRow
from desktop_app.ui.formatting import short_date, vocab_label
from desktop_app.ui.models.row_table_model import Column, RowTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApplicationsModel", text)


def organisation_text(row: ApplicationRow) -> str:
    if row.agency:
        return _via().format(employer=row.employer, agency=row.agency)
    return row.employer


@lru_cache(maxsize=1)
def _via() -> str:
    return _tr("{employer} via {agency}")


@lru_cache(maxsize=4096)
def _short_date(day: date) -> str:
    """``short_date``, cached: a long list repeats days (5,000 rows: ~20 ms a refill, ~85 ms uncached).

    :meth:`ApplicationsModel._rebuild_cache` empties the cache when the default ``QLocale``
    has changed since the last fill, so a new locale never shows old month names.
    """
    return short_date(day)


#: The locale ``_short_date``'s cache was filled in (its ``bcp47Name``).
_cached_locale = [""]


@lru_cache(maxsize=1)
def _step_texts() -> dict[str, str]:
    """The sentences of the next steps, translated once (not once per row)."""
    return {
        "interview": _tr("Interview on {0}"),
        "feedback_request": _tr("Ask for feedback from {0}"),
        "follow_up": _tr("Follow-up polite from {0}"),
        "last_say": _tr("Last say suggested"),
        "last_say_sent": _tr("Last say sent {0}"),
        "senior_contact": _tr("Write to a senior contact; re-approach from {0}"),
        "re_approach": _tr("Re-approach from {0}"),
        "waiting": _tr("Waiting for reply"),
        "feedback_received": _tr("Feedback received {0}"),
    }


@lru_cache(maxsize=16384)
def next_step_text(step: NextStep | None) -> str:
    """The words of a next step ("Ask for feedback from 24 Nov", "Waiting for reply" …).

    A sentence in the app's English, so its month names are English (``dates.day_month``)
    whatever the locale; the date columns beside it follow the locale (``short_date``).
    """
    if step is None or step.kind == "none":
        return ""
    return _step_texts().get(step.kind, "").format(day_month(step.on) if step.on else "")


@lru_cache(maxsize=64)
def _stage_label(stage: str) -> str:
    return vocab_label(vocab.STAGES, stage)


_STAGE_ORDER = {word: i for i, word in enumerate(vocab.STAGES)}


#: Order of next steps when sorting the column: what needs the user first.
_STEP_RANK = {"last_say": 0, "feedback_request": 1, "follow_up": 2, "senior_contact": 3, "interview": 4,
              "re_approach": 5, "waiting": 6, "feedback_received": 7, "last_say_sent": 7, "none": 8}


def _step_key(row: ApplicationRow) -> tuple[int, date]:
    step = row.next_step or NextStep("none")
    return (_STEP_RANK.get(step.kind, 9), step.on or date.max)


class ApplicationsModel(RowTableModel[ApplicationRow]):
    ROLE, ORGANISATION, STAGE, APPLIED, LAST_CONTACT, NEXT_STEP = range(6)

    columns = (
        Column(_tr("Role"), lambda r: r.role),
        Column(_tr("Organisation"), organisation_text),
        Column(_tr("Stage"), lambda r: _stage_label(r.stage), sort_key=lambda r: _STAGE_ORDER[r.stage]),
        Column(_tr("Applied"), lambda r: _short_date(r.applied_on), sort_key=lambda r: r.applied_on),
        Column(_tr("Last contact"), lambda r: _short_date(r.last_contact_at.astimezone().date())
               if r.last_contact_at else "",
               sort_key=lambda r: r.last_contact_at),
        Column(_tr("Next step"), lambda r: next_step_text(r.next_step), sort_key=_step_key),
    )

    def _rebuild_cache(self) -> None:
        locale = QLocale().bcp47Name()  # once per fill, not once per cell
        if locale != _cached_locale[0]:
            _short_date.cache_clear()
            _cached_locale[0] = locale
        super()._rebuild_cache()
