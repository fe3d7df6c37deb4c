"""Dates in spreadsheet columns: the order decided once per column, times of day dropped."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services.exchange import csv_dates
from desktop_app.services.exchange.csv_dates import DAY_FIRST, MONTH_FIRST


def test_a_value_over_12_decides_the_whole_column() -> None:
    assert csv_dates.column_order(["12/01/2025", "12/31/2025", "9/3/2019"]) == csv_dates.ColumnOrder(
        MONTH_FIRST, "12/31/2025", mixed=False, ambiguous=True)
    assert csv_dates.column_order(["03/11/2026", "31/02/2026"]).order == DAY_FIRST
    assert csv_dates.column_order(["2025-12-01", "3 Nov 2025"]) == csv_dates.ColumnOrder(None)
    cannot_tell = csv_dates.column_order(["03/04/2025", "05/06/2025"])
    assert (cannot_tell.order, cannot_tell.ambiguous) == (None, True)
    assert csv_dates.column_order(["31/12/2025", "30/11/2025", "12/29/2025"]).mixed


@pytest.mark.parametrize(("text", "order", "day"), [
    ("11/13/23, 9:42 AM", MONTH_FIRST, date(2023, 11, 13)),   # LinkedIn
    ("9/3/2019", MONTH_FIRST, date(2019, 9, 3)),
    ("9/3/2019", DAY_FIRST, date(2019, 3, 9)),
    ("03.11.2026", DAY_FIRST, date(2026, 11, 3)),
    ("12-01-2025 14:05", MONTH_FIRST, date(2025, 12, 1)),
    ("2025-10-02T09:15:00Z", DAY_FIRST, date(2025, 10, 2)),
    ("2025-10-02 09:15:00+01:00", MONTH_FIRST, date(2025, 10, 2)),
    ("3 Nov 2025", MONTH_FIRST, date(2025, 11, 3)),
    ("Nov 3, 2025", DAY_FIRST, date(2025, 11, 3)),
    ("3-Nov-25", DAY_FIRST, date(2025, 11, 3)),
    ("September 30th, 2025 5:00 pm", DAY_FIRST, date(2025, 9, 30)),
])
def test_cells_read_in_the_columns_order(text: str, order: str, day: date) -> None:
    assert csv_dates.parse_cell(text, order) == day


@pytest.mark.parametrize(("text", "order", "message"), [
    ("12/31/2025", DAY_FIRST, "'12/31/2025' is not a day that exists (read day/month)"),
    ("2025-02-30", DAY_FIRST, "'2025-02-30' is not a day that exists"),
    ("soon", DAY_FIRST, "'soon' is not a date (use YYYY-MM-DD, 31/12/2025 or 12/31/2025)"),
    ("3 Brumaire 2025", DAY_FIRST, "'3 Brumaire 2025' is not a date (use YYYY-MM-DD, 31/12/2025 or 12/31/2025)"),
])
def test_what_is_not_a_day_is_said_in_words(text: str, order: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        csv_dates.parse_cell(text, order)
    assert str(caught.value) == message


@pytest.mark.parametrize(("pattern", "order"), [
    ("%m/%d/%Y", MONTH_FIRST), ("%d/%m/%Y", DAY_FIRST), ("M/d/yy", MONTH_FIRST), ("dd/MM/yyyy", DAY_FIRST),
    ("yyyy-MM-dd", DAY_FIRST), ("%d.%m.%Y", DAY_FIRST),
])
def test_the_locales_order_from_its_short_date_pattern(pattern: str, order: str) -> None:
    assert csv_dates.order_of_locale_format(pattern) == order
