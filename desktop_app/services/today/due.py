"""The Today list: everything that is due, gathered from each part of the advice.

Each domain (applications, referees, vault) has a provider, listed in :data:`PROVIDERS`,
that turns its records into :class:`~desktop_app.services.today.item.DueItem` values
using the pure functions of ``rules``. The list then drops what the user dismissed or snoozed (``due_state``), and sorts the rest, most
urgent first; what becomes due in the next two weeks is the *Coming up* list.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import attrgetter
from datetime import date, timedelta

from desktop_app import clock
from desktop_app.dates import day_month
from desktop_app.services.core import undo
from desktop_app.services.core.settings import AdviceSettings, get_settings
from desktop_app.services.today import due_state
from desktop_app.services.today.item import COMING_UP_DAYS, DueItem, InOrder
from desktop_app.services.today.referees import referee_due_items
from desktop_app.services.today.summary import follow_up_items, interview_items
from desktop_app.services.today.vault import missing_transcript_items, share_link_items

DueProvider = Callable[[date, AdviceSettings], list[DueItem]]

#: One provider per part of the advice, in the order their kinds rank on a tie. An explicit
#: tuple: nothing is added to it by importing a module.
PROVIDERS: tuple[DueProvider, ...] = (referee_due_items, follow_up_items, interview_items, missing_transcript_items,
                                      share_link_items)


@dataclass(frozen=True)
class TodayLists:
    """Today's two lists: ``due`` (due on or before the day, most overdue first) and ``coming``
    (due in the next :data:`COMING_UP_DAYS` days, soonest first, booked interviews included);
    dismissed items left out, snoozed ones shown in ``coming`` on the day they come back when
    that is within the horizon (their text ends "(snoozed until 3 Dec)")."""

    due: list[DueItem]
    coming: list[DueItem]


#: the user's words for the part of the advice each provider works out (for a message when one fails)
_PART_WORDS = {"referee_due_items": "your referees", "follow_up_items": "your applications",
               "interview_items": "your interviews",
               "missing_transcript_items": "your documents", "share_link_items": "your share links"}


def every_item(today: date | None = None, troubles: list[str] | None = None) -> list[DueItem]:
    """Every item the providers make on ``today``, due or coming, dismissed or not (in Today's
    order when the applications' provider gives its items in order: :class:`InOrder`).

    With a ``troubles`` list, a provider that fails (a record it cannot make sense of)
    does not hide what the others found: a sentence naming the part and the reason is
    added to ``troubles`` and the rest is returned. Without it, the error propagates.
    """
    today = today or clock.today()
    settings = get_settings()
    found: list[list[DueItem]] = []
    for provider in PROVIDERS:
        try:
            found.append(provider(today, settings))
        except Exception as exc:  # any failure of one part: the others must still show (issue 14)
            if troubles is None:
                raise
            part = _PART_WORDS.get(getattr(provider, "__name__", ""), "part of your records")
            troubles.append(f"Afterview could not work out what is due for {part}: {exc}.")
    base = max((f for f in found if isinstance(f, InOrder)), key=len, default=None)
    if base is None:
        return [i for f in found for i in f]
    # the thousands of the applications' items come in Today's order: the others (a few) are
    # put in place, and today_lists need not sort again. Items of different providers never
    # rank equal (each has kinds of its own), so this is the order a sort would give.
    ranked = InOrder(base)
    order = attrgetter("order")
    for item in sorted((i for f in found if f is not base for i in f), key=order):
        bisect.insort_right(ranked, item, key=order)
    return ranked


def today_lists(today: date | None = None, items: list[DueItem] | None = None) -> TodayLists:
    """What is due on ``today`` and what is coming up, worked out once for both (from ``items``,
    :func:`every_item` of ``today``, when the caller has them)."""
    today = today or clock.today()
    items = every_item(today) if items is None else items
    hidden = due_state.hidden_keys(today)
    snoozed = due_state.snoozed_until(today) if hidden else {}
    horizon = today + timedelta(days=COMING_UP_DAYS)
    order = attrgetter("order")  # (due_on, kind, subject), as one text: DueItem.order
    # one sort of everything (the big provider's items come sorted already: timsort merely
    # merges the runs), then the lists are cut where the days end, by bisection on the
    # order text (it starts with the ISO day): no pass in Python over thousands of items
    ranked = items if isinstance(items, InOrder) else sorted(items, key=order)
    end_today = bisect.bisect_left(ranked, (today + timedelta(days=1)).isoformat(), key=order)
    end_horizon = bisect.bisect_left(ranked, (horizon + timedelta(days=1)).isoformat(), key=order)
    due = ranked[:end_today]
    coming = ranked[end_today:end_horizon]
    if hidden:
        due = [i for i in due if i.key not in hidden]
        coming = [i for i in coming if i.key not in hidden]
    if snoozed:
        back_again = []
        for i in ranked:
            if i.key in snoozed and snoozed[i.key] <= horizon:
                # snoozed, back within the horizon: coming up on the day it comes back, and said so (12b item 9)
                back = max(snoozed[i.key], i.due_on)
                back_again.append(replace(i, due_on=back, text=f"{i.text} (snoozed until {day_month(back, today)})"))
        if back_again:
            coming = sorted([*coming, *back_again], key=order)
    return TodayLists(due, coming)


def due_items(today: date | None = None) -> list[DueItem]:
    """What is due on ``today``, most overdue first (the Today list, ``afterview due``)."""
    return today_lists(today).due


def coming_up(today: date | None = None) -> list[DueItem]:
    """What becomes due in the next :data:`COMING_UP_DAYS` days, soonest first."""
    return today_lists(today).coming


def dismiss(key: str, label: str = "") -> None:
    """Dismiss the item ``key`` (``label``: what the user saw), remembered for Edit → Undo."""
    undo.remember_due_state(key, f"Dismiss “{label}”" if label else "Dismiss a Today item")  # never the inner key
    due_state.dismiss(key)


def snooze(key: str, until: date, label: str = "") -> None:
    """Snooze the item ``key`` until the day ``until``, remembered for Edit → Undo."""
    undo.remember_due_state(key, f"Snooze “{label}”" if label else "Snooze a Today item")
    due_state.snooze(key, until)


def put_aside(today: date | None = None, items: list[DueItem] | None = None) -> list[due_state.PutAside]:
    """What the user dismissed or snoozed, with the items as Today would show them (to bring back);
    ``items`` as for :func:`today_lists`."""
    today = today or clock.today()
    return due_state.list_put_aside(today, every_item(today) if items is None else items)


bring_back = due_state.bring_back


__all__ = ["DueItem", "PROVIDERS", "COMING_UP_DAYS", "TodayLists", "due_items", "coming_up", "today_lists",
           "every_item", "dismiss", "snooze", "bring_back", "put_aside"]
