"""Checking a pack: each attachment against the index's SHA-256, each signature with pyHanko;
what is missing, changed, extra or broken is named, one line per document."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfWriter

from desktop_app.pack import build_pack
from desktop_app.pack.attachments import INDEX_KEY
from desktop_app.services.pack_verify import DamagedPdf, NotAPack, verify_pack
from tests.helpers.pack_samples import MakePdf, sample_content
from tests.helpers.signing import SIGNER, signed_pdf_bytes, tampered


@pytest.fixture
def pack(tmp_path: Path, make_pdf: MakePdf) -> Path:
    signed = make_pdf("leeds", 2)
    signed.path.write_bytes(signed_pdf_bytes(2))
    signed = replace(signed, sha256=hashlib.sha256(signed.path.read_bytes()).hexdigest())
    documents = (signed, make_pdf("certificate", 1, kind="certificate"))
    return build_pack(sample_content(documents), tmp_path / "pack.pdf").path


def _rewrite(pack: Path, change: str) -> None:
    """Change the pack's attachments with pypdf, as someone editing it by hand would."""
    writer = PdfWriter(clone_from=pack)
    for embedded in writer.attachment_list:
        if change == "tamper" and embedded.name == "leeds.pdf":
            embedded.content = tampered(embedded.content)
        if change == "remove" and embedded.name == "certificate.pdf":
            embedded.delete()
    if change == "extra":
        writer.add_attachment("invoice.pdf", b"%PDF-1.4 nothing")
    with pack.open("wb") as handle:
        writer.write(handle)


def test_a_pack_as_made_holds(pack: Path) -> None:
    result = verify_pack(pack)
    assert result.ok and result.summary() == "All 2 documents hold."
    signed, plain = result.checks
    assert signed.line().startswith("ok      1. Academic transcript – BSc Mathematics (leeds.pdf): SHA-256 matches "
                                    f"the printed index; digitally signed as '{SIGNER}' on ")
    assert signed.line().endswith(", with a certificate its signer made themselves (not checkable) — unchanged "
                                  "since signing")
    assert plain.line() == ("ok      2. Certificate – BSc Mathematics (certificate.pdf): SHA-256 matches the printed "
                            "index: unchanged since the pack was made (the pack itself is not signed, so this shows "
                            "only that the file matches the index)")
    assert result.notes == ("Who signed it is not checked here: open the original in a PDF reader that checks "
                            "signatures (e.g. Adobe Acrobat Reader) or at the issuer.",)
    assert not any("valid" in c.line() or "genuine" in c.line() for c in result.checks)


def test_the_printed_index_must_agree_with_the_hidden_one(pack: Path) -> None:
    """Tester's finding (issue 16): swapping an attachment and its hidden index entry went unseen,
    though the SHA-256 the employer reads on the page no longer matched."""
    writer = PdfWriter(clone_from=pack)
    swapped = b"%PDF-1.4 a different certificate"
    for embedded in writer.attachment_list:
        if embedded.name == "certificate.pdf":
            embedded.content = swapped
    index = json.loads(str(writer.metadata[INDEX_KEY]))
    index["documents"][1]["sha256"] = hashlib.sha256(swapped).hexdigest()
    index["documents"][1]["size"] = len(swapped)
    writer.add_metadata({INDEX_KEY: json.dumps(index)})
    with pack.open("wb") as handle:
        writer.write(handle)
    result = verify_pack(pack)
    assert not result.ok
    failed = [c.line() for c in result.checks if not c.holds]
    assert failed[0].startswith("FAILED  2. Certificate – BSc Mathematics (certificate.pdf): the printed index and "
                                "the attached files disagree")
    assert failed[1].startswith("FAILED  document index: the printed index and the attached files disagree")


