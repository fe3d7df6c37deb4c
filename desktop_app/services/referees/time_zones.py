"""Time zones for the referee form: the list to pick from, and a sensible default per country.

The zone names come from ``zoneinfo`` (backed by the ``tzdata`` package, so this works
on Windows too). The country → zone table is tzdata's own ``zone.tab``: it is kept
up to date with the zones themselves, unlike any mapping we could write by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

from desktop_app import clock

#: The regions of canonical IANA names; leaves out legacy aliases (``US/Eastern``,
#: ``GB``, ``EST5EDT``) and ``Etc/GMT+5`` (whose sign is the opposite of what people expect).
_AREAS = ("Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/",
          "Europe/", "Indian/", "Pacific/")


@cache
def all_zones() -> tuple[str, ...]:
    """Every zone a user can pick, sorted by name, with ``UTC`` last."""
    zones = sorted(z for z in available_timezones() if z.startswith(_AREAS))
    return (*zones, "UTC")


@cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    """ISO country code → its zones, in zone.tab order (the most populous zone first)."""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            table.setdefault(parts[0].upper(), []).append(parts[2])
    return {country: tuple(zones) for country, zones in table.items()}


def zones_of_country(country: str | None) -> tuple[str, ...]:
    return _zones_by_country().get((country or "").upper(), ())


def default_zone(country: str | None) -> str | None:
    """The zone to preselect for a referee in ``country``, or None when it is a real choice.

    A country with one zone gets it (GB → Europe/London, IN → Asia/Kolkata). A country
    whose zones all keep the same clock all year (Germany's Berlin and Büsingen) gets
    the first. A country spanning several clocks (US, Australia) gets none: guessing
    New York for a referee in Seattle would put the "good time to call" three hours out.
    """
    zones = zones_of_country(country)
    if not zones:
        return None
    if len(zones) == 1 or _same_clock(zones):
        return zones[0]
    return None


def _same_clock(zones: tuple[str, ...]) -> bool:
    return _same_clock_in(zones, clock.utc_now().year)


@cache
def _same_clock_in(zones: tuple[str, ...], year: int) -> bool:
    """Whether ``zones`` keep one clock all ``year``; cached: reading the zone files costs
    ~5 ms a call, and an address-book import asks once per card (issue 15's 10,000 cards)."""
    instants = [datetime(year, month, 15, 12, tzinfo=timezone.utc) for month in (1, 4, 7, 10)]
    offsets = {tuple(t.astimezone(ZoneInfo(z)).utcoffset() for t in instants) for z in zones}
    return len(offsets) == 1


def utc_offset_text(zone: str, now: datetime | None = None) -> str:
    """``UTC+05:30`` for Asia/Kolkata: shown next to the zone name in the picker."""
    moment = (now or clock.utc_now()).astimezone(ZoneInfo(zone))
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@cache
def countries() -> tuple[tuple[str, str], ...]:
    """(ISO code, English name) of every country a phone number can belong to, sorted by name.

    Names come from tzdata's ``iso3166.tab``; the codes are those ``phonenumbers`` knows,
    so whatever the form offers, validation accepts.
    """
    import phonenumbers

    names: dict[str, str] = {}
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "iso3166.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        text = ""
    for line in text.splitlines():
        if line and not line.startswith("#") and "\t" in line:
            code, name = line.split("\t", 1)
            names[code.strip().upper()] = name.strip()
    return tuple(sorted(((code, names.get(code, code)) for code in phonenumbers.SUPPORTED_REGIONS),
                        key=lambda pair: pair[1].casefold()))


def country_name(code: str | None) -> str:
    """The English name of the country ``code`` (ISO alpha-2), or ``code`` itself when unknown."""
    return _country_names().get((code or "").upper(), code or "")


@cache
def _country_names() -> dict[str, str]:
    return dict(countries())
