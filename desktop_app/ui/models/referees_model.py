"""The Referees list, and the two lists under it: where a referee was given, and their briefings.

The "Local time now" column depends on the clock, not on the data: :meth:`RefereesModel.set_now`
recomputes that one column and repaints it, so the tab can tick every minute without
resetting the list (which would lose the user's selection).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from desktop_app import clock, vocab
from desktop_app.rules import referees as referee_rules
from desktop_app.services.referees.briefings import BriefingRow, ReferenceRow
from desktop_app.services.referees.referees import RefereeRow
from desktop_app.services.referees.time_zones import utc_offset_text
from desktop_app.services.core.validation import format_phone
from desktop_app.services.exchange.vcard import CardPreview
from desktop_app.ui.formatting import clock_time, short_date, short_weekday, vocab_label
from desktop_app.ui.models.row_table_model import Column, RowTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("RefereesModel", text)


def _where(row: RefereeRow) -> str:
    return ", ".join(part for part in (row.title, row.organisation) if part)


def relationship_text(relationship: str) -> str:
    label = vocab_label(vocab.RELATIONSHIPS, relationship)
    return _tr("{0} (weak)").format(label) if referee_rules.is_weak(relationship) else label


#: The verdict words, as source strings for translation (the rules keep the English ones).
_VERDICTS = {
    referee_rules.GOOD: lambda: _tr("a good time to call"),
    referee_rules.EARLY: lambda: _tr("too early"),
    referee_rules.LATE: lambda: _tr("too late"),
    referee_rules.OUT_OF_HOURS: lambda: _tr("outside working hours"),
    referee_rules.WEEKEND: lambda: _tr("the weekend, better to email"),
}


def local_time_text(found: referee_rules.LocalTime | None) -> str:
    """``14:05 Tue, a good time to call`` / ``03:10, too early``; translated.

    The referee's wall-clock time and weekday, in the user's locale (``mar.`` in French).
    """
    if found is None:
        return _tr("time zone not set")
    words = _VERDICTS[found.verdict]()
    there = clock_time(found.moment)
    if found.verdict in (referee_rules.EARLY, referee_rules.LATE):
        return _tr("{0}, {1}").format(there, words)
    return _tr("{0} {1}, {2}").format(there, short_weekday(found.moment.date()), words)


class RefereesModel(RowTableModel[RefereeRow]):
    NAME, RELATIONSHIP, ORGANISATION, LAST_BRIEFED, GIVEN_TO, LOCAL_TIME, ACTIVE = range(7)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._now = clock.utc_now()
        self._local: dict[int, referee_rules.LocalTime | None] = {}
        self.columns = (
            Column(_tr("Name"), lambda r: r.name),
            Column(_tr("Relationship"), lambda r: relationship_text(r.relationship)),
            Column(_tr("Organisation and title"), _where),
            Column(_tr("Last briefed"), lambda r: short_date(r.last_briefed_on) or _tr("never"),
                   sort_key=lambda r: r.last_briefed_on),
            Column(_tr("Given to"), lambda r: str(r.live_applications), sort_key=lambda r: r.live_applications,
                   tooltip=lambda r: _tr("Given to {0} live application(s)").format(r.live_applications),
                   align_right=True),
            Column(_tr("Local time now"), lambda r: local_time_text(self._local.get(r.id)),
                   sort_key=self._local_sort_key, tooltip=self._zone_tooltip),
            Column(_tr("Active"), lambda r: _tr("Yes") if r.active else _tr("Retired"),
                   sort_key=lambda r: not r.active),
        )

    def set_rows(self, rows: Any) -> None:
        self._compute_local(rows)
        super().set_rows(rows)

    def _compute_local(self, rows: Any) -> None:
        self._local = {r.id: referee_rules.local_time(self._now, r.time_zone) for r in rows}

    def set_now(self, now: datetime) -> None:
        """Move the clock: recompute and repaint the local-time column only."""
        self._now = now
        self._compute_local(self._rows)
        for i, row in enumerate(self._rows):
            self._texts[i][self.LOCAL_TIME] = self.columns[self.LOCAL_TIME].text(row)
        self._haystacks = ["\n".join(t).casefold() for t in self._texts]
        if self._rows:
            self.dataChanged.emit(self.index(0, self.LOCAL_TIME), self.index(len(self._rows) - 1, self.LOCAL_TIME),
                                  [Qt.ItemDataRole.DisplayRole])

    def local_time_of(self, referee_id: int) -> referee_rules.LocalTime | None:
        return self._local.get(referee_id)

    def _local_sort_key(self, row: RefereeRow) -> Any:
        found = self._local.get(row.id)
        return None if found is None else found.moment.replace(tzinfo=None)

    def _zone_tooltip(self, row: RefereeRow) -> str:
        if not row.time_zone:
            return _tr("Set the referee's time zone to see their local time.")
        return f"{row.time_zone} ({utc_offset_text(row.time_zone, self._now)})"


def _yes_no(value: bool) -> str:
    return _tr("Yes") if value else _tr("No")


class ReferencesModel(RowTableModel[ReferenceRow]):
    """Where one referee's name was given (or, on an application, which referees it has)."""

    APPLICATION, GIVEN_ON, BRIEFED, CONTACTED, QUESTIONNAIRE = range(5)
    columns = (
        Column(_tr("Application"), lambda r: f"{r.role} — {r.employer}"
               + ("" if r.live else _tr(" (closed)"))),
        Column(_tr("Given on"), lambda r: short_date(r.on), sort_key=lambda r: r.on),
        Column(_tr("Briefed"), lambda r: _yes_no(r.briefed) if r.live else "",
               sort_key=lambda r: r.briefed),
        Column(_tr("Employer contacted them"), lambda r: short_date(r.employer_contacted_on) or _tr("not yet"),
               sort_key=lambda r: r.employer_contacted_on),
        Column(_tr("Questionnaire done"), lambda r: _yes_no(r.questionnaire_done),
               sort_key=lambda r: r.questionnaire_done),
    )


