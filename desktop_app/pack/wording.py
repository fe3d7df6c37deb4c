"""The pack's words: dates, relationships, phone numbers and calling hours.

Plain strings, no markup: `fonts.markup` makes them safe for ReportLab.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers

from desktop_app import dates

RELATIONSHIPS = {
    "direct_manager": "Direct manager",
    "senior_manager": "Senior manager",
    "colleague": "Colleague",
    "report": "Reported to me",
    "academic": "Academic referee",
    "client": "Client",
    "personal": "Personal referee",
}

CHANNELS = {
    "phone": "Prefers a phone call",
    "email": "Prefers email",
    "either": "Phone or email",
}

DOCUMENT_KINDS = {
    "transcript": "Academic transcript",
    "certificate": "Certificate",
    "reference_letter": "Reference letter",
    "cv": "CV",
    "cover_letter": "Cover letter",
    "other": "Document",
}

# Office hours in the referee's own time: the advice only asks for "a sensible
# hour", and a reader anywhere can convert from the UTC times printed beside them.
CALL_FROM = time(9, 0)
CALL_UNTIL = time(17, 0)


def date_in_words(day: date) -> str:
    """25 November 2026: English whatever the machine's locale (the pack is British English)."""
    return dates.long_date(day)


#: What Afterview can and cannot say about a digital signature (issue 16, tester's finding 1):
#: pyHanko checks that the signed bytes are unchanged (integrity); whether the certificate
#: really belongs to the name in it needs the issuer's trust list, which we do not check.
SIGNATURE_IDENTITY_NOT_CHECKED = ("Who signed it is not checked here: open the original in a PDF reader that "
                                  "checks signatures (e.g. Adobe Acrobat Reader) or at the issuer.")
#: Said of a certificate whose issuer is its own subject and that its own key signed (RFC 5280 §3.2).
SELF_SIGNED = "with a certificate its signer made themselves (not checkable)"


def signature_in_words(signer: str, signed_on: date | None, intact: bool, self_signed: bool = False,
                       problem: str = "", caveat: bool = True) -> str:
    """One digital signature, truthfully: integrity, never identity.

    "Digitally signed as 'University of Leeds' on 3 July 2026 — unchanged since signing. Who
    signed it is not checked here: …" (the caveat only when ``caveat`` and the signature is
    unchanged); ", with a certificate its signer made themselves (not checkable)" after the
    date when ``self_signed``; "— changed since signing" or "— could not be checked (why)"
    otherwise. Never "valid" or "genuine": the name is what the certificate claims.
    """
    who = f"Digitally signed as '{' '.join(signer.split())}'" if signer.strip() else \
        "Digitally signed (the certificate gives no name)"
    when = f" on {date_in_words(signed_on)}" if signed_on else ""
    how = f", {SELF_SIGNED}" if self_signed else ""
    if problem:
        return f"{who}{when}{how} — could not be checked ({problem})"
    if not intact:
        return f"{who}{when}{how} — changed since signing"
    return f"{who}{when}{how} — unchanged since signing" + (f". {SIGNATURE_IDENTITY_NOT_CHECKED}" if caveat else "")


def month_in_words(day: date) -> str:
    """November 2026."""
    return dates.month_year(day)


def _dashes(text: str) -> str:
    # "2019-2023" typed on a keyboard reads better as the typeset range 2019–2023.
    return re.sub(r"(?<=\d)\s*-\s*(?=\d)", "–", text.strip())


def relationship_in_words(relationship: str, worked_together: str = "") -> str:
    """Direct manager, 2019–2023."""
    words = RELATIONSHIPS.get(relationship, relationship.replace("_", " ").capitalize())
    period = _dashes(worked_together or "")
    return f"{words}, {period}" if period else words


def kind_in_words(kind: str) -> str:
    return DOCUMENT_KINDS.get(kind, kind.replace("_", " ").capitalize())


def channel_in_words(channel: str) -> str:
    return CHANNELS.get(channel, channel.replace("_", " ").capitalize())


def phone_for_dialling(phone: str | None, country: str | None = None) -> str:
    """+44 113 496 0000: international format, so it works from any country.

    A number the library cannot read is printed as given rather than lost.
    """
    if not phone:
        return ""
    try:
        number = phonenumbers.parse(phone, (country or "").upper() or None)
    except phonenumbers.NumberParseException:
        return phone.strip()
    if not phonenumbers.is_possible_number(number):
        return phone.strip()
    # an extension as "ext. 1234" (the library's own "x1234" reads as a typo to many)
    extension, number.extension = number.extension, None
    text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return f"{text} ext. {extension}" if extension else text


def _offset(moment: datetime) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)  # type: ignore[union-attr]
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _place(zone_name: str) -> str:
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def calling_hours(zone_name: str | None, on: date) -> list[str]:
    """Lines saying when to call a referee, with offsets as on the pack's date.

    UK: ["UK time (GMT, UTC+0)", "Best 09:00–17:00"].
    Elsewhere: ["Sydney time (AEDT, UTC+11)", "Best 09:00–17:00 their time", "(22:00–06:00 UTC)"].
    """
    if not zone_name:
        return ["Time zone not given"]
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        return [zone_name]
    start = datetime.combine(on, CALL_FROM, zone)
    end = datetime.combine(on, CALL_UNTIL, zone)
    named = f"{start.tzname()}, {_offset(start)}"
    hours = f"{CALL_FROM:%H:%M}–{CALL_UNTIL:%H:%M}"
    if zone_name in ("Europe/London", "GB", "Europe/Belfast"):
        return [f"UK time ({named})", f"Best {hours}"]
    utc = f"{start.astimezone(timezone.utc):%H:%M}–{end.astimezone(timezone.utc):%H:%M}"
    return [f"{_place(zone_name)} time ({named})", f"Best {hours} their time", f"({utc} UTC)"]


def dates_in_words(started_on: date | None, awarded_on: date | None) -> str:
    """September 2015 – July 2018; "from September 2015, in progress"."""
    if started_on and awarded_on:
        return f"{month_in_words(started_on)} – {month_in_words(awarded_on)}"
    if awarded_on:
        return f"Awarded {month_in_words(awarded_on)}"
    if started_on:
        return f"From {month_in_words(started_on)}, in progress"
    return ""


def page_range(first: int, last: int) -> str:
    """p. 7 or pp. 7–9."""
    return f"p. {first}" if first == last else f"pp. {first}–{last}"
