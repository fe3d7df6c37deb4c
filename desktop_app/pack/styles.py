"""The pack's look: page geometry, colours and paragraph styles, in one place."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from desktop_app.pack.fonts import MONO, SANS, SANS_BOLD, register_fonts

PAGE_SIZE = A4
MARGIN_LEFT = MARGIN_RIGHT = 22 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 24 * mm
FOOTER_FROM_BOTTOM = 10 * mm
TEXT_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT

# A calm, dark blue-green: prints well in colour and in greyscale.
ACCENT = colors.HexColor("#1F5C70")
INK = colors.HexColor("#1B1F23")
MUTED = colors.HexColor("#5B6670")
RULE = colors.HexColor("#CCD5DB")
TINT = colors.HexColor("#EEF3F5")
MUTED_HEX = "#5B6670"
ACCENT_HEX = "#1F5C70"


def _style(name: str, **values: object) -> ParagraphStyle:
    base = {"fontName": SANS, "fontSize": 9, "leading": 13, "textColor": INK}
    base.update(values)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


class Styles:
    """Paragraph styles, built after the fonts are registered."""

    def __init__(self) -> None:
        register_fonts()
        self.body = _style("body")
        self.muted = _style("muted", fontSize=8, leading=11.5, textColor=MUTED)
        self.strong = _style("strong", fontName=SANS_BOLD, fontSize=9.5, leading=13.5)
        self.mono = _style("mono", fontName=MONO, fontSize=7.6, leading=10.5, textColor=INK)
        self.cell_head = _style("cell_head", fontName=SANS_BOLD, fontSize=7.5, leading=10, textColor=MUTED)
        self.heading = _style(
            "heading", fontName=SANS_BOLD, fontSize=15, leading=19, textColor=ACCENT,
            spaceAfter=3 * mm, keepWithNext=1,
        )
        self.intro = _style("intro", fontSize=9, leading=13, textColor=MUTED, spaceAfter=4 * mm)
        self.cover_label = _style("cover_label", fontName=SANS_BOLD, fontSize=10, leading=14, textColor=ACCENT)
        self.cover_name = _style("cover_name", fontName=SANS_BOLD, fontSize=28, leading=34, spaceBefore=2 * mm,
                                 spaceAfter=4 * mm)
        self.cover_contact = _style("cover_contact", fontSize=11, leading=16, textColor=MUTED)
        self.cover_title = _style("cover_title", fontSize=20, leading=26, spaceAfter=2 * mm)
        self.cover_for = _style("cover_for", fontSize=12, leading=17)
        self.cover_date = _style("cover_date", fontSize=11, leading=16, textColor=MUTED, spaceBefore=1 * mm)
        self.contents = _style("contents", fontSize=10.5, leading=15)
        self.contents_page = _style("contents_page", fontSize=10.5, leading=15, alignment=2, textColor=MUTED)
        self.footer = _style("footer", fontSize=7.5, leading=9, textColor=MUTED, alignment=1)
