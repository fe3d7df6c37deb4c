"""Reading originals as viewers do and appending them faithfully (issue 15, cases 1–4).

The files are tests/data/real_files/pdfs/ (made by make_files.py there). Pages are
compared by rendering them with poppler's pdftoppm, the yardstick viewer of the issue.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader, PdfWriter

from desktop_app.pack.appending import (
    PASSWORD_PROTECTED,
    UnreadableOriginal,
    append_original,
    flatten_fields,
    has_end_marker,
    open_original,
)

PDFS = Path(__file__).resolve().parents[1] / "data" / "real_files" / "pdfs"

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")


def render(path: Path, page: int, folder: Path) -> Image.Image:
    """One page as poppler draws it (RGB, 36 dpi)."""
    out = folder / f"{path.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "36", "-f", str(page), "-l", str(page), "-singlefile", "-png",
                    str(path), str(out)], check=True, capture_output=True)
    with Image.open(out.with_suffix(".png")) as image:
        return image.convert("RGB")


def differing_share(a: Image.Image, b: Image.Image) -> float:
    assert a.size == b.size
    histogram = ImageChops.difference(a, b).convert("L").histogram()
    return sum(histogram[48:]) / (a.width * a.height)


def appended(names: list[str], out: Path) -> list[int]:
    """The files appended one after another, as the pack does; the first page of each (1-based)."""
    writer = PdfWriter()
    firsts = []
    for name in names:
        with (PDFS / name).open("rb") as handle:
            reader = open_original(handle, name)
            firsts.append(len(writer.pages) + 1)
            append_original(writer, reader, name)
    with out.open("wb") as handle:
        writer.write(handle)
    return firsts


@pytest.mark.parametrize("name", ["aes-128-no-user-password.pdf", "aes-256-no-user-password.pdf"])
def test_aes_encryption_without_a_user_password_opens(name: str) -> None:
    """Case 1: how official e-transcripts are locked against editing (qpdf --encrypt "" owner 256/128)."""
    with (PDFS / name).open("rb") as handle:
        reader = open_original(handle, name)
    assert "Official transcript" in reader.pages[0].extract_text()


def test_a_pdf_that_needs_a_password_is_refused_in_plain_words() -> None:
    with (PDFS / "aes-256-user-password.pdf").open("rb") as handle, pytest.raises(UnreadableOriginal) as error:
        open_original(handle, "transcript.pdf")
    assert str(error.value) == f"“transcript.pdf”: {PASSWORD_PROTECTED}"
    assert error.value.kind == "password"


@pytest.mark.parametrize("name, words", [
    ("enxstream.pdf", "Misspelt end"),  # case 2: "enxstream" instead of "endstream" (qpdf repairs)
    ("page-without-type.pdf", "No type"),  # case 2: a page dictionary without /Type /Page
    ("trailing-zeros.pdf", "Official transcript"),  # case 3: 4 KB of zeros after %%EOF
    ("page-without-mediabox.pdf", "No MediaBox"),  # case 3: no size anywhere (US Letter, as poppler)
    ("wrong-xref-offset.pdf", "Wrong offset"),  # case 3: the page's xref entry 7 bytes out
])
def test_what_viewers_repair_is_repaired_and_appends(name: str, words: str, tmp_path: Path) -> None:
    appended([name], tmp_path / "pack.pdf")
    pages = PdfReader(tmp_path / "pack.pdf").pages
    assert len(pages) == 1
    assert words in pages[0].extract_text()


def test_a_page_without_a_size_is_letter_sized(tmp_path: Path) -> None:
    appended(["page-without-mediabox.pdf"], tmp_path / "pack.pdf")
    box = PdfReader(tmp_path / "pack.pdf").pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 792)


def test_zero_padding_is_skipped_when_looking_for_the_end(tmp_path: Path) -> None:
    whole = (PDFS / "plain.pdf").read_bytes()
    assert has_end_marker(io.BytesIO(whole + bytes(3 * 65536 + 5)))
    assert has_end_marker(io.BytesIO(whole + b"\r\n \x00\x1a"))
    assert not has_end_marker(io.BytesIO(whole[:len(whole) - 30] + bytes(4096)))
    assert not has_end_marker(io.BytesIO(bytes(4096)))


def test_a_damaged_file_is_refused_without_library_words() -> None:
    noise = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    with pytest.raises(UnreadableOriginal) as error:
        open_original(io.BytesIO(noise), "broken.pdf")
    assert str(error.value).startswith("“broken.pdf” is a damaged PDF that cannot be read")
    assert "Error" not in str(error.value) and "object" not in str(error.value)


@needs_poppler
@pytest.mark.parametrize("name", ["hidden-layer.pdf", "indexed-nul.pdf", "filled-form.pdf",
                                  "aes-128-no-user-password.pdf", "page-without-mediabox.pdf"])
def test_each_page_looks_the_same_in_the_pack(name: str, tmp_path: Path) -> None:
    """Case 4: a layer hidden by default stays hidden, an indexed colour space written with NUL
    separators keeps its drawing, a filled field shows its value; poppler draws both alike."""
    # appended after another document, as in a pack, so page numbers and merged layers are real
    first = appended(["plain.pdf", name], tmp_path / "pack.pdf")[1]
    original = render(PDFS / name, 1, tmp_path)
    in_pack = render(tmp_path / "pack.pdf", first, tmp_path)
    assert differing_share(original, in_pack) < 0.002


@needs_poppler
def test_the_hidden_layer_is_really_hidden_and_the_drawing_really_there(tmp_path: Path) -> None:
    """The compare above could pass with two blank pages: look at what should be there."""
    appended(["hidden-layer.pdf", "indexed-nul.pdf"], tmp_path / "pack.pdf")
    hidden = render(tmp_path / "pack.pdf", 1, tmp_path).convert("L")
    assert hidden.getpixel((hidden.width // 2, hidden.height - 5)) == 255  # the black box is not drawn
    red = render(tmp_path / "pack.pdf", 2, tmp_path)
    assert red.getpixel((red.width // 2, red.height // 2)) == (255, 0, 0)


def test_a_filled_field_is_drawn_into_the_page_and_the_widget_removed(tmp_path: Path) -> None:
    appended(["filled-form.pdf"], tmp_path / "pack.pdf")
    reader = PdfReader(tmp_path / "pack.pdf")
    page = reader.pages[0]
    assert "/Annots" not in page
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert "Grade: First" in page.extract_text()


def test_a_hidden_widget_is_dropped_not_drawn() -> None:
    writer = PdfWriter()
    with (PDFS / "filled-form.pdf").open("rb") as handle:
        page = writer.add_page(open_original(handle, "form.pdf").pages[0])
    widget = page["/Annots"][0].get_object()
    from pypdf.generic import NameObject, NumberObject

    widget[NameObject("/F")] = NumberObject(2)  # Hidden
    assert flatten_fields(writer, page) == 0
    assert "/Annots" not in page  # the hidden widget is gone, nothing drawn
