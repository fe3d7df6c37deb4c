"""Today's vault item: a qualification without its full transcript, until the transcript arrives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.services.today import due
from desktop_app.services.vault import qualifications as vault
from desktop_app.services.vault.adding import add_document
from tests.helpers.qualifications import _qualification
from tests.helpers.vault_samples import make_image, make_pdf

TODAY = date(2026, 11, 25)


def _row(qid: int) -> vault.QualificationRow:
    return next(r for r in vault.list_qualification_rows() if r.id == qid)


def _missing(today: date = TODAY) -> list[str]:
    return [i.subject for i in due.due_items(today) if i.kind == "missing_transcript"]


def test_the_flag_goes_away_when_the_transcript_arrives(store: Path, tmp_path: Path) -> None:
    qid = _qualification()
    assert _row(qid).flag == "No transcript yet — add the full transcript"
    add_document(make_image(tmp_path / "certificate.jpg", fmt="JPEG"), kind="certificate", qualification_id=qid)
    row = _row(qid)
    assert (row.has_certificate, row.has_transcript) == (True, False)
    assert row.flag == "Only a certificate — add the full transcript"
    (item,) = [i for i in due.due_items(TODAY) if i.kind == "missing_transcript"]
    assert (item.subject, item.text, item.due_on) == ("BSc (Hons) Mathematics",
                                                      "Only a certificate — add the full transcript", TODAY)
    assert item.as_json()["kind"] == "missing_transcript"
    add_document(make_pdf(tmp_path / "leeds-transcript.pdf", pages=3), kind="transcript", qualification_id=qid)
    assert _row(qid).flag is None and _row(qid).has_transcript
    assert _missing() == []


def test_a_dismissed_missing_transcript_stays_hidden(store: Path) -> None:
    _qualification()
    (item,) = [i for i in due.due_items(TODAY) if i.kind == "missing_transcript"]
    due.dismiss(item.key)
    assert _missing() == []


def _share_link_items(today: date) -> list[tuple[date, str, str]]:
    return [(i.due_on, i.subject, i.text) for i in due.due_items(today) if i.kind == "share_link_expiring"]


def _live_application() -> None:
    from desktop_app.store import models as m

    employer = m.Organisation.create(name="Northwind Ltd")
    m.Application.create(role="Data Analyst", employer=employer, applied_on=date(2026, 11, 1), stage="interviewing")


def test_a_share_link_about_to_expire_shows_while_an_application_is_live(store: Path) -> None:
    qid = vault.create_qualification({"title": "BSc (Hons) Mathematics", "verify": "https://verify.example/x",
                                      "verify_expires_on": "2026-12-09"})
    assert _share_link_items(TODAY) == []  # nothing live: nobody is about to check
    _live_application()
    assert _share_link_items(date(2026, 11, 24)) == []  # 15 days before
    assert _share_link_items(TODAY) == [(TODAY, "BSc (Hons) Mathematics",
                                         "The share link for BSc (Hons) Mathematics expires in 14 days, on "
                                         "9 Dec 2026: renew it, or ask the issuer for a new one")]
    # Nine days into the notice the link still works: due today, never "9 days overdue".
    assert _share_link_items(date(2026, 12, 4)) == [(date(2026, 12, 4), "BSc (Hons) Mathematics",
                                                     "The share link for BSc (Hons) Mathematics expires in 5 days, "
                                                     "on 9 Dec 2026: renew it, or ask the issuer for a new one")]
    (item,) = [i for i in due.due_items(TODAY) if i.kind == "share_link_expiring"]
    assert item.qualification_id == qid and item.as_json()["kind"] == "share_link_expiring"
    ((due_on, _, text),) = _share_link_items(date(2026, 12, 12))
    assert due_on == date(2026, 12, 9) and "expired 3 days ago, on 9 Dec 2026" in text


def test_a_renewed_link_is_a_new_item_after_the_old_one_was_dismissed(store: Path) -> None:
    _live_application()
    qid = vault.create_qualification({"title": "MSc Data Science", "verify_expires_on": "2026-12-01"})
    (item,) = [i for i in due.due_items(TODAY) if i.kind == "share_link_expiring"]
    due.dismiss(item.key)
    assert _share_link_items(TODAY) == []
    vault.update_qualification(qid, {"verify_expires_on": "2026-12-05"})
    assert [text for _, _, text in _share_link_items(TODAY)] == [
        "The share link for MSc Data Science expires in 10 days, on 5 Dec 2026: renew it, or ask the issuer for a "
        "new one"]
