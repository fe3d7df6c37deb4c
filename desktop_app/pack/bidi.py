"""Right-to-left text (Arabic, Hebrew) laid out in lines: wrapped first, then each line reordered.

A PDF draws glyphs left to right. ReportLab's ``Paragraph`` wraps the text it is given,
so text put in visual order *before* wrapping (the whole paragraph reversed) wraps
from its visual start — the last words of an Arabic sentence land on the first line —
and it is left-aligned. The Unicode Bidirectional Algorithm (UAX #9) says the other
way round: lines are broken on the text in logical order, and reordering is applied
to each line (UAX #9 §3.4, rule L1–L2 "on a line-by-line basis"). So here:

1. the paragraph direction is that of its first strong letter (UAX #9 rules P2–P3);
2. the logical text is wrapped greedily between words, measured as it will be drawn
   (Arabic shaped into its joined presentation forms by arabic-reshaper: shaping never
   crosses a space, so a line is as wide as its words plus its spaces);
3. each line is reordered by python-bidi with the paragraph's direction, so a Latin
   word opening a line of an Arabic paragraph stays in its place;
4. a right-to-left paragraph is aligned right, a left-to-right one left.

:class:`BidiParagraph` is the flowable for one such text in one style;
:func:`wrap_lines` gives its lines for callers that draw lines themselves.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop_app.pack.fonts import clean, font_runs

#: Bidirectional classes of right-to-left letters (UAX #9): Hebrew is R, Arabic script AL.
_RIGHT_TO_LEFT = {"R", "AL"}


def has_rtl(text: str | None) -> bool:
    """Whether ``text`` holds any right-to-left letter (and so needs this module's layout)."""
    return bool(text) and any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in text)


def is_rtl(text: str) -> bool:
    """The paragraph direction of ``text`` (UAX #9 rules P2–P3): right to left when its first
    strong letter (bidirectional class L, R or AL) is R or AL; left to right otherwise,
    a text without strong letters included."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in _RIGHT_TO_LEFT:
            return True
    return False


#: How many words and lines the pure steps below remember (shaping, reordering, measuring):
#: a greedy wrap measures each word again for every line it is tried on.
_KEPT = 4096


@lru_cache(maxsize=_KEPT)
def visual_line(line: str, rtl: bool) -> str:
    """One line (no line break in it) shaped and in drawing order, in a paragraph of direction ``rtl``."""
    if not has_rtl(line):
        return line  # nothing to reorder: digits and Latin keep their order in an LTR paragraph
    import arabic_reshaper  # here: only text with right-to-left letters needs these
    from bidi import get_display

    if any(unicodedata.bidirectional(char) == "AL" for char in line):
        line = arabic_reshaper.reshape(line)
    return get_display(line, base_dir="R" if rtl else "L")


@dataclass(frozen=True)
class BidiLine:
    """One wrapped line: (font, text) runs in drawing order, its width in points, and whether
    it belongs to a right-to-left paragraph (then it is aligned right)."""

    runs: tuple[tuple[str, str], ...]
    width: float
    rtl: bool


@lru_cache(maxsize=_KEPT)
def _width(text: str, font: str, size: float) -> float:
    # points; characters no font has are measured as the "?" drawn instead (not reported here)
    return sum(stringWidth(piece, name, size) for name, piece in font_runs(text, None, font))


@lru_cache(maxsize=_KEPT)
def _shaped(word: str) -> str:
    if any(unicodedata.bidirectional(char) == "AL" for char in word):
        import arabic_reshaper

        return arabic_reshaper.reshape(word)
    return word


def wrap_lines(text: str | None, font: str, size: float, width: float,
               missing: set[str] | None = None) -> list[BidiLine]:
    """``text`` (user text, cleaned here) wrapped to ``width`` points in ``font`` at ``size`` points.

    Each hard line break starts a paragraph, with its own direction (UAX #9 P1). Lines
    break between words (spaces); a word wider than ``width`` is cut between characters.
    Characters no font has become "?" and are added to ``missing``, as :func:`fonts.runs` does.
    """
    lines: list[BidiLine] = []
    for paragraph in clean(text).split("\n"):
        rtl = is_rtl(paragraph)
        space = stringWidth(" ", font, size)
        logical: list[str] = []
        current, current_width = "", 0.0
        for word in paragraph.split(" "):
            word_width = _width(_shaped(word), font, size)
            if current and current_width + space + word_width <= width:
                current, current_width = f"{current} {word}", current_width + space + word_width
                continue
            if current or logical:
                logical.append(current)
            while word_width > width and len(word) > 1:  # longer than a line: cut between characters
                cut = len(word) - 1
                while cut > 1 and _width(_shaped(word[:cut]), font, size) > width:
                    cut -= 1
                logical.append(word[:cut])
                word = word[cut:]
                word_width = _width(_shaped(word), font, size)
            current, current_width = word, word_width
        logical.append(current)
        for line in logical:
            runs = tuple(font_runs(visual_line(line, rtl), missing, font))
            lines.append(BidiLine(runs, sum(stringWidth(piece, name, size) for name, piece in runs), rtl))
    return lines


class BidiParagraph(Flowable):
    """User text in one style, wrapped in logical order and reordered line by line (module doc).

    Drawn as plain text runs (never parsed as markup); a right-to-left paragraph is aligned
    right in the width it is given. It sits where a ``Paragraph`` of the same style would:
    first baseline ``fontSize`` below its top, lines ``leading`` apart; it splits between
    lines at a page end.
    """

    def __init__(self, text: str | None, style: ParagraphStyle, missing: set[str] | None = None,
                 lines: list[BidiLine] | None = None) -> None:
        super().__init__()
        self.text = clean(text)  # also read by the pack's estimate of a cell's height
        self.style, self.missing, self.lines = style, missing, lines
        self.fixed = lines is not None  # a part of a split: its lines were wrapped for its width
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if not self.fixed and (self.lines is None or self.width != available_width):
            self.lines = wrap_lines(self.text, self.style.fontName, self.style.fontSize, available_width,
                                    self.missing)
        self.width = available_width
        self.height = self.style.leading * len(self.lines)
        return available_width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        assert self.lines is not None
        fits = int(available_height // self.style.leading)
        if fits <= 0 or fits >= len(self.lines):
            return []
        first = BidiParagraph(self.text, self.style, self.missing, self.lines[:fits])
        rest = BidiParagraph(self.text, self.style, self.missing, self.lines[fits:])
        first.spaceAfter = rest.spaceBefore = 0
        return [first, rest]

    def draw(self) -> None:
        assert self.lines is not None
        text = self.canv.beginText()
        text.setFillColor(self.style.textColor)
        baseline = self.height - self.style.fontSize
        for line in self.lines:
            text.setTextOrigin(self.width - line.width if line.rtl else 0, baseline)
            for font, piece in line.runs:
                text.setFont(font, self.style.fontSize)
                text.textOut(piece)
            baseline -= self.style.leading
        self.canv.drawText(text)
