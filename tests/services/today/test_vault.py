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
