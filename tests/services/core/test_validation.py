"""Checks of what the user types: emails, phone numbers, web addresses, dates."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services.core import validation as v


@pytest.mark.parametrize("text", ["sam@example.org", "  Zoë.Fraser@example.co.uk ", "a+tag@sub.example.com"])
def test_good_emails(text: str) -> None:
    assert v.clean_email(text) is not None


@pytest.mark.parametrize("text", ["sam", "sam@", "@example.org", "sam@@example.org", "sam example@x.org"])
def test_bad_emails_say_why(text: str) -> None:
    with pytest.raises(v.InvalidValue, match="not a valid email"):
        v.clean_email(text)


def test_empty_optional_values_become_none() -> None:
    assert v.clean_email("  ") is None
    assert v.clean_phone("") is None
    assert v.clean_url(None) is None


@pytest.mark.parametrize("text, region, e164", [
    ("+44 7700 900123", None, "+447700900123"),
    ("07700 900123", "GB", "+447700900123"),
    ("(212) 555-0142", "US", "+12125550142"),
    ("+91 98765 43210", None, "+919876543210"),
    ("02 9374 4000", "AU", "+61293744000"),
])
def test_phone_numbers_are_stored_in_e164(text: str, region: str | None, e164: str) -> None:
    assert v.clean_phone(text, region) == e164


@pytest.mark.parametrize("text, region", [
    ("+44 20 7946 0000 ext. 1234", None), ("+44 20 7946 0000 x1234", None), ("020 7946 0000 ext 1234", "GB"),
    ("tel:+44-20-7946-0000;ext=1234", None), ("+442079460000;ext=1234", None),
])
def test_a_phone_extension_is_kept_however_it_is_typed(text: str, region: str | None) -> None:
    assert v.clean_phone(text, region) == "+442079460000 ext. 1234"
    assert v.format_phone(v.clean_phone(text, region)) == "+44 20 7946 0000 ext. 1234"


def test_a_local_number_without_a_country_asks_for_the_code() -> None:
    with pytest.raises(v.InvalidValue, match="country code"):
        v.clean_phone("07700 900123")


@pytest.mark.parametrize("text", ["+44 12", "call me", "+1 2"])
def test_bad_phone_numbers(text: str) -> None:
    with pytest.raises(v.InvalidValue):
        v.clean_phone(text, "GB")


def test_a_number_parsed_once_is_checked_by_the_same_rule() -> None:
    """``checked_phone`` is ``clean_phone`` for a reader that keeps its parse (the vCard import)."""
    import phonenumbers

    number = phonenumbers.parse("020 7946 0000 ext. 1234", "GB")
    assert v.checked_phone(number, "020 7946 0000 ext. 1234") == v.clean_phone("020 7946 0000 ext. 1234", "GB")
    with pytest.raises(v.InvalidValue, match="too short for a phone number in United Kingdom"):
        v.checked_phone(phonenumbers.parse("7946 0000", "GB"), "7946 0000")
    with pytest.raises(v.InvalidValue, match="not a valid phone number"):
        v.checked_phone(phonenumbers.parse("+44 12", None), "+44 12")


def test_phone_numbers_display_in_international_format() -> None:
    assert v.format_phone("+447700900123") == "+44 7700 900123"


@pytest.mark.parametrize("text", ["https://www.linkedin.com/in/sam", "http://example.org/x?y=1"])
def test_good_urls(text: str) -> None:
    assert v.clean_url(text) == text


@pytest.mark.parametrize("text", ["www.linkedin.com/in/sam", "javascript:alert(1)", "ftp://x.org",
                                  "https://", "https://exa mple.org"])
def test_bad_urls(text: str) -> None:
    with pytest.raises(v.InvalidValue, match="http"):
        v.clean_url(text)


def test_dates() -> None:
    assert v.clean_date("2026-11-25") == date(2026, 11, 25)
    for bad in ("25/11/2026", "2026-13-01", "2026-11-25T10:00:00"):
        with pytest.raises(v.InvalidValue):
            v.clean_date(bad)


def test_moments_need_an_offset() -> None:
    assert v.clean_moment("2026-11-20T10:00:00+01:00") is not None
    with pytest.raises(v.InvalidValue, match="offset"):
        v.clean_moment("2026-11-20T10:00:00")


def test_text_with_markup_is_kept_as_it_is() -> None:
    assert v.clean_text("<b>Tom & Jerry</b>") == "<b>Tom & Jerry</b>"


def test_time_zones_and_countries() -> None:
    assert v.clean_time_zone("Asia/Kolkata") == "Asia/Kolkata"
    with pytest.raises(v.InvalidValue):
        v.clean_time_zone("Mars/Olympus")
    assert v.clean_country("gb") == "GB"
    with pytest.raises(v.InvalidValue):
        v.clean_country("XX")


def test_a_country_is_read_from_its_code_name_or_everyday_name_and_never_cut() -> None:
    from desktop_app.services.core.validation import InvalidValue, clean_country

    assert clean_country("uk") == "GB"
    assert clean_country("United Kingdom (GB)") == "GB"
    assert clean_country("canada") == "CA"
    assert clean_country(" ca ") == "CA"
    with pytest.raises(InvalidValue, match="'Germ' is not a country"):
        clean_country("Germ")  # not Georgia (GE)
    with pytest.raises(InvalidValue):
        clean_country("Canadaa")
