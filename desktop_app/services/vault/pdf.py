"""What may go into the vault: recognising PDFs and scans, checking PDFs, wrapping scans.

The vault keeps PDFs only. A file is recognised by its first bytes, never by its name
(a ``.txt`` renamed ``.pdf`` is still text). PNG and JPEG scans — certificates are
often photographed — are wrapped into a one-page A4 PDF. pypdf, Pillow and ReportLab
are imported only when a file is actually checked, so they never slow down start-up.

Every refusal is a :class:`VaultFileError` whose text is the sentence the user sees.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

#: How far into a file the ``%PDF-`` header may start (the PDF reference allows junk before it).
_HEADER_WINDOW = 1024
#: The ``%%EOF`` marker must be this close to the end; a file cut off mid-download lacks it.
_TAIL_WINDOW = 2048
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8\xff"
#: A scan bigger than this many pixels is more likely a decompression bomb than a certificate.
MAX_IMAGE_PIXELS = 120_000_000

PASSWORD_PROTECTED = "This PDF is password-protected; save an unprotected copy and add that instead."


class VaultFileError(ValueError):
    """A file cannot be taken into the vault; ``str()`` is the user's message."""


def display_name(name: str) -> str:
    """A file name fit for one line: newlines, tabs and control characters become spaces.

    Letters of every alphabet are kept as they are (NFC-normalised, so an ``é`` typed
    two ways is one name).
    """
    import unicodedata

    cleaned = "".join(" " if unicodedata.category(c).startswith("C") else c for c in name)
    return unicodedata.normalize("NFC", " ".join(cleaned.split())) or "unnamed.pdf"


def sniff(head: bytes, name: str) -> str:
    """``"pdf"``, ``"png"`` or ``"jpeg"`` from a file's first bytes; refuses anything else."""
    if not head:
        raise VaultFileError(f"“{name}” is empty (0 bytes); there is nothing to keep.")
    if b"%PDF-" in head[:_HEADER_WINDOW]:
        return "pdf"
    if head.startswith(_PNG_SIGNATURE):
        return "png"
    if head.startswith(_JPEG_SIGNATURE):
        return "jpeg"
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        raise VaultFileError(f"“{name}” is not a PDF, although its name ends in .pdf "
                             "(it may be another kind of file renamed). Open it and save or "
                             "print it as a PDF, then add that.")
    if suffix in (".png", ".jpg", ".jpeg", ".jpe"):
        raise VaultFileError(f"“{name}” is not really a {suffix[1:].upper()} image "
                             "(its content is something else). Take the scan or photo again.")
    raise VaultFileError(f"“{name}” is not a PDF or a PNG or JPEG scan. The vault keeps PDFs "
                         "and scans; save the document as a PDF first.")


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf reports what it repaired through logging and warnings; we judge the file ourselves."""
    import logging  # here: the logging package costs start-up time, and only an import needs it

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def check_pdf(handle: BinaryIO, name: str) -> int:
    """Check an open PDF (the vault's own temporary copy) and return its page count.

    Refuses a damaged or incomplete file, one that needs a password to open, and one
    without pages. A PDF locked only against printing or copying (an owner password,
    common on official transcripts) opens without a password and is accepted.
    """
    handle.seek(0, 2)
    size = handle.tell()
    handle.seek(max(0, size - _TAIL_WINDOW))
    if b"%%EOF" not in handle.read():
        raise VaultFileError(f"“{name}” is an incomplete PDF (its end is missing — it may have "
                             "been cut off while downloading or copying). Get a fresh copy.")
    handle.seek(0)
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    with _quiet_pypdf():
        try:
            # a file object, not a path: given a path, pypdf reads the whole file into memory
            reader = PdfReader(handle, strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except (NotImplementedError, PdfReadError):
                    opened = 0
                if not opened:
                    raise VaultFileError(f"“{name}”: {PASSWORD_PROTECTED}")
            pages = len(reader.pages)
            for page in reader.pages:
                page.mediabox  # noqa: B018 (resolves each page: a broken page tree fails here)
        except VaultFileError:
            raise
        except FileNotDecryptedError:
            raise VaultFileError(f"“{name}”: {PASSWORD_PROTECTED}") from None
        except Exception as exc:  # pypdf raises many kinds on a damaged file; all mean the same
            raise VaultFileError(f"“{name}” is a damaged PDF and cannot be read ({_reason(exc)}). "
                                 "Get a fresh copy.") from None
    if pages == 0:
        raise VaultFileError(f"“{name}” is a PDF with no pages; there is nothing to show an employer.")
    return pages


def _reason(exc: Exception) -> str:
    text = str(exc).strip().rstrip(".")
    return text[:120] if text else type(exc).__name__


def image_to_pdf(source: BinaryIO, name: str, kind: str, target: BinaryIO) -> int:
    """Wrap a PNG or JPEG scan into a one-page A4 PDF written to ``target``; returns 1 (pages).

    The page is A4 in the image's orientation (landscape for a wide certificate) and the
    image keeps its own aspect, centred inside a margin. The camera's rotation flag
    (EXIF) is applied, so a photo taken sideways stands upright. The output is
    deterministic (ReportLab's invariant mode): the same scan gives the same PDF, so
    adding it twice is recognised by its fingerprint.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    expected = {"png": "PNG", "jpeg": "JPEG"}[kind]
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(source, formats=[expected]) as probe:
                probe.verify()  # reads the whole image structure: a corrupt scan fails here
            source.seek(0)
            with Image.open(source, formats=[expected]) as opened:
                if opened.width * opened.height > MAX_IMAGE_PIXELS:
                    raise VaultFileError(f"“{name}” is too large an image "
                                         f"({opened.width} × {opened.height} pixels). Scan it at a lower resolution.")
                opened.load()
                image = ImageOps.exif_transpose(opened)
        except VaultFileError:
            raise
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise VaultFileError(f"“{name}” is too large an image to read safely. "
                                 "Scan it at a lower resolution.") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise VaultFileError(f"“{name}” is a damaged {expected} image and cannot be read "
                                 f"({_reason(exc)}). Take the scan or photo again.") from None
        except Exception as exc:  # Pillow's decoders raise other kinds on hostile files
            # (an animated PNG claiming zero frames: IndexError); all mean the same to the user
            raise VaultFileError(f"“{name}” is a damaged {expected} image and cannot be read "
                                 f"({_reason(exc)}). Take the scan or photo again.") from None
    if image.mode not in ("RGB", "L"):
        # ReportLab draws RGB or greyscale; transparency goes onto white paper
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    _draw_on_a4(image, target)
    return 1


def _draw_on_a4(image: object, target: BinaryIO) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    width_px, height_px = image.size  # type: ignore[attr-defined]
    page = landscape(A4) if width_px > height_px else A4
    margin = 28.35  # 1 cm: printers cannot print to the edge
    box_w, box_h = page[0] - 2 * margin, page[1] - 2 * margin
    scale = min(box_w / width_px, box_h / height_px)
    draw_w, draw_h = width_px * scale, height_px * scale
    canvas = Canvas(target, pagesize=page, invariant=1, pageCompression=1)
    canvas.setTitle("Scanned document")
    canvas.drawImage(ImageReader(image), (page[0] - draw_w) / 2, (page[1] - draw_h) / 2,
                     width=draw_w, height=draw_h)
    canvas.showPage()
    canvas.save()
