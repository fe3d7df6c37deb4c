"""Checkable at the source: each qualification's link printed with a QR code that decodes to it,
the link's expiry, the PIN only when chosen, the name at time of study; the index's word on
signatures and attachments; the cover's one sentence for the employer."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode.qr import QrCodeWidget

from desktop_app.pack import build_pack
from desktop_app.pack.content import PackQualification, PackSignature
from desktop_app.pack.verification import (
    attachment_line, carries_intact_signature, is_link, qr_code, qualification_details, signature_sentence,
)
from tests.helpers.pack_samples import MakePdf, sample_content

LINK = "https://verify.example.ac.uk/share/7Q2X-PLM4-88ZA?pin=required"
DEGREE = PackQualification("BSc Mathematics", "University of Leeds", "Bachelor's degree", date(2015, 9, 1),
                           date(2018, 7, 1), "First", LINK, date(2027, 3, 3), "", "Sam Jones")


def _texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_the_qr_code_carries_the_link_as_reportlab_encodes_it() -> None:
    code = qr_code(f" {LINK} ")
    reference = QrCodeWidget(LINK, barLevel="M")
    reference.qr.make()
    assert code.link == LINK
    assert [list(row) for row in code.modules] == [[bool(m) for m in row] for row in reference.qr.modules]
    assert code.wrap(500, 500) == (code.size, code.size) and code.size > 0


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_printed_qr_code_decodes_to_the_link(tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    result = build_pack(sample_content(qualifications=(DEGREE,)), tmp_path / "pack.pdf")
    page = result.sections["qualifications"]
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), "-singlefile",
                    str(tmp_path / "pack.pdf"), str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as image:
        decoded = [code.text for code in zxingcpp.read_barcodes(image)]
    assert decoded == [LINK]


def test_the_qualifications_page_prints_the_details(tmp_path: Path) -> None:
    result = build_pack(sample_content(qualifications=(replace(DEGREE, verify_pin="4821"),)), tmp_path / "p.pdf")
    text = _texts(tmp_path / "p.pdf")[result.sections["qualifications"] - 1]
    assert "Link valid until 3 March 2027" in text
    assert "PIN: 4821" in text and "Name at time of study: Sam Jones" in text


def test_no_pin_is_printed_unless_given_for_this_pack() -> None:
    assert qualification_details(DEGREE) == ["Link valid until 3 March 2027", "Name at time of study: Sam Jones"]
    assert qualification_details(replace(DEGREE, verify_pin=" 4821 ", verify_expires_on=None, name_at_study="")) == [
        "PIN: 4821"]


def test_only_web_links_get_a_qr_code() -> None:
    assert is_link(LINK) and is_link(" http://hedd.ac.uk ")
    assert not is_link("registry@leeds.ac.uk") and not is_link("Call +44 113 243 1751") and not is_link("")
    # what a QR code or a PDF link cannot carry as it stands (tester's finding, issue 16)
    assert not is_link("https://verify.example/share/abc def") and not is_link("https://münchen.example/x")
    assert not is_link("javascript:alert(1)")


def test_an_expired_link_is_never_printed_as_valid(tmp_path: Path) -> None:
    """Tester's finding (issue 16): "Link valid until <a past day>" was printed."""
    expired = replace(DEGREE, verify_expires_on=date(2026, 11, 1))
    assert qualification_details(expired, made_on=date(2026, 11, 25))[0] == "Link expired on 1 November 2026"
    assert qualification_details(expired, made_on=date(2026, 11, 1))[0] == "Link valid until 1 November 2026"
    result = build_pack(sample_content(qualifications=(expired,)), tmp_path / "pack.pdf")
    page = " ".join(_texts(tmp_path / "pack.pdf")[result.sections["qualifications"] - 1].split())
    assert "Link expired on 1 November 2026" in page and "valid until" not in page


def test_the_index_says_which_originals_are_signed(tmp_path: Path, make_pdf: MakePdf) -> None:
    intact = PackSignature("University of Leeds Registry", date(2026, 7, 3), True)
    document = replace(make_pdf("leeds", 1), signatures=(intact,))
    result = build_pack(sample_content((document,)), tmp_path / "pack.pdf")
    index = " ".join(_texts(tmp_path / "pack.pdf")[result.sections["index"] - 1:result.generated_pages])
    index = " ".join(index.split())
    assert ("Digitally signed as 'University of Leeds Registry' on 3 July 2026 — unchanged since signing. Who "
            "signed it is not checked here: open the original in a PDF reader that checks signatures (e.g. Adobe "
            "Acrobat Reader) or at the issuer.") in index
    assert "valid" not in index.lower().replace("validity", "") and "genuine" not in index.lower()
    assert "Original attached: leeds.pdf" in index
    assert carries_intact_signature(document)
    assert not carries_intact_signature(replace(document, signatures=(replace(intact, intact=False),)))
    assert signature_sentence(replace(intact, intact=False, signed_on=None)) == (
        "Digitally signed as 'University of Leeds Registry' — changed since signing")
    assert signature_sentence(replace(intact, signer="University of Oxford", self_signed=True)).startswith(
        "Digitally signed as 'University of Oxford' on 3 July 2026, with a certificate its signer made themselves "
        "(not checkable) — unchanged since signing. Who signed it is not checked here")
    assert attachment_line("leeds.pdf") == "Original attached: leeds.pdf"


def test_the_cover_tells_the_employer_how_to_check_it(tmp_path: Path) -> None:
    build_pack(sample_content(), tmp_path / "pack.pdf")
    cover = " ".join(_texts(tmp_path / "pack.pdf")[0].split())
    assert "To check this pack without Afterview, open the attachments panel (the paperclip) of any PDF reader" in cover


def test_a_long_link_wraps_only_at_its_slashes_and_question_mark(tmp_path: Path) -> None:
    """Tester's finding (issue 16): a long share link was cut mid-word across lines."""
    link = ("https://verify.example.ac.uk/share/graduate-record/bachelor-of-science/mathematics/"
            "7Q2X-PLM4-88ZA?pin=required&lang=en")
    result = build_pack(sample_content(qualifications=(replace(DEGREE, verify=link),)), tmp_path / "pack.pdf")
    lines = [line.strip() for line in _texts(tmp_path / "pack.pdf")[result.sections["qualifications"] - 1]
             .splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("https://verify"))
    pieces = [lines[start]]
    while "".join(pieces) != link:
        pieces.append(lines[start + len(pieces)])
        assert link.startswith("".join(pieces)), pieces
    assert len(pieces) > 1  # it did wrap
    for before, after in zip(pieces, pieces[1:]):
        assert before.endswith("/") or after.startswith("?"), (before, after)


def test_a_pdf_made_from_a_photo_is_not_called_the_original() -> None:
    """Issue 15, fresh eyes 2: the vault keeps the PDF made from a photo, so the index says the
    attachment and its fingerprint are of that PDF, naming the photo the user added."""
    line = attachment_line("Landscape_6.pdf", "Landscape_6.jpg")
    assert "Original" not in line and "original" not in line
    assert line == ("Attached: Landscape_6.pdf, the PDF made from the scan Landscape_6.jpg "
                    "(the fingerprint is this PDF's)")
    assert attachment_line("leeds.pdf", "leeds.pdf") == "Original attached: leeds.pdf"
