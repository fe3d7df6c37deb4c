"""The pack's words: dates, relationships, phone numbers, calling hours."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.pack import wording


def test_dates_in_words() -> None:
    assert wording.date_in_words(date(2026, 11, 25)) == "25 November 2026"
    assert wording.date_in_words(date(2027, 1, 3)) == "3 January 2027"
    assert wording.dates_in_words(date(2015, 9, 1), date(2018, 7, 1)) == "September 2015 – July 2018"
    assert wording.dates_in_words(date(2015, 9, 1), None) == "From September 2015, in progress"
    assert wording.dates_in_words(None, None) == ""


@pytest.mark.parametrize(("relationship", "period", "words"), [
    ("direct_manager", "2019-2023", "Direct manager, 2019–2023"),
    ("report", "2016 - 2019", "Reported to me, 2016–2019"),
    ("colleague", "", "Colleague"),
    ("personal", "since 2001", "Personal referee, since 2001"),
])
def test_relationship_in_words(relationship: str, period: str, words: str) -> None:
    assert wording.relationship_in_words(relationship, period) == words


def test_phone_numbers_are_formatted_for_international_dialling() -> None:
    assert wording.phone_for_dialling("+441134960000") == "+44 113 496 0000"
    assert wording.phone_for_dialling("0113 496 0000", "GB") == "+44 113 496 0000"
    assert wording.phone_for_dialling("not a number") == "not a number"
    # the referee's extension is printed with the number (stored "E.164 ext. N")
    assert wording.phone_for_dialling("+442079460000 ext. 1234") == "+44 20 7946 0000 ext. 1234"
    assert wording.phone_for_dialling(None) == ""


def test_calling_hours_in_the_uk_and_abroad() -> None:
    on = date(2026, 11, 25)
    assert wording.calling_hours("Europe/London", on) == ["UK time (GMT, UTC+0)", "Best 09:00–17:00"]
    assert wording.calling_hours("Australia/Sydney", on) == [
        "Sydney time (AEDT, UTC+11)", "Best 09:00–17:00 their time", "(22:00–06:00 UTC)"]
    assert wording.calling_hours("Asia/Kolkata", on)[0] == "Kolkata time (IST, UTC+5:30)"
    assert wording.calling_hours("America/New_York", date(2026, 7, 1))[0] == "New York time (EDT, UTC−4)"
    assert wording.calling_hours("Not/AZone", on) == ["Not/AZone"]
    assert wording.calling_hours(None, on) == ["Time zone not given"]


def test_page_ranges() -> None:
    assert wording.page_range(7, 7) == "p. 7"
    assert wording.page_range(7, 9) == "pp. 7–9"
