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
