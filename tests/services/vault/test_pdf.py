"""What the vault accepts as a PDF: every bad file refused with its reason; scans made into upright A4 pages.

Each bad input is a real file written into the test's folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.services.vault import files as vault_files
from desktop_app.services.vault.adding import add_document
from desktop_app.services.vault.pdf import PASSWORD_PROTECTED, VaultFileError
from desktop_app.store import models as m
from tests.helpers.vault_checks import _assert_nothing_changed
from tests.helpers.vault_samples import make_encrypted_pdf, make_image, make_pdf, make_zero_page_pdf


@pytest.mark.parametrize("name, content, words", [
    ("notes.pdf", b"Dear Sir or Madam,\nplease find my transcript attached.\n", "is not a PDF, although its name ends in .pdf"),
    ("empty.pdf", b"", "is empty (0 bytes)"),
    ("letter.docx", b"PK\x03\x04 not really a document", "is not a PDF or a PNG or JPEG scan"),
])
def test_files_that_are_not_pdfs_are_refused(store: Path, tmp_path: Path, name: str, content: bytes,
                                             words: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(VaultFileError, match=re.escape(words)):
        add_document(source)
    _assert_nothing_changed(store)


def test_a_truncated_pdf_is_refused(store: Path, tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", pages=4).read_bytes()
    for cut in (len(whole) // 2, len(whole) - 30):
        source = tmp_path / "transcript (cut off).pdf"
        source.write_bytes(whole[:cut])
        with pytest.raises(VaultFileError, match="incomplete PDF"):
            add_document(source)
        _assert_nothing_changed(store)


def test_a_damaged_pdf_with_an_end_marker_is_refused(store: Path, tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", pages=2).read_bytes()
    source = tmp_path / "damaged.pdf"
    # the middle of the file overwritten with noise, the end intact
    middle = len(whole) // 3
    source.write_bytes(whole[:middle] + b"\x00garbage" * 60 + whole[middle + 480:])
    with pytest.raises(VaultFileError, match="damaged PDF"):
        add_document(source)
    _assert_nothing_changed(store)


def test_a_password_protected_pdf_is_refused_with_what_to_do(store: Path, tmp_path: Path) -> None:
    source = make_encrypted_pdf(tmp_path / "transcript.pdf")
    with pytest.raises(VaultFileError) as error:
        add_document(source)
    assert "This PDF is password-protected; save an unprotected copy" in str(error.value)
    assert PASSWORD_PROTECTED in str(error.value)
    _assert_nothing_changed(store)


def test_a_pdf_locked_only_against_printing_opens_and_is_accepted(store: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf", pages=2)
    writer = PdfWriter(clone_from=plain)
    writer.encrypt(user_password="", owner_password="registry-only")
    source = tmp_path / "official-transcript.pdf"
    with source.open("wb") as out:
        writer.write(out)
    assert add_document(source, kind="transcript").pages == 2


def test_a_pdf_with_no_pages_is_refused(store: Path, tmp_path: Path) -> None:
    source = make_zero_page_pdf(tmp_path / "blank.pdf")
    with pytest.raises(VaultFileError, match="no pages"):
        add_document(source)
    _assert_nothing_changed(store)


def test_an_image_that_is_not_an_image_is_refused(store: Path, tmp_path: Path) -> None:
    fake = tmp_path / "certificate.jpg"
    fake.write_text("this is a text file named like a photo", encoding="utf-8")
    with pytest.raises(VaultFileError, match="is not really a JPG image"):
        add_document(fake)
    broken = tmp_path / "certificate.png"
    good = make_image(tmp_path / "good.png").read_bytes()
    broken.write_bytes(good[:64] + os.urandom(512))  # a PNG signature, then noise
    with pytest.raises(VaultFileError, match="damaged PNG image"):
        add_document(broken)
    _assert_nothing_changed(store)


def test_names_with_other_alphabets_spaces_and_newlines_are_kept_readable(store: Path, tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "Zeugnis Müller –\nÉcole «final»  王伟.pdf")
    added = add_document(source, kind="certificate")
    assert added.name == "Zeugnis Müller – École «final» 王伟.pdf"
    assert m.Document.get_by_id(added.document_id).original_name == added.name


def test_a_png_scan_becomes_a_one_page_a4_pdf_with_the_image_aspect(store: Path, tmp_path: Path) -> None:
    added = add_document(make_image(tmp_path / "certificate-photo.png", size=(1500, 1000)), kind="certificate")
    doc = m.Document.get_by_id(added.document_id)
    with vault_files.stored_path(doc.sha256).open("rb") as handle:
        reader = PdfReader(handle)
        assert len(reader.pages) == 1
        page = reader.pages[0]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)  # A4, landscape for a wide scan
        (image,) = page.images
        assert abs(image.image.width / image.image.height - 1.5) < 0.01
    assert doc.pages == 1 and doc.original_name == "certificate-photo.png"


def test_a_sideways_phone_photo_is_stood_upright(store: Path, tmp_path: Path) -> None:
    # stored 1200×800 with "rotate 90°" in EXIF: the certificate is really portrait
    photo = make_image(tmp_path / "IMG_2041.jpg", size=(1200, 800), fmt="JPEG", exif_orientation=6)
    doc = m.Document.get_by_id(add_document(photo).document_id)
    with vault_files.stored_path(doc.sha256).open("rb") as handle:
        page = PdfReader(handle).pages[0]
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    import struct
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_an_animated_png_that_claims_no_frames_is_refused_not_a_crash(store: Path, tmp_path: Path) -> None:
    """Pillow's own test file apng_syntax_num_frames_zero.png (in ../shared/corpus) made
    ``Image.verify`` raise IndexError, which reached the user as a traceback."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1, 8-bit RGB
    hostile = (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
               + _png_chunk(b"acTL", struct.pack(">II", 0, 0))  # an animation of zero frames
               + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + _png_chunk(b"IEND", b""))
    scan = tmp_path / "certificate.png"
    scan.write_bytes(hostile)
    with pytest.raises(VaultFileError, match="damaged animated PNG"):
        add_document(scan)
    _assert_nothing_changed(store)


