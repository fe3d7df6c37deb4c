"""``desktop_app.dates``: English names for generated text, reading typed dates, days as moments.

The locale side (the same results under Turkish and French) is in ``tests/test_locale.py``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app import dates


def test_english_names_for_generated_text() -> None:
    day = date(2026, 12, 2)
    assert dates.day_month(day) == "2 Dec"
    assert dates.long_day_month(day) == "2 December"
    assert dates.short_date(day) == "2 Dec 2026"
    assert dates.long_date(day) == "2 December 2026"
    assert dates.month_year(day) == "December 2026"
    assert dates.weekday_day_month(date(2026, 12, 1)) == "Tue 1 Dec"
    assert [dates.day_month(date(2026, m, 1))[2:] for m in range(1, 13)] == list(dates.MONTHS_SHORT)


@pytest.mark.parametrize("text", ["2026-11-03", "3/11/2026", "03/11/26", "3.11.2026", " 3 Nov 2026 ",
                                  "3 November 2026", "3 NOV 2026", "3 nov. 2026", "03 november 2026"])
def test_typed_and_imported_days(text: str) -> None:
    assert dates.parse_day(text) == date(2026, 11, 3)


def test_two_digit_years_read_as_strptime_reads_them() -> None:
    assert dates.parse_day("1/2/68") == date(2068, 2, 1)
    assert dates.parse_day("1/2/69") == date(1969, 2, 1)
    assert dates.parse_day("3 Sept 2026") == date(2026, 9, 3)


@pytest.mark.parametrize("text", ["", "31/02/2026", "2026-13-01", "3 Kasım 2026", "3 novembre 2026", "3 Kas 2026",
                                  "3/11-2026", "2026-11-25T10:00", "20261125", "Nov 3 2026", "tomorrow"])
def test_what_is_not_a_day_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        dates.parse_day(text)


def test_iso_days_are_strict() -> None:
    assert dates.parse_iso_day("2026-11-25") == date(2026, 11, 25)
    for bad in ("25/11/2026", "20261125", "2026-11-25T10:00", "2026-W48-3", "2026-11-5"):
        with pytest.raises(ValueError):
            dates.parse_iso_day(bad)


# ---------------------------------------------------------------- a day's own offset
def test_the_start_of_a_day_has_the_offset_of_that_day(london: None) -> None:
    assert dates.local_start_of_day(date(2026, 7, 1)).utcoffset() == timedelta(hours=1)  # BST
    assert dates.local_start_of_day(date(2026, 12, 1)).utcoffset() == timedelta(0)  # GMT
