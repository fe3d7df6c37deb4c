"""Qualifications advice as pure functions: is a qualification provable, what is a document.

Plain values in, plain values out: no Qt, no Peewee.

The advice (PRODUCT.md rule 4): employers check qualifications thoroughly, and a final
certificate alone is easily forged — keep the full academic transcript. So a
qualification without a transcript is flagged, whether or not it has a certificate.
"""

from __future__ import annotations

import re
from pathlib import PurePath

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
