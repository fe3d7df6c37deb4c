"""Make the small files of issue 15's cases 1–5 (run once; the files are committed beside this).

    .venv/bin/python tests/data/real_files/make_files.py

Each file is the smallest one showing a kind that failed in the sweep of other people's
files. PDFs are written object by object so each fault is exactly the one described;
the encrypted ones come from qpdf, as official e-transcripts do.
"""

from __future__ import annotations

import subprocess
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(objects: list[bytes], *, xref_shift: int = 0, tail: bytes = b"") -> bytes:
    """A PDF of ``objects`` (object 1 the catalog) with a correct xref, unless shifted."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for number, offset in enumerate(offsets, start=1):
        # one object (the page, number 3) at a wrong offset when asked: viewers search for it
        out += b"%010d 00000 n \n" % (offset + (xref_shift if number == 3 else 0))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out) + tail


def stream(data: bytes, extra: bytes = b"", end: bytes = b"endstream") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\n" + end


def text_page(words: bytes, *, page_extra: bytes = b"/Type /Page /MediaBox [0 0 300 200]",
              end: bytes = b"endstream") -> list[bytes]:
    content = b"BT /F1 24 Tf 30 90 Td (" + words + b") Tj ET"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< " + page_extra + b" /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(content, end=end),
        HELVETICA,
    ]


def hidden_layer() -> bytes:
    """A page whose photo (a black box) is in a layer set OFF by default: viewers hide it."""
    content = (b"BT /F1 24 Tf 30 90 Td (Visible text) Tj ET\n"
               b"/OC /L1 BDC 0 0 0 rg 0 0 300 200 re f EMC")
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [6 0 R] /D << /OFF [6 0 R] /Order [6 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /Properties << /L1 6 0 R >> >> >>",
        stream(content),
        HELVETICA,
        b"<< /Type /OCG /Name (Scanned photo) >>",
    ])


def indexed_nul() -> bytes:
    """A red square drawn in an indexed colour space whose array is separated by NUL bytes
    (a legal PDF white-space character)."""
    image = zlib.compress(bytes([1] * 16 * 16))
    content = b"q 200 0 0 150 50 25 cm /Im1 Do Q"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        stream(content),
        b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /BitsPerComponent 8 "
        b"/ColorSpace [/Indexed\x00/DeviceRGB\x001\x00<FFFFFFFF0000>] /Filter /FlateDecode /Length %d >>\n"
        b"stream\n" % len(image) + image + b"\nendstream",
    ])


def filled_form() -> bytes:
    """A transcript with a filled text field: the value is only in the field's appearance."""
    appearance = b"/Tx BMC q BT 0 g /Helv 14 Tf 2 6 Td (Grade: First) Tj ET Q EMC"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] /DA (/Helv 0 Tf 0 g) "
        b"/DR << /Font << /Helv 5 0 R >> >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Annots [6 0 R] "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"BT /F1 14 Tf 30 160 Td (Transcript) Tj ET 0 G 40 60 200 30 re S"),
        HELVETICA,
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (grade) /V (Grade: First) /F 4 "
        b"/Rect [40 60 240 90] /P 3 0 R /DA (/Helv 14 Tf 0 g) /AP << /N 7 0 R >> >>",
        stream(appearance, b"/Type /XObject /Subtype /Form /BBox [0 0 200 30] "
                           b"/Resources << /Font << /Helv 5 0 R >> >>"),
    ])


def headerless() -> bytes:
    """A PDF whose ``%PDF-`` header was overwritten with spaces (poppler: "May not be a PDF file
    (continuing anyway)")."""
    whole = pdf(text_page(b"No header"))
    header = whole.index(b"1 0 obj")
    return b" " * header + whole[header:]