class BriefingsModel(RowTableModel[BriefingRow]):
    """A referee's briefings, newest first."""

    columns = (
        Column(_tr("On"), lambda b: short_date(b.on), sort_key=lambda b: b.on),
        Column(_tr("For"), lambda b: b.application_label or _tr("In general")),
        Column(_tr("Channel"), lambda b: vocab_label(vocab.CHANNELS, b.channel)),
        Column(_tr("What was said"), lambda b: " ".join(b.notes.split())),
    )


def _card_fate(card: CardPreview) -> str:
    if card.duplicate:
        return _tr("skipped: {0}").format(card.duplicate_of or _tr("already a referee"))
    left_out = sorted({w.split(" ", 1)[0] for w in card.warnings if " left out" in w})
    if left_out:
        return _tr("created, without {0}").format(_tr(" or ").join(left_out))
    return _tr("created")


def _card_phone(card: CardPreview) -> str:
    """The referee's phone as the preview shows it: international format, and its extension."""
    if not card.phone:
        return ""
    return format_phone(card.phone)  # the phone keeps its extension: "+44 20 7946 0000 x1234"


class VCardPreviewModel(RowTableModel[CardPreview]):
    """The cards of a vCard file before import; the first column ticks what will be created."""

    columns = (
        Column(_tr("Name"), lambda c: c.name),
        Column(_tr("Email"), lambda c: c.email or ""),
        Column(_tr("Phone"), _card_phone),
        Column(_tr("Organisation and title"), lambda c: ", ".join(p for p in (c.title, c.organisation) if p)),
        Column(_tr("Will be"), lambda c: _card_fate(c), tooltip=lambda c: "\n".join(c.problems())),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.ticked: set[int] = set()

    def set_rows(self, rows: Any) -> None:
        self.ticked = {c.number for c in rows if not c.duplicate}
        super().set_rows(rows)

    def flags(self, index: Any) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0 and not self.row_at(index.row()).duplicate:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            card = self.row_at(index.row())
            if card.duplicate:
                return None
            return Qt.CheckState.Checked if card.number in self.ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Any, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        card = self.row_at(index.row())
        if card.duplicate:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(card.number)
        else:
            self.ticked.discard(card.number)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def ticked_cards(self) -> list[CardPreview]:
        return [c for c in self.rows() if c.number in self.ticked and not c.duplicate]
