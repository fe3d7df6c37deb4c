"""Time zones and countries for the referee form: IANA names, a default only where a country has one clock."""

from __future__ import annotations

import pytest

from desktop_app.services.referees import time_zones


@pytest.mark.parametrize(("country", "zone"), [
    ("GB", "Europe/London"), ("IN", "Asia/Kolkata"), ("DE", "Europe/Berlin"), ("gb", "Europe/London"),
    ("US", None), ("AU", None), (None, None), ("ZZ", None),
])
def test_default_zone_only_where_the_country_has_one_clock(country: str | None, zone: str | None) -> None:
    assert time_zones.default_zone(country) == zone


def test_zone_list_leaves_out_legacy_aliases_and_offsets_show_the_half_hour() -> None:
    zones = time_zones.all_zones()
    assert "US/Eastern" not in zones and "Etc/GMT+5" not in zones and zones[-1] == "UTC"
    assert time_zones.utc_offset_text("Asia/Kolkata") == "UTC+05:30"
