"""Phone numbers as people type them: the country assumed, E.164 stored, a warning for unallocated numbers."""

from __future__ import annotations

import pytest

from desktop_app.services.core.phones import country_name, read_phone, try_read_phone
from desktop_app.services.core.validation import InvalidValue


def test_a_uk_mobile_typed_nationally_is_read_with_the_country_given() -> None:
    reading = read_phone("07700 900456", "GB")
    assert (reading.e164, reading.country, reading.assumed) == ("+447700900456", "GB", True)
    # 07700 900xxx is Ofcom's range for drama: the right length, but not a number in use
    assert "not a number in use in United Kingdom (GB)" in reading.warning


def test_a_canadian_number_typed_with_brackets() -> None:
    reading = read_phone("(905) 555-0123", "CA")
    assert (reading.e164, reading.country, reading.assumed, reading.warning) == ("+19055550123", "CA", True, "")


def test_a_number_with_its_country_code_keeps_its_own_country() -> None:
    reading = read_phone("+44 113 496 0000", "CA")
    assert (reading.e164, reading.country, reading.assumed, reading.warning) == ("+441134960000", "GB", False, "")


def test_empty_is_no_number() -> None:
    assert read_phone("  ", "GB").e164 is None


@pytest.mark.parametrize(("text", "region", "message"), [
    ("07700 900456", None, "needs its country code"),
    ("hello", "GB", "is not a phone number"),
    ("12", "GB", "is not a valid phone number"),
])
def test_what_cannot_be_a_number_is_refused_in_words(text: str, region: str | None, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        read_phone(text, region)
    reading, problem = try_read_phone(text, region)
    assert reading is None and message in problem


def test_country_names() -> None:
    assert country_name("gb") == "United Kingdom (GB)"
    assert country_name("MT") == "Malta (MT)"  # every country spelled out, not only the likeliest
    assert country_name(None) == ""


def test_the_country_is_always_spelled_out() -> None:
    from desktop_app.services.core.phones import country_name

    assert country_name("ca") == "Canada (CA)"
    assert country_name("GB") == "United Kingdom (GB)"
    assert country_name("BR") == "Brazil (BR)"  # beyond the 26 most likely countries
