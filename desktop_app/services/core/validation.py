"""Checking what the user typed, with messages in the user's words.

Every check returns the cleaned value or raises :class:`InvalidValue` with a short
sentence; callers attach the field name (:class:`ValidationError`) or the record
path of a data file. One place, so the profile dialog, the referee form and the
data file import all say the same thing about the same mistake.
"""

from __future__ import annotations

from datetime import date, datetime
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


def clean_text(value: object, *, required: bool = False, max_length: int = 100_000) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidValue("must be text")
    if "\x00" in value:
        raise InvalidValue("must not contain a NUL character")
    if required and not value.strip():
        raise InvalidValue("is required")
    if len(value) > max_length:
        raise InvalidValue(f"is too long (at most {max_length:,} characters)")
    return value


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

    ``region`` (ISO country code) is used when the number has no ``+`` prefix.
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
    # "possible" (right length for the country), not "valid": valid also checks the number
    # ranges in phonenumbers' metadata, which refuses real-looking reserved numbers and
    # lags behind new ranges; a user's real number must never be refused.
    if not phonenumbers.is_possible_number(number):
        raise InvalidValue(f"'{text}' is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str | None) -> str:
    """An E.164 number in international format for display (``+44 7700 900123``)."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def clean_url(value: object) -> str | None:
    """An http(s) address with a host, or None when empty."""
    text = clean_text(value).strip()
    if not text:
        return None
    parsed = urlparse(text)
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc or any(c.isspace() for c in text):
        raise InvalidValue(f"'{text}' is not a web address starting with http:// or https://")
    return text


def clean_date(value: object, *, required: bool = False) -> date | None:
    """A calendar date; accepts a ``date`` or ISO ``YYYY-MM-DD`` text."""
    if value is None or value == "":
        if required:
            raise InvalidValue("is required")
        return None
    if isinstance(value, datetime):
        raise InvalidValue("must be a date (YYYY-MM-DD), not a moment")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_iso_day(value)
        except ValueError:
            raise InvalidValue(f"'{value}' is not a date (YYYY-MM-DD)") from None
    raise InvalidValue("must be a date (YYYY-MM-DD)")


def clean_moment(value: object, *, required: bool = True) -> datetime | None:
    """A moment with a UTC offset; accepts an aware ``datetime`` or ISO 8601 text."""
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


def clean_country(value: object) -> str | None:
    text = clean_text(value).strip().upper()
    if not text:
        return None
    import phonenumbers

    if len(text) != 2 or not text.isalpha() or text not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidValue(f"'{text}' is not a two-letter country code (e.g. GB)")
    return text
