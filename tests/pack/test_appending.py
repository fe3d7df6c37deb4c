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


# ---------------------------------------------------------------- the second round of issue 15

def test_a_file_whose_attachments_only_are_encrypted_opens_and_drops_the_locked_file(tmp_path: Path) -> None:
    """/StmF and /StrF /Identity, /EFF /StdCF with a user password (Acrobat's "encrypt only file
    attachments"): viewers open the page without asking; the locked attachment cannot go along."""
    with (PDFS / "attachments-only-encrypted.pdf").open("rb") as handle:
        reader = open_original(handle, "locked-attachments.pdf")
    assert "Attachments locked" in reader.pages[0].extract_text()
    appended(["attachments-only-encrypted.pdf"], tmp_path / "pack.pdf")
    page = PdfReader(tmp_path / "pack.pdf").pages[0]
    attachment = page["/Annots"][0].get_object()
    assert attachment["/Subtype"] == "/FileAttachment"  # the icon stays where it was
    assert "/EF" not in attachment["/FS"].get_object()  # the encrypted bytes do not
    assert "Attachments locked" in page.extract_text()


def test_encryption_of_the_pages_themselves_still_needs_the_password() -> None:
    """The attachments-only reading is not a way round a real user password."""
    with (PDFS / "aes-256-user-password.pdf").open("rb") as handle, pytest.raises(UnreadableOriginal) as error:
        open_original(handle, "transcript.pdf")
    assert error.value.kind == "password"


def test_damaged_private_data_of_the_editor_does_not_stop_the_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A /PieceInfo stream cut off without endstream (an Illustrator file in the corpus, where
    it also looped on itself): never drawn, left out, no qpdf repair needed for it."""
    import desktop_app.pack.appending as appending

    monkeypatch.setattr(appending, "_repaired_by_qpdf", lambda _handle: None)
    appended(["broken-private-data.pdf"], tmp_path / "pack.pdf")
    page = PdfReader(tmp_path / "pack.pdf").pages[0]
    assert "Private data broken" in page.extract_text()
    assert "/PieceInfo" not in page


def test_a_headerless_pdf_is_read() -> None:
    with (PDFS / "headerless.pdf").open("rb") as handle:
        assert "No header" in open_original(handle, "headerless.pdf").pages[0].extract_text()


@pytest.mark.parametrize("size, factor", [
    ((595.28, 841.89), 1.0), ((612, 792), 1.0), ((842, 595), 1.0),  # A4, Letter, A4 landscape: as they are
    ((200, 100), 1.0),  # a small card keeps its size (viewers print "actual size")
    ((612, 1008), 841.89 / 1008),  # US Legal: too long for A4
    ((14400, 10800), 595.28 / 10800),  # a 200-inch poster, landscape: its short side limits it
])
def test_only_pages_bigger_than_a4_or_letter_are_scaled(size: tuple[float, float], factor: float) -> None:
    from desktop_app.pack.appending import page_scale

    assert page_scale(*size) == pytest.approx(factor)


def test_a_200_inch_page_is_scaled_to_fit_a4_with_its_aspect_kept(tmp_path: Path) -> None:
    appended(["plain.pdf", "huge-page.pdf"], tmp_path / "pack.pdf")
    page = PdfReader(tmp_path / "pack.pdf").pages[1]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert height == pytest.approx(595.28, abs=0.01) and width < 841.89  # inside landscape A4
    assert width / height == pytest.approx(14400 / 10800)
    link = page["/Annots"][0].get_object()  # the link still covers the words
    factor = 595.28 / 10800
    assert [float(v) for v in link["/Rect"]] == pytest.approx([v * factor for v in (1500, 4800, 9000, 6600)],
                                                              abs=0.001)
    assert "Poster sized" in page.extract_text()


@needs_poppler
def test_the_scaled_page_looks_like_the_original_at_the_same_size(tmp_path: Path) -> None:
    """The pixel comparison after scaling: both drawn 300 pixels wide."""
    def drawn(path: Path, page: int) -> Image.Image:
        out = tmp_path / f"{path.stem}-{page}-w"
        subprocess.run(["pdftoppm", "-scale-to-x", "300", "-scale-to-y", "-1", "-f", str(page), "-l", str(page),
                        "-singlefile", "-png", str(path), str(out)], check=True, capture_output=True)
        with Image.open(out.with_suffix(".png")) as image:
            return image.convert("RGB")

    appended(["plain.pdf", "huge-page.pdf"], tmp_path / "pack.pdf")
    original, in_pack = drawn(PDFS / "huge-page.pdf", 1), drawn(tmp_path / "pack.pdf", 2)
    assert differing_share(original, in_pack) < 0.01
    assert original.convert("L").getextrema()[0] < 128  # something is drawn: not two blank pages


# ------------------------------------------- fields the viewer is asked to draw (issue 15, fresh eyes 1)

def need_appearances_form(path: Path) -> Path:
    """A one-page form as Evince and LibreOffice save it: /NeedAppearances true, field values
    set, no appearance streams — text, multi-line text, combo box and list box (Latin-1
    accents, written as UTF-16 text strings), and a check box whose state is only in /V."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 300))
    helv = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                                        Encoding=Name.WinAnsiEncoding))
    zapf = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.ZapfDingbats))
    page = pdf.pages[0]
    fields = []

    def field(rect: list[int], **entries: object) -> Dictionary:
        widget = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, Rect=Array(rect),
                                              F=4, P=page.obj, DA=String("/Helv 10 Tf 0 g"),
                                              MK=Dictionary(BC=Array([0]), BG=Array([1])), **entries))
        fields.append(widget)
        return widget

    field([20, 250, 280, 270], FT=Name.Tx, T=String("name"), V=String("Grade: First — Müller"))
    field([20, 180, 280, 240], FT=Name.Tx, T=String("notes"), Ff=4096,
          V=String("Line one\rLine two"))
    field([20, 150, 280, 170], FT=Name.Ch, T=String("combo"), Ff=131072,
          Opt=Array([String("Alpha"), String("Bravo")]), V=String("Bravo"))
    field([20, 90, 280, 140], FT=Name.Ch, T=String("list"),
          Opt=Array([String("One"), String("Two"), String("Three")]), V=String("Two"))
    on = pdf.make_stream(b"q 0 g BT /ZaDb 12 Tf 2 3 Td (4) Tj ET Q",
                         Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 16, 16]),
                         Resources=Dictionary(Font=Dictionary(ZaDb=zapf)))
    off = pdf.make_stream(b"", Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 16, 16]))
    field([20, 60, 36, 76], FT=Name.Btn, T=String("agree"), V=Name("/Yes"),
          AP=Dictionary(N=Dictionary(Yes=on, Off=off)))
    page.obj.Annots = Array(fields)
    pdf.Root.AcroForm = Dictionary(Fields=Array(fields), NeedAppearances=True,
                                   DR=Dictionary(Font=Dictionary(Helv=helv, ZaDb=zapf)),
                                   DA=String("/Helv 10 Tf 0 g"))
    pdf.save(path)
    return path


