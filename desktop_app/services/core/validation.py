"""Checking what the user typed, with messages in the user's words.

Every check returns the cleaned value or raises :class:`InvalidValue` with a short
sentence; callers attach the field name (:class:`ValidationError`) or the record
path of a data file. One place, so the profile dialog, the referee form and the
data file import all say the same thing about the same mistake.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse

from desktop_app.dates import parse_iso_day


class InvalidValue(ValueError):
    """A value is not acceptable; ``str()`` is the sentence for the user."""


class ValidationError(ValueError):
    """A field of a record is not acceptable. ``field`` names it; ``message`` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


#: The longest name or title a form accepts (characters): a person's, organisation's, role's,
#: qualification's. Longer text is a paste gone wrong, and would push every list and letter
#: out of shape (a 480-character name once opened the window 3840 px wide).
NAME_MAX = 200


def clean_text(value: object, *, required: bool = False, max_length: int = 100_000) -> str:
    """``value`` as text; raises :class:`InvalidValue` for non-text, NUL, empty when
    ``required``, or more than ``max_length`` characters."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidValue("must be text")
    if "\x00" in value:
        raise InvalidValue("must not contain a NUL character")
    if required and not value.strip():
        raise InvalidValue("is required")
    if len(value) > max_length:
        raise InvalidValue(f"is too long ({len(value):,} characters; at most {max_length:,})")
    return value


def clean_name(value: object, *, required: bool = False) -> str:
    """A name or title: :func:`clean_text` with at most :data:`NAME_MAX` characters (surrounding
    spaces not counted)."""
    text = clean_text(value, required=required)
    if len(text.strip()) > NAME_MAX:
        raise InvalidValue(f"is too long ({len(text.strip()):,} characters; at most {NAME_MAX})")
    return text


def clean_email(value: object) -> str | None:
    """A syntactically valid address (no DNS look-up: nothing leaves the machine), or None."""
    text = clean_text(value).strip()
    if not text:
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidValue(f"'{text}' is not a valid email address ({exc})") from None


def clean_phone(value: object, region: str | None = None) -> str | None:
    """A phone number in E.164 (``+447700900123``), or None when empty.

    ``region`` (ISO country code) is used when the number has no ``+`` prefix. An
    extension, however typed (``x1234``, ``ext 1234``, ``ext. 1234``, a ``tel:`` URI's
    ``;ext=1234`` — RFC 3966 §5.1.5), is kept: ``+442079460000 ext. 1234``. Readers of a
    stored number parse it with ``phonenumbers``, which reads that form back.
    """
    text = clean_text(value).strip()
    if not text:
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(text, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        if not text.startswith("+") and not region:
            raise InvalidValue(f"'{text}' needs its country code, e.g. +44 …") from None
        raise InvalidValue(f"'{text}' is not a phone number") from None
    return checked_phone(number, text)


def checked_phone(number: Any, text: str) -> str:
    """The stored form (E.164, `` ext. N`` appended when there is one) of a number already
    parsed by ``phonenumbers.parse``, by :func:`clean_phone`'s rule; ``text`` is the number
    as written, for the message. Raises :class:`InvalidValue` when it is too short (dialable
    only inside its area) or not a possible number. For readers that parse once and keep the
    result (the vCard import reads 10,000 cards: issue 15).
    """
    import phonenumbers

    # "possible" (right length for the country), not "valid": valid also checks the number
    # ranges in phonenumbers' metadata, which refuses real-looking reserved numbers and
    # lags behind new ranges; a user's real number must never be refused.
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        # dialable only inside its area ("12345", "7946 0000" in GB): too short to reach anyone
        where = phonenumbers.region_code_for_country_code(number.country_code)
        raise InvalidValue(f"'{text}' is too short for a phone number"
                           + (f" in {country_label(where)}" if where not in (None, "ZZ") else "")
                           + " (a number needs its area code)")
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise InvalidValue(f"'{text}' is not a valid phone number")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164} ext. {number.extension}" if number.extension else e164


def format_phone(e164: str | None) -> str:
    """An E.164 number in international format for display (``+44 7700 900123``)."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return international_with_extension(number)


def international_with_extension(number: Any) -> str:
    """A parsed ``phonenumbers.PhoneNumber`` in international format, an extension written
    ``ext. 1234`` (the library's own ``x1234`` reads as a typo to many)."""
    import phonenumbers

    extension, number.extension = number.extension, None
    text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    number.extension = extension
    return f"{text} ext. {extension}" if extension else text


def clean_url(value: object) -> str | None:
    """An http(s) address with a host, or None when empty."""
    text = clean_text(value).strip()
    if not text:
        return None
    parsed = urlparse(text)
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc or any(c.isspace() for c in text):
        raise InvalidValue(f"'{text}' is not a web address starting with http:// or https://")
    return text


