"""The job-search activity report as a PDF: ReportLab, in the pack's fonts, colours and type.

Landscape A4 (seven columns of names need the width). The first page carries the
user's name and contact details, the period and the summary; the table follows,
its header row repeated on every page, and every page ends with
"Sam Taylor · Job-search activity report · page 3 of 12". Page totals are drawn as
forms filled in once the layout is done, as the pack does (``flowables.PackTemplate``).

Thousands of rows must lay out in well under a second (``bench/report.py``), so the
table is not a ReportLab ``Table`` (splitting one re-measures every row left, page
after page, and drawing one measures every cell again): each row is measured once,
:class:`_Rows` cuts the list at a page's height and draws its rows itself. Cells are
plain text lines written into one text object per page; only text that needs another
font, or a word wider than its column, is a ``Paragraph``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle,
)

from desktop_app.files import atomic_write
from desktop_app.pack.bidi import BidiParagraph, has_rtl
from desktop_app.pack.fonts import SANS, describe_missing, markup, runs
from desktop_app.pack.styles import (
    FOOTER_FROM_BOTTOM,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_TOP,
    MUTED,
    PAGE_SIZE,
    RULE,
    TINT,
    Styles,
)
from desktop_app.progress import Cancelled, CancelledFn, ProgressFn

REPORT_PAGE = landscape(PAGE_SIZE)
TABLE_WIDTH = REPORT_PAGE[0] - 2 * MARGIN_LEFT
FRAME_HEIGHT = REPORT_PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM
#: Points of padding inside a table cell, left/right and top/bottom.
PAD_X, PAD_Y = 3, 2.5
#: The longest text a cell prints, in characters: a row always fits on a page.
CELL_LIMIT = 400
#: Rows measured between two progress reports.
ROWS_PER_STEP = 250
FOOTER_SIZE = 7.5


@dataclass(frozen=True)
class ActivityReportDocument:
    """What the report shows, as plain text in the reader's language (see ``services/report``).

    ``details`` and ``summary`` are (label, text) lines; ``headings`` and each of ``rows`` hold
    one text per column; ``widths`` are the columns' shares of the table width; ``page_format``
    has ``{page}`` and ``{total}``.
    """

    title: str
    name: str
    contact_lines: tuple[str, ...]
    details: tuple[tuple[str, str], ...]
    summary_heading: str
    summary: tuple[tuple[str, str], ...]
    table_heading: str
    headings: tuple[str, ...]
    widths: tuple[float, ...]
    rows: Sequence[Sequence[str]]
    empty_text: str
    page_format: str


@dataclass(frozen=True)
class ActivityReportResult:
    """What was written: the file, its pages, and the characters no font could print (named)."""

    path: Path
    pages: int
    unprintable: str = ""


class _TextCell:
    """A cell of plain text lines, each a list of (font, text) runs: drawn into the page's one text
    object by :class:`_Rows`, never as a flowable of its own."""

    __slots__ = ("lines", "style")

    def __init__(self, lines: list[list[tuple[str, str]]], style: ParagraphStyle) -> None:
        self.lines, self.style = lines, style


#: A table cell: plain text lines, or a paragraph (drawn as a flowable).
Cell = _TextCell | Paragraph | BidiParagraph


class _Rows(Flowable):
    """Table rows measured once, drawn cell by cell; split at a page's height, the header row repeated.

    ``rows`` hold (cell, cell height) pairs; ``heights`` each row's height with its padding.
    """

    def __init__(self, header: list[tuple[Cell, float]], rows: list[list[tuple[Cell, float]]],
                 heights: list[float], header_height: float, widths: list[float]) -> None:
        super().__init__()
        self.header, self.rows, self.heights = header, rows, heights
        self.header_height, self.widths = header_height, widths

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self.header_height + sum(self.heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room, fit = available_height - self.header_height, 0
        while fit < len(self.rows) and self.heights[fit] <= room:
            room -= self.heights[fit]
            fit += 1
        if fit == 0:
            return []  # not even one row under a header here: the next page
        return [self._part(0, fit), self._part(fit, len(self.rows))]

    def _part(self, start: int, end: int) -> "_Rows":
        return _Rows(self.header, self.rows[start:end], self.heights[start:end], self.header_height, self.widths)

    def draw(self) -> None:
        # Drawn directly rather than through a ReportLab Table, which measures every cell again
        # on every page; and every one-line cell goes into one text object per page, not a
        # flowable each (a saved and restored graphics state per cell costs more than its text).
        canvas = self.canv
        top = self.height
        canvas.saveState()
        canvas.setFillColor(TINT)
        canvas.rect(0, top - self.header_height, self.width, self.header_height, stroke=0, fill=1)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        lines = canvas.beginText()
        colour = None
        for cells, height in ((self.header, self.header_height), *zip(self.rows, self.heights)):
            x = 0.0
            for (cell, cell_height), width in zip(cells, self.widths):
                if isinstance(cell, _TextCell):
                    style = cell.style
                    if style.textColor != colour:
                        colour = style.textColor
                        lines.setFillColor(colour)
                    baseline = top - PAD_Y - style.fontSize
                    for line in cell.lines:
                        lines.setTextOrigin(x + PAD_X, baseline)
                        for font, piece in line:
                            lines.setFont(font, style.fontSize)
                            lines.textOut(piece)
                        baseline -= style.leading
                else:
                    cell.drawOn(canvas, x + PAD_X, top - PAD_Y - cell_height)
                x += width
            top -= height
            canvas.line(0, top, self.width, top)
        canvas.drawText(lines)
        canvas.restoreState()


class _ReportTemplate(BaseDocTemplate):
    """Landscape A4 pages whose footer is a form, drawn once the page count is known."""

    def __init__(self, buffer: io.BytesIO, document: ActivityReportDocument,
                 cancelled: CancelledFn | None) -> None:
        super().__init__(buffer, pagesize=REPORT_PAGE, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_LEFT,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=document.title,
                         author=document.name, subject=" · ".join(text for _label, text in document.details),
                         creator="Afterview")
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TABLE_WIDTH, FRAME_HEIGHT, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate("page", frames=[frame], onPage=self._on_page)])
        self.cancelled = cancelled
        self._doSave = 0  # ReportLab's switch: build() leaves the canvas open for the footers

    @staticmethod
    def _on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.doForm(f"footer{doc.page}")

    def afterPage(self) -> None:  # noqa: N802 (ReportLab's name)
        if self.cancelled is not None and self.cancelled():
            raise Cancelled("The activity report was not made: making it was cancelled.")


class _Builder:
    def __init__(self, document: ActivityReportDocument) -> None:
        self.document = document
        self.s = Styles()
        self.missing: set[str] = set()
        self.cell = ParagraphStyle("report_cell", parent=self.s.body, fontSize=7.5, leading=9.6, splitLongWords=1)
        self.head = ParagraphStyle("report_head", parent=self.s.cell_head, fontSize=7.5, leading=9.6,
                                   splitLongWords=1)
        self.title = ParagraphStyle("report_title", parent=self.s.heading, fontSize=18, leading=23)
        self.widths = [share * TABLE_WIDTH for share in document.widths]
        self._cells: dict[tuple[str, str, float], tuple[Cell, float]] = {}

    def text(self, value: str) -> str:
        return markup(value, self.missing)

    def para(self, value: str, style: ParagraphStyle) -> Flowable:
        """A paragraph of user text; right-to-left text wrapped, then reordered line by line."""
        if has_rtl(value):
            return BidiParagraph(value, style, self.missing)
        return Paragraph(self.text(value), style)

    def cell_flowable(self, value: str, style: ParagraphStyle, room: float) -> tuple[Cell, float]:
        """The cell for ``value`` and its height: plain text lines when it is one line, or plain
        ASCII that breaks between words; else a paragraph (other scripts, fallback fonts, words
        longer than the column).

        The same text in the same column is measured once (names and outcomes repeat a lot);
        the cell is shared, which is safe as every use has the same width.
        """
        key = (value, style.name, room)
        if key in self._cells:
            return self._cells[key]
        text = value if len(value) <= CELL_LIMIT else value[:CELL_LIMIT - 1].rstrip() + "…"
        plain = text.isascii() and text.isprintable()  # DejaVu has every printable ASCII character
        pieces = [(style.fontName, text)] if plain else runs(text, self.missing, style.fontName)
        made: tuple[Cell, float]
        if not plain and has_rtl(text):  # wrapped, then reordered line by line, aligned right
            bidi = BidiParagraph(text, style, self.missing)
            made = bidi, bidi.wrap(room, FRAME_HEIGHT)[1]
        elif all(font != "\n" for font, _ in pieces) and \
                sum(stringWidth(piece, font, style.fontSize) for font, piece in pieces) <= room:
            made = _TextCell([pieces], style), style.leading
        elif plain and all(stringWidth(word, style.fontName, style.fontSize) <= room for word in text.split()):
            # broken between words here: a Paragraph would parse markup and lay out again to draw
            lines = [[(style.fontName, line)] for line in simpleSplit(text, style.fontName, style.fontSize, room)]
            made = _TextCell(lines, style), style.leading * len(lines)
        else:
            paragraph = Paragraph(escape(text) if plain else self.text(text), style)
            made = paragraph, paragraph.wrap(room, FRAME_HEIGHT)[1]
        self._cells[key] = made
        return made

    def row(self, values: Sequence[str], style: ParagraphStyle) -> tuple[list[tuple[Cell, float]], float]:
        cells = [self.cell_flowable(value, style, width - 2 * PAD_X) for value, width in zip(values, self.widths)]
        return cells, max(height for _cell, height in cells) + 2 * PAD_Y

    def front(self) -> list[Flowable]:
        d = self.document
        flow: list[Flowable] = [self.para(d.title, self.title), self.para(d.name, self.s.cover_label)]
        for line in d.contact_lines:
            flow.append(self.para(line, self.s.muted))
        flow.append(Spacer(1, 3 * mm))
        facts = [[Paragraph(self.text(label), self.s.strong), self.para(text, self.s.body)]
                 for label, text in d.details]
        facts.append([Paragraph(self.text(d.summary_heading), self.s.strong),
                      Paragraph("<br/>".join(f"{self.text(label)}: <b>{self.text(value)}</b>"
                                             for label, value in d.summary), self.s.body)])
        flow.append(Table(facts, colWidths=[45 * mm, TABLE_WIDTH - 45 * mm], hAlign="LEFT", style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 0)])))
        flow.append(Spacer(1, 4 * mm))
        # the table's heading goes to the next page with the header and a few rows, never alone
        heading = ParagraphStyle("report_heading", parent=self.s.heading, keepWithNext=0)
        flow.append(CondPageBreak(heading.leading + heading.spaceAfter + 60 * mm))
        flow.append(Paragraph(self.text(d.table_heading), heading))
        return flow

    def table(self, progress: ProgressFn | None, cancelled: CancelledFn | None, steps: list[int]) -> Flowable:
        d = self.document
        if not d.rows:
            return Paragraph(self.text(d.empty_text), self.s.body)
        header, header_height = self.row(d.headings, self.head)
        rows, heights = [], []
        for number, values in enumerate(d.rows, start=1):
            cells, height = self.row(values, self.cell)
            rows.append(cells)
            heights.append(height)
            if number % ROWS_PER_STEP == 0:
                _advance(steps, progress, cancelled)
        return _Rows(header, rows, heights, header_height, self.widths)

    def footers(self, canvas: Canvas, pages: int) -> None:
        name = " ".join(self.document.name.split())
        if len(name) > 60:  # the first page has the name in full; a footer is one line
            name = name[:59].rstrip() + "…"
        lead = [(SANS, " ") if font == "\n" else (font, text) for font, text in runs(name)]
        for page in range(1, pages + 1):
            tail = f"{self.document.title} · {self.document.page_format.format(page=page, total=pages)}"
            pieces = [*lead, (SANS, " · " + tail)] if lead else [(SANS, tail)]
            width = sum(stringWidth(text, font, FOOTER_SIZE) for font, text in pieces)
            canvas.beginForm(f"footer{page}")
            line = canvas.beginText((REPORT_PAGE[0] - width) / 2, FOOTER_FROM_BOTTOM)
            line.setFillColor(MUTED)
            for font, text in pieces:
                line.setFont(font, FOOTER_SIZE)
                line.textOut(text)
            canvas.drawText(line)
            canvas.endForm()


def _advance(steps: list[int], progress: ProgressFn | None, cancelled: CancelledFn | None) -> None:
    """One step done of ``steps`` = [done, total]; reports it, then stops if the user cancelled."""
    steps[0] = min(steps[0] + 1, steps[1])
    if progress is not None:
        progress(steps[0], steps[1])
    if cancelled is not None and cancelled():
        raise Cancelled("The activity report was not made: making it was cancelled.")


def build_activity_report(document: ActivityReportDocument, out_path: Path | str,
                          progress: ProgressFn | None = None,
                          cancelled: CancelledFn | None = None) -> ActivityReportResult:
    """Write ``document`` as a PDF to ``out_path`` (replaced whole, mode 0600).

    ``progress(done, total)`` is called as rows are measured and pages laid out; ``cancelled()``
    is polled between steps and after every page. Raises ``desktop_app.progress.Cancelled`` or
    ``OSError`` (the folder cannot be written); then no file is left and an existing one is
    kept as it was. Characters no font has print as "?" and are named in the result.
    """
    out_path = Path(out_path)
    steps = [0, len(document.rows) // ROWS_PER_STEP + 2]
    builder = _Builder(document)
    story = builder.front()
    story.append(builder.table(progress, cancelled, steps))
    if builder.missing:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(builder.text(
            "Some characters cannot be shown in this report's fonts and are printed as “?”: "
            f"{describe_missing(builder.missing)}."), builder.s.muted))
    buffer = io.BytesIO()
    template = _ReportTemplate(buffer, document, cancelled)
    template.build(story)
    _advance(steps, progress, cancelled)
    canvas = template.canv
    pages = canvas.getPageNumber() - 1  # build() has ended the last page
    builder.footers(canvas, pages)
    canvas.save()
    with atomic_write(out_path) as handle:
        handle.write(buffer.getvalue())
    _advance(steps, progress, None)
    return ActivityReportResult(out_path, pages, describe_missing(builder.missing))
