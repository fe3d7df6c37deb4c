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

    @classmethod
    def kept(cls, kind: str, due_on: str, subject: str, text: str, key: str, application_id: int,
             days: dict[str, date]) -> "DueItem":
        """An application's item as kept by ``today.summary`` (``due_on`` ISO text; ``days`` parses
        each distinct day once). Built without ``__init__``, :attr:`order` included: a heavy user's
        Today list has thousands, and the frozen ``__init__`` and ``cached_property`` cost more
        than reading them (bench/applications.py)."""
        day = days.get(due_on)
        if day is None:
            day = days[due_on] = date.fromisoformat(due_on)
        item = object.__new__(cls)
        item.__dict__.update(kind=kind, due_on=day, subject=subject, text=text, key=key,
                             application_id=application_id, referee_id=None, qualification_id=None,
                             order=f"{due_on}\0{kind}\0{subject}")
        return item

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "due_on": self.due_on.isoformat(), "subject": self.subject,
                "text": self.text}


class InOrder(list):  # type: ignore[type-arg]
    """A list of items already in Today's order (:attr:`DueItem.order`; equal ones as made): the
    Today list merges the few others into it instead of sorting thousands again on each refresh."""
