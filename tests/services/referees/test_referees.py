"""Referee records: what the form sends is checked and stored in one form (E.164 phones, IANA zones)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.core.records import ValidationError
from desktop_app.services.referees import referees, referees as service, time_zones
from desktop_app.store import models as m
from tests.helpers.referees import add_referee


def test_referee_phone_uses_the_referee_country(store: Path) -> None:
    ref = referees.create_referee({"name": "Łukasz Nowak", "relationship": "colleague",
                                   "country": "AU", "phone": "02 9374 4000"})
    assert m.Referee.get_by_id(ref).phone == "+61293744000"
    referees.update_referee(ref, {"phone": "02 9374 4001"})
    assert m.Referee.get_by_id(ref).phone == "+61293744001"


def test_referee_list_counts_live_applications_and_last_briefing(demo_store: Path) -> None:
    rows = {r.name: r for r in referees.list_referee_rows()}
    assert rows["Alex Morgan"].live_applications == 1
    assert rows["Alex Morgan"].last_briefed_on == date(2026, 11, 21)
    assert rows["Zoë Fraser"].last_briefed_on is None


@pytest.mark.parametrize(("phone", "country", "e164"), [
    ("07700 900123", "GB", "+447700900123"),
    ("(212) 555-0134", "US", "+12125550134"),
    ("098765 43210", "IN", "+919876543210"),
    ("0412 345 678", "AU", "+61412345678"),
    ("030 1234567", "DE", "+49301234567"),
    ("+61 2 9374 4000", "GB", "+61293744000"),  # an international number ignores the country
])
def test_phone_numbers_in_several_countries_are_stored_in_e164(store: Path, phone: str, country: str,
                                                               e164: str) -> None:
    referee = add_referee(phone=phone, country=country)
    assert service.get_referee(referee).phone == e164


@pytest.mark.parametrize(("phone", "words"), [
    ("12", "not a valid phone number"),
    ("call me", "not a phone number"),
])
def test_a_bad_phone_number_is_refused_and_nothing_saved(store: Path, phone: str, words: str) -> None:
    with pytest.raises(ValidationError) as error:
        add_referee(phone=phone, country="GB")
    assert error.value.field == "phone" and words in error.value.message
    assert service.list_referee_rows() == []


def test_a_local_number_without_a_country_asks_for_the_code(store: Path) -> None:
    with pytest.raises(ValidationError, match=r"needs its country code"):
        add_referee(phone="07700 900123")


@pytest.mark.parametrize(("email", "ok"), [
    ("alex.morgan@contoso.example", True),
    ("zoë@fabrikam.example", True),
    ("alex@", False),
    ("alex morgan@contoso.example", False),
    ("alex@@contoso.example", False),
])
def test_emails_are_checked_without_looking_anything_up(store: Path, email: str, ok: bool) -> None:
    if ok:
        assert service.get_referee(add_referee(email=email)).email == email
    else:
        with pytest.raises(ValidationError) as error:
            add_referee(email=email)
        assert error.value.field == "email" and "not a valid email address" in error.value.message


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"])
def test_time_zones_are_iana_names(store: Path, zone: str) -> None:
    assert zone in time_zones.all_zones()
    assert service.get_referee(add_referee(time_zone=zone)).time_zone == zone


def test_an_unknown_time_zone_is_refused(store: Path) -> None:
    with pytest.raises(ValidationError, match="not a time zone"):
        add_referee(time_zone="Europe/Londn")


def test_country_of_an_international_number(store: Path) -> None:
    assert service.country_of_phone("+61 2 9374 4000") == "AU"
    assert service.country_of_phone("+44 7700 900123") == "GB"  # a drama number: no range, still GB
    assert service.country_of_phone("07700 900123") is None
    import phonenumbers

    # the same from a number already parsed (the vCard import parses each phone once)
    assert service.country_of_number(phonenumbers.parse("+1 416 555 0123", None)) == "CA"
    assert service.country_of_number(phonenumbers.parse("+800 1234 5678", None)) is None  # no country
