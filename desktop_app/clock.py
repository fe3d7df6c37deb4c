"""Today and now, as the window sees them: one place, so tests can set the day.

The rules always receive ``today`` explicitly; the window asks here. A test that
wants to see Today "on the right day" replaces :func:`today` and :func:`now`.
"""

from __future__ import annotations

from datetime import date, datetime


def today() -> date:
    return date.today()


def now() -> datetime:
    """The current moment with the local offset (Afterview never stores naive moments)."""
    return datetime.now().astimezone()
