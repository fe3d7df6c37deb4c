"""Right-to-left text wrapped in logical order and reordered line by line (issue 15, case 6)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from desktop_app.pack.bidi import BidiParagraph, is_rtl, wrap_lines
from desktop_app.pack.fonts import SANS, register_fonts
from desktop_app.pack.styles import Styles

#: "Maryam Al-Hassan, head of the data analysis department at King Abdulaziz University in Jeddah"
ARABIC = "مريم الحسن رئيسة قسم تحليل البيانات في جامعة الملك عبد العزيز بجدة"
#: "Senior engineer in the data department of Tel Aviv University, the faculty of exact sciences"
HEBREW = "מהנדס בכיר במחלקת הנתונים של אוניברסיטת תל אביב הפקולטה למדעים מדויקים"
MIXED = "Senior analyst at شركة البيانات العربية المتحدة للاستشارات"


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()  # the widths are the pack's fonts'


def _read(line) -> str:  # type: ignore[no-untyped-def]
    """A right-to-left line as a reader reads it: presentation forms back to letters, right to left."""
    return unicodedata.normalize("NFKC", "".join(text for _font, text in line.runs))[::-1]


def test_the_paragraph_direction_is_that_of_the_first_strong_letter() -> None:
    assert is_rtl(ARABIC) and is_rtl(HEBREW) and is_rtl("123 " + HEBREW)
    assert not is_rtl(MIXED) and not is_rtl("123") and not is_rtl("")


def test_a_long_arabic_text_wraps_with_its_first_words_on_the_first_line() -> None:
    lines = wrap_lines(ARABIC, SANS, 9, 120)
    assert len(lines) >= 3 and all(line.rtl for line in lines)
    assert all(line.width <= 120 for line in lines)
    read = [_read(line) for line in lines]
    assert read[0].startswith("مريم الحسن")  # the first logical words, at the top
    assert read[-1].endswith("بجدة")
    assert " ".join(read) == ARABIC  # every word once, in order, line after line
    # shaped: joined presentation forms, not bare letters
    assert all(0xFE70 <= ord(c) <= 0xFEFF for line in lines for c in line.runs[0][1].replace(" ", ""))


def test_a_long_hebrew_text_wraps_line_by_line_each_line_reversed() -> None:
    lines = wrap_lines(HEBREW, SANS, 9, 110)
    assert len(lines) >= 3
    words = HEBREW.split()
    taken = 0
    for line in lines:
        drawn = "".join(text for _font, text in line.runs)
        count = len(drawn.split())
        # each line holds the next words of the text, drawn right to left
        assert drawn == " ".join(words[taken:taken + count])[::-1]
        taken += count
    assert taken == len(words)


def test_a_latin_line_with_arabic_keeps_its_latin_words_first_and_in_place() -> None:
    lines = wrap_lines(MIXED, SANS, 9, 110)
    assert len(lines) >= 2 and not any(line.rtl for line in lines)
    assert lines[0].runs[0][1].startswith("Senior analyst at ")
    rest = unicodedata.normalize("NFKC", "".join(t for line in lines for _f, t in line.runs))
    assert "شركة"[::-1] in rest and "العربية"[::-1] in rest  # each Arabic word reads right to left


def test_a_latin_word_in_an_arabic_paragraph_stays_at_its_place_in_the_line() -> None:
    [line] = wrap_lines("مريم الحسن PhD", SANS, 9, 400)
    drawn = "".join(text for _font, text in line.runs)
    assert line.rtl and drawn.startswith("PhD ")  # last in reading order: leftmost when drawn


def test_a_word_longer_than_the_line_is_cut_between_letters() -> None:
    lines = wrap_lines("א" * 80, SANS, 9, 60)
    assert len(lines) > 1 and all(line.width <= 60 for line in lines)
    assert sum(len(line.runs[0][1]) for line in lines) == 80


def test_the_flowable_aligns_right_and_splits_between_lines() -> None:
    style = Styles().body
    paragraph = BidiParagraph(ARABIC, style)
    width, height = paragraph.wrap(120, 1000)
    assert (width, height) == (120, style.leading * len(paragraph.lines or []))
    first, rest = paragraph.split(120, style.leading * 1.5)
    assert first.wrap(120, 1000)[1] == style.leading and first.lines == (paragraph.lines or [])[:1]
    assert rest.lines == (paragraph.lines or [])[1:]
    assert paragraph.split(120, 1000) == []  # it fits: no split


def _drawn_lines(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text run pypdf sees drawn on ``page`` (1-based)."""
    from pypdf import PdfReader

    found: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size) -> None:  # type: ignore[no-untyped-def]
        if text.strip():
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text))

    PdfReader(pdf).pages[page - 1].extract_text(visitor_text=visit)
    return found


def test_a_pack_wraps_a_long_arabic_organisation_top_to_bottom_aligned_right(tmp_path: Path) -> None:
    """The fault: the text reordered whole, then wrapped — its last words on the first line,
    left-aligned. Now the first line holds the first words, and every line ends at the
    column's right edge."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop_app.pack import PackReferee, build_pack
    from tests.helpers.pack_samples import sample_content

    organisation = "جامعة الملك عبد العزيز للعلوم والتقنية والدراسات العليا بجدة"
    referees = (PackReferee("مريم الحسن", "direct_manager", "2019-2023", "رئيسة قسم تحليل البيانات", organisation),
                PackReferee("דוד כהן", "colleague", "2020-2022", "מהנדס", HEBREW))
    result = build_pack(sample_content(referees=referees), tmp_path / "pack.pdf")
    drawn = _drawn_lines(tmp_path / "pack.pdf", result.sections["referees"])
    size = Styles().muted.fontSize  # title and organisation: one muted paragraph under the name
    for role in (f"رئيسة قسم تحليل البيانات, {organisation}", f"מהנדס, {HEBREW}"):
        words = set(role.split())
        # pypdf's extraction applies the bidirectional algorithm to each drawn line: it reads
        # back in logical order exactly when it was drawn in visual order
        lines = sorted(((x, y, unicodedata.normalize("NFKC", t).strip()) for x, y, t in drawn
                        if set(unicodedata.normalize("NFKC", t).split()) <= words),
                       key=lambda item: -item[1])  # top of the page first
        lines = [line for line in lines if len(line[2].split()) > 1 or line[2] == role.split()[-1]]
        assert len(lines) >= 2, drawn
        read = [text for _x, _y, text in lines]
        assert " ".join(read) == role  # the first words on the top line, the last on the bottom one
        assert len({round(x) for x, _y, _t in lines}) > 1  # left edges differ: not left-aligned
        shaped = {(x, y): t.strip() for x, y, t in drawn}  # as drawn: presentation forms
        rights = {round(x + stringWidth(shaped[(x, y)], SANS, size), 1) for x, y, _t in lines}
        assert len(rights) == 1, lines  # right edges agree: aligned right