# ---------------------------------------------------------------- issue 15: real files in

REAL = Path(__file__).resolve().parents[2] / "data" / "real_files"


def _stored_and_packed(path: Path, tmp_path: Path) -> PdfReader:
    """Add ``path`` to the vault, then build a pack with the stored file; the pack read back."""
    from desktop_app.pack import PackDocument, build_pack
    from tests.helpers.pack_samples import sample_content

    added = add_document(path, kind="transcript")
    doc = m.Document.get_by_id(added.document_id)
    document = PackDocument(vault_files.stored_path(doc.sha256), "transcript", doc.original_name, doc.sha256,
                            doc.pages, "BSc Mathematics")
    result = build_pack(sample_content((document,)), tmp_path / "pack.pdf")
    assert result.documents[0].last - result.documents[0].first + 1 == added.pages
    return PdfReader(tmp_path / "pack.pdf")


@pytest.mark.parametrize("name, words", [
    ("aes-128-no-user-password.pdf", "Official transcript"),  # case 1
    ("aes-256-no-user-password.pdf", "Official transcript"),  # case 1
    ("enxstream.pdf", "Misspelt end"),  # case 2
    ("page-without-type.pdf", "No type"),  # case 2
    ("trailing-zeros.pdf", "Official transcript"),  # case 3
    ("page-without-mediabox.pdf", "No MediaBox"),  # case 3
    ("wrong-xref-offset.pdf", "Wrong offset"),  # case 3
])
def test_a_file_viewers_open_is_kept_and_goes_into_the_pack(store: Path, tmp_path: Path, name: str,
                                                            words: str) -> None:
    pack = _stored_and_packed(REAL / "pdfs" / name, tmp_path)
    assert words in pack.pages[-1].extract_text()


def test_an_aes_pdf_that_needs_a_password_is_refused_in_plain_words(store: Path) -> None:
    with pytest.raises(VaultFileError) as error:
        add_document(REAL / "pdfs" / "aes-256-user-password.pdf")
    assert str(error.value) == f"“aes-256-user-password.pdf”: {PASSWORD_PROTECTED}"
    assert "cryptography" not in str(error.value)
    _assert_nothing_changed(store)


def test_the_vault_and_the_pack_share_their_words_for_a_password() -> None:
    from desktop_app.pack.appending import PASSWORD_PROTECTED as PACK_WORDS

    assert PASSWORD_PROTECTED == PACK_WORDS


