"""Real sample files for the vault tests (and bench/vault.py): PDFs, scans and bad files.

Everything is generated on the spot in the test's own folder; nothing is mocked.
"""

from __future__ import annotations

import os
from pathlib import Path


def make_pdf(path: Path, pages: int = 1, text: str = "Transcript") -> Path:
    """A small, valid PDF with ``pages`` pages, each saying ``text`` and its page number."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for page in range(1, pages + 1):
        canvas.setFont("Helvetica", 14)
        canvas.drawString(72, A4[1] - 96, f"{text} — page {page}")
        canvas.showPage()
    canvas.save()
    return path


def make_big_pdf(path: Path, size: int, *, text: str = "Large transcript") -> Path:
    """A valid one-page PDF of about ``size`` bytes, written in chunks (never all in memory).

    The bulk is an object no page uses (a stream of random bytes), so viewers open it
    as quickly as a small file while every byte still has to be copied and hashed.
    """
    content = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET".encode()
    block = os.urandom(1 << 20)
    offsets: list[int] = []
    with path.open("wb") as out:
        def obj(body: bytes) -> None:
            offsets.append(out.tell())
            out.write(f"{len(offsets)} 0 obj\n".encode() + body + b"\nendobj\n")

        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        obj(b"<< /Type /Catalog /Pages 2 0 R >>")
        obj(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        obj(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>")
        obj(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        obj(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        bulk = max(0, size - 1024)
        offsets.append(out.tell())
        out.write(b"6 0 obj\n<< /Length %d >>\nstream\n" % bulk)
        left = bulk
        while left > 0:
            piece = block[:min(left, len(block))]
            out.write(piece)
            left -= len(piece)
        out.write(b"\nendstream\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
    return path


def make_encrypted_pdf(path: Path, password: str = "secret") -> Path:
    from pypdf import PdfWriter

    plain = make_pdf(path.with_name(path.stem + "-plain.pdf"), pages=2)
    writer = PdfWriter(clone_from=plain)
    writer.encrypt(user_password=password, owner_password="owner-" + password)
    with path.open("wb") as out:
        writer.write(out)
    plain.unlink()
    return path


def make_zero_page_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    with path.open("wb") as out:
        PdfWriter().write(out)
    return path


def make_image(path: Path, size: tuple[int, int] = (1200, 850), fmt: str = "PNG",
               exif_orientation: int | None = None) -> Path:
    """A "photographed certificate": a pale page with a dark frame and a band of text-like marks."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (250, 247, 238))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((w // 20, h // 20, w - w // 20, h - h // 20), outline=(90, 60, 20), width=max(2, w // 150))
    for row in range(5):
        y = h // 3 + row * h // 12
        draw.rectangle((w // 5, y, w - w // 5 - row * w // 20, y + h // 40), fill=(60, 60, 60))
    kwargs = {}
    if exif_orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif
    image.save(path, fmt, **kwargs)
    return path
