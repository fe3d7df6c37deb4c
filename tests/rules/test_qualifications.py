"""The qualifications advice: a qualification without its full transcript is flagged."""

from __future__ import annotations

import pytest

from desktop_app.rules.qualifications import (
    NO_TRANSCRIPT,
    ONLY_CERTIFICATE,
    guess_document_kind,
    missing_transcript,
    transcript_flag,
)


@pytest.mark.parametrize("has_transcript, has_certificate, flag", [
    (False, True, "Only a certificate — add the full transcript"),
    (False, False, "No transcript yet — add the full transcript"),
    (True, False, None),
    (True, True, None),
])
def test_the_transcript_flag(has_transcript: bool, has_certificate: bool, flag: str | None) -> None:
    assert transcript_flag(has_transcript, has_certificate) == flag
    assert missing_transcript(has_transcript) is (flag is not None)
    assert {ONLY_CERTIFICATE, NO_TRANSCRIPT} >= {flag} - {None}


@pytest.mark.parametrize("name, kind", [
    ("leeds-transcript.pdf", "transcript"),
    ("Transcript of Records (final).PDF", "transcript"),
    ("BSc_certificate.pdf", "certificate"),
    ("Diploma 2018.jpg", "certificate"),
    ("IMG_2041.JPG", "certificate"),  # an unnamed photo: most likely a photographed certificate
    ("scan0001.png", "certificate"),
    ("Sam Taylor CV 2026.pdf", "cv"),
    ("résumé.pdf", "cv"),
    ("cover-letter-northwind.pdf", "cover_letter"),
    ("Reference letter - Alex Morgan.pdf", "reference_letter"),
    ("payslip.pdf", "other"),
    ("discovery.pdf", "other"),  # "cv" inside a word is not a CV
])
def test_a_first_guess_at_the_kind_from_the_file_name(name: str, kind: str) -> None:
    assert guess_document_kind(name) == kind
