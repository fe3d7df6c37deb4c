"""The footer on every page: "Sam Taylor · Reference pack · page 7 of 23".

Drawn as plain text runs (no Paragraph: it is drawn a hundred times per pack).
The pack's own pages draw it as a form filled in once the page count is known.
Appended documents keep their pages untouched: their footers are small content
streams that `stamp.py` puts on top.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop_app.pack.fonts import SANS, runs
from desktop_app.pack.styles import FOOTER_FROM_BOTTOM, MARGIN_LEFT, MUTED

FOOTER_SIZE = 7.5
FOOTER_NAME_LIMIT = 60


@dataclass(frozen=True)
class PageBox:
    """Where an appended page is seen: its visible box and its /Rotate."""

    left: float
    bottom: float
    width: float
    height: float
    rotate: int = 0


def footer_text(name: str, page: int, total: int) -> str:
    """The footer as plain text (what the text layer gives back); without a name, no leading " · "."""
    return f"{name} · Reference pack · page {page} of {total}" if name.strip() else \
        f"Reference pack · page {page} of {total}"


#: Prefix for the footer's font names on appended pages, so they cannot clash
#: with the fonts the page already names.
FONT_PREFIX = "Afv"


def _pdf_string(chunk: bytes) -> bytes:
    escaped = bytearray(b"(")
    for byte in chunk:
        if byte in b"()\\":
            escaped += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            escaped.append(byte)
        else:
            escaped += b"\\%03o" % byte
    return bytes(escaped + b")")


def _matrix(box: PageBox) -> tuple[float, float, float, float, float, float]:
    """From the reader's view of the page (upright, origin bottom left) to the page's own space.

    Shifted to its box's corner and turned against its /Rotate, so that the
    footer sits upright along the bottom edge the reader actually sees.
    """
    left, bottom, width, height = box.left, box.bottom, box.width, box.height
    rotate = box.rotate % 360
    if rotate == 90:
        return (0, 1, -1, 0, left + width, bottom)
    if rotate == 180:
        return (-1, 0, 0, -1, left + width, bottom + height)
    if rotate == 270:
        return (0, -1, 1, 0, left, bottom + height)
    return (1, 0, 0, 1, left, bottom)


class Footer:
    """Draws the footer; the name is cut into font runs once, not once per page."""

    def __init__(self, name: str) -> None:
        name = " ".join(name.split())
        if len(name) > FOOTER_NAME_LIMIT:  # the cover has the name in full; a footer is one line
            name = name[:FOOTER_NAME_LIMIT - 1].rstrip() + "…"
        self.name_runs = [(SANS, " ") if font == "\n" else (font, text) for font, text in runs(name)] if name else []

    def _line(self, page: int, total: int, width: float) -> tuple[list[tuple[str, str]], float, float]:
        """(font runs, type size, left edge) of the footer centred on a page `width` wide."""
        rest = f"Reference pack · page {page} of {total}"
        pieces = [*self.name_runs, (SANS, f" · {rest}")] if self.name_runs else [(SANS, rest)]
        size = FOOTER_SIZE
        measured = sum(stringWidth(text, font, size) for font, text in pieces)
        # Narrow pages (a small certificate) get a narrower margin, then smaller type.
        room = width - 2 * min(MARGIN_LEFT, width * 0.08)
        if measured > room > 0:
            size, measured = size * room / measured, room
        return pieces, size, (width - measured) / 2

    def draw(self, canvas: Canvas, page: int, total: int, width: float) -> None:
        """Centred along the bottom of a page `width` wide, in the canvas's current space."""
        pieces, size, left = self._line(page, total, width)
        line = canvas.beginText(left, FOOTER_FROM_BOTTOM)
        line.setFillColor(MUTED)
        for font, text in pieces:
            line.setFont(font, size)
            line.textOut(text)
        canvas.drawText(line)

    def content_stream(self, doc: object, box: PageBox, page: int, total: int) -> tuple[bytes, set[str]]:
        """The footer of an appended page as PDF content, and the font names it uses.

        Written directly rather than as a ReportLab page or form: a hundred
        appended pages would otherwise mean a hundred objects for ReportLab to
        write and pypdf to read back and copy. The text is encoded by ReportLab
        for `doc` (its documented `splitString` / `getSubsetInternalName`), so the
        fonts it names are the ones that document embeds. Names are given with
        `FONT_PREFIX`; the caller maps them to the fonts.
        """
        seen_width = box.height if box.rotate % 360 in (90, 270) else box.width
        pieces, size, left = self._line(page, total, seen_width)
        red, green, blue = MUTED.rgb()
        matrix = " ".join(f"{v:.4f}" for v in _matrix(box))
        parts = [f"q {matrix} cm {red:.4f} {green:.4f} {blue:.4f} rg BT 1 0 0 1 {left:.3f} "
                 f"{FOOTER_FROM_BOTTOM:.3f} Tm".encode()]
        names: set[str] = set()
        for font_name, text in pieces:
            font = pdfmetrics.getFont(font_name)
            for subset, chunk in font.splitString(text, doc):
                internal = font.getSubsetInternalName(subset, doc)[1:]
                names.add(internal)
                parts.append(f"/{FONT_PREFIX}{internal} {size:.3f} Tf ".encode() + _pdf_string(chunk) + b" Tj")
        parts.append(b"ET Q")
        return b"\n".join(parts), names
