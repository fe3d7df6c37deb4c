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


def test_dates_in_sentences_carry_the_year_when_not_this_year() -> None:
    """A mistyped year must show: "5 Dec 2027", "12 Jan 2025"; this year's days stay short."""
    today = date(2026, 11, 30)
    assert dates.day_month(date(2027, 12, 5), today) == "5 Dec 2027"
    assert dates.day_month(date(2025, 1, 12), today) == "12 Jan 2025"
    assert dates.day_month(date(2026, 1, 12), today) == "12 Jan"
    assert dates.long_day_month(date(2027, 12, 5), today) == "5 December 2027"


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


# ---------------------------------------------------------------- typed into a date field (issue #18)
from datetime import datetime as _dt, time as _time  # noqa: E402

from desktop_app.dates import (  # noqa: E402
    TypedDateError, parse_typed_day, parse_typed_moment, parse_typed_month, parse_typed_time,
)


@pytest.mark.parametrize("text", ["27 Nov 2026", "27 November 2026", "27/11/2026", "2026-11-27", "27.11.2026",
                                  " 27 nov 2026 ", "Fri 27 Nov 2026", "Friday, 27 Nov 2026", "27 Nov, 2026"])
def test_typed_days(text: str) -> None:
    assert parse_typed_day(text) == date(2026, 11, 27)


@pytest.mark.parametrize("text", ["", "27 Nov", "Nov 2026", "27 Nov 2026 10:00", "2026", "31/02/2026", "tomorrow",
                                  "27 Novembre 2026"])
def test_typed_days_never_guess(text: str) -> None:
    with pytest.raises(TypedDateError):
        parse_typed_day(text)


@pytest.mark.parametrize("text", ["1 Jan 1899", "01/01/2101", "0026-11-27", "27/11/9999"])
def test_typed_days_outside_1900_to_2100_are_refused_with_a_message(text: str) -> None:
    with pytest.raises(TypedDateError, match="outside 1900–2100"):
        parse_typed_day(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("10:00", _time(10)), ("9.30", _time(9, 30)), ("14:05", _time(14, 5)), ("10am", _time(10)),
    ("10 am", _time(10)), ("2:30pm", _time(14, 30)), ("12pm", _time(12)), ("12am", _time(0)), ("10 a.m.", _time(10)),
])
def test_typed_times(text: str, expected: _time) -> None:
    assert parse_typed_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "10:75", "13pm", "1000", "ten", ""])
def test_what_is_not_a_time_is_refused(text: str) -> None:
    with pytest.raises(TypedDateError):
        parse_typed_time(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("27 Nov 2026 10:00", _dt(2026, 11, 27, 10)),  # the finding: this became 1 Nov 2026 20:26
    ("27/11/2026 10am", _dt(2026, 11, 27, 10)),
    ("2026-11-27 14:30", _dt(2026, 11, 27, 14, 30)),
    ("Fri 27 Nov 2026 2 pm", _dt(2026, 11, 27, 14)),
    ("27 Nov 2026", _dt(2026, 11, 27)),
])
def test_typed_moments(text: str, expected: _dt) -> None:
    assert parse_typed_moment(text) == expected


def test_a_time_alone_keeps_the_day_shown() -> None:
    assert parse_typed_moment("10am", day=date(2026, 11, 27)) == _dt(2026, 11, 27, 10)
    with pytest.raises(TypedDateError):
        parse_typed_moment("10am")


@pytest.mark.parametrize("text", ["27 Nov 2026 25:00", "27 Nov 10:00", "2026 10:00"])
def test_typed_moments_never_guess(text: str) -> None:
    with pytest.raises(TypedDateError):
        parse_typed_moment(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Sep 2018", date(2018, 9, 1)), ("September 2018", date(2018, 9, 1)), ("Sept 2018", date(2018, 9, 1)),
    ("09/2018", date(2018, 9, 1)), ("2018-09", date(2018, 9, 1)), ("27 Sep 2018", date(2018, 9, 27)),
])
def test_typed_months(text: str, expected: date) -> None:
    assert parse_typed_month(text) == expected


@pytest.mark.parametrize("text", ["13/2018", "Sep", "Smarch 2018", "Sep 1850"])
def test_what_is_not_a_month_is_refused(text: str) -> None:
    with pytest.raises(TypedDateError):
        parse_typed_month(text)


def test_months_are_shown_back_as_typed() -> None:
    from desktop_app.dates import typed_month_text

    assert typed_month_text(date(2018, 9, 1)) == "Sep 2018"
    assert typed_month_text(date(2018, 9, 27)) == "27 Sep 2018"
    assert parse_typed_month(typed_month_text(date(2018, 9, 1))) == date(2018, 9, 1)
