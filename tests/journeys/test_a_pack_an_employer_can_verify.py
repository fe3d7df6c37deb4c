"""Issue 16, "Done when": an official e-transcript, digitally signed, goes into the vault (shown
signed and intact), then into a pack; the employer takes the original out of the pack with any
PDF library and its signature is still valid; one byte changed in the pack's attachment and
``afterview pack verify`` says which document no longer holds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop_app.services import pack as pack_service
from desktop_app.services.vault import qualifications as vault
from desktop_app.ui.main_window import MainWindow
from tests.helpers.cli import run
from tests.helpers.signing import SIGNER, make_signed_pdf
from tests.helpers.vault_tab import TIMEOUT, drop


def _validate_with_pyhanko(data: bytes) -> list[Any]:
    """pyHanko's own verdict on each signature of ``data`` (integrity; the certificate is throw-away)."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(data))
    statuses = [validate_pdf_signature(s, ValidationContext(trust_roots=[], allow_fetching=False))
                for s in reader.embedded_signatures]
    return [(s.intact, s.valid, s.coverage == SignatureCoverageLevel.ENTIRE_FILE) for s in statuses]


@pytest.mark.slow
def test_a_signed_transcript_stays_verifiable_from_the_vault_to_the_employer(
        qtbot: Any, main_window: MainWindow, tmp_path: Path) -> None:
    degree = vault.create_qualification({"title": "BSc (Hons) Mathematics", "institution": "University of Leeds",
                                         "verify": "https://verify.example.ac.uk/share/7Q2X-PLM4"})
    tab = main_window.show_tab(3)
    tab.refresh()
    assert tab.qualifications.select_row(lambda r: r.id == degree)
    original = make_signed_pdf(tmp_path / "leeds-transcript.pdf", pages=2)
    drop(qtbot, tab, [original])

    # The vault shows it signed and intact.
    assert tab.current_document().original_name == "leeds-transcript.pdf"
    qtbot.waitUntil(lambda: "Digitally signed as" in tab.details.text(), timeout=TIMEOUT)
    assert f"Digitally signed as '{SIGNER}' on " in tab.details.text()
    assert ", with a certificate its signer made themselves (not checkable) — unchanged since signing" in \
        tab.details.text()
    assert tab.details.text().endswith("Who signed it is not checked here: open the original in a PDF reader that "
                                       "checks signatures (e.g. Adobe Acrobat Reader) or at the issuer.")
    assert "valid" not in tab.details.text().lower()

    # The pack carries the original, byte for byte, and says it is signed.
    pack = tmp_path / "pack.pdf"
    result = pack_service.produce_pack(pack_service.PackChoice(None, (), (degree,)), pack)
    reader = PdfReader(pack)
    attached = reader.attachments["leeds-transcript.pdf"]
    assert attached == [original.read_bytes()]
    index_text = " ".join(page.extract_text() for page in reader.pages[result.sections["index"] - 1:
                                                                        result.generated_pages])
    assert f"Digitally signed as '{SIGNER}'" in index_text and "Original attached: leeds-transcript.pdf" in index_text
    assert _validate_with_pyhanko(attached[0]) == [(True, True, True)]
    if shutil.which("qpdf"):
        assert subprocess.run(["qpdf", "--check", str(pack)], capture_output=True, check=False).returncode == 0

    verified = run("pack", "verify", str(pack))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.splitlines()[0].startswith("ok      1. Academic transcript – BSc (Hons) Mathematics "
                                                      "(leeds-transcript.pdf): SHA-256 matches the printed index; "
                                                      f"digitally signed as '{SIGNER}' on ")
    assert "Who signed it is not checked here" in verified.stdout and "valid" not in verified.stdout

    # One byte of the attachment changed inside the pack: the check fails and names the document.
    data = bytearray(pack.read_bytes())
    at = bytes(data).index(original.read_bytes()) + len(original.read_bytes()) // 2
    data[at] ^= 0x01
    pack.write_bytes(bytes(data))
    broken = run("pack", "verify", str(pack))
    assert broken.returncode == 1
    assert broken.stdout.splitlines()[0].startswith(
        "FAILED  1. Academic transcript – BSc (Hons) Mathematics (leeds-transcript.pdf): changed — its SHA-256 is ")
    assert broken.stdout.splitlines()[-1] == "The document does not hold."
