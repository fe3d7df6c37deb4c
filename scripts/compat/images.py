"""The scan part of the compatibility sweep: every PNG and JPEG through the vault, then into packs.

Accepted or refused as the vault decides; a refusal of an image Pillow itself decodes is
reported (the vault should make a page of everything Pillow opens, or say why not).
Changed: the page the vault made differs from the image as ImageMagick draws it on white
paper (an independent reference; skipped when ``convert`` is not installed), or the pack's
page differs from the vault's.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from scripts.compat.common import build_packs, each_file, in_parallel, render, result, temporary_store

SUFFIXES = {".png", ".jpg", ".jpeg", ".jpe"}
#: The vault's page: A4 in the image's orientation, a 1 cm margin (services/vault/pdf.py).
MARGIN = 28.35
#: Below the image: room for the pack's footer (SCAN_MARGIN_BOTTOM there).
MARGIN_BOTTOM = 56.7
#: Mean difference per channel (0–255) above which the vault's page is not the image.
MEAN_TOLERANCE = 24
#: Side of the thumbnails compared: small, so resampling differences wash out.
THUMB = 24


def pillow_opens(path: Path) -> bool:
    """Whether Pillow decodes the image without complaint (a warning such as "Invalid APNG, will
    use default PNG image" means it guessed, and the vault refuses a guess)."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with Image.open(path) as image:
                image.load()
        return True
    except Exception:  # noqa: BLE001 (any failure means Pillow cannot show it)
        return False


def _without_colour_management(data: bytes) -> bytes:
    """A PNG without its gAMA, cHRM, sRGB and iCCP chunks: Pillow (the vault's reader, and the
    yardstick of the sweep) ignores them, ImageMagick would apply them."""
    import struct

    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data
    out, at = bytearray(data[:8]), 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        end = at + 12 + length
        if kind not in (b"gAMA", b"cHRM", b"sRGB", b"iCCP"):
            out += data[at:end]
        at = end
    out += data[at:]
    return bytes(out)


def reference(path: Path):  # type: ignore[no-untyped-def]
    """The image upright on white, drawn by ImageMagick (first frame), or None."""
    from PIL import Image

    if shutil.which("convert") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "ref.png"
        source = Path(folder) / f"in{path.suffix.lower()}"
        source.write_bytes(_without_colour_management(path.read_bytes()))
        try:
            subprocess.run(["convert", f"{source}[0]", "-auto-orient", "+repage", "-background", "white", "-flatten",
                            "-depth", "8", "-colorspace", "sRGB", "-type", "TrueColor", str(out)],
                           capture_output=True, timeout=60)
        except subprocess.TimeoutExpired:
            return None
        if not out.exists():
            return None
        with Image.open(out) as image:
            return image.convert("RGB")


def pillow_palette_reference(path: Path):  # type: ignore[no-untyped-def]
    """A palette image as Pillow draws it on white, or None for other images.

    Only where the two readers disagree about palettes (an index beyond the palette, which
    PNG calls an error and each reader fills in its own way) is Pillow's drawing the yardstick.
    """
    from PIL import Image

    try:
        with Image.open(path) as image:
            if image.mode != "P":
                return None
            rgba = image.convert("RGBA")
    except Exception:  # noqa: BLE001
        return None
    paper = Image.new("RGB", rgba.size, "white")
    paper.paste(rgba, mask=rgba.getchannel("A"))
    return paper


def page_differs(stored: Path, expected) -> float | None:  # type: ignore[no-untyped-def]
    """Mean channel difference between the vault's page (image area) and ``expected``."""
    from PIL import Image, ImageChops, ImageStat

    dpi = 36
    page = render(stored, 1, dpi)
    if page is None:
        return None
    scale_px = dpi / 72
    page_w, page_h = page.width / scale_px, page.height / scale_px
    box_w, box_h = page_w - 2 * MARGIN, page_h - MARGIN - MARGIN_BOTTOM
    scale = min(box_w / expected.width, box_h / expected.height)
    draw_w, draw_h = expected.width * scale, expected.height * scale
    left, top = (page_w - draw_w) / 2, MARGIN + (box_h - draw_h) / 2
    crop = page.crop((round(left * scale_px), round(top * scale_px),
                      round((left + draw_w) * scale_px), round((top + draw_h) * scale_px)))
    size = (THUMB, max(1, round(THUMB * draw_h / draw_w))) if draw_w >= draw_h else \
        (max(1, round(THUMB * draw_w / draw_h)), THUMB)
    a = crop.resize(size, Image.Resampling.BOX)
    b = expected.resize(size, Image.Resampling.BOX)
    return max(ImageStat.Stat(ImageChops.difference(a, b)).mean)


def sweep(paths: list[Path]) -> dict:
    """Run the PNG and JPEG files among ``paths`` through the vault and the pack."""
    return in_parallel(_part, sorted(p for p in paths if p.suffix.lower() in SUFFIXES), "image")


def _part(files: list[Path]) -> dict:
    from desktop_app.services.vault.adding import add_document
    from desktop_app.services.vault.files import stored_path
    from desktop_app.services.vault.pdf import VaultFileError
    from desktop_app.store import models as m

    out = result("image")
    compared = shutil.which("convert") is not None
    if not compared:
        out["details"].append("NOTE: ImageMagick's convert is not installed: scans not compared with the image")
    documents, seen = [], set()

    def refused(path: Path, refusal: BaseException) -> None:
        if pillow_opens(path):
            out["refused_viewer_opens"] += 1
            out["details"].append(f"REFUSED but Pillow opens it: {path.name}: {refusal}")

    with temporary_store():
        for path, added in each_file(files, out, add_document, refusals=(VaultFileError,), refused=refused,
                                     doing="in vault:"):
            out["accepted"] += 1
            sha = m.Document.get_by_id(added.document_id).sha256
            stored = stored_path(sha)
            expected = reference(path) if compared else None
            if expected is not None:
                difference = page_differs(stored, expected)
                if difference is not None and difference > MEAN_TOLERANCE:
                    pillow = pillow_palette_reference(path)
                    again = page_differs(stored, pillow) if pillow is not None else None
                    if again is not None and again <= MEAN_TOLERANCE:
                        out["details"].append(f"NOTE: {path.name}: ImageMagick and Pillow draw its palette "
                                              "differently (an index beyond the palette); the page is Pillow's")
                    else:
                        out["changed"] += 1
                        out["details"].append(f"CHANGED as a page: {path.name}: "
                                              f"mean difference {difference:.0f}/255")
            if sha not in seen:
                seen.add(sha)
                # the pack is compared with the vault's page (the image's own check is above)
                documents.append((path.name, sha, 1, stored))
        build_packs(documents, out)
    return out