def test_a_pack_cut_short_is_called_damaged_and_pypdf_says_nothing(pack: Path, tmp_path: Path,
                                                                   capfd: pytest.CaptureFixture[str],
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    """Tester's finding (issue 16): a truncated pack was called "not made by Afterview", and pypdf's
    warnings reached the terminal."""
    data = pack.read_bytes()
    for length in (20, len(data) // 3, len(data) - 200):
        cut = tmp_path / f"cut-{length}.pdf"
        cut.write_bytes(data[:length])
        with pytest.raises(DamagedPdf, match=r"^This file is damaged or incomplete \(perhaps cut short while "
                                             r"downloading\)$"):
            verify_pack(cut)
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")] == []


def test_same_named_originals_are_named_as_attached_and_stored_once(tmp_path: Path, make_pdf: MakePdf) -> None:
    """Tester's finding (issue 16): two files called transcript.pdf were both reported as
    "(transcript.pdf)"; each file is one embedded stream, referenced from several places."""
    first, second = make_pdf("a", 1), make_pdf("b", 1, kind="certificate")
    first, second = replace(first, original_name="signed_transcript.pdf"), replace(second,
                                                                                   original_name="signed_transcript.pdf")
    pack = build_pack(sample_content((first, second)), tmp_path / "pack.pdf").path
    labels = [c.label for c in verify_pack(pack).checks]
    assert labels == ["Academic transcript – BSc Mathematics (signed_transcript.pdf)",
                      "Certificate – BSc Mathematics (signed_transcript (2).pdf)"]
    from pypdf import PdfReader

    reader = PdfReader(pack)
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    filespecs = {names[i]: names[i + 1].idnum for i in range(0, len(names), 2)}
    references = [annotation.get_object().raw_get("/FS").idnum for page in reader.pages
                  for annotation in page.get("/Annots") or () if annotation.get_object()["/Subtype"] == "/FileAttachment"]
    # every paperclip points at the name tree's own file specification: no copies
    assert sorted(set(references)) == sorted(filespecs.values()) and len(references) == 4
    streams = {reader.get_object(n)["/EF"].raw_get("/F").idnum for n in filespecs.values()}
    assert len(streams) == 2
    if shutil.which("qpdf"):
        listed = subprocess.run(["qpdf", "--list-attachments", str(pack)], capture_output=True, text=True,
                                check=True).stdout
        assert len(listed.splitlines()) == 2


def test_a_changed_attachment_is_named(pack: Path) -> None:
    _rewrite(pack, "tamper")
    result = verify_pack(pack)
    assert not result.ok and result.summary() == "1 of 2 documents does not hold."
    assert result.checks[0].line().startswith("FAILED  1. Academic transcript – BSc Mathematics (leeds.pdf): "
                                              "changed — its SHA-256 is ")
    assert result.checks[1].holds


def test_a_missing_or_an_extra_attachment_fails(pack: Path) -> None:
    _rewrite(pack, "remove")
    assert [c.line() for c in verify_pack(pack).checks if not c.holds] == [
        "FAILED  2. Certificate – BSc Mathematics (certificate.pdf): missing — no attachment named “certificate.pdf”"]
    _rewrite(pack, "extra")
    assert [c.line() for c in verify_pack(pack).checks if not c.holds][-1] == (
        "FAILED  invoice.pdf: attached, but not in the pack's index")


def test_a_broken_signature_fails_even_when_the_fingerprint_matches(tmp_path: Path, make_pdf: MakePdf) -> None:
    broken = make_pdf("leeds", 2)
    broken.path.write_bytes(tampered(signed_pdf_bytes(2)))  # changed after signing, before the vault saw it
    broken = replace(broken, sha256=hashlib.sha256(broken.path.read_bytes()).hexdigest())
    result = verify_pack(build_pack(sample_content((broken,)), tmp_path / "pack.pdf").path)
    (check,) = result.checks
    assert not check.holds and check.detail.endswith("— changed since signing")
    assert check.detail.startswith("SHA-256 matches the printed index; digitally signed as")


def test_what_is_not_a_pack_is_said_so(tmp_path: Path, make_pdf: MakePdf) -> None:
    with pytest.raises(NotAPack, match="no index"):
        verify_pack(make_pdf("plain", 1).path)
    (tmp_path / "notes.pdf").write_text("not a pdf", encoding="utf-8")
    with pytest.raises(NotAPack, match="not a PDF"):
        verify_pack(tmp_path / "notes.pdf")
    (tmp_path / "notes.pdf").write_text("%PDF-1.4 this is not really one\n%%EOF", encoding="utf-8")
    with pytest.raises(DamagedPdf):
        verify_pack(tmp_path / "notes.pdf")
    with pytest.raises(OSError):
        verify_pack(tmp_path / "nowhere.pdf")
