"""The vault's records: qualifications, links, duplicates, removal, verification, Today and the data file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.exchange import datafile

from desktop_app.services.today import due

from desktop_app.services.vault import qualifications as vault, copies as vault_copies, files as vault_files
from desktop_app.services.core.records import ValidationError
from desktop_app.services.vault.adding import add_document
from desktop_app.services.vault.pdf import VaultFileError
from desktop_app.services.vault.verify import remove_unreferenced, verify_vault
from desktop_app.store import models as m
from tests.services.vault_samples import make_image, make_pdf

TODAY = date(2026, 11, 25)


def _qualification(title: str = "BSc (Hons) Mathematics") -> int:
    return vault.create_qualification({"title": title, "institution": "University of Leeds",
                                       "started_on": "2015-09-21", "awarded_on": "2018-07-13"})


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


def test_qualification_dates_and_required_title_are_checked(store: Path) -> None:
    with pytest.raises(ValidationError, match="title: is required"):
        vault.create_qualification({"title": "  "})
    with pytest.raises(ValidationError, match="awarded_on: cannot be before the start date"):
        vault.create_qualification({"title": "MSc", "started_on": "2020-09-01", "awarded_on": "2019-07-01"})
    qid = _qualification()
    with pytest.raises(ValidationError, match="awarded_on"):
        vault.update_qualification(qid, {"awarded_on": "2014-01-01"})
    vault.update_qualification(qid, {"grade": "First", "verify": "https://www.hedd.ac.uk"})
    assert vault.get_qualification(qid)["grade"] == "First"
    assert m.Qualification.select().count() == 1


def test_the_same_file_twice_links_the_existing_record(store: Path, tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "leeds-transcript.pdf")
    first = add_document(source, kind="transcript")
    qid = _qualification()
    copy = tmp_path / "copy of transcript.pdf"
    copy.write_bytes(source.read_bytes())
    again = add_document(copy, kind="transcript", qualification_id=qid)
    assert again.duplicate and again.document_id == first.document_id
    assert again.message == "Already in the vault as leeds-transcript.pdf; linked it to BSc (Hons) Mathematics."
    assert m.Document.select().count() == 1 and m.Document.get_by_id(first.document_id).qualification_id == qid
    plain = add_document(copy)
    assert plain.message == "Already in the vault as leeds-transcript.pdf."


def test_a_file_linked_elsewhere_gets_a_second_record_sharing_the_file(store: Path, tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "transcript.pdf")
    q1, q2 = _qualification("BSc"), _qualification("MSc")
    a = add_document(source, kind="transcript", qualification_id=q1)
    b = add_document(source, kind="transcript", qualification_id=q2)
    assert b.duplicate and a.document_id != b.document_id
    assert len(vault_files.stored_files()) == 1
    # removing one record keeps the file for the other; removing the last takes it out
    assert vault.remove_document(a.document_id) is False
    assert len(vault_files.stored_files()) == 1
    assert vault.remove_document(b.document_id) is True
    assert vault_files.stored_files() == {}
    assert m.Document.select().count() == 0


def test_link_and_unlink(demo_store: Path, tmp_path: Path) -> None:
    added = add_document(make_pdf(tmp_path / "cover.pdf"), kind="cover_letter")
    app = vault.application_choices()[0]
    qual = vault.qualification_choices()[0]
    vault.link_document(added.document_id, application_id=app.id, qualification_id=qual.id)
    row = vault.get_document_row(added.document_id)
    assert (row.application, row.qualification) == (app.label, qual.label)
    assert " at " in app.label
    vault.unlink_document(added.document_id, qualification=True, application=False)
    row = vault.get_document_row(added.document_id)
    assert (row.application_id, row.qualification_id) == (app.id, None)
    vault.update_document(added.document_id, {"kind": "cv"})
    assert vault.get_document_row(added.document_id).kind == "cv"
    with pytest.raises(ValidationError, match="kind"):
        vault.update_document(added.document_id, {"kind": "novel"})
    with pytest.raises(ValidationError, match="no such qualification"):
        vault.link_document(added.document_id, qualification_id=9999)


def test_adding_to_a_qualification_that_does_not_exist_copies_nothing(store: Path, tmp_path: Path) -> None:
    from desktop_app.services.core.crud import NotFound

    with pytest.raises(NotFound):
        add_document(make_pdf(tmp_path / "t.pdf"), qualification_id=42)
    assert vault_files.stored_files() == {} and m.Document.select().count() == 0


def test_deleting_a_qualification_keeps_its_documents_unlinked(store: Path, tmp_path: Path) -> None:
    qid = _qualification()
    added = add_document(make_pdf(tmp_path / "t.pdf"), kind="transcript", qualification_id=qid)
    vault.delete_qualification(qid)
    assert vault.get_document_row(added.document_id).qualification_id is None


def test_verify_finds_missing_changed_and_unreferenced_files(store: Path, tmp_path: Path) -> None:
    a = add_document(make_pdf(tmp_path / "a-transcript.pdf", text="A"))
    b = add_document(make_pdf(tmp_path / "b-certificate.pdf", text="B"))
    c = add_document(make_pdf(tmp_path / "c.pdf", text="C"))
    seen: list[tuple[int, int]] = []
    report = verify_vault(progress=lambda d, t: seen.append((d, t)))
    assert report.ok and report.checked == 3
    assert report.lines() == ["All is well: 3 files checked, each matches its fingerprint."]
    assert seen[-1][0] == seen[-1][1] > 0

    sha = {x.document_id: m.Document.get_by_id(x.document_id).sha256 for x in (a, b, c)}
    vault_files.stored_path(sha[a.document_id]).unlink()
    changed = vault_files.stored_path(sha[b.document_id])
    changed.write_bytes(changed.read_bytes().replace(b"B", b"X"))
    stray = make_pdf(tmp_path / "stray.pdf", text="stray")
    import hashlib

    stray_sha = hashlib.sha256(stray.read_bytes()).hexdigest()
    target = vault_files.stored_path(stray_sha)
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(stray.read_bytes())

    report = verify_vault()
    assert not report.ok
    assert [p.names for p in report.missing] == [("a-transcript.pdf",)]
    assert [p.names for p in report.changed] == [("b-certificate.pdf",)]
    assert [p.sha256 for p in report.unreferenced] == [stray_sha]
    text = "\n".join(report.lines())
    assert "Missing: a-transcript.pdf" in text and "Changed: b-certificate.pdf" in text
    assert "Unreferenced:" in text
    assert remove_unreferenced(report) == 1 and not target.exists()


def test_copy_out_refuses_a_changed_file_and_leaves_no_partial_copy(store: Path, tmp_path: Path) -> None:
    added = add_document(make_pdf(tmp_path / "t.pdf"))
    sha = m.Document.get_by_id(added.document_id).sha256
    out = tmp_path / "out" / "copy.pdf"
    out.parent.mkdir()
    vault_copies.copy_out(sha, out)
    assert out.read_bytes() == (tmp_path / "t.pdf").read_bytes()
    stored = vault_files.stored_path(sha)
    stored.write_bytes(stored.read_bytes() + b"tampered")
    out.unlink()
    with pytest.raises(VaultFileError, match="has changed since it was added"):
        vault_copies.copy_out(sha, out)
    assert list(out.parent.iterdir()) == []


def test_the_viewer_gets_a_read_only_copy_removed_at_next_start(store: Path, tmp_path: Path) -> None:
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    added = add_document(make_pdf(tmp_path / "Zeugnis Müller.pdf"))
    sha = m.Document.get_by_id(added.document_id).sha256
    copy = vault_copies.viewable_copy(sha, "Zeugnis Müller.pdf")
    assert copy.name == "Zeugnis Müller.pdf" and copy.read_bytes() == (tmp_path / "Zeugnis Müller.pdf").read_bytes()
    assert store in copy.parents
    close_database()
    open_database(store)
    assert not copy.exists()


def test_the_data_file_stores_documents_that_carry_a_path(store: Path, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "files" / "leeds-transcript.pdf", pages=3) if (tmp_path / "files").mkdir() is None else None
    assert pdf is not None
    data = {"format": "afterview", "version": 1,
            "qualifications": [{"id": "q1", "title": "BSc"}],
            "documents": [{"id": "d1", "kind": "transcript", "qualification": "q1",
                           "original_name": "leeds-transcript.pdf", "path": "files/leeds-transcript.pdf"}]}
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    datafile.import_from_file(source)
    doc = m.Document.get()
    assert (doc.pages, doc.size) == (3, pdf.stat().st_size)
    assert vault_files.stored_path(doc.sha256).read_bytes() == pdf.read_bytes()
    assert vault.list_qualification_rows()[0].flag is None
    exported = datafile.export_data()["documents"][0]
    assert "path" not in exported and exported["sha256"] == doc.sha256


def test_the_data_file_refuses_a_bad_document_and_imports_nothing(store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.pdf"
    bad.write_text("hello", encoding="utf-8")
    good = make_pdf(tmp_path / "good.pdf")
    for documents in (
        [{"id": "d1", "original_name": "notes.pdf", "path": str(bad)}],
        [{"id": "d1", "original_name": "good.pdf", "path": str(good), "sha256": "0" * 64}],
    ):
        data = {"format": "afterview", "version": 1, "qualifications": [{"id": "q1", "title": "BSc"}],
                "documents": documents}
        with pytest.raises(datafile.DataFileError) as error:
            datafile.import_data(data)
        assert "is not a PDF" in str(error.value) or "does not match the fingerprint" in str(error.value)
        assert m.Qualification.select().count() == 0 and m.Document.select().count() == 0
        assert vault_files.stored_files() == {}


def test_the_sample_brings_a_transcript_and_a_lone_certificate(store: Path) -> None:
    from desktop_app.services.exchange.demo import load_demo

    report = load_demo(TODAY, with_documents=True)
    assert report.counts["documents"] == 2
    rows = {r.title: r for r in vault.list_qualification_rows()}
    assert rows["BSc (Hons) Mathematics"].flag is None
    assert rows["Google Data Analytics Certificate"].flag == "Only a certificate — add the full transcript"
    assert [(d.original_name, d.pages) for d in sorted(vault.list_document_rows(), key=lambda d: d.id)] == [
        ("leeds-transcript.pdf", 2), ("data-analytics-certificate.pdf", 1)]
    assert verify_vault().ok
