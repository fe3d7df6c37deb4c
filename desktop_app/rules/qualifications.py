"""Qualifications advice as pure functions: is a qualification provable, what is a document.

Plain values in, plain values out: no Qt, no Peewee.

The advice (PRODUCT.md rule 4): employers check qualifications thoroughly, and a final
certificate alone is easily forged — keep the full academic transcript. So a
qualification without a transcript is flagged, whether or not it has a certificate.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import PurePath

from desktop_app import dates

#: The flag of a qualification that has its certificate but not its transcript.
ONLY_CERTIFICATE = "Only a certificate — add the full transcript"
#: The flag of a qualification with no proof at all yet.
NO_TRANSCRIPT = "No transcript yet — add the full transcript"


def transcript_flag(has_transcript: bool, has_certificate: bool) -> str | None:
    """The warning shown for a qualification, or None when its transcript is there."""
    if has_transcript:
        return None
    return ONLY_CERTIFICATE if has_certificate else NO_TRANSCRIPT


def missing_transcript(has_transcript: bool) -> bool:
    """Whether the qualification belongs on Today as ``missing_transcript``."""
    return not has_transcript


#: Words in a file name that tell what a document is, checked in this order.
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("transcript", ("transcript", "transcripts", "hear", "record of achievement", "marks", "grades")),
    ("reference_letter", ("reference", "referenz", "recommendation", "testimonial")),
    ("cover_letter", ("cover letter", "coverletter", "cover", "motivation")),
    ("cv", ("cv", "resume", "résumé", "curriculum vitae", "lebenslauf")),
    ("certificate", ("certificate", "cert", "diploma", "degree", "award", "zeugnis", "parchment")),
)
_SCAN_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".jpe"})


def guess_document_kind(file_name: str) -> str:
    """A first guess at a dropped file's kind from its name; the user can change it.

    A photo or scan with no telling name is most likely a certificate (they are
    often photographed); any other file is "other".
    """
    path = PurePath(file_name)
    words = " " + " ".join(re.split(r"[\W_]+", path.stem.casefold())) + " "
    for kind, hints in _KIND_WORDS:
        if any(f" {hint} " in words for hint in hints):
            return kind
    return "certificate" if path.suffix.casefold() in _SCAN_SUFFIXES else "other"


#: Days before a share link (My eQuals, Digitary …) stops working that Today starts to say so:
#: two weeks is time to ask the issuer for a new link before an employer tries the old one.
SHARE_LINK_NOTICE_DAYS = 14


def share_link_notice_from(expires_on: date, notice_days: int = SHARE_LINK_NOTICE_DAYS) -> date:
    """The first day Today mentions a share link that expires on ``expires_on``."""
    return expires_on - timedelta(days=notice_days)


def share_link_due_on(expires_on: date, today: date, notice_days: int = SHARE_LINK_NOTICE_DAYS) -> date:
    """The day Today files the share-link item under, so its *Due* column counts to the expiry.

    Before the notice period: the first day of it (a coming-up item). From then until the
    expiry day: ``today`` ("Today": renew it now, not "9 days overdue" while the link still
    works). After the expiry: the expiry day, so "3 days overdue" means expired 3 days ago.
    """
    notice_from = share_link_notice_from(expires_on, notice_days)
    if today < notice_from:
        return notice_from
    return today if today <= expires_on else expires_on


def share_link_text(title: str, expires_on: date, today: date) -> str:
    """What Today and the pack's checks say, counted to the expiry day:
    "The share link for BSc Mathematics expires in 5 days, on 5 Dec 2026: renew it, …";
    "… expires today, 5 Dec 2026: …"; after it: "… expired 3 days ago, on 5 Dec 2026: …".

    Dates in English (``desktop_app.dates``), like every generated sentence.
    """
    left = (expires_on - today).days
    day = dates.short_date(expires_on)
    if left < 0:
        ago = "1 day ago" if left == -1 else f"{-left} days ago"
        return (f"The share link for {title} expired {ago}, on {day}: "
                "ask the issuer for a new one before an employer tries it")
    when = ("today, " if left == 0 else "tomorrow, on " if left == 1 else f"in {left} days, on ") + day
    return f"The share link for {title} expires {when}: renew it, or ask the issuer for a new one"


# ---------------------------------------------------------------- verification links

#: A scheme typed before the rest ("javascript:…", "mailto:x", "ftp://…"): RFC 3986 §3.1.
#: "Tel: 0113 …" (a space after the colon) is a label, not a scheme.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?=\S)")
#: What may stay as typed in a URL: RFC 3986 §2.2 reserved and §2.3 unreserved characters,
#: and "%" (a percent-encoded octet already there).
_URL_SAFE = ":/?#[]@!$&'()*+,;=-._~%"
#: Only web links are printed as links with a QR code (a phone opens them in its browser).
NOT_A_WEB_LINK = ("only a web link starting with https:// or http:// can be printed with a QR code; "
                  "for an email address or phone number, type it without a prefix")


class BadLink(ValueError):
    """A verification entry that starts like a link but cannot be one; the message says why."""


def clean_verify_link(text: str | None) -> str:
    """The *How to verify* entry as stored: a web link made valid, or other text as typed.

    A web link (``http://``/``https://``, or starting ``www.``, which gets ``https://``) has its
    spaces and non-ASCII characters percent-encoded as UTF-8 (RFC 3986 §2.1; a non-ASCII host
    name is written in IDNA, RFC 5891), so a QR code and a PDF link can carry it. An email
    address or phone number ("registry@leeds.ac.uk", "Call +44 113 243 1751") stays as typed.
    Raises ``BadLink`` for any other scheme (``javascript:``, ``mailto:``, ``file:``…) and for
    a web link without a host.
    """
    from urllib.parse import quote, urlsplit, urlunsplit

    value = (text or "").strip()
    if not value:
        return text or ""
    if value.lower().startswith("www."):
        value = "https://" + value
    scheme = _SCHEME.match(value)
    if scheme is None:
        return text or ""  # an email address, a phone number, a sentence: kept exactly as typed
    if scheme.group(1).lower() not in ("http", "https"):
        raise BadLink(NOT_A_WEB_LINK)
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        host = host.encode("idna").decode("ascii") if host and not host.isascii() else host
    except (ValueError, UnicodeError) as error:
        raise BadLink("this web link cannot be read: check the part after https://") from error
    if not host or " " in host:
        raise BadLink("this web link has no site name after https://")
    netloc = parts.netloc
    if parts.hostname and not parts.hostname.isascii():
        netloc = netloc.replace(parts.hostname, host) if parts.hostname in netloc else host
    path, query, fragment = (quote(part, safe=_URL_SAFE) for part in (parts.path, parts.query, parts.fragment))
    return urlunsplit((parts.scheme.lower(), netloc, path, query, fragment))


def looks_like_a_link(text: str | None) -> bool:
    """Whether the entry was meant as a link (a scheme or ``www.``), whatever state it is in."""
    value = (text or "").strip()
    return bool(value) and (value.lower().startswith("www.") or _SCHEME.match(value) is not None)