def attachments_only_encrypted() -> bytes:
    """A page with a file attachment, where only attachments are encrypted (``/StmF`` and
    ``/StrF`` ``/Identity``, ``/EFF /StdCF``, ``/AuthEvent /EFOpen``, user password "secret"):
    the page itself is plain and opens without a password, as in Acrobat's "encrypt only file
    attachments". The dictionary's keys come from pypdf's AES-256 encryption with that password."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter()
    writer.encrypt("secret", "owner", algorithm="AES-256")
    entry = writer._encrypt_entry  # noqa: SLF001 (only the dictionary is wanted)
    entry[NameObject("/StmF")] = NameObject("/Identity")
    entry[NameObject("/StrF")] = NameObject("/Identity")
    entry[NameObject("/EFF")] = NameObject("/StdCF")
    entry["/CF"]["/StdCF"][NameObject("/AuthEvent")] = NameObject("/EFOpen")
    written = io.BytesIO()
    DictionaryObject(entry).write_to_stream(written)
    locked = b"\x8f" * 48  # stands for AES-encrypted bytes: nothing here can decrypt them
    objects = text_page(b"Attachments locked")
    objects[2] = objects[2][:-3] + b" /Annots [6 0 R] >>"
    objects += [
        b"<< /Type /Annot /Subtype /FileAttachment /Rect [250 150 270 170] /Name /PushPin "
        b"/FS << /Type /Filespec /F (marks.txt) /EF << /F 7 0 R >> >> >>",
        b"<< /Type /EmbeddedFile /Filter [/Crypt] /DecodeParms [<< /Name /StdCF >>] /Length %d >>\nstream\n"
        % len(locked) + locked + b"\nendstream",
        written.getvalue(),
    ]
    whole = pdf(objects)
    # the trailer names the encryption dictionary (object 8) and the file identifier
    return whole.replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Encrypt 8 0 R /ID [<%s><%s>] >>"
                         % (writer._ID[0].original_bytes.hex().encode(),  # noqa: SLF001
                            writer._ID[1].original_bytes.hex().encode()))  # noqa: SLF001


def broken_private_data() -> bytes:
    """A page whose ``/PieceInfo`` (an editor's private data, PDF 32000-1:2008 §14.5) is a
    stream cut off without ``endstream``: pypdf cannot copy it, poppler never reads it."""
    objects = text_page(b"Private data broken")
    objects[2] = objects[2][:-3] + b" /PieceInfo << /Editor << /Private 6 0 R >> >> >>"
    objects.append(b"<< /Length 4000 >>\nstream\nprivate data that stops")
    return pdf(objects)


def huge_page() -> bytes:
    """A 200 × 150-inch page (14400 × 10800 points): a frame, a diagonal, a black square, words."""
    content = (b"0 0 1 RG 200 w 100 100 14200 10600 re S 0 0 m 14400 10800 l S "
               b"0 g 9000 1000 3000 3000 re f BT /F1 400 Tf 1500 5000 Td (Poster sized) Tj ET")
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 10800] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] >>",
        stream(content),
        HELVETICA,
        b"<< /Type /Annot /Subtype /Link /Rect [1500 4800 9000 6600] /Border [0 0 0] "
        b"/A << /S /URI /URI (https://example.org/verify) >> >>",
    ])


def make_more_pdfs() -> None:
    """The files of the second round of issue 15 (the five refusals poppler renders, the
    oversized page); kept apart from :func:`main` so the encrypted files there are not remade."""
    pdfs = HERE / "pdfs"
    (pdfs / "headerless.pdf").write_bytes(headerless())
    (pdfs / "attachments-only-encrypted.pdf").write_bytes(attachments_only_encrypted())
    (pdfs / "broken-private-data.pdf").write_bytes(broken_private_data())
    (pdfs / "huge-page.pdf").write_bytes(huge_page())


def main() -> None:
    pdfs = HERE / "pdfs"
    pdfs.mkdir(exist_ok=True)
    plain = pdf(text_page(b"Official transcript"))
    (pdfs / "plain.pdf").write_bytes(plain)
    for bits in ("256", "128"):
        # an empty user password and an owner password: opens in any viewer, locked against editing
        extra = ["--use-aes=y"] if bits == "128" else []
        subprocess.run(["qpdf", "--encrypt", "", "owner", bits, *extra, "--", str(pdfs / "plain.pdf"),
                        str(pdfs / f"aes-{bits}-no-user-password.pdf")], check=True)
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", str(pdfs / "plain.pdf"),
                    str(pdfs / "aes-256-user-password.pdf")], check=True)
    (pdfs / "enxstream.pdf").write_bytes(pdf(text_page(b"Misspelt end", end=b"enxstream")))
    (pdfs / "page-without-type.pdf").write_bytes(pdf(text_page(b"No type", page_extra=b"/MediaBox [0 0 300 200]")))
    (pdfs / "trailing-zeros.pdf").write_bytes(plain + bytes(4096))
    (pdfs / "page-without-mediabox.pdf").write_bytes(pdf(text_page(b"No MediaBox", page_extra=b"/Type /Page")))
    (pdfs / "wrong-xref-offset.pdf").write_bytes(pdf(text_page(b"Wrong offset"), xref_shift=7))
    (pdfs / "hidden-layer.pdf").write_bytes(hidden_layer())
    (pdfs / "indexed-nul.pdf").write_bytes(indexed_nul())
    (pdfs / "filled-form.pdf").write_bytes(filled_form())
    make_scans(HERE / "scans")
    make_more_pdfs()


def make_scans(folder: Path) -> None:
    from PIL import Image

    folder.mkdir(exist_ok=True)
    # 16-bit greyscale: a dark grey (25% of white) square on a light grey (75%) field
    values = [16383 if 16 <= x < 48 and 12 <= y < 36 else 49151 for y in range(48) for x in range(64)]
    grey16 = Image.frombytes("I;16", (64, 48), b"".join(v.to_bytes(2, "little") for v in values))
    grey16.save(folder / "grey-16-bit.png")
    # 8-bit greyscale with a transparent grey value (tRNS): the field is transparent, the square black
    grey = Image.new("L", (64, 48), 40)
    grey.paste(0, (16, 12, 48, 36))
    grey.save(folder / "grey-transparent-colour.png", transparency=40)
    # an animated PNG whose animation control chunk claims 0 frames
    two = [Image.new("RGB", (32, 32), c) for c in ("red", "blue")]
    path = folder / "apng-zero-frames.png"
    two[0].save(path, save_all=True, append_images=two[1:])
    data = bytearray(path.read_bytes())
    at = data.index(b"acTL")
    data[at + 4:at + 8] = (0).to_bytes(4, "big")
    crc = zlib.crc32(bytes(data[at:at + 12]))
    data[at + 12:at + 16] = crc.to_bytes(4, "big")
    path.write_bytes(bytes(data))


if __name__ == "__main__":
    main()