#: The years a date or moment may fall in, as the forms' date fields allow: a job search
#: happens within a lifetime, and a year such as 1 or 9999 overflows date arithmetic
#: (a moment in year 1 cannot be turned to UTC, a follow-up after 9999-12-31 cannot be
#: computed) and once stored would break every start (issue 14, case 7).
FIRST_YEAR, LAST_YEAR = 1900, 2100


def _in_years(value: date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidValue(f"'{value.isoformat()}' is not between the years {FIRST_YEAR} and {LAST_YEAR}")


def clean_date(value: object, *, required: bool = False) -> date | None:
    """A calendar date in the years 1900–2100; accepts a ``date`` or ISO ``YYYY-MM-DD`` text.

    Raises :class:`InvalidValue` for anything else, a year outside :data:`FIRST_YEAR`–:data:`LAST_YEAR` included.
    """
    if value is None or value == "":
        if required:
            raise InvalidValue("is required")
        return None
    if isinstance(value, datetime):
        raise InvalidValue("must be a date (YYYY-MM-DD), not a moment")
    if isinstance(value, date):
        _in_years(value)
        return value
    if isinstance(value, str):
        try:
            day = parse_iso_day(value)
        except ValueError:
            raise InvalidValue(f"'{value}' is not a date (YYYY-MM-DD)") from None
        _in_years(day)
        return day
    raise InvalidValue("must be a date (YYYY-MM-DD)")


def clean_moment(value: object, *, required: bool = True) -> datetime | None:
    """A moment with a UTC offset in the years 1900–2100; accepts an aware ``datetime`` or ISO 8601 text.

    Raises :class:`InvalidValue` for anything else.
    """
    if value is None or value == "":
        if required:
            raise InvalidValue("is required")
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidValue(f"'{value}' is not a date and time (ISO 8601 with an offset)") from None
    if not isinstance(value, datetime):
        raise InvalidValue("must be a date and time")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValue(f"'{value.isoformat()}' needs a time zone offset, e.g. +00:00")
    _in_years(value.date())
    return value


def clean_choice(value: object, choices: dict[str, str], *, required: bool = True) -> str | None:
    if value is None or value == "":
        if required:
            raise InvalidValue("is required")
        return None
    if not isinstance(value, str) or value not in choices:
        raise InvalidValue(f"{value!r} is not one of {', '.join(choices)}")
    return value


def clean_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise InvalidValue("must be true or false")


def clean_int(value: object, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue("must be a whole number")
    if minimum is not None and value < minimum:
        raise InvalidValue(f"must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise InvalidValue(f"must be at most {maximum}")
    return value


def clean_time_zone(value: object) -> str | None:
    text = clean_text(value).strip()
    if not text:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidValue(f"'{text}' is not a time zone (e.g. Europe/London)") from None
    return text


#: What people type for a country that is not its ISO 3166 code (the UK's code is GB).
COUNTRY_ALIASES = {"UK": "GB", "ENGLAND": "GB", "SCOTLAND": "GB", "WALES": "GB", "NORTHERN IRELAND": "GB",
                   "GREAT BRITAIN": "GB", "BRITAIN": "GB", "USA": "US", "UNITED STATES OF AMERICA": "US",
                   "AMERICA": "US", "HOLLAND": "NL", "UAE": "AE"}


def clean_country(value: object) -> str | None:
    """An ISO 3166 alpha-2 code (``GB``) that phonenumbers knows, or None when empty.

    Accepts the code in any case, the country's English name (tzdata's ``iso3166.tab``,
    as the forms' pick lists show it), the list's own ``United Kingdom (GB)``, and the
    common names in :data:`COUNTRY_ALIASES` ("UK"). Anything else raises
    :class:`InvalidValue`: a country is never guessed from the first two letters.
    """
    text = clean_text(value).strip()
    if not text:
        return None
    import phonenumbers

    from desktop_app.services.referees.time_zones import countries

    folded = " ".join(text.split()).upper()
    if folded.endswith(")") and "(" in folded:  # "United Kingdom (GB)", as the pick list shows it
        folded = folded[folded.rindex("(") + 1:-1].strip()
    if len(folded) == 2 and folded in phonenumbers.SUPPORTED_REGIONS:
        return folded
    if folded in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[folded]
    by_name = {name.upper(): code for code, name in countries()}
    if folded in by_name:
        return by_name[folded]
    raise InvalidValue(f"'{text}' is not a country Afterview knows: pick one from the list "
                       "(or type its two-letter code, e.g. GB for the United Kingdom)")


#: Where tzdata's name is not the one people use ("Britain (UK)").
_PREFERRED_NAMES = {"GB": "United Kingdom", "US": "United States"}


def country_label(code: str | None) -> str:
    """``Canada (CA)``: the English name (tzdata's ``iso3166.tab``) and the ISO alpha-2 code;
    the code alone when no name is known, "" for None."""
    if not code:
        return ""
    from desktop_app.services.referees.time_zones import country_name as name_of

    upper = code.upper()
    name = _PREFERRED_NAMES.get(upper) or name_of(upper)
    return f"{name} ({upper})" if name and name != upper else upper
