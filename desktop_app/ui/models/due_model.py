"""The Today lists: one row per item; overdue items say how long, in words and in colour.

The same model serves the list of what is due (most overdue first) and *Coming up*
(soonest first). :meth:`DueModel.set_items` takes the day they are worked out for, so the
*Due* column can say "Today", "3 days overdue", "2 months overdue" or "Sat 5 Dec".
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from desktop_app import clock
from desktop_app.ui.formatting import day_month
from desktop_app.ui.theme import OVERDUE_ON_LIGHT
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

_FOREGROUND, _FONT = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole

#: The colour of an overdue item's *Due* cell on a light theme (a dark red; theme.overdue_colour picks the dark one).
OVERDUE_COLOUR = OVERDUE_ON_LIGHT


@lru_cache(maxsize=64)
def kind_label(kind: str) -> str:
    return _tr(KIND_LABELS.get(kind, kind.replace("_", " ").capitalize()))


#: The locale ``when_text``'s cache was filled in.
_cached_locale = [""]


@lru_cache(maxsize=4096)
def when_text(due_on: date, today: date) -> str:
    """How the *Due* column words ``due_on`` seen from ``today``: "Today", "1 day overdue",
    "3 weeks overdue", "4 months overdue", or the day itself when it is still to come.

    Cached: thousands of items share a few hundred days (the list is rebuilt on every change)."""
    late = (today - due_on).days
    if late < 0:
        return day_month(due_on)
    if late == 0:
        return _tr("Today")
    if late < 14:
        return (_tr("1 day overdue") if late == 1 else _tr("{0} days overdue").format(late))
    if late < 61:
        return _tr("{0} weeks overdue").format(late // 7)
    months = late // 30
    return _tr("{0} months overdue").format(months) if months < 24 else _tr("over a year overdue")


class DueModel(RowTableModel[DueItem]):
    DUE, WHAT, ABOUT, TEXT = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = clock.today()  # replaced by set_items; only read while painting
        # per instance: the Due column's words depend on the day the list was made for
        self.columns = (
            Column(_tr("Due"), lambda i: when_text(i.due_on, self.today), sort_key=lambda i: i.due_on,
                   tooltip=lambda i: _tr("Due from {0}").format(day_month(i.due_on))),
            Column(_tr("What"), lambda i: kind_label(i.kind)),
            Column(_tr("About"), lambda i: i.subject),
            Column(_tr("What to do"), lambda i: i.text, tooltip=lambda i: i.text),
        )
        bold = QFont()
        bold.setBold(True)
        from desktop_app.ui.theme import overdue_colour  # #18: a lighter red on a dark theme

        self._bold, self._red = bold, QBrush(overdue_colour())

    def set_items(self, items: list[DueItem], today: date) -> bool:
        """Show ``items`` as seen on ``today``; True when the whole list was filled again (worth
        fitting the columns again), False when only the items that came or went were touched
        (the same day and language: see ``RowTableModel.sync_rows``)."""
        locale = QLocale().bcp47Name()
        same = locale == _cached_locale[0] and today == self.today
        if locale != _cached_locale[0]:  # the words and month names of another language
            when_text.cache_clear()
            _cached_locale[0] = locale
        self.today = today
        if same:
            return self.sync_rows(items)
        self.set_rows(items)
        return True

    def is_overdue(self, row: int) -> bool:
        return self.row_at(row).due_on < self.today

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the role first: this runs for every cell painted or measured, thousands of times
        if (role == _FOREGROUND or role == _FONT) and index.column() == 0 and index.isValid() \
                and index.row() < len(self._rows) and self._rows[index.row()].due_on < self.today:
            return self._red if role == _FOREGROUND else self._bold
        return super().data(index, role)
