"""The time zone of an address in a country that spans several (US, Canada, Australia).

An address book's card names its region (``ADR``'s region part: a state, province or
territory, as a postal abbreviation or in full) and its locality (the town). This maps
them to an IANA zone, for the vCard import to preset a referee's zone; anything it does
not know gives None, and the import leaves the zone for the user to choose.

Sources: the IANA time zone database (``zone1970.tab`` and the comments of its
``northamerica`` and ``australasia`` files, https://www.iana.org/time-zones), which
name the zone of each state, province and territory; postal abbreviations from USPS
Publication 28 appendix B, Canada Post's Addressing Guidelines and Australia Post's
state codes. A state split between two zones (Florida's panhandle, west Texas, Tennessee,
Kentucky, Oregon's Malheur county, Idaho's panhandle, Kansas, Nebraska and the Dakotas'
western counties, Indiana's north-west corner) takes the zone of most of its people —
the zone is shown in the preview as taken from the address, for the user to correct.
"""

from __future__ import annotations

from desktop_app.services.referees import time_zones

_US = {
    "America/New_York": ("CT Connecticut", "DE Delaware", "DC District of Columbia", "FL Florida", "GA Georgia",
                         "ME Maine", "MD Maryland", "MA Massachusetts", "NH New Hampshire", "NJ New Jersey",
                         "NY New York", "NC North Carolina", "OH Ohio", "PA Pennsylvania", "RI Rhode Island",
                         "SC South Carolina", "VT Vermont", "VA Virginia", "WV West Virginia"),
    "America/Detroit": ("MI Michigan",),
    "America/Indiana/Indianapolis": ("IN Indiana",),
    "America/Kentucky/Louisville": ("KY Kentucky",),
    "America/Chicago": ("AL Alabama", "AR Arkansas", "IL Illinois", "IA Iowa", "KS Kansas", "LA Louisiana",
                        "MN Minnesota", "MS Mississippi", "MO Missouri", "NE Nebraska", "ND North Dakota",
                        "OK Oklahoma", "SD South Dakota", "TN Tennessee", "TX Texas", "WI Wisconsin"),
    "America/Denver": ("CO Colorado", "MT Montana", "NM New Mexico", "UT Utah", "WY Wyoming"),
    "America/Boise": ("ID Idaho",),
    "America/Phoenix": ("AZ Arizona",),
    "America/Los_Angeles": ("CA California", "NV Nevada", "OR Oregon", "WA Washington"),
    "America/Anchorage": ("AK Alaska",),
    "Pacific/Honolulu": ("HI Hawaii",),
}
_CA = {
    "America/St_Johns": ("NL Newfoundland and Labrador", "NF Newfoundland"),
    "America/Halifax": ("NS Nova Scotia", "PE Prince Edward Island"),
    "America/Moncton": ("NB New Brunswick",),
    "America/Toronto": ("ON Ontario", "QC Quebec", "PQ Québec"),
    "America/Winnipeg": ("MB Manitoba",),
    "America/Regina": ("SK Saskatchewan",),
    "America/Edmonton": ("AB Alberta", "NT Northwest Territories"),
    "America/Vancouver": ("BC British Columbia",),
    "America/Whitehorse": ("YT Yukon",),
    "America/Iqaluit": ("NU Nunavut",),
}
_AU = {
    "Australia/Sydney": ("NSW New South Wales", "ACT Australian Capital Territory"),
    "Australia/Melbourne": ("VIC Victoria",),
    "Australia/Brisbane": ("QLD Queensland",),
    "Australia/Adelaide": ("SA South Australia",),
    "Australia/Perth": ("WA Western Australia",),
    "Australia/Hobart": ("TAS Tasmania",),
    "Australia/Darwin": ("NT Northern Territory",),
}


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for zone, regions in table.items():
        for entry in regions:
            code, _, name = entry.partition(" ")
            found[code.casefold()] = zone
            found[name.casefold()] = zone
    return found


_REGIONS = {"US": _index(_US), "CA": _index(_CA), "AU": _index(_AU)}


def zone_of_address(country: str | None, region: str = "", locality: str = "") -> str | None:
    """The IANA zone of an address in ``country`` (ISO alpha-2), or None when it cannot tell.

    ``region``: a state, province or territory as written (``ON``, ``Ontario``, ``CA``,
    ``California``, ``N.S.W.``); ``locality``: a town, which decides alone when it is the
    city a zone of the country is named after (``Toronto``, ``Chicago``, ``Perth``).
    """
    country = (country or "").upper()
    key = " ".join(region.replace(".", "").casefold().split())
    zone = _REGIONS.get(country, {}).get(key) if key else None
    if zone:
        return zone
    town = " ".join(locality.casefold().split())
    if town:
        for candidate in time_zones.zones_of_country(country):
            if candidate.rsplit("/", 1)[-1].replace("_", " ").casefold() == town:
                return candidate
    return None
