"""What may go into the vault: recognising PDFs and scans, checking PDFs, wrapping scans.

The vault keeps PDFs only. A file is recognised by its first bytes, never by its name
(a ``.txt`` renamed ``.pdf`` is still text). PNG and JPEG scans — certificates are
often photographed — are wrapped into a one-page A4 PDF. pypdf, Pillow and pikepdf
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
#: A PNG bigger than this many pixels is refused: Pillow decodes a PNG whole (up to 4 bytes a
#: pixel), so this bounds memory; 120 MP takes an 8000 × 12000 px scan and a 108 MP photo.
MAX_IMAGE_PIXELS = 120_000_000
#: A JPEG is decoded at 1/2, 1/4 or 1/8 of its size when that is enough for print (libjpeg's
#: DCT scaling, Pillow's ``Image.draft``), so memory stays bounded for any camera or scanner
#: (a 200 MP phone photo decodes at 1/4: 12.5 MP). Beyond a gigapixel a file is more likely a
#: decompression bomb (a few bytes claiming 100,000 × 100,000 px) than a photo.
MAX_JPEG_PIXELS = 1_000_000_000
#: The most a page of the pack needs: 300 dpi over A4 (2480 × 3508 px). A larger scan is
#: reduced to this when it has to be decoded anyway.
PRINT_PIXELS = (2480, 3508)
#: A JPEG up to this many pixels on its long side (about 600 dpi over A4: a 7000 × 5000 px
#: photo) goes into the PDF with its compressed data as it is (DCT passthrough): no
#: re-encoding, no loss, and the PDF is barely bigger than the photo.
PASSTHROUGH_LONG_SIDE = 7016
#: Space kept around a scan on its A4 page (points): 1 cm, as printers cannot print to the
#: edge, and 2 cm at the bottom, where the pack prints its footer (baseline 1 cm up, 7.5 pt).
SCAN_MARGIN = 28.35
SCAN_MARGIN_BOTTOM = 56.7

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


#: The extensions a scan's name may have, by what its content is; the first is given when it has none of them.
_EXTENSIONS = {"png": (".png",), "jpeg": (".jpg", ".jpeg", ".jpe", ".jfif")}


def true_name(name: str, kind: str) -> str:
    """``name`` with the extension of what the file really is (``kind`` from :func:`sniff`).

    A PNG renamed ``notreally.pdf`` is accepted for what it is (the vault recognises files by
    their content) and named ``notreally.png``, so the name no longer claims it is a PDF. A
    PDF's name, and a scan whose extension already fits, are returned as they are.
    """
    if kind not in _EXTENSIONS or Path(name).suffix.lower() in _EXTENSIONS[kind]:
        return name
    stem = name[:-len(Path(name).suffix)] if Path(name).suffix else name
    return f"{stem}{_EXTENSIONS[kind][0]}"


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
        raise VaultFileError(cannot_read(name, exc)) from None


def cannot_read(name: str, exc: OSError) -> str:
    """Why the file ``name`` could not be read, in the user's words, never the system's ("Input/output
    error", "No such file or directory": issue 15, fresh eyes), with what to do; the ``errno`` of
    ``exc`` picks the sentence (POSIX names: ENOENT, EACCES/EPERM, anything else)."""
    import errno

    if exc.errno == errno.ENOENT:
        return f"There is no file “{name}” (it may have been moved or deleted)."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"Afterview is not allowed to read “{name}”. Check that the file belongs to you, or copy it "
                "somewhere you own first.")
    return (f"Afterview could not read “{name}” to the end: the disk, memory card or network folder holding "
            "it may be failing or was disconnected. Copy it to a folder on this computer and try again.")


def image_to_pdf(source: BinaryIO, name: str, kind: str, target: BinaryIO) -> int:
    """Wrap a PNG or JPEG scan into a one-page A4 PDF written to ``target``; returns 1 (pages).

    The page is A4 in the image's orientation (landscape for a wide certificate) and the
    image keeps its own aspect, centred inside a margin (:data:`SCAN_MARGIN`, more at the
    bottom for the pack's footer). The camera's rotation flag (EXIF, CIPA DC-008 tag 0x0112)
    is applied, so a photo taken sideways stands upright. A JPEG up to
    :data:`PASSTHROUGH_LONG_SIDE` px keeps its compressed data unchanged (DCT passthrough;
    the rotation is the page's drawing matrix, not a re-encoding; its metadata — EXIF with
    the camera's GPS position, XMP, IPTC, comments — is left out, as the pack goes to
    employers); a larger JPEG is decoded at a reduced scale (``Image.draft``) and stored at
    300 dpi over A4 as JPEG; a PNG is decoded, reduced to 300 dpi over A4 when larger, and
    stored losslessly (Flate). The output is deterministic: the same scan gives the same PDF,
    so adding it twice is recognised by its fingerprint.

    Raises :class:`VaultFileError` for a damaged image, an animated PNG missing its frames, an
    image of measurements (32-bit floats), a PNG over :data:`MAX_IMAGE_PIXELS` or a JPEG over
    :data:`MAX_JPEG_PIXELS` (read from its header, before any decoding).
    """
    from PIL import Image

    expected = {"png": "PNG", "jpeg": "JPEG"}[kind]
    limit = MAX_JPEG_PIXELS if kind == "jpeg" else MAX_IMAGE_PIXELS
    # Pillow's own guard (an error at twice this) stays on, above our per-format limits, which
    # are checked below from the header before anything is decoded
    Image.MAX_IMAGE_PIXELS = max(Image.MAX_IMAGE_PIXELS or 0, MAX_JPEG_PIXELS)
    passthrough = None
    with warnings.catch_warnings(record=True) as noticed:
        warnings.simplefilter("always")
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our limits judge the size
        try:
            # no Image.verify(): its checksum test refuses scans Pillow decodes and shows
            # (a bad CRC); decoding the whole image below is what fails on a corrupt one
            with Image.open(source, formats=[expected]) as opened:
                if opened.width * opened.height > limit:
                    raise VaultFileError(_too_large(name, expected, opened.width, opened.height))
                if kind != "jpeg":
                    opened.load()  # a PNG's eXIf chunk may follow its pixels: decoded first, whole
                orientation = _exif_orientation(opened)
                stored_size = opened.size  # before the draft scale changes it
                if kind == "jpeg":
                    if opened.mode in ("L", "RGB") and max(opened.size) <= PASSTHROUGH_LONG_SIDE:
                        passthrough = opened.mode
                    # decodes at 1/2, 1/4 or 1/8 when that still gives 300 dpi over A4: this is
                    # also the check that the photo decodes at all
                    opened.draft(opened.mode, _print_size(opened.size, orientation))
                opened.load()
                if passthrough is None:
                    if kind == "png":
                        opened.info["transparency"] = _transparent_grey(opened, source)
                    paper = on_white(opened, name)
                    # reduced here, while only one full-size copy exists (Pillow's thumbnail
                    # first shrinks by a whole factor, cheaply), then copied out of the file
                    paper.thumbnail(_print_size(paper.size, orientation), Image.Resampling.LANCZOS)
                    paper = paper.copy() if paper is opened else paper
        except VaultFileError:
            raise
        except Image.DecompressionBombError:
            raise VaultFileError(_too_large(name, expected)) from None
        except Exception:  # Pillow's decoders raise many kinds on damaged or hostile files
            raise VaultFileError(f"“{name}” is a damaged {expected} image and cannot be read. "
                                 "Take the scan or photo again.") from None
    if any("APNG" in str(w.message) for w in noticed):
        # Pillow falls back to the first image of an animation whose frame count is impossible
        # (0 frames); what the file holds is then a guess, not a scan
        raise VaultFileError(f"“{name}” is a damaged animated PNG (its frames are missing) and cannot "
                             "be read. Save the scan again as an ordinary PNG or JPEG.")
    if passthrough is not None:
        source.seek(0)
        _page_with_image(target, _without_metadata(source.read()), size=stored_size,
                         grey=passthrough == "L", jpeg=True, orientation=orientation)
        return 1
    if kind == "jpeg":
        import io

        data = io.BytesIO()
        paper.save(data, "JPEG", quality=92, optimize=True)
        _page_with_image(target, data.getvalue(), size=paper.size, grey=paper.mode == "L", jpeg=True,
                         orientation=orientation)
    else:
        import zlib

        _page_with_image(target, zlib.compress(paper.tobytes(), 9), size=paper.size, grey=paper.mode == "L",
                         jpeg=False, orientation=orientation)
    return 1


def _too_large(name: str, expected: str, width: int = 0, height: int = 0) -> str:
    """The refusal of an image too large to read safely, for phone photos and scans alike."""
    limit = (MAX_JPEG_PIXELS if expected == "JPEG" else MAX_IMAGE_PIXELS) // 1_000_000
    size = f" ({width} × {height} pixels)" if width else ""
    return (f"“{name}” is too large an image to read safely{size}: Afterview takes {expected} images of up "
            f"to {limit:,} megapixels. Save the photo or scan as a smaller JPEG (300 dpi is plenty for "
            "print) and add that.")


#: EXIF orientation (1–8) → the matrix [a b c d e f] that draws the image's unit square upright
#: (CIPA DC-008 §4.6.4 A, "Orientation"; the same turns and mirrors as ``ImageOps.exif_transpose``).
_ORIENTATION_MATRIX = {
    1: (1, 0, 0, 1, 0, 0), 2: (-1, 0, 0, 1, 1, 0), 3: (-1, 0, 0, -1, 1, 1), 4: (1, 0, 0, -1, 0, 1),
    5: (0, -1, -1, 0, 1, 1), 6: (0, -1, 1, 0, 0, 1), 7: (0, 1, 1, 0, 0, 0), 8: (0, 1, -1, 0, 1, 0),
}


def _exif_orientation(image: object) -> int:
    """The camera's EXIF orientation only (1 when absent or odd), as browsers and viewers apply
    it: an XMP orientation, which Pillow's ``exif_transpose`` would also apply, is ignored by them."""
    image.info.pop("xmp", None)  # type: ignore[attr-defined]  # Pillow's getexif would read it too
    image.info.pop("XML:com.adobe.xmp", None)  # type: ignore[attr-defined]  # PNG's iTXt copy of it
    try:
        value = int(image.getexif().get(0x0112, 1))  # type: ignore[attr-defined]
    except Exception:  # a damaged EXIF block: viewers show the photo as stored
        return 1
    return value if value in _ORIENTATION_MATRIX else 1


def _print_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    """The most pixels (stored width, height) the image needs on its A4 page: 300 dpi."""
    width, height = size
    upright = (height, width) if orientation >= 5 else (width, height)
    short, long = PRINT_PIXELS
    box = (long, short) if upright[0] > upright[1] else (short, long)
    scale = min(1.0, box[0] / upright[0], box[1] / upright[1])
    needed = (max(1, round(upright[0] * scale)), max(1, round(upright[1] * scale)))
    return (needed[1], needed[0]) if orientation >= 5 else needed


#: JPEG markers left out of a passed-through photo: APP1 (EXIF, XMP: GPS position, camera
#: serial), APP13 (IPTC), COM. APP0 (JFIF), APP2 (ICC colour profile) and APP14 (Adobe colour
#: transform) are kept: they change how the pixels look (ITU-T T.81 Annex B; JFIF 1.02).
_DROPPED_MARKERS = {0xE1, 0xED, 0xFE}


def _without_metadata(data: bytes) -> bytes:
    """The JPEG with its metadata segments left out; its compressed image data is unchanged.
    Returns ``data`` as it is when its marker segments do not parse (never guesses)."""
    if not data.startswith(b"\xff\xd8"):
        return data
    kept, at = [b"\xff\xd8"], 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return data
        marker = data[at + 1]
        if marker == 0xFF:  # fill bytes before a marker (T.81 B.1.1.2)
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data, kept byte for byte
            kept.append(data[at:])
            return b"".join(kept)
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if length < 2 or at + 2 + length > len(data):
            return data
        if marker not in _DROPPED_MARKERS:
            kept.append(data[at:at + 2 + length])
        at += 2 + length
    return data


def _page_with_image(target: BinaryIO, data: bytes, *, size: tuple[int, int], grey: bool, jpeg: bool,
                     orientation: int) -> None:
    """Write a one-page A4 PDF drawing one image (``data``: JPEG bytes, or Flate-compressed
    8-bit grey/RGB samples of ``size`` px), turned upright by ``orientation`` (EXIF)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    width_px, height_px = (size[1], size[0]) if orientation >= 5 else size
    short, long = 595.2756, 841.8898  # A4 in points (210 × 297 mm)
    page_w, page_h = (long, short) if width_px > height_px else (short, long)
    box_w, box_h = page_w - 2 * SCAN_MARGIN, page_h - SCAN_MARGIN - SCAN_MARGIN_BOTTOM
    scale = min(box_w / width_px, box_h / height_px)
    draw_w, draw_h = width_px * scale, height_px * scale
    x, y = (page_w - draw_w) / 2, SCAN_MARGIN_BOTTOM + (box_h - draw_h) / 2
    a, b, c, d, e, f = _ORIENTATION_MATRIX[orientation]
    matrix = (draw_w * a, draw_h * b, draw_w * c, draw_h * d, draw_w * e + x, draw_h * f + y)
    pdf = pikepdf.new()
    image = pdf.make_stream(data, Type=Name.XObject, Subtype=Name.Image, Width=size[0], Height=size[1],
                            ColorSpace=Name.DeviceGray if grey else Name.DeviceRGB, BitsPerComponent=8,
                            Filter=Name.DCTDecode if jpeg else Name.FlateDecode)
    numbers = " ".join(f"{v:.4f}" for v in matrix)
    page = pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, page_w, page_h]),
                                   Resources=Dictionary(XObject=Dictionary(Scan=image)),
                                   Contents=pdf.make_stream(f"q {numbers} cm /Scan Do Q\n".encode())))
    pdf.pages.append(page)
    pdf.docinfo[Name.Title] = "Scanned document"
    pdf.save(target, deterministic_id=True, compress_streams=True,
             stream_decode_level=pikepdf.StreamDecodeLevel.none)


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
