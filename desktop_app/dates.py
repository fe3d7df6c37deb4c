"""Dates, in one place: reading stored values back, and English names for generated text.

Generated text (messages, the pack, CSV, the command line) is English whatever the
machine's locale, so month and day names come from here, never from ``strftime``'s
``%b``/``%B``/``%a`` (which follow the C locale that Qt sets from the user's). What the
window displays follows the user's locale through ``QLocale`` (``ui/formatting.py``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

#: English month and day names: fixed tuples, never ``strftime`` (see the module docstring).
MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July",
                           "August", "September", "October", "November", "December")
MONTHS_SHORT: tuple[str, ...] = tuple(name[:3] for name in MONTHS)
WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_SHORT: tuple[str, ...] = tuple(name[:3] for name in WEEKDAYS)


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


def local_start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day`` in the machine's zone, with the offset *of that day*.

    Not today's offset: a stage change made in July, seen in winter, still sits at
    midnight BST (+01:00) and so sorts correctly against that day's interviews.
    """
    return datetime.combine(day, time()).astimezone()


# ---------------------------------------------------------------- generated text (English)
def day_month(day: date) -> str:
    """``2 Dec``."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]}"


def long_day_month(day: date) -> str:
    """``2 December``."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def short_date(day: date) -> str:
    """``2 Dec 2026``."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """``2 December 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: date) -> str:
    """``December 2026``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def weekday_day_month(day: date) -> str:
    """``Wed 2 Dec``."""
    return f"{WEEKDAYS_SHORT[day.weekday()]} {day_month(day)}"


# ---------------------------------------------------------------- reading typed and imported dates
#: Month names and abbreviations, folded, to month numbers; "Sept" as people write it.
_MONTH_NUMBERS: dict[str, int] = {
    **{name.casefold(): i for i, name in enumerate(MONTHS, 1)},
    **{name.casefold(): i for i, name in enumerate(MONTHS_SHORT, 1)},
    "sept": 9,
}
_NUMERIC = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})")
_WORDS = re.compile(r"(\d{1,2}) +([A-Za-z]+)\.? +(\d{4})")


def parse_iso_day(text: str) -> date:
    """A day written ``YYYY-MM-DD`` (exactly: no time, no week dates).

    Raises ValueError for anything else, and for days that do not exist (``2026-02-30``).
    """
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"{text!r} is not YYYY-MM-DD")
    return date.fromisoformat(text)


def parse_day(text: str) -> date:
    """A day as people type it or spreadsheets write it, the same on every machine.

    Accepts ``2026-11-03``, ``3/11/2026``, ``3/11/26``, ``3.11.2026`` (day first:
    British), and ``3 Nov 2026`` / ``3 November 2026`` / ``3 nov. 2026`` (English
    month names, any case). Month names are read here, not by ``strptime("%b")``,
    which follows the C locale and so refuses "Nov" on a French or Turkish desktop.
    Two-digit years are read as ``strptime`` reads them: 00–68 → 20xx, 69–99 → 19xx.
    Leading and trailing spaces are ignored. Raises ValueError for anything else and
    for days that do not exist (``31/02/2026``).
    """
    text = text.strip()
    if match := _NUMERIC.fullmatch(text):
        day, _, month, year = match.groups()
        return date(_full_year(year), int(month), int(day))
    if match := _WORDS.fullmatch(text):
        day, name, year = match.groups()
        number = _MONTH_NUMBERS.get(name.casefold())
        if number is None:
            raise ValueError(f"{name!r} is not an English month name")
        return date(int(year), number, int(day))
    return parse_iso_day(text)


def _full_year(digits: str) -> int:
    if len(digits) == 4:
        return int(digits)
    short = int(digits)
    return 2000 + short if short < 69 else 1900 + short
