"""Today and now: the one place Afterview reads the time, so tests can set it.

The rules always receive ``today`` explicitly; services that default a ``today`` or a
``now`` argument, the command line and every window and dialog ask here. Nothing else
in ``desktop_app`` calls ``date.today()``, ``datetime.now()`` or ``datetime.utcnow()``
(``tests/test_clock.py`` keeps it so).

Two ways for a test to set the time, both undone at the end of the test:

* ``clock.set_today(date(2026, 11, 25))`` or ``clock.set_now(moment)`` — the whole
  clock follows (``today``, ``now`` and ``utc_now`` agree); use the ``frozen_clock``
  fixture of ``tests/conftest.py``, which calls ``set_now(None)`` afterwards;
* ``monkeypatch.setattr(clock, "today", ...)`` / ``(clock, "now", ...)`` — replaces one
  function; callers look it up on the module (``clock.today()``), so it reaches them.
  :func:`utc_now` is read through :func:`now`, so replacing ``now`` moves it too.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

#: The moment the clock is stopped at (aware), or None while it runs.
_frozen: datetime | None = None


def today() -> date:
    """The user's local calendar day now (or the day the clock is stopped on)."""
    if _frozen is not None:
        return _frozen.astimezone().date()
    return date.today()


def now() -> datetime:
    """The current moment, aware, with the local offset (Afterview never stores naive moments)."""
    if _frozen is not None:
        return _frozen.astimezone()
    return datetime.now().astimezone()


def utc_now() -> datetime:
    """The current moment, aware, in UTC: for stamps stored or written to files."""
    return now().astimezone(timezone.utc)


def set_now(moment: datetime | None) -> None:
    """Stop the clock at ``moment`` (aware), or let it run again with None.

    Raises ValueError for a naive ``moment``: which day it is would depend on a guess.
    Meant for tests (see the module docstring); the application never calls it.
    """
    global _frozen
    if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
        raise ValueError("the clock needs an aware moment (with a UTC offset)")
    _frozen = moment


def set_today(day: date) -> None:
    """Stop the clock at 10:00 local time on ``day`` (a plain :class:`date`).

    Ten in the morning: well inside the day, whatever offset the machine has.
    """
    set_now(datetime.combine(day, time(10)).astimezone())
