"""Adding documents to the vault: a file already there is recognised, a batch goes on past a
refused file, and a record that cannot be written takes its new file back out."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.progress import Cancelled
from desktop_app.services.vault import files as vault_files, qualifications as vault
from desktop_app.services.vault.adding import add_document, add_documents
from desktop_app.store import models as m
from tests.helpers.qualifications import _qualification
from tests.helpers.vault_checks import _assert_nothing_changed, _vault_contents
from tests.helpers.vault_samples import make_big_pdf, make_image, make_pdf


def test_the_same_scan_twice_is_recognised(store: Path, tmp_path: Path) -> None:
    photo = make_image(tmp_path / "cert.png")
    first = add_document(photo, kind="certificate")
    second = add_document(photo, kind="certificate")
    assert second.duplicate and second.document_id == first.document_id
    assert second.message == "Already in the vault as cert.png."
    assert len(_vault_contents(store)) == 1


def test_cancelling_a_batch_keeps_the_files_already_added(store: Path, tmp_path: Path) -> None:
    small = make_pdf(tmp_path / "a-transcript.pdf")
    big = make_big_pdf(tmp_path / "b.pdf", 4 << 20)
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 4  # mid-way through the second file

    with pytest.raises(Cancelled):
        add_documents([small, big], cancelled=cancelled)
    assert [d.original_name for d in m.Document.select()] == ["a-transcript.pdf"]
    assert len(_vault_contents(store)) == 1


def test_a_batch_goes_on_past_a_refused_file(store: Path, tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "leeds-transcript.pdf")
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf", encoding="utf-8")
    photo = make_image(tmp_path / "degree-certificate.jpg", fmt="JPEG")
    report = add_documents([good, bad, photo])
    assert [a.name for a in report.added] == ["leeds-transcript.pdf", "degree-certificate.jpg"]
    assert [m.Document.get_by_id(a.document_id).kind for a in report.added] == ["transcript", "certificate"]
    assert report.refused[0][0] == "notes.pdf" and "is not a PDF" in report.refused[0][1]
    assert not report.ok


def test_if_the_record_cannot_be_written_the_new_file_is_taken_out(store: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services.core import crud

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(crud, "create", fail)
    with pytest.raises(OSError):
        add_document(make_pdf(tmp_path / "t.pdf"))
    _assert_nothing_changed(store)


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
    # removing one record keeps the file for the other; the last one's goes with the Trash
    from desktop_app.services.core import trash

    assert vault.remove_document(a.document_id) is False
    assert len(vault_files.stored_files()) == 1
    assert vault.remove_document(b.document_id) is False
    assert len(vault_files.stored_files()) == 1  # in the Trash: restorable with its file
    assert m.Document.select().count() == 0
    assert trash.empty(backup=lambda: None) == 2
    assert vault_files.stored_files() == {}


def test_adding_to_a_qualification_that_does_not_exist_copies_nothing(store: Path, tmp_path: Path) -> None:
    from desktop_app.services.core.crud import NotFound

    with pytest.raises(NotFound):
        add_document(make_pdf(tmp_path / "t.pdf"), qualification_id=42)
    assert vault_files.stored_files() == {} and m.Document.select().count() == 0


def test_reattaching_a_changed_document_keeps_its_kind_and_links(store: Path, tmp_path: Path) -> None:
    """Issue 15: the next step offered for a file changed on disk."""
    from desktop_app.services.vault import files as vault_files
    from desktop_app.services.vault.adding import reattach_document
    qid = _qualification()
    original = make_pdf(tmp_path / "leeds-transcript.pdf", text="Leeds")
    old = add_document(original, kind="transcript", qualification_id=qid)
    sha = m.Document.get_by_id(old.document_id).sha256
    stored = vault_files.stored_path(sha)
    stored.write_bytes(stored.read_bytes() + b"% damaged\n")

    same = reattach_document(old.document_id, original)  # the user's own copy: the same file
    assert same.document_id == old.document_id
    assert vault_files.hash_file(stored) == sha  # the vault's copy is whole again

    fresh = reattach_document(old.document_id, make_pdf(tmp_path / "leeds-new.pdf", text="Leeds again"),
                              different_ok=True)  # the user confirmed the other file
    assert fresh.document_id != old.document_id
    new = m.Document.get_by_id(fresh.document_id)
    assert (new.kind, new.qualification_id) == ("transcript", qid)
    assert m.Document.get_or_none(m.Document.id == old.document_id) is None  # the old one went to the Trash


def test_reattaching_another_file_is_refused_until_confirmed_and_changes_nothing(store: Path,
                                                                                 tmp_path: Path) -> None:
    """Issue 15, fresh eyes: Re-attach took an unrelated form for a changed "huge poster.pdf"
    without a word. A file whose fingerprint differs is said, and nothing changes until confirmed."""
    from desktop_app.services.vault.adding import NotTheSameFile, reattach_document

    old = add_document(make_pdf(tmp_path / "huge poster.pdf", text="Poster"), kind="certificate")
    sha = m.Document.get_by_id(old.document_id).sha256
    stored = vault_files.stored_path(sha)
    stored.write_bytes(stored.read_bytes() + b"% damaged\n")
    unrelated = make_pdf(tmp_path / "form_raw.pdf", text="A form")

    with pytest.raises(NotTheSameFile) as refused:
        reattach_document(old.document_id, unrelated)
    assert str(refused.value).startswith("“form_raw.pdf” is not the file you first added as “huge poster.pdf” "
                                         "(its fingerprint differs)")
    assert [(d.id, d.sha256) for d in m.Document.select()] == [(old.document_id, sha)]
    assert set(vault_files.stored_files()) == {sha}  # the other file's copy was not kept


def test_reattaching_the_same_file_repairs_a_copy_damaged_without_changing_its_size(store: Path,
                                                                                    tmp_path: Path) -> None:
    """A flipped byte keeps the size: the vault's copy must still be replaced by the good file."""
    from desktop_app.services.vault.adding import reattach_document

    original = make_pdf(tmp_path / "leeds-transcript.pdf", text="Leeds")
    old = add_document(original, kind="transcript")
    sha = m.Document.get_by_id(old.document_id).sha256
    stored = vault_files.stored_path(sha)
    damaged = bytearray(stored.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    stored.write_bytes(bytes(damaged))

    again = reattach_document(old.document_id, original)
    assert again.document_id == old.document_id
    assert vault_files.hash_file(stored) == sha
