"""Dates as spreadsheets and job trackers write them, read one column at a time.

``12/01/2025`` is 12 January in the UK and 1 December in the US, and nothing in the
cell says which. The column as a whole usually does: a value whose first number is
over 12 (``31/12/2025``) can only be day first, one whose second number is (``12/31/2025``)
only month first. :func:`column_order` reads that evidence once per column, and every
cell of the column is then read in the same order by :func:`parse_cell` — never one
cell each way. When the column cannot tell (every day is 12 or less), the caller asks
the user, with the user's locale as the default answer (:func:`order_of_locale_format`).

Accepted forms: ISO ``2025-12-01`` (with or without a time, ``T09:42:00Z``), numeric
``D/M/Y`` or ``M/D/Y`` with ``/``, ``.`` or ``-`` and a 2- or 4-digit year, English month
names (``3 Nov 2025``, ``Nov 3, 2025``, ``3-Nov-25``), each optionally followed by a time
of day (``11/13/23, 9:42 AM`` as LinkedIn writes it): the time is not kept, an
application is dated by its day. Two-digit years are 2000–2068 and 1969–1999, as
``strptime`` reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop_app.dates import MONTHS, MONTHS_SHORT

DAY_FIRST = "day_first"
MONTH_FIRST = "month_first"
#: The two orders, with the words the user sees when asked.
ORDERS: dict[str, str] = {DAY_FIRST: "day/month (31/12/2025)", MONTH_FIRST: "month/day (12/31/2025)"}
#: The two orders in a sentence: "read as day/month".
ORDER_WORDS: dict[str, str] = {DAY_FIRST: "day/month", MONTH_FIRST: "month/day"}

_MONTH_NUMBERS: dict[str, int] = {
    **{name.casefold(): i for i, name in enumerate(MONTHS, 1)},
    **{name.casefold(): i for i, name in enumerate(MONTHS_SHORT, 1)},
    "sept": 9,
}
#: A time of day after the date: ", 9:42 AM", " 09:42:10", "T09:42:00.123Z", " 14:05 +01:00".
_TIME = re.compile(r"(?:,\s*|\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?\s?[Mm]\.?)?"
                   r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})")
_DAY_NAME_YEAR = re.compile(r"(\d{1,2})[ \-]+([A-Za-z]+)\.?,?[ \-]+(\d{4}|\d{2})")
_NAME_DAY_YEAR = re.compile(r"([A-Za-z]+)\.? +(\d{1,2})(?:st|nd|rd|th)?,? +(\d{4})")


@dataclass(frozen=True)
class ColumnOrder:
    """What a column shows about its order.

    ``order``: DAY_FIRST or MONTH_FIRST when some value decides it, None when none does.
    ``example``: a value that decided it (for the sentence "the column has 31/12/2025").
    ``mixed``: values decide both ways (the majority wins; the others will not read).
    ``ambiguous``: some value reads both ways (``03/04/2025``), so the order matters.
    """

    order: str | None
    example: str = ""
    mixed: bool = False
    ambiguous: bool = False


def _without_time(text: str) -> str:
    return _TIME.sub("", text.strip()).strip()


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= 68 else 1900
    return year


def column_order(values: list[str]) -> ColumnOrder:
    """The day/month order that ``values`` (one column's cells) show; see :class:`ColumnOrder`."""
    votes = {DAY_FIRST: 0, MONTH_FIRST: 0}
    examples: dict[str, str] = {}
    ambiguous = False
    for value in values:
        match = _NUMERIC.fullmatch(_without_time(value))
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 >= second:
            votes[DAY_FIRST] += 1
            examples.setdefault(DAY_FIRST, value.strip())
        elif second > 12 >= first:
            votes[MONTH_FIRST] += 1
            examples.setdefault(MONTH_FIRST, value.strip())
        elif first <= 12 and second <= 12 and first != second:
            ambiguous = True
    if not votes[DAY_FIRST] and not votes[MONTH_FIRST]:
        return ColumnOrder(None, ambiguous=ambiguous)
    order = DAY_FIRST if votes[DAY_FIRST] >= votes[MONTH_FIRST] else MONTH_FIRST
    return ColumnOrder(order, examples[order], mixed=bool(votes[DAY_FIRST] and votes[MONTH_FIRST]),
                       ambiguous=ambiguous)


def parse_cell(text: str, order: str) -> date:
    """One cell as a day, numeric dates read in ``order`` (DAY_FIRST or MONTH_FIRST).

    Raises ValueError with a sentence for the user when the cell is not a date in any
    accepted form, or names a day that does not exist (``31/02/2025``, or ``12/31/2025``
    read day first).
    """
    original = text.strip()
    text = _without_time(original)
    try:
        if match := _ISO.fullmatch(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _NUMERIC.fullmatch(text):
            first, second = int(match.group(1)), int(match.group(3))
            day, month = (first, second) if order == DAY_FIRST else (second, first)
            return date(_full_year(match.group(4)), month, day)
        if (match := _DAY_NAME_YEAR.fullmatch(text)) and _month(match.group(2)):
            return date(_full_year(match.group(3)), _month(match.group(2)), int(match.group(1)))
        if (match := _NAME_DAY_YEAR.fullmatch(text)) and _month(match.group(1)):
            return date(int(match.group(3)), _month(match.group(1)), int(match.group(2)))
    except ValueError:
        way = f" (read {ORDER_WORDS[order]})" if _NUMERIC.fullmatch(text) else ""
        raise ValueError(f"'{original}' is not a day that exists{way}") from None
    raise ValueError(f"'{original}' is not a date (use YYYY-MM-DD, 31/12/2025 or 12/31/2025)")


def _month(name: str) -> int:
    """The number of an English month name or abbreviation; 0 when it is not one."""
    return _MONTH_NUMBERS.get(name.casefold(), 0)


def order_of_locale_format(pattern: str) -> str:
    """DAY_FIRST or MONTH_FIRST from a locale's short date pattern (Qt's ``M/d/yy``,
    C's ``%m/%d/%Y``): month first when the month comes before the day, else day first
    (also for year-first patterns, where the numeric D/M/Y question does not arise)."""
    folded = pattern.replace("%", "")

    def first(letters: str) -> int:
        return min((folded.find(c) for c in letters if c in folded), default=len(folded))

    month, day, year = first("mM"), first("dD"), first("yY")
    return MONTH_FIRST if month < day and month < year else DAY_FIRST
