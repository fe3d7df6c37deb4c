"""The zone of an address in a country with several: the state or province, else a zone's city."""

from __future__ import annotations

import pytest

from desktop_app.services.exchange import regions
from desktop_app.services.referees import time_zones


@pytest.mark.parametrize("country, region, locality, zone", [
    ("CA", "ON", "Toronto", "America/Toronto"),
    ("US", "CA", "Cupertino", "America/Los_Angeles"),
    ("US", "California", "", "America/Los_Angeles"),
    ("CA", "British Columbia", "", "America/Vancouver"),
    ("AU", "N.S.W.", "", "Australia/Sydney"),
    ("AU", "WA", "", "Australia/Perth"),
    ("US", "", "Chicago", "America/Chicago"),     # no region: a zone's own city decides
    ("US", "", "Springfield", None),              # a town in several states: left unset
    ("RU", "", "", None),
])
def test_the_zone_of_an_address(country: str, region: str, locality: str, zone: str | None) -> None:
    assert regions.zone_of_address(country, region, locality) == zone


def test_every_zone_in_the_table_is_a_real_zone_of_its_country() -> None:
    for country, table in (("US", regions._US), ("CA", regions._CA), ("AU", regions._AU)):
        assert set(table) <= set(time_zones.zones_of_country(country)), country
