"""What the user did with Today's items: dismissed for good, snoozed until a day, or brought back.

One row of ``DueState`` per item key (``DueItem.key``, e.g. ``follow_up:application:7:2026-12-05``).
:func:`bring_back` deletes the row: the item shows again as the rules see it. The Today
tab's *Undo* after Dismiss or Snooze, the list of items put aside, and Edit → Undo all
call it. Every function commits at once (each is one statement).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.dates import as_date
from desktop_app.services.core.kept import kept
from desktop_app.services.today.item import DueItem
from desktop_app.store import models as m


@dataclass(frozen=True)
class PutAside:
    """An item the user dismissed or snoozed. ``item`` is what it is about, as Today would show
    it now; None when the rules no longer suggest it (it was done since, or its window closed)."""

    key: str
    dismissed: bool
    snoozed_until: date | None
    item: DueItem | None


def dismiss(key: str) -> None:
    """Hide the item with ``key`` for good (until brought back)."""
    m.DueState.insert(key=key, dismissed=True, snoozed_until=None).on_conflict(
        conflict_target=[m.DueState.key],
        update={m.DueState.dismissed: True, m.DueState.snoozed_until: None}).execute()


def snooze(key: str, until: date) -> None:
    """Hide the item with ``key`` until the day ``until`` (it shows again on that day)."""
    m.DueState.insert(key=key, dismissed=False, snoozed_until=until).on_conflict(
        conflict_target=[m.DueState.key],
        update={m.DueState.dismissed: False, m.DueState.snoozed_until: until}).execute()


def bring_back(key: str) -> bool:
    """Undo a dismiss or a snooze of ``key``; False when it was neither (nothing changed)."""
    return bool(m.DueState.delete().where(m.DueState.key == key).execute())


@kept(m.DueState)
def _states() -> list[tuple[str, bool, date | None]]:
    """Every row of DueState as (key, dismissed, snoozed until): kept in memory until the table
    is written (``services.core.kept``), as Today reads it on every refresh (issue 12)."""
    return [(key, bool(dismissed), as_date(until) if until is not None else None)
            for key, dismissed, until in m.DueState.select(
                m.DueState.key, m.DueState.dismissed, m.DueState.snoozed_until).tuples()]


def hidden_keys(today: date) -> set[str]:
    """Keys hidden on ``today``: dismissed, or snoozed until a later day."""
    return {key for key, dismissed, until in _states() if dismissed or (until is not None and until > today)}


def snoozed_until(today: date) -> dict[str, date]:
    """Key -> the day it comes back, for every item snoozed past ``today`` (not the dismissed)."""
    return {key: until for key, dismissed, until in _states()
            if not dismissed and until is not None and until > today}


def list_put_aside(today: date, items: list[DueItem]) -> list[PutAside]:
    """Everything dismissed, or snoozed past ``today``, most recently due first.

    ``items`` are every item the providers make on ``today`` whatever their state
    (``services.today.due.put_aside`` passes them: this module is below ``due``).
    """
    states = _states()
    # nothing put aside (the usual case): no pass over thousands of items on every refresh
    by_key = {i.key: i for i in items} if states else {}
    out = []
    for key, dismissed, day in states:
        if dismissed or (day is not None and day > today):
            out.append(PutAside(key, dismissed, day, by_key.get(key)))
    out.sort(key=lambda p: (p.item is None, -(p.item.due_on.toordinal()) if p.item else 0, p.key))
    return out
