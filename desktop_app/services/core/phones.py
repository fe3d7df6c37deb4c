"""Phone numbers as people type them: read with a country, stored in E.164, checked twice.

A number typed without ``+`` ("07700 900456") is read as a national number of a
country: the person's organisation's country, else the user's profile country (see
:func:`country_for_contact`). The number is refused only when it cannot be a number
of that country at all (not "possible": wrong length); a possible number outside the
ranges phonenumbers knows as allocated ("valid") is kept with a warning, because those
tables lag behind real allocations and a user's real number must never be refused.
Library: phonenumbers (Google's libphonenumber metadata).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.services.core.validation import InvalidValue, clean_phone, country_label


@dataclass(frozen=True)
class PhoneReading:
    """How a typed number was understood.

    ``e164`` is the stored form (``+447700900456``), None for an empty entry;
    ``country`` the ISO 3166 alpha-2 code the number belongs to (or was assumed, for a
    number without ``+``); ``assumed`` True when the country was not typed but taken
    from ``region``; ``warning`` a sentence for a possible-but-not-valid number, else "".
    """

    e164: str | None
    country: str | None
    assumed: bool
    warning: str = ""


def read_phone(text: str | None, region: str | None) -> PhoneReading:
    """Read ``text`` with ``region`` (ISO alpha-2, or None) as the country of a national number.

    Raises :class:`validation.InvalidValue` (a sentence for the user) when the text is
    not a phone number, or is national with no country to read it with.
    """
    raw = (text or "").strip()
    e164 = clean_phone(raw, region)  # the same checks and messages as every other phone field
    if e164 is None:
        return PhoneReading(None, None, False)
    import phonenumbers

    number = phonenumbers.parse(e164, None)
    typed_country = raw.startswith("+") or raw.startswith("00")
    country = phonenumbers.region_code_for_number(number)
    if country in (None, "ZZ"):
        # a possible number in no known range: say which country code it carries
        country = phonenumbers.region_code_for_country_code(number.country_code)
        country = None if country == "ZZ" else country
    if not typed_country and region:
        country = region.upper()
    warning = ""
    if not phonenumbers.is_valid_number(number):
        where = f" in {country_name(country)}" if country else ""
        warning = (f"{phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)} "
                   f"is not a number in use{where} as far as Afterview knows; it is saved all the same, "
                   "so check it")
    return PhoneReading(e164, country, not typed_country and bool(region), warning)


def try_read_phone(text: str | None, region: str | None) -> tuple[PhoneReading | None, str]:
    """:func:`read_phone` for a form as the user types: ``(reading, "")`` or ``(None, why)``. Never raises."""
    try:
        return read_phone(text, region), ""
    except InvalidValue as exc:
        return None, str(exc)


def country_name(code: str | None) -> str:
    """``Canada (CA)``: the English name and the ISO alpha-2 code (:func:`validation.country_label`),
    for "read as a number in Canada (CA)"; the code alone when no name is known."""
    return country_label(code)
