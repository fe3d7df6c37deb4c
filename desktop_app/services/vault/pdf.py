"""What may go into the vault: recognising PDFs and scans, checking PDFs, wrapping scans.

The vault keeps PDFs only. A file is recognised by its first bytes, never by its name
(a ``.txt`` renamed ``.pdf`` is still text). PNG and JPEG scans — certificates are
often photographed — are wrapped into a one-page A4 PDF. pypdf, Pillow and ReportLab
are imported only when a file is actually checked, so they never slow down start-up.

Every refusal is a :class:`VaultFileError` whose text is the sentence the user sees.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import BinaryIO

#: How far into a file the ``%PDF-`` header may start (the PDF reference allows junk before it).
_HEADER_WINDOW = 1024
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8\xff"
#: A PDF whose ``%PDF-`` header is lost still starts with its first object ("5 0 obj"): poppler
#: and qpdf open such a file ("May not be a PDF file (continuing anyway)"), so the vault does too.
_HEADERLESS_PDF = re.compile(rb"\s*\d{1,10}\s+\d{1,5}\s+obj\b")
#: A scan bigger than this many pixels is more likely a decompression bomb than a certificate.
MAX_IMAGE_PIXELS = 120_000_000

#: The same words as ``pack.appending.PASSWORD_PROTECTED`` (not imported from there: that
#: would load pypdf at start-up); tests/services/vault/test_pdf.py checks they agree.
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
    """``"pdf"``, ``"png"`` or ``"jpeg"`` from a file's first bytes; refuses anything else.

    A PDF is recognised by ``%PDF-`` in its first 1024 bytes (PDF 32000-1:2008 §7.5.2 and
    Annex H.3 note 13), or, with its header lost, by starting with an object ("5 0 obj"), as
    poppler and qpdf recognise it; whether it really is one is then the reading's judgement.
    """
    if not head:
        raise VaultFileError(f"“{name}” is empty (0 bytes); there is nothing to keep.")
    if b"%PDF-" in head[:_HEADER_WINDOW] or _HEADERLESS_PDF.match(head[:_HEADER_WINDOW]):
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


def check_pdf(handle: BinaryIO, name: str) -> int:
    """Check an open PDF (the vault's own temporary copy) and return its page count.

    The file is read exactly as the pack reads it (``pack.appending.open_original``) and
    appended to a scratch pack that is written out, so
    a file the vault keeps can never stop a pack being made. What a viewer repairs is
    repaired there (padding after the end, missing page sizes, wrong offsets); a PDF that
    opens without a password (locked only against printing, copying or editing, including
    AES-128/256 encryption) is accepted. Refused, with :class:`VaultFileError`: a file cut
    off, damaged beyond repair, needing a password to open, or without pages.
    """
    from desktop_app.pack.appending import UnreadableOriginal, open_original

    try:
        return len(open_original(handle, name).pages)
    except UnreadableOriginal as exc:
        raise VaultFileError(str(exc)) from None
    except OSError as exc:  # the vault's own temporary copy could not be read back
        raise VaultFileError(f"Afterview cannot read “{name}”: {exc.strerror or exc}.") from None


def image_to_pdf(source: BinaryIO, name: str, kind: str, target: BinaryIO) -> int:
    """Wrap a PNG or JPEG scan into a one-page A4 PDF written to ``target``; returns 1 (pages).

    The page is A4 in the image's orientation (landscape for a wide certificate) and the
    image keeps its own aspect, centred inside a margin. The camera's rotation flag
    (EXIF) is applied, so a photo taken sideways stands upright. The output is
    deterministic (ReportLab's invariant mode): the same scan gives the same PDF, so
    adding it twice is recognised by its fingerprint.
    """
    from PIL import Image, ImageOps

    expected = {"png": "PNG", "jpeg": "JPEG"}[kind]
    with warnings.catch_warnings(record=True) as noticed:
        warnings.simplefilter("always")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # no Image.verify(): its checksum test refuses scans Pillow decodes and shows
            # (a bad CRC); decoding the whole image below is what fails on a corrupt one
            with Image.open(source, formats=[expected]) as opened:
                if opened.width * opened.height > MAX_IMAGE_PIXELS:
                    raise VaultFileError(f"“{name}” is too large an image "
                                         f"({opened.width} × {opened.height} pixels). Scan it at a lower resolution.")
                opened.load()
                # the camera's EXIF orientation only, as browsers and viewers apply it: an XMP
                # orientation (which Pillow would also apply) is ignored by them
                opened.info.pop("xmp", None)
                opened.info.pop("XML:com.adobe.xmp", None)  # PNG's iTXt copy of it
                image = ImageOps.exif_transpose(opened)
                image.info["transparency"] = _transparent_grey(opened, source) if kind == "png" \
                    else opened.info.get("transparency")
        except VaultFileError:
            raise
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise VaultFileError(f"“{name}” is too large an image to read safely. "
                                 "Scan it at a lower resolution.") from None
        except Exception:  # Pillow's decoders raise many kinds on damaged or hostile files
            raise VaultFileError(f"“{name}” is a damaged {expected} image and cannot be read. "
                                 "Take the scan or photo again.") from None
    if any("APNG" in str(w.message) for w in noticed):
        # Pillow falls back to the first image of an animation whose frame count is impossible
        # (0 frames); what the file holds is then a guess, not a scan
        raise VaultFileError(f"“{name}” is a damaged animated PNG (its frames are missing) and cannot "
                             "be read. Save the scan again as an ordinary PNG or JPEG.")
    _draw_on_a4(on_white(image, name), target)
    return 1


def _transparent_grey(image: object, source: BinaryIO) -> object:
    """The image's ``transparency`` as Pillow should give it.

    Pillow widens 1-, 2- and 4-bit greyscale PNGs to 8 bits (×255, ×85, ×17) but leaves the
    transparent grey of the tRNS chunk at its original scale (PNG 1.2, §4.2.1.1), so a 2-bit
    scan's transparent grey 1 would match nothing, or the wrong grey: it is widened here too.
    """
    transparent = image.info.get("transparency")  # type: ignore[attr-defined]
    if not isinstance(transparent, int) or image.mode != "L":  # type: ignore[attr-defined]
        return transparent
    source.seek(0)
    header = source.read(26)
    bits, colour_type = header[24], header[25]  # IHDR: the first chunk, fixed layout
    if colour_type == 0 and bits in (1, 2, 4):
        return transparent * (255 // ((1 << bits) - 1))
    return transparent


def on_white(image: object, name: str = "image") -> object:
    """The scan as 8-bit RGB or greyscale on white paper, as a viewer shows it.

    16-bit greyscale (PNG's ``I;16``, or ``I``) is scaled to 8 bits (÷257), not clipped;
    transparency — an alpha channel, a palette's transparent entries, or a single
    transparent grey or colour (PNG ``tRNS``) — is composited on white. Other modes
    (CMYK, YCbCr, LAB, 1-bit ...) are converted by Pillow. Raises :class:`VaultFileError`
    for a mode that has no faithful page (32-bit floats).
    """
    from PIL import Image, ImageMath

    mode = image.mode  # type: ignore[attr-defined]
    transparent = image.info.get("transparency")  # type: ignore[attr-defined]
    if mode.startswith("I"):
        wide = image if mode == "I" else image.convert("I")  # type: ignore[attr-defined]
        grey = wide.point(lambda v: v * (1 / 257)).convert("L")
        if not isinstance(transparent, int):
            return grey
        # the transparent grey is a 16-bit value (PNG tRNS): the mask is taken before scaling
        opaque = ImageMath.lambda_eval(lambda a: a["im"] != transparent, im=wide).convert("L")
        paper = Image.new("L", grey.size, 255)
        paper.paste(grey, mask=opaque.point(lambda v: 255 if v else 0))
        return paper
    if mode == "F":
        raise VaultFileError(f"“{name}” is an image of measurements (32-bit floating point), "
                             "not a scan. Save it as an ordinary PNG or JPEG.")
    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or transparent is not None
    if not has_alpha:
        if mode in ("RGB", "L"):
            return image
        return image.convert("L" if mode == "1" else "RGB")  # type: ignore[attr-defined]
    rgba = image.convert("RGBA")  # type: ignore[attr-defined]  # applies tRNS and a palette's alpha
    paper = Image.new("RGB", rgba.size, "white")
    paper.paste(rgba, mask=rgba.getchannel("A"))
    return paper.convert("L") if mode in ("L", "LA", "La", "1") else paper


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
