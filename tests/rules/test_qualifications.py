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


def test_a_share_link_is_mentioned_two_weeks_before_it_expires() -> None:
    from datetime import date

    from desktop_app.rules.qualifications import SHARE_LINK_NOTICE_DAYS, share_link_notice_from, share_link_text

    assert SHARE_LINK_NOTICE_DAYS == 14
    assert share_link_notice_from(date(2027, 3, 3)) == date(2027, 2, 17)
    assert share_link_notice_from(date(2027, 3, 3), notice_days=1) == date(2027, 3, 2)
    assert share_link_text("BSc", date(2027, 3, 3), date(2027, 3, 3)) == (
        "The share link for BSc expires today, 3 Mar 2027: renew it, or ask the issuer for a new one")
    assert share_link_text("BSc", date(2027, 3, 3), date(2027, 2, 26)) == (
        "The share link for BSc expires in 5 days, on 3 Mar 2027: renew it, or ask the issuer for a new one")
    assert share_link_text("BSc", date(2027, 3, 3), date(2027, 3, 2)).startswith(
        "The share link for BSc expires tomorrow, on 3 Mar 2027: ")
    assert share_link_text("BSc", date(2027, 3, 3), date(2027, 3, 4)).startswith(
        "The share link for BSc expired 1 day ago, on 3 Mar 2027: ask the issuer")
    assert "expired 9 days ago, on 3 Mar 2027" in share_link_text("BSc", date(2027, 3, 3), date(2027, 3, 12))


def test_the_share_link_item_counts_to_the_expiry_day() -> None:
    """Tester's finding (issue 16): "9 days overdue" was shown while the link still worked."""
    from datetime import date

    from desktop_app.rules.qualifications import share_link_due_on

    expires = date(2026, 12, 5)
    assert share_link_due_on(expires, date(2026, 11, 1)) == date(2026, 11, 21)  # coming up
    assert share_link_due_on(expires, date(2026, 11, 30)) == date(2026, 11, 30)  # "Today", not overdue
    assert share_link_due_on(expires, expires) == expires
    assert share_link_due_on(expires, date(2026, 12, 8)) == expires  # 3 days overdue = expired 3 days ago


def test_a_verification_link_is_made_valid_or_refused() -> None:
    """Tester's finding (issue 16): a link with a space, non-ASCII letters or ``javascript:`` was kept."""
    import pytest

    from desktop_app.rules.qualifications import BadLink, clean_verify_link, looks_like_a_link

    assert clean_verify_link(" https://verify.example/share/abc def ") == "https://verify.example/share/abc%20def"
    assert clean_verify_link("https://münchen.example/zeugnis?name=Jürgen") == (
        "https://xn--mnchen-3ya.example/zeugnis?name=J%C3%BCrgen")
    assert clean_verify_link("www.hedd.ac.uk") == "https://www.hedd.ac.uk"
    assert clean_verify_link("https://a.example/x%20y") == "https://a.example/x%20y"  # not encoded twice
    for text in ("registry@leeds.ac.uk", "Call +44 113 243 1751", "Tel: 0113 243 1751", ""):
        assert clean_verify_link(text) == text  # not a link: printed as typed
    for text in ("javascript:alert(1)", "mailto:registry@leeds.ac.uk", "file:///etc/passwd", "https:///x"):
        with pytest.raises(BadLink):
            clean_verify_link(text)
    assert looks_like_a_link("javascript:alert(1)") and looks_like_a_link("www.x.example")
    assert not looks_like_a_link("registry@leeds.ac.uk")
