"""The pack's own pages, laid out with ReportLab platypus in a single pass.

The cover's contents, the index's page ranges and every footer's "of 23" depend
on how many pages the layout takes. Rather than lay out twice, each of those
numbers is drawn as a form XObject that is referenced where it belongs and
filled in once the layout is done (ReportLab allows a form to be defined after
its use, before the file is saved). The numbers sit in fixed-width places, so
they cannot move the layout.

The footers of the appended pages are encoded against the same document, so
they use the fonts it embeds (see `footer.py`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from desktop_app.pack import wording
from desktop_app.pack.attachments import attachment_names
from desktop_app.pack.bidi import BidiParagraph, has_rtl
from desktop_app.pack.content import PackContent, PackDocument, PackQualification, PackReferee
from desktop_app.pack.flowables import Later, Line, PackTemplate, Paragraph, fill_later
from desktop_app.pack.fonts import MONO, SANS, SANS_BOLD, describe_missing, markup, runs
from desktop_app.pack.footer import Footer, PageBox
from desktop_app.pack.styles import ACCENT, ACCENT_HEX, PAGE_SIZE, RULE, Styles
from desktop_app.pack.verification import (
    AttachmentMark, attachment_line, is_link, qr_code, qualification_details, signature_sentence,
)

SECTIONS = ("cover", "referees", "qualifications", "index")
SECTION_TITLES = {
    "cover": "Cover",
    "referees": "Referees",
    "qualifications": "Qualifications",
    "index": "Document index",
}

REFEREE_WIDTHS = (58, 58, 50)  # mm; shared with the qualifications so their columns line up
QUALIFICATION_WIDTHS = (58, 58, 50)
INDEX_WIDTHS = (12, 126, 28)
CELL_PADDING = 10  # points to the right of every column but the last
#: Lines in one cell beyond which its row might not fit on a page (a page holds ~54).
HUGE_CELL_LINES = 40

_EMAIL = re.compile(r"^[^@\s\"<>]+@[^@\s\"<>]+$")
_URL = re.compile(r"^https?://[^\s\"<>]+$", re.IGNORECASE)


def _url_parts(link: str) -> list[str]:
    """``link`` cut where a line may break: after each "/" past the host, and before "?".

    "https://a.example/share/7Q2X?pin=1" → ["https://a.example/", "share/", "7Q2X", "?pin=1"].
    """
    scheme, _, rest = link.partition("://")
    head, slash, path = rest.partition("/")
    if not slash:
        return [link]
    path, mark, query = path.partition("?")
    parts = [f"{scheme}://{head}/"] + [piece + "/" for piece in path.split("/")[:-1]] + [path.split("/")[-1]]
    if mark:
        parts.append("?" + query)
    return [part for part in parts if part]


@dataclass
class Layout:
    """What the layout produced.

    `pdf` holds the pack's own `pages`; `stamps` the footer content stream
    of each appended page, with the font names it uses. Page numbers are
    1-based within the whole pack.
    """

    pdf: bytes
    pages: int
    total: int
    sections: dict[str, int]
    documents: list[tuple[int, int]]
    stamps: list[tuple[bytes, set[str]]]
    missing: set[str] = field(default_factory=set)
    #: document number -> (page, x, y) of its paperclip in the index (see `verification.AttachmentMark`)
    marks: dict[int, tuple[int, float, float]] = field(default_factory=dict)


def _lines_at_most(cell: list[Flowable]) -> int:
    """A generous count of the lines a cell can take, without laying it out.

    A column holds at least 20 characters a line; every line break is a line.
    """
    lines = 0
    for item in cell:
        text = getattr(item, "text", "")
        lines += 1 + text.count("<br/>") + len(text) // 20
    return lines


def _room(widths: Sequence[float], column: int) -> float:
    """Points available for text in a table column."""
    return widths[column] * mm - (CELL_PADDING if column < len(widths) - 1 else 0)


class _Story:
    """Builds the flowables; every user string passes through `fonts.markup`."""

    def __init__(self, content: PackContent, page_counts: Sequence[int], styles: Styles,
                 split_rows: bool = False) -> None:
        self.content = content
        self.page_counts = page_counts
        self.s = styles
        self.missing: set[str] = set()
        self.marks: dict[int, tuple[int, float, float]] = {}
        self.attachment_names = attachment_names(content.documents)
        #: lay tables out as stacked rows that break anywhere (the second try, see ``lay_out``)
        self.split_rows = split_rows

    def text(self, value: str | None, font: str = SANS) -> str:
        return markup(value, self.missing, font)

    def para(self, value: str | None, style_name: str, room: float | None = None) -> Flowable:
        """`value` in a style; as a `Line` when it is known to fit on one line in `room` points;
        right-to-left text as a `BidiParagraph` (wrapped, then reordered line by line, aligned right)."""
        style = getattr(self.s, style_name)
        if has_rtl(value):
            return BidiParagraph(value, style, self.missing)
        if room is not None and value:
            pieces = runs(value, self.missing, style.fontName)
            one_line = all(font != "\n" for font, _ in pieces)
            if one_line and sum(stringWidth(text, font, style.fontSize) for font, text in pieces) <= room:
                return Line(pieces, style)
        return Paragraph(self.text(value, style.fontName), style)

    def email(self, value: str | None) -> str:
        shown = self.text(value)
        if value and _EMAIL.match(value.strip()):
            href = escape(value.strip(), {'"': "&quot;"})
            return f'<link href="mailto:{href}" color="{ACCENT_HEX}">{shown}</link>'
        return shown

    def url(self, value: str | None, room: float | None = None, style_name: str = "body") -> str:
        """A web address as a link; any other text as is.

        With ``room`` (points), a long address is laid out in lines broken only after a "/"
        of its path or before its "?" (``_url_parts``), filled greedily; ReportLab alone cuts
        it anywhere. A single part wider than ``room`` is still cut by ReportLab (no choice).
        """
        shown = self.text(value)
        if value and room and _URL.match(value.strip()):
            style = getattr(self.s, style_name)
            lines: list[str] = []
            for part in _url_parts(value.strip()):
                if lines and stringWidth(lines[-1] + part, style.fontName, style.fontSize) <= room:
                    lines[-1] += part
                else:
                    lines.append(part)
            shown = "<br/>".join(self.text(line) for line in lines)
        if value and _URL.match(value.strip()):
            href = escape(value.strip(), {'"': "&quot;"})
            return f'<link href="{href}" color="{ACCENT_HEX}">{shown}</link>'
        return shown

    def heading(self, key: str) -> Paragraph:
        heading = Paragraph(escape(SECTION_TITLES[key]), self.s.heading)
        heading.section_key = key  # type: ignore[attr-defined]
        return heading

    # -- cover ---------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        c, s = self.content, self.s
        profile = c.profile
        flow: list[Flowable] = [Spacer(1, 22 * mm)]
        label = Paragraph("Reference pack", s.cover_label)
        label.section_key = "cover"  # type: ignore[attr-defined]
        flow += [label, self.para(profile.name, "cover_name")]
        contact = [self.email(profile.email), self.text(wording.phone_for_dialling(profile.phone)),
                   self.url(profile.linkedin)]
        flow += [Paragraph(line, s.cover_contact) for line in contact if line]
        if profile.location:
            flow.append(self.para(profile.location, "cover_contact"))
        flow += [Spacer(1, 16 * mm), HRFlowable(width=36 * mm, thickness=2.2, color=ACCENT, hAlign="LEFT",
                                               spaceAfter=6 * mm),
                 Paragraph("Referees and qualifications", s.cover_title)]
        if c.role and c.organisation:
            line = f"For the role of <b>{self.text(c.role)}</b> at <b>{self.text(c.organisation)}</b>"
        elif c.role:
            line = f"For the role of <b>{self.text(c.role)}</b>"
        elif c.organisation:
            line = f"For <b>{self.text(c.organisation)}</b>"
        else:
            line = ""
        if line:
            flow.append(Paragraph(line, s.cover_for))
        flow += [Paragraph(escape(wording.date_in_words(c.made_on)), s.cover_date), Spacer(1, 20 * mm)]
        flow += [Paragraph("CONTENTS", s.cell_head), Spacer(1, 2 * mm), self.contents(), Spacer(1, 14 * mm)]
        flow.append(Paragraph(
            "To check this pack without Afterview, open the attachments panel (the paperclip) of any PDF "
            "reader: each document is attached as the original file, unchanged, with its SHA-256 fingerprint "
            "in the document index. A digitally signed original keeps its signature: open it in a reader that "
            "checks signatures (e.g. Adobe Acrobat Reader), or ask the issuer, to see who signed it.",
            s.muted))
        flow.append(PageBreak())
        return flow

    def contents(self) -> Table:
        s = self.s
        rows = [[Paragraph(escape(SECTION_TITLES[key]), s.contents), Later(f"section-{key}", s.contents_page, "right")]
                for key in SECTIONS[1:]]
        if self.page_counts:
            rows.append([Paragraph(f"Attached documents ({len(self.page_counts)})", s.contents),
                         Later("documents-all", s.contents_page, "right")])
        table = Table(rows, colWidths=[90 * mm, 30 * mm], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
            ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))
        return table

    # -- tables --------------------------------------------------------------

    def table(self, header: Sequence[str], rows: list[list[list[Flowable]]],
              widths: Sequence[float]) -> Table | list[Flowable]:
        if self.split_rows:
            return self.stacked(header, rows)
        head = [Paragraph(escape(title.upper()), self.s.cell_head) for title in header]
        # Rows stay whole (a referee is never split over two pages) unless a cell
        # holds so much text that its row could be taller than a page; then the
        # rows of that table may break, rather than the whole build failing.
        huge = any(_lines_at_most(cell) > HUGE_CELL_LINES for row in rows for cell in row)
        table = Table([head, *rows], colWidths=[w * mm for w in widths], repeatRows=1, hAlign="LEFT",
                      splitInRow=int(3 * self.s.body.leading) if huge else 0)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 1.1, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 0),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
            ("TOPPADDING", (0, 1), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 8),
        ]))
        return table

    def stacked(self, header: Sequence[str], rows: list[list[list[Flowable]]]) -> list[Flowable]:
        """The rows one under another, each cell under its column title: every piece can
        break across pages, so no amount of text can make the layout fail."""
        flow: list[Flowable] = []
        for row in rows:
            flow.append(HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=4, spaceAfter=6))
            for title, cell in zip(header, row):
                flow += [Paragraph(escape(title.upper()), self.s.cell_head), *cell, Spacer(1, 2 * mm)]
        return flow

    def section(self, key: str, intro: str, table: Table | list[Flowable] | None, empty: str) -> list[Flowable]:
        flow: list[Flowable] = [CondPageBreak(60 * mm), self.heading(key)]
        if table is None:
            return [*flow, Paragraph(escape(empty), self.s.body), Spacer(1, 10 * mm)]
        body = table if isinstance(table, list) else [table]
        return [*flow, Paragraph(intro, self.s.intro), *body, Spacer(1, 11 * mm)]

    def referee_row(self, referee: PackReferee) -> list[list[Flowable]]:
        s = self.s
        room = [_room(REFEREE_WIDTHS, column) for column in range(3)]
        who = [self.para(referee.name, "strong", room[0]),
               self.para(wording.relationship_in_words(referee.relationship, referee.worked_together), "body",
                         room[0])]
        role = ", ".join(part for part in (referee.title.strip(), referee.organisation.strip()) if part)
        if role:
            who.append(self.para(role, "muted", room[0]))
        reach: list[Flowable] = []
        if referee.email:
            reach.append(Paragraph(self.email(referee.email), s.body))
        if referee.phone:
            reach.append(self.para(wording.phone_for_dialling(referee.phone, referee.country), "body", room[1]))
        reach.append(self.para(wording.channel_in_words(referee.preferred_channel), "muted", room[1]))
        zone, *hours = wording.calling_hours(referee.time_zone, self.content.made_on)
        when = [self.para(zone, "body", room[2]), *(self.para(line, "muted", room[2]) for line in hours)]
        answer = "yes" if referee.online_questionnaire else "no"
        when.append(Paragraph(f'Online questionnaire: <font name="{SANS_BOLD}">{answer}</font>', s.muted))
        return [who, reach, when]

    def qualification_row(self, qualification: PackQualification) -> list[list[Flowable]]:
        room = [_room(QUALIFICATION_WIDTHS, column) for column in range(3)]
        what = [self.para(qualification.title, "strong", room[0])]
        if qualification.level:
            what.append(self.para(qualification.level, "muted", room[0]))
        if qualification.grade:
            what.append(Paragraph(f"Grade: {self.text(qualification.grade)}", self.s.body))
        where = [self.para(qualification.institution, "body", room[1])]
        dates = wording.dates_in_words(qualification.started_on, qualification.awarded_on)
        if dates:
            where.append(self.para(dates, "muted", room[1]))
        verify: list[Flowable] = [Paragraph(self.url(qualification.verify, room[2]) or "–", self.s.body)]
        if is_link(qualification.verify):
            verify.append(qr_code(qualification.verify))
        verify += [self.para(line, "muted", room[2])
                   for line in qualification_details(qualification, self.content.made_on)]
        return [what, where, verify]

    def document_row(self, number: int, document: PackDocument, count: int) -> list[list[Flowable]]:
        s = self.s
        title = f'<font name="{SANS_BOLD}">{escape(wording.kind_in_words(document.kind))}</font>'
        rtl_title = has_rtl(document.qualification_title)  # its own paragraph: wrapped, then reordered
        if document.qualification_title and not rtl_title:
            title += f" – {self.text(document.qualification_title)}"
        # The file name is the attachment's: the original, attached unchanged (`attachments.py`).
        attached = self.text(attachment_line(self.attachment_names[number - 1], document.original_name))
        detail = f"{attached} · {count} page{'s' if count != 1 else ''} · SHA-256:"
        what = [Paragraph(title, s.body)]
        if rtl_title:
            what.append(self.para(document.qualification_title, "body"))
        what += [Paragraph(detail, s.muted), Paragraph(escape(document.sha256.lower()), s.mono)]
        # a signer's name may be Arabic or Hebrew inside the English sentence: wrapped before reordering
        what += [self.para(signature_sentence(sig), "muted") for sig in document.signatures]
        mark = AttachmentMark(number, self.marks)
        return [[Paragraph(str(number), s.body), mark], what, [Later(f"range{number}", s.body)]]

    # -- the whole -----------------------------------------------------------

    def flowables(self) -> list[Flowable]:
        c, made_on = self.content, wording.date_in_words(self.content.made_on)
        flow = self.cover()
        referees = (self.table(("Referee", "How to reach", "When to call"),
                               [self.referee_row(r) for r in c.referees], REFEREE_WIDTHS)
                    if c.referees else None)
        flow += self.section(
            "referees", f"Calling hours are office hours in each referee's own time zone; "
                        f"UTC offsets are as on {escape(made_on)}.",
            referees, "No referees are included in this pack.")
        qualifications = (self.table(("Qualification", "Institution and dates", "How to verify"),
                                     [self.qualification_row(q) for q in c.qualifications], QUALIFICATION_WIDTHS)
                          if c.qualifications else None)
        flow += self.section("qualifications", "Each qualification can be checked with the issuer as shown.",
                             qualifications, "No qualifications are included in this pack.")
        documents = (self.table(("No.", "Document", "In this pack"),
                                [self.document_row(i, d, n) for i, (d, n)
                                 in enumerate(zip(c.documents, self.page_counts), start=1)],
                                INDEX_WIDTHS)
                     if c.documents else None)
        flow += self.section(
            "index", "The documents follow in this order, each page as issued. Any file can be checked "
                     "against its fingerprint with, for example, <font name=\"" + MONO + "\">sha256sum</font>.",
            documents, "No documents are attached to this pack.")
        if self.missing:
            flow.append(Paragraph(
                "Some characters in the names or details above cannot be shown in this pack's fonts and "
                f"are printed as “?”: {escape(describe_missing(self.missing))}.", self.s.muted))
        return flow


def _build(content: PackContent, page_counts: Sequence[int], *,
           split_rows: bool) -> tuple["PackTemplate", _Story, io.BytesIO, Styles]:
    styles = Styles()
    story = _Story(content, page_counts, styles, split_rows)
    buffer = io.BytesIO()
    doc = PackTemplate(buffer)
    doc.build(story.flowables())
    return doc, story, buffer, styles


def lay_out(content: PackContent, page_counts: Sequence[int], boxes: Sequence[PageBox], footer: Footer) -> Layout:
    """Lay out the pack's own pages, then fill in the numbers and draw the overlays.

    `page_counts` are the appended documents' page counts, in order; `boxes`
    are their pages' boxes, one per appended page.
    """
    try:
        doc, story, buffer, styles = _build(content, page_counts, split_rows=False)
    except LayoutError:
        # The estimate of which rows could outgrow a page missed one (text such as a
        # long run of line breaks): lay out again with every row allowed to break.
        doc, story, buffer, styles = _build(content, page_counts, split_rows=True)
    canvas = doc.canv
    pages = canvas.getPageNumber() - 1  # build() has ended the last page
    total = pages + sum(page_counts)

    ranges, start = [], pages + 1
    for count in page_counts:
        ranges.append((start, start + count - 1))
        start += count
    sections = dict(doc.section_pages)
    for page in range(1, pages + 1):
        canvas.beginForm(f"footer{page}")
        footer.draw(canvas, page, total, PAGE_SIZE[0])
        canvas.endForm()
    for key in SECTIONS[1:]:
        fill_later(canvas, f"section-{key}", wording.page_range(sections[key], sections[key]), styles.contents_page,
              "right")
    if ranges:
        fill_later(canvas, "documents-all", wording.page_range(ranges[0][0], ranges[-1][1]), styles.contents_page,
              "right")
    for number, (first, last) in enumerate(ranges, start=1):
        fill_later(canvas, f"range{number}", wording.page_range(first, last), styles.body)

    # Encoded before save(): ReportLab embeds exactly the characters used by then.
    stamps = [footer.content_stream(canvas._doc, box, pages + 1 + offset, total)  # noqa: SLF001
              for offset, box in enumerate(boxes)]
    canvas.save()
    return Layout(buffer.getvalue(), pages, total, sections, ranges, stamps, story.missing, story.marks)