def test_a_pack_that_cannot_read_a_document_names_it(tmp_path: Path) -> None:
    """Case 2: a stored file that went bad on disk stops the pack with its name, not a traceback."""
    from desktop_app.pack import PackDocument, PackError, build_pack
    from tests.helpers.pack_samples import sample_content

    bad = tmp_path / "stored.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\nstartxref\n0\n%%EOF\n")
    document = PackDocument(bad, "transcript", "Leeds transcript.pdf", "", 1, "BSc Mathematics")
    with pytest.raises(PackError) as error:
        build_pack(sample_content((document,)), tmp_path / "pack.pdf")
    assert "“Leeds transcript.pdf” is a damaged PDF" in str(error.value)
    assert not (tmp_path / "pack.pdf").exists()


def _rendered_page(path: Path, folder: Path):  # type: ignore[no-untyped-def]
    import subprocess

    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-singlefile", "-png", str(path), str(folder / "page")],
                   check=True)
    with Image.open(folder / "page.png") as page:
        return page.convert("L")


@pytest.mark.skipif(not __import__("shutil").which("pdftoppm"), reason="poppler-utils is not installed")
def test_a_16_bit_greyscale_scan_keeps_its_greys(store: Path, tmp_path: Path) -> None:
    """Case 5: 75% and 25% grey (49151 and 16383 of 65535) print as 75% and 25% grey, not white."""
    added = add_document(REAL / "scans" / "grey-16-bit.png")
    page = _rendered_page(vault_files.stored_path(m.Document.get_by_id(added.document_id).sha256), tmp_path)
    middle = page.getpixel((page.width // 2, page.height // 2))
    field = page.getpixel((page.width // 2, int(page.height * 0.15)))
    assert abs(middle - 64) <= 3 and abs(field - 191) <= 3


@pytest.mark.skipif(not __import__("shutil").which("pdftoppm"), reason="poppler-utils is not installed")
def test_a_grey_scan_with_a_transparent_grey_is_drawn_on_white(store: Path, tmp_path: Path) -> None:
    """Case 5: PNG tRNS on greyscale: the transparent grey (40) is paper, the square stays black."""
    added = add_document(REAL / "scans" / "grey-transparent-colour.png")
    page = _rendered_page(vault_files.stored_path(m.Document.get_by_id(added.document_id).sha256), tmp_path)
    assert page.getpixel((page.width // 2, page.height // 2)) < 10
    assert page.getpixel((page.width // 2, int(page.height * 0.15))) > 245


def test_an_animated_png_declaring_zero_frames_is_refused_cleanly(store: Path) -> None:
    """Case 5: Pillow falls back (with a warning) to a guess; the vault refuses with a reason."""
    with pytest.raises(VaultFileError, match="is a damaged animated PNG"):
        add_document(REAL / "scans" / "apng-zero-frames.png")
    _assert_nothing_changed(store)


@pytest.mark.parametrize("mode", ["1", "LA", "P", "PA", "RGBA", "CMYK", "I", "I;16", "I;16B", "F"])
def test_every_image_mode_becomes_a_page_or_is_refused_with_a_reason(mode: str) -> None:
    from PIL import Image

    from desktop_app.services.vault.pdf import on_white

    image = Image.new(mode, (8, 8))
    if mode == "F":
        with pytest.raises(VaultFileError, match="not a scan"):
            on_white(image, "x.png")
        return
    assert on_white(image, "x.png").mode in ("RGB", "L")


@pytest.mark.parametrize("name, words", [
    ("headerless.pdf", "No header"),  # poppler: "May not be a PDF file (continuing anyway)"
    ("attachments-only-encrypted.pdf", "Attachments locked"),  # only the attachments need the password
    ("broken-private-data.pdf", "Private data broken"),  # an editor's /PieceInfo cut off
    ("huge-page.pdf", "Poster sized"),  # a 200-inch page, scaled to fit A4
])
def test_files_poppler_renders_but_the_vault_refused_are_kept(store: Path, tmp_path: Path, name: str,
                                                               words: str) -> None:
    """Issue 15's second round: the five refusals of the corpus that poppler renders."""
    pack = _stored_and_packed(REAL / "pdfs" / name, tmp_path)
    assert words in pack.pages[-1].extract_text()


def test_a_text_file_that_starts_like_an_object_is_still_not_taken_for_a_pdf(store: Path, tmp_path: Path) -> None:
    """The headerless reading recognises the file; the PDF reading still judges it."""
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"1 0 obj is what my notes start with\n")
    with pytest.raises(VaultFileError) as error:
        add_document(notes)
    assert "notes.pdf" in str(error.value)
    _assert_nothing_changed(store)


# ------------------------------------------------ photos and big scans (issue 15, fresh eyes 2–5)

def _photo(path: Path, size: tuple[int, int], orientation: int = 1, *, mode: str = "RGB") -> Path:
    """A photo with a camera's EXIF block (orientation, a GPS position) and an asymmetric picture:
    a dark block in its top-left corner, so a wrong turn or mirror shows."""
    from PIL import Image, ImageDraw

    image = Image.new(mode, size, (200, 200, 200) if mode == "RGB" else 200)  # grey: its edges show on paper
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 3, size[1] // 4), fill="black" if mode == "RGB" else 0)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPSInfo: where the photo was taken
    image.save(path, "JPEG", quality=85, exif=exif.tobytes())
    return path


def _scan_data(jpeg: bytes) -> bytes:
    """The compressed image data of a JPEG: from its start-of-scan marker on."""
    return jpeg[jpeg.index(b"\xff\xda"):]


def test_a_photo_is_embedded_as_it_is_not_re_encoded(store: Path, tmp_path: Path) -> None:
    """Fresh eyes 2: a 353 KB photo became a 5.9 MB PDF. The JPEG data goes in unchanged
    (DCT passthrough); the camera's metadata (GPS position) does not go to employers."""
    photo = _photo(tmp_path / "Landscape_6.jpg", (1200, 900), orientation=6)
    doc = m.Document.get_by_id(add_document(photo).document_id)
    stored = vault_files.stored_path(doc.sha256)
    assert stored.stat().st_size < photo.stat().st_size + 4096
    page = PdfReader(stored).pages[0]
    image = page["/Resources"]["/XObject"]["/Scan"].get_object()
    assert image["/Filter"] == "/DCTDecode" and (image["/Width"], image["/Height"]) == (1200, 900)
    assert _scan_data(image._data) == _scan_data(photo.read_bytes())  # noqa: SLF001 (the raw stream)
    assert b"Exif" not in stored.read_bytes() and b"Exif" in photo.read_bytes()
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


@pytest.mark.skipif(not __import__("shutil").which("pdftoppm"), reason="poppler-utils is not installed")
@pytest.mark.parametrize("orientation", range(1, 9))
def test_each_camera_orientation_is_drawn_as_viewers_show_it(tmp_path: Path, orientation: int) -> None:
    """The turn is the page's drawing matrix, not a re-encoding: poppler's page must match
    Pillow's ``exif_transpose`` of the same photo."""
    import io

    from PIL import Image, ImageChops, ImageOps

    from desktop_app.services.vault.pdf import image_to_pdf

    photo = _photo(tmp_path / "photo.jpg", (300, 200), orientation, mode="L")
    target = tmp_path / "photo.pdf"
    with photo.open("rb") as source, target.open("wb") as out:
        image_to_pdf(source, "photo.jpg", "jpeg", out)
    page = _rendered_page(target, tmp_path)
    drawn = page.crop(ImageChops.invert(page).getbbox() or (0, 0, 1, 1))
    with Image.open(io.BytesIO(photo.read_bytes())) as opened:
        expected = ImageOps.exif_transpose(opened).convert("L").resize(drawn.size)
    wrong = ImageOps.mirror(expected)
    difference = sum(ImageChops.difference(drawn, expected).histogram()[96:])
    assert difference < 0.05 * drawn.width * drawn.height
    assert difference < sum(ImageChops.difference(drawn, wrong).histogram()[96:]) / 4


def test_a_scan_larger_than_print_needs_is_accepted_and_reduced(store: Path, tmp_path: Path) -> None:
    """Fresh eyes 3: 96 MP and more were refused. An 8000 × 12000 px JPEG scan is decoded at a
    reduced scale (draft mode) and kept at 300 dpi over A4, still as JPEG."""
    photo = _photo(tmp_path / "scan.jpg", (8000, 12000), mode="L")
    added = add_document(photo)
    page = PdfReader(vault_files.stored_path(m.Document.get_by_id(added.document_id).sha256)).pages[0]
    image = page["/Resources"]["/XObject"]["/Scan"].get_object()
    assert image["/Filter"] == "/DCTDecode" and max(image["/Width"], image["/Height"]) <= 3508
    assert "Added scan.jpg" in added.message


def _png_claiming(width: int, height: int) -> bytes:
    import struct

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IEND", b"")


def _jpeg_claiming(width: int, height: int) -> bytes:
    import struct

    sof = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof + b"\xff\xd9"


@pytest.mark.parametrize("name, content", [
    ("bomb.png", _png_claiming(100_000, 100_000)),
    ("bomb.jpg", _jpeg_claiming(65_000, 65_000)),
    ("huge.png", _png_claiming(20_000, 20_000)),  # 400 MP: PNGs are decoded whole
])
def test_a_tiny_file_claiming_billions_of_pixels_is_refused_fast(store: Path, tmp_path: Path, name: str,
                                                                 content: bytes) -> None:
    import time

    source = tmp_path / name
    source.write_bytes(content)
    started = time.perf_counter()
    with pytest.raises(VaultFileError, match="too large an image to read safely") as error:
        add_document(source)
    assert time.perf_counter() - started < 2.0  # from the header, nothing decoded
    assert "Traceback" not in str(error.value) and "megapixels" in str(error.value)
    _assert_nothing_changed(store)


@pytest.mark.skipif(not __import__("shutil").which("pdftoppm"), reason="poppler-utils is not installed")
def test_the_scan_keeps_room_for_the_pack_footer_below_it(tmp_path: Path) -> None:
    """Fresh eyes 4: the footer (baseline 1 cm up) touched a tall photo's bottom edge."""
    from desktop_app.pack.styles import FOOTER_FROM_BOTTOM
    from desktop_app.services.vault.pdf import image_to_pdf

    photo = _photo(tmp_path / "tall.jpg", (400, 1200), mode="L")  # height-limited on A4
    target = tmp_path / "tall.pdf"
    with photo.open("rb") as source, target.open("wb") as out:
        image_to_pdf(source, "tall.jpg", "jpeg", out)
    page = _rendered_page(target, tmp_path)  # 20 dpi
    bottom_of_photo = page.height - _ink_box(page)[3]
    footer_top_pt = FOOTER_FROM_BOTTOM + 7.5  # the footer's text is 7.5 pt
    assert bottom_of_photo * 72 / 20 > footer_top_pt + 10


def _ink_box(page):  # type: ignore[no-untyped-def]
    from PIL import ImageChops

    return ImageChops.invert(page).getbbox()


@pytest.mark.parametrize("name, kept_as, words", [
    ("notreally.pdf", "notreally.png", "“notreally.pdf” is really a PNG image, so it was kept as a scan named notreally.png."),
    ("scan", "scan.png", "named scan.png"),
    ("certificate.PNG", "certificate.PNG", None),
])
def test_a_scan_named_as_something_else_is_kept_for_what_it_is(store: Path, tmp_path: Path, name: str,
                                                              kept_as: str, words: str | None) -> None:
    """Fresh eyes 5: a PNG renamed .pdf was stored under its .pdf name. It is accepted (files are
    recognised by their content), named with the right extension, and the message says so."""
    source = tmp_path / name
    source.write_bytes(make_image(tmp_path / "made.png").read_bytes())
    added = add_document(source)
    assert m.Document.get_by_id(added.document_id).original_name == kept_as
    if words:
        assert words in added.message
    else:
        assert added.message == f"Added {kept_as} (1 page)."


def test_a_file_that_cannot_be_read_is_said_in_plain_words() -> None:
    """Issue 15, fresh eyes: not the system's "Input/output error" or "No such file or directory"."""
    import errno

    from desktop_app.services.vault.pdf import cannot_read

    gone = cannot_read("leeds.pdf", FileNotFoundError(errno.ENOENT, "No such file or directory"))
    assert gone == "There is no file “leeds.pdf” (it may have been moved or deleted)."
    assert "not allowed to read “leeds.pdf”" in cannot_read("leeds.pdf", PermissionError(errno.EACCES, "x"))
    failing = cannot_read("leeds.pdf", OSError(errno.EIO, "Input/output error"))
    assert "Input/output" not in failing and "may be failing or was disconnected" in failing
