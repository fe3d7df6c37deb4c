"""Dates, in one place: reading stored values back, and English names for generated text.

Generated text (messages, the pack, CSV, the command line) is English whatever the
machine's locale, so month and day names come from here, never from ``strftime``'s
``%b``/``%B``/``%a`` (which follow the C locale that Qt sets from the user's). What the
window displays follows the user's locale through ``QLocale`` (``ui/formatting.py``).
"""

from __future__ import annotations

from datetime import date, datetime


def as_date(value: date | str) -> date:
    """A stored day as a :class:`date`: SQLite hands back ISO 8601 text (``2026-11-30``)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(value)


def as_moment(value: datetime | str | None) -> datetime | None:
    """A stored moment (ISO 8601 with its offset) as an aware :class:`datetime`; None stays None."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
