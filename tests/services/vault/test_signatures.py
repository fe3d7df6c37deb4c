"""Digital signatures of the vault's PDFs: found on import, checked for integrity with pyHanko,
stored as JSON, and checked later for documents that came in before they were checked."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.services.vault import signatures
from desktop_app.services.vault.adding import add_document
from desktop_app.store import models as m
from tests.helpers.signing import SIGNER, make_signed_pdf, signed_pdf_bytes, tampered
from tests.helpers.vault_samples import make_pdf


def test_a_signed_pdf_is_intact_and_names_its_signer(tmp_path: Path) -> None:
    found = signatures.check_pdf_file(make_signed_pdf(tmp_path / "transcript.pdf"))
    assert len(found) == 1
    assert found[0].signer == SIGNER and found[0].intact and found[0].field == "Registry"
    assert found[0].signed_at is not None and found[0].signed_at.tzinfo is not None
    assert found[0].sentence().startswith(f"Digitally signed as '{SIGNER}' on ")
    assert found[0].sentence().endswith(" — unchanged since signing. Who signed it is not checked here: open the "
                                        "original in a PDF reader that checks signatures (e.g. Adobe Acrobat "
                                        "Reader) or at the issuer.")


def test_integrity_is_not_identity_a_self_made_certificate_says_so(tmp_path: Path) -> None:
    """Tester's finding (issue 16): a self-signed certificate named "University of Oxford" was
    called "valid in the attached original". It is only unchanged, and nobody vouches for the name."""
    found = signatures.check_pdf_bytes(signed_pdf_bytes(signer="University of Oxford"))
    (signature,) = found
    assert signature.intact and signature.self_signed
    text = signature.sentence()
    assert text.startswith("Digitally signed as 'University of Oxford' on ")
    assert ", with a certificate its signer made themselves (not checkable) — unchanged since signing." in text
    assert "Who signed it is not checked here" in text
    assert "valid" not in text.lower() and "genuine" not in text.lower() and "signed by" not in text
    stored = signatures.from_json(signatures.to_json(found))
    assert stored is not None and stored[0].self_signed


def test_one_changed_byte_is_changed_since_signing() -> None:
    found = signatures.check_pdf_bytes(tampered(signed_pdf_bytes()))
    assert [(s.signer, s.intact) for s in found] == [(SIGNER, False)]
    assert found[0].sentence().endswith("— changed since signing")
    assert "not checked here" not in found[0].sentence()


def test_an_unsigned_pdf_has_no_signatures(tmp_path: Path) -> None:
    assert signatures.check_pdf_file(make_pdf(tmp_path / "plain.pdf")) == []
    assert signatures.check_pdf_bytes(b"%PDF-1.4 nothing signed here") == []


def test_a_file_that_only_looks_signed_is_reported_not_raised() -> None:
    found = signatures.check_pdf_bytes(b"%PDF-1.7\n/ByteRange [0 1 2 3] but nothing else")
    assert len(found) == 1 and not found[0].intact and found[0].problem.startswith("the file could not be read")
    assert "could not be checked" in found[0].sentence()


def test_the_stored_json_round_trips_and_unknown_text_counts_as_unchecked(tmp_path: Path) -> None:
    found = tuple(signatures.check_pdf_file(make_signed_pdf(tmp_path / "t.pdf")))
    text = signatures.to_json(found)
    assert json.loads(text)[0]["signer"] == SIGNER and json.loads(text)[0]["intact"] is True
    assert signatures.from_json(text) == found
    assert signatures.from_json("[]") == ()
    assert signatures.from_json(None) is None and signatures.from_json("not json") is None
    assert signatures.all_intact(found) and not signatures.all_intact(())


def test_import_records_the_signatures(store: Path, tmp_path: Path) -> None:
    signed = add_document(make_signed_pdf(tmp_path / "leeds-transcript.pdf"), kind="transcript")
    plain = add_document(make_pdf(tmp_path / "certificate.pdf"), kind="certificate")

    stored = json.loads(m.Document.get_by_id(signed.document_id).signatures)
    assert [(s["signer"], s["intact"]) for s in stored] == [(SIGNER, True)]
    assert m.Document.get_by_id(plain.document_id).signatures == "[]"


def test_a_document_never_checked_is_checked_when_first_asked(store: Path, tmp_path: Path) -> None:
    added = add_document(make_signed_pdf(tmp_path / "leeds-transcript.pdf"), kind="transcript")
    m.Document.update(signatures=None).execute()  # as a schema 1 database or a data file leaves it

    found = signatures.signatures_of(added.document_id)
    assert [(s.signer, s.intact) for s in found] == [(SIGNER, True)]
    assert m.Document.get_by_id(added.document_id).signatures is not None


def test_checking_a_signature_never_touches_the_network(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import socket

    tried: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        tried.append(repr(args)[:80])
        raise OSError("networking is blocked in this test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    found = signatures.check_pdf_bytes(signed_pdf_bytes())
    assert [(s.signer, s.intact, s.problem) for s in found] == [(SIGNER, True, "")]
    assert tried == []


def test_signatures_stored_before_the_self_signed_check_are_checked_again(store: Path, tmp_path: Path) -> None:
    """A record from before issue 16's fix has no "self_signed": it is checked again when shown."""
    add_document(make_signed_pdf(tmp_path / "t.pdf", signer="University of Oxford"), kind="transcript")
    document = m.Document.get()
    old = [{k: v for k, v in entry.items() if k != "self_signed"} for entry in json.loads(document.signatures)]
    m.Document.update(signatures=json.dumps(old)).execute()
    (signature,) = signatures.signatures_of(document.id)
    assert signature.self_signed and signature.signer == "University of Oxford"
    assert json.loads(m.Document.get().signatures)[0]["self_signed"] is True
