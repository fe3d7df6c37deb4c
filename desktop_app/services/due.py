"""The Today list: everything that is due, gathered from each part of the advice.

Each domain (applications, referees, vault) contributes a provider that turns its
records into :class:`DueItem` values using the pure functions of ``rules``. The list
then drops what the user dismissed or snoozed, and sorts the rest, most urgent first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop_app.services.settings import AdviceSettings, get_settings
from desktop_app.store import models as m


@dataclass(frozen=True)
class DueItem:
    kind: str
    due_on: date
    subject: str
    text: str
    #: stable identity, for dismiss/snooze (e.g. ``feedback_request:interview:12``)
    key: str
    application_id: int | None = None
    referee_id: int | None = None
    qualification_id: int | None = None

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "due_on": self.due_on.isoformat(), "subject": self.subject,
                "text": self.text}


DueProvider = Callable[[date, AdviceSettings], list[DueItem]]

#: Providers register here (one per domain), in the order their kinds rank on a tie.
PROVIDERS: list[DueProvider] = []


def due_items(today: date | None = None) -> list[DueItem]:
    today = today or date.today()
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

from desktop_app.services import referee_due  # noqa: E402,F401 (registers its provider)
from desktop_app.services import follow_up_due  # noqa: E402,F401 (registers its provider)
from desktop_app.services import vault_due  # noqa: E402,F401 (registers its provider)
