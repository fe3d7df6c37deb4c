"""One thing due on the Today list (and in ``afterview due``): a plain frozen value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