def test_fields_the_viewer_is_asked_to_draw_get_their_values_drawn(tmp_path: Path) -> None:
    """Evince/LibreOffice forms: every value is in the pack's page itself, no widget remains."""
    source = need_appearances_form(tmp_path / "evince-form.pdf")
    writer = PdfWriter()
    with source.open("rb") as handle:
        append_original(writer, open_original(handle, "evince-form.pdf"), "evince-form.pdf")
    out = io.BytesIO()
    writer.write(out)
    page = PdfReader(out).pages[0]
    assert "/Annots" not in page
    text = page.extract_text()
    for value in ("Grade: First", "Müller", "Line one", "Line two", "Bravo", "Two"):
        assert value in text


@needs_poppler
def test_fields_the_viewer_is_asked_to_draw_look_as_poppler_draws_them(tmp_path: Path) -> None:
    """The pixel test: poppler draws NeedAppearances fields from their values; the pack's page
    (no form left, only page content) must look the same, and not like an empty form."""
    source = need_appearances_form(tmp_path / "evince-form.pdf")
    writer = PdfWriter()
    with source.open("rb") as handle:
        append_original(writer, open_original(handle, "evince-form.pdf"), "evince-form.pdf")
    with (tmp_path / "pack.pdf").open("wb") as handle:
        writer.write(handle)
    original = render(source, 1, tmp_path)
    in_pack = render(tmp_path / "pack.pdf", 1, tmp_path)
    # the text field, the multi-line one and the combo box (36 dpi: half a pixel a point, y from the top);
    # poppler marks a list's choice black where qpdf marks it grey, and draws no check box
    # whose /AS is missing, so those are compared by their text above
    for top, bottom in ((30, 50), (60, 120), (130, 150)):
        box = (10, top // 2, 145, bottom // 2)
        drawn = in_pack.crop(box)
        assert sum(ImageChops.invert(drawn.convert("L")).histogram()[48:]) > 20  # the value is there
        empty = Image.new("RGB", drawn.size, "white")
        # much closer to poppler's drawing than an empty field is (glyphs may sit a pixel apart)
        assert differing_share(original.crop(box), drawn) < 0.5 * differing_share(original.crop(box), empty)


def test_a_check_box_whose_state_is_only_in_its_value_is_drawn_checked(tmp_path: Path) -> None:
    source = need_appearances_form(tmp_path / "evince-form.pdf")
    writer = PdfWriter()
    with source.open("rb") as handle:
        append_original(writer, open_original(handle, "evince-form.pdf"), "evince-form.pdf")
    page = writer.pages[0]
    drawn = [stream.get_object().get_data() for stream in page["/Contents"]]
    names = [key for key in page["/Resources"]["/XObject"] if key.startswith("/AfvFlat")]
    assert len(names) == 5 and any(b"/AfvFlat4 Do" in data for data in drawn)
    assert b"/ZaDb" in page["/Resources"]["/XObject"]["/AfvFlat4"].get_object().get_data()
