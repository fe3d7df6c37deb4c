"""The flowables and page template the pack's own pages are laid out with.

`Later` holds a place for text known only once the layout is done (a page
number) and `fill_later` supplies it; `Line` is a short plain-text table cell;
`Paragraph` is ReportLab's, remembering its line breaks; `PackTemplate` is the A4
page with its footer, and notes where sections start.
"""

from __future__ import annotations

import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus import Paragraph as _ReportLabParagraph

from desktop_app.pack.styles import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_TOP, PAGE_SIZE, TEXT_WIDTH


class Paragraph(_ReportLabParagraph):
    """ReportLab's ``Paragraph`` (markup, style, output unchanged) that breaks its lines once
    per width.

    A table asks every cell for its size when it measures its rows, again when it splits
    at a page end and again when it draws (``Table._calc_height``, ``split``,
    ``_listCellGeom``): three line breakings of the same text at the same width, ~60 % of
    all the wraps of a pack's pages (bench/pack.py). ReportLab's ``wrap`` depends only on
    the width (the available height is not read) and sets ``blPara``, ``width`` and
    ``height``; so a wrap at the width of the last one, with its ``blPara`` still in place,
    returns the same size without breaking the lines again. Sizes are in points.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        memo = self.__dict__.get("_wrapped")
        if memo is not None and memo[0] == availWidth and memo[1] is self.__dict__.get("blPara"):
            self.width = availWidth
            self.height = memo[2]
            return availWidth, memo[2]
        size = super().wrap(availWidth, availHeight)
        broken = self.__dict__.get("blPara")
        if broken is not None and self.width == availWidth:  # not ReportLab's "cannot fit here"
            self._wrapped = (availWidth, broken, self.height)
        return size


class Later(Flowable):
    """Text known only when the layout is done: a form filled in at the end."""

    def __init__(self, name: str, style: ParagraphStyle, align: str = "left") -> None:
        super().__init__()
        self.name, self.style, self.align = name, style, align

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.style.leading

    def draw(self) -> None:
        # Where a Paragraph of this style puts its first baseline.
        x = self.width if self.align == "right" else 0
        self.canv.saveState()
        self.canv.translate(x, self.style.leading - self.style.fontSize)
        self.canv.doForm(self.name)
        self.canv.restoreState()


class Line(Flowable):
    """One line of plain text that fits its column, drawn as it is.

    Most table cells are a short line ("Prefers email", "+44 113 496 0000"):
    parsing each as Paragraph markup and wrapping it again at every table
    split cost more than the rest of the layout. Plain text runs are drawn as
    text, so nothing in them can act as markup; it sits on the baseline a
    Paragraph of the same style would use.
    """

    def __init__(self, pieces: list[tuple[str, str]], style: ParagraphStyle) -> None:
        super().__init__()
        self.pieces, self.style = pieces, style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, self.style.leading

    def draw(self) -> None:
        line = self.canv.beginText(0, self.style.leading - self.style.fontSize)
        line.setFillColor(self.style.textColor)
        for font, text in self.pieces:
            line.setFont(font, self.style.fontSize)
            line.textOut(text)
        self.canv.drawText(line)


def fill_later(canvas: Canvas, name: str, text: str, style: ParagraphStyle, align: str = "left") -> None:
    canvas.beginForm(name, -400, -50, 400, 50)
    canvas.setFont(style.fontName, style.fontSize)
    canvas.setFillColor(style.textColor)
    if align == "right":
        canvas.drawRightString(0, 0, text)
    else:
        canvas.drawString(0, 0, text)
    canvas.endForm()


class PackTemplate(BaseDocTemplate):
    """Records the page each section heading lands on; leaves the canvas open."""

    def __init__(self, buffer: io.BytesIO) -> None:
        super().__init__(buffer, pagesize=PAGE_SIZE, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_LEFT,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM)
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TEXT_WIDTH, PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate("page", frames=[frame], onPage=self._on_page)])
        self.section_pages: dict[str, int] = {}
        # ReportLab's own switch: build() then leaves the canvas unsaved, so the
        # forms and overlays can be added once the page count is known.
        self._doSave = 0

    @staticmethod
    def _on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.doForm(f"footer{doc.page}")

    def afterFlowable(self, flowable: Flowable) -> None:
        key = getattr(flowable, "section_key", None)
        if key:
            self.section_pages.setdefault(key, self.page)
