"""The footer on every page: "Sam Taylor · Reference pack · page 7 of 23".

Drawn as plain text runs on a canvas (no Paragraph: it is drawn a hundred times
per pack). The pack's own pages draw it as a form filled in once the page count
is known; appended documents keep their pages untouched, so their footers are
drawn on overlay pages that `build.py` stamps on top (see `stamp.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop_app.pack.fonts import SANS, runs
from desktop_app.pack.styles import FOOTER_FROM_BOTTOM, MARGIN_LEFT, MUTED

FOOTER_SIZE = 7.5


@dataclass(frozen=True)
class PageBox:
    """Where an appended page is seen: its visible box and its /Rotate."""

    left: float
    bottom: float
    width: float
    height: float
    rotate: int = 0


def footer_text(name: str, page: int, total: int) -> str:
    """The footer as plain text (what the text layer gives back)."""
    return f"{name} · Reference pack · page {page} of {total}"


class Footer:
    """Draws the footer; the name is cut into font runs once, not once per page."""

    def __init__(self, name: str) -> None:
        self.name_runs = [(SANS, " ") if font == "\n" else (font, text) for font, text in runs(name)]

    def draw(self, canvas: Canvas, page: int, total: int, width: float) -> None:
        """Centred along the bottom of a page `width` wide, in the canvas's current space."""
        pieces = [*self.name_runs, (SANS, f" · Reference pack · page {page} of {total}")]
        size = FOOTER_SIZE
        measured = sum(stringWidth(text, font, size) for font, text in pieces)
        # Narrow pages (a small certificate) get a narrower margin, then smaller type.
        room = width - 2 * min(MARGIN_LEFT, width * 0.08)
        if measured > room > 0:
            size, measured = size * room / measured, room
        line = canvas.beginText((width - measured) / 2, FOOTER_FROM_BOTTOM)
        line.setFillColor(MUTED)
        for font, text in pieces:
            line.setFont(font, size)
            line.textOut(text)
        canvas.drawText(line)

    def draw_on(self, canvas: Canvas, box: PageBox, page: int, total: int) -> None:
        """Draw in an appended page's own coordinates.

        Shifted to its box's corner and turned against its /Rotate, so that the
        footer sits upright along the bottom edge the reader actually sees.
        """
        canvas.saveState()
        canvas.translate(box.left, box.bottom)
        rotate = box.rotate % 360
        if rotate == 90:
            canvas.translate(box.width, 0)
            canvas.rotate(90)
        elif rotate == 180:
            canvas.translate(box.width, box.height)
            canvas.rotate(180)
        elif rotate == 270:
            canvas.translate(0, box.height)
            canvas.rotate(-90)
        self.draw(canvas, page, total, box.height if rotate in (90, 270) else box.width)
        canvas.restoreState()
