"""One thing due on the Today list (and in ``afterview due``): a plain frozen value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

#: How far ahead the *Coming up* part of Today looks, in days (providers may leave out anything later).
COMING_UP_DAYS = 14


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

    @cached_property
    def order(self) -> str:
        """The Today order as one text: due day, kind, subject — the same order as the tuple
        ``(due_on, kind, subject)`` (ISO days have a fixed width; NUL sorts before any letter),
        but compared in C, and made once per item (unchanged items are kept between refreshes)."""
        return f"{self.due_on.isoformat()}\0{self.kind}\0{self.subject}"

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "due_on": self.due_on.isoformat(), "subject": self.subject,
                "text": self.text}
