"""``desktop_app.dates``: English names for generated text, reading typed dates, days as moments.

The locale side (the same results under Turkish and French) is in ``tests/test_locale.py``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

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
@pytest.fixture
def london() -> Iterator[None]:
    """The machine's zone set to Europe/London for the test (as ``TZ`` does), then put back."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_the_start_of_a_day_has_the_offset_of_that_day(london: None) -> None:
    assert dates.local_start_of_day(date(2026, 7, 1)).utcoffset() == timedelta(hours=1)  # BST
    assert dates.local_start_of_day(date(2026, 12, 1)).utcoffset() == timedelta(0)  # GMT


def test_a_summer_stage_change_sorts_right_against_that_days_interview_in_winter(
        london: None, store: Path, frozen_clock: ModuleType) -> None:
    """Interview at 00:30 on 1 July (BST), the stage moved on 1 July: the day comes first.

    Seen in December (GMT), the stage change used to be placed at midnight *GMT*, half an
    hour after the interview.
    """
    from desktop_app.services.applications import detail, interviews, pipeline
    from desktop_app.store import models as m

    frozen_clock.set_today(date(2026, 12, 10))
    employer = m.Organisation.create(name="Northwind Ltd").id
    app_id = pipeline.create_application({"role": "Data Analyst", "employer": employer,
                                          "applied_on": date(2026, 6, 1)}, today=date(2026, 6, 1))
    at = datetime(2026, 7, 1, 0, 30, tzinfo=ZoneInfo("Europe/London"))
    interviews.create_interview({"application": app_id, "at": at}, today=date(2026, 7, 1))

    timeline = detail.application_detail(app_id).timeline
    assert [(e.kind, e.stage) for e in timeline] == [("stage", "applied"), ("stage", "interviewing"),
                                                     ("interview", None)]
    moved = timeline[1].when
    assert moved == datetime(2026, 6, 30, 23, 0, tzinfo=timezone.utc)
    assert moved.utcoffset() == timedelta(hours=1)
