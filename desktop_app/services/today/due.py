"""The Today list: everything that is due, gathered from each part of the advice.

Each domain (applications, referees, vault) has a provider, listed in :data:`PROVIDERS`,
that turns its records into :class:`~desktop_app.services.today.item.DueItem` values
using the pure functions of ``rules``. The list then drops what the user dismissed or snoozed, and sorts the rest, most urgent first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop_app import clock
from desktop_app.services.core.settings import AdviceSettings, get_settings
from desktop_app.services.today.follow_ups import follow_up_items
from desktop_app.services.today.item import DueItem
from desktop_app.services.today.referees import referee_due_items
from desktop_app.services.today.vault import missing_transcript_items
from desktop_app.store import models as m

DueProvider = Callable[[date, AdviceSettings], list[DueItem]]

#: One provider per part of the advice, in the order their kinds rank on a tie. An explicit
#: tuple: nothing is added to it by importing a module.
PROVIDERS: tuple[DueProvider, ...] = (referee_due_items, follow_up_items, missing_transcript_items)


def due_items(today: date | None = None) -> list[DueItem]:
    today = today or clock.today()
    settings = get_settings()
    items: list[DueItem] = []
    for provider in PROVIDERS:
        items.extend(provider(today, settings))
    hidden = _hidden_keys(today)
    visible = [i for i in items if i.due_on <= today and i.key not in hidden]
    visible.sort(key=lambda i: (i.due_on, i.kind, i.subject))
    return visible


def _hidden_keys(today: date) -> set[str]:
    hidden = set()
    for state in m.DueState.select():
        if state.dismissed or (state.snoozed_until is not None and state.snoozed_until > today):
            hidden.add(state.key)
    return hidden


def dismiss(key: str) -> None:
    m.DueState.insert(key=key, dismissed=True, snoozed_until=None).on_conflict(
        conflict_target=[m.DueState.key],
        update={m.DueState.dismissed: True, m.DueState.snoozed_until: None}).execute()


def snooze(key: str, until: date) -> None:
    m.DueState.insert(key=key, dismissed=False, snoozed_until=until).on_conflict(
        conflict_target=[m.DueState.key],
        update={m.DueState.dismissed: False, m.DueState.snoozed_until: until}).execute()


__all__ = ["DueItem", "PROVIDERS", "due_items", "dismiss", "snooze"]
