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
def _this_year(today: date | None) -> int:
    if today is None:
        from desktop_app import clock  # the one place time is read (imported late: clock is tiny, no cycle)

        today = clock.today()
    return today.year


def day_month(day: date, today: date | None = None) -> str:
    """``2 Dec``; ``12 Jan 2025`` when ``day`` is not in the year of ``today`` (default: the clock's).

    A date in a sentence always carries its year when it is not this year's, so that a
    mistyped year (30 Nov 2027) shows at once.
    """
    text = f"{day.day} {MONTHS_SHORT[day.month - 1]}"
    return text if day.year == _this_year(today) else f"{text} {day.year}"


def long_day_month(day: date, today: date | None = None) -> str:
    """``2 December``; ``2 December 2027`` when not in the year of ``today`` (see :func:`day_month`)."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if day.year == _this_year(today) else f"{text} {day.year}"


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


# ---------------------------------------------------------------- what people type in a date field
#: The years a date field takes (issue #18): a year outside is a typing slip, never a real date here.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m?\.?", re.IGNORECASE)
_TIME_24 = re.compile(r"(\d{1,2})[:.](\d{2})")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?,? +(\d{4})")
_NUMERIC_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2})")


class TypedDateError(ValueError):
    """A typed date or time that cannot be read; ``str()`` is a sentence for the user."""


def _in_range(day: date, text: str) -> date:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise TypedDateError(f"“{text}” is outside {EARLIEST_YEAR}–{LATEST_YEAR}; check the year.")
    return day


def parse_typed_day(text: str) -> date:
    """A whole day typed into a date field: every form :func:`parse_day` reads (``27 Nov 2026``,
    ``27 November 2026``, ``27/11/2026``, ``27.11.26``, ``2026-11-27``), and the same with a
    weekday in front (``Fri 27 Nov 2026``) or a comma (``27 Nov, 2026``).

    Never guesses: text that is not one whole day is refused, never read as part of one.
    Raises TypedDateError (a ValueError, message in the user's words) for anything else, for
    days that do not exist, and for years before 1900 or after 2100.
    """
    cleaned = " ".join(text.replace(",", " ").split())
    if not cleaned:
        raise TypedDateError("Type a date, for example 27 Nov 2026.")
    first, _, rest = cleaned.partition(" ")
    if rest and first.rstrip(".").casefold() in {w.casefold() for w in WEEKDAYS + WEEKDAYS_SHORT}:
        cleaned = rest
    try:
        day = parse_day(cleaned)
    except ValueError:
        raise TypedDateError(f"“{text.strip()}” is not a date Afterview can read; type it like "
                             "27 Nov 2026, 27/11/2026 or 2026-11-27.") from None
    return _in_range(day, text.strip())


def parse_typed_time(text: str) -> time:
    """A time of day typed as people write it: ``10:00``, ``9.30``, ``14:05``, ``10am``,
    ``10 am``, ``2:30pm``, ``12pm`` (noon), ``12am`` (midnight).

    Raises TypedDateError for anything else (``25:00``, ``10:75``, ``13pm``, ``1000``).
    """
    cleaned = text.strip()
    if match := _TIME_24.fullmatch(cleaned):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return time(hour, minute)
    elif match := _TIME.fullmatch(cleaned):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if 1 <= hour <= 12 and minute < 60:
            hour = hour % 12 + (12 if match.group(3).casefold() == "p" else 0)
            return time(hour, minute)
    raise TypedDateError(f"“{cleaned}” is not a time Afterview can read; type it like 10:00, 14:30 or 10am.")


def parse_typed_moment(text: str, *, day: date | None = None) -> datetime:
    """A day and a time typed into one field (naive, local): ``27 Nov 2026 10:00``,
    ``27/11/2026 10am``, ``2026-11-27 14:30``. A time alone (``10am``) is taken on ``day``
    when given (the day the field already shows); a day alone is taken at ``00:00``.

    The time is read from the end only as a whole time word, so ``27 Nov 2026 10:00`` can
    never become a different day or hour. Raises TypedDateError as :func:`parse_typed_day`
    and :func:`parse_typed_time` do.
    """
    cleaned = " ".join(text.split())
    if day is not None:
        try:
            return datetime.combine(day, parse_typed_time(cleaned))
        except TypedDateError:
            pass
    words = cleaned.split(" ")
    # the time is the last word, or the last two ("10 am"); whatever is left must be a whole day
    for size in (1, 2):
        if len(words) > size:
            try:
                moment = parse_typed_time(" ".join(words[-size:]))
            except TypedDateError:
                continue
            return datetime.combine(parse_typed_day(" ".join(words[:-size])), moment)
    return datetime.combine(parse_typed_day(cleaned), time())


def parse_typed_month(text: str) -> date:
    """A month typed where the month is all that is known (a qualification's start): ``Sep 2018``,
    ``September 2018``, ``09/2018``, ``2018-09``; a whole day is taken as given. Returns the
    first of the month for a month (the caller keeps that it is month-precise).

    Raises TypedDateError for anything else and for years outside 1900–2100.
    """
    cleaned = " ".join(text.replace(",", " ").split())
    if match := _MONTH_YEAR.fullmatch(cleaned):
        number = _MONTH_NUMBERS.get(match.group(1).casefold())
        if number is not None:
            return _in_range(date(int(match.group(2)), number, 1), cleaned)
    if match := _NUMERIC_MONTH_YEAR.fullmatch(cleaned):
        month, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        if 1 <= int(month) <= 12:
            return _in_range(date(int(year), int(month), 1), cleaned)
    try:
        return parse_typed_day(cleaned)
    except TypedDateError:
        raise TypedDateError(f"“{text.strip()}” is not a month or a date Afterview can read; type it like "
                             "Sep 2018 or 27 Nov 2026.") from None


def typed_month_text(day: date) -> str:
    """A date of :func:`parse_typed_month` shown back as typed: ``Sep 2018`` for the first of a
    month (a month-precise date), ``27 Sep 2018`` for any other day."""
    if day.day == 1:
        return f"{MONTHS_SHORT[day.month - 1]} {day.year}"
    return short_date(day)
