"""The Today list as a whole: dismissed and snoozed items stay hidden."""

from __future__ import annotations

from datetime import date

from desktop_app.services.today import due
from tests.helpers.applications import kinds_for


def test_dismiss_and_snooze_hide_an_item(via_recruiter: int) -> None:
    item = next(i for i in due.due_items(date(2026, 11, 10)) if i.application_id == via_recruiter)
    assert item.kind == "follow_up"
    due.snooze(item.key, date(2026, 11, 12))
    assert kinds_for(via_recruiter, date(2026, 11, 11)) == []
    assert kinds_for(via_recruiter, date(2026, 11, 12)) == ["follow_up"]
    due.dismiss(item.key)
    assert kinds_for(via_recruiter, date(2026, 11, 13)) == []
