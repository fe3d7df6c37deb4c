"""The activity report's PDF on its own: many rows, the header on every page, page N of M, odd text."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.pack.activity_report import ActivityReportDocument, build_activity_report
from desktop_app.progress import Cancelled

HEADINGS = ("Date", "Organisation", "Role", "What was done", "How", "Contact person", "Outcome so far")
WIDTHS = (0.09, 0.17, 0.17, 0.23, 0.09, 0.12, 0.13)


def document(rows: list[list[str]], name: str = "Sam Taylor") -> ActivityReportDocument:
    return ActivityReportDocument(
        title="Job-search activity report", name=name, contact_lines=("sam@example.org",),
        details=(("Period", "1 Jan 2026 – 31 Dec 2026"),), summary_heading="Summary",
        summary=(("Activities in all", str(len(rows))),), table_heading="Activities", headings=HEADINGS,
        widths=WIDTHS, rows=rows, empty_text="No activities in this period.", page_format="page {page} of {total}")


def row(number: int) -> list[str]:
    return [f"{number} Jan 2026", f"Organisation {number:04d} Ltd", "Data Analyst", "Applied: LinkedIn",
            "Online", "Priya Shah", "Awaiting reply"]


def test_a_long_table_repeats_its_header_and_numbers_every_page(tmp_path: Path) -> None:
    reported: list[tuple[int, int]] = []
    result = build_activity_report(document([row(n) for n in range(1, 401)]), tmp_path / "r.pdf",
                                   progress=lambda done, total: reported.append((done, total)))
    pages = [p.extract_text() for p in PdfReader(result.path).pages]
    assert len(pages) == result.pages > 5
    for number, text in enumerate(pages, start=1):
        assert "Outcome so far" in text and "Contact person" in text  # the header row, on every page
        assert f"Sam Taylor · Job-search activity report · page {number} of {len(pages)}" in text
    found = [n for n in range(1, 401) if f"Organisation {n:04d} Ltd" in "\n".join(pages)]
    assert found == list(range(1, 401))  # every row once, none lost at a page break
    assert reported and reported[-1][0] == reported[-1][1]
    assert [done for done, _ in reported] == sorted(done for done, _ in reported)


def test_huge_and_foreign_cells_lay_out_without_losing_a_row(tmp_path: Path) -> None:
    huge = "Consortium " * 200 + "END"
    unbroken = "W" * 300
    rows = [row(1),
            [*row(2)[:1], huge, unbroken, "Line one\nline two", "Phone", "Дмитрий Иванов", "Absage"],
            [*row(3)[:1], "株式会社データ分析", "データアナリスト", "Bewerbung", "online", "Łukasz Nguyễn", "—"]]
    result = build_activity_report(document(rows, name="Zoë Ångström-Nguyễn " * 8), tmp_path / "r.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(result.path).pages)
    for expected in ("Organisation 0001 Ltd", "Дмитрий Иванов", "株式会社データ分析", "Łukasz Nguyễn",
                     "Consortium"):
        assert expected in text
    assert "END" not in text  # cut to a length that always fits on a page, with an ellipsis
    assert result.unprintable == ""


def test_no_rows_prints_the_empty_sentence(tmp_path: Path) -> None:
    result = build_activity_report(document([]), tmp_path / "r.pdf")
    assert result.pages == 1
    assert "No activities in this period." in PdfReader(result.path).pages[0].extract_text()


def test_an_unnamed_user_gets_a_footer_without_a_name(tmp_path: Path) -> None:
    result = build_activity_report(document([row(1)], name=""), tmp_path / "r.pdf")
    assert "Job-search activity report · page 1 of 1" in PdfReader(result.path).pages[0].extract_text()


def test_a_cancel_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        build_activity_report(document([row(n) for n in range(1, 600)]), tmp_path / "r.pdf", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_a_long_arabic_or_hebrew_cell_wraps_top_to_bottom_aligned_right(tmp_path: Path) -> None:
    """Issue 15: the cell's text is wrapped in logical order, then each line reordered (pypdf's
    extraction reorders each drawn line back: it reads in order exactly when drawn in visual order)."""
    import unicodedata

    arabic = "جامعة الملك عبد العزيز للعلوم والتقنية والدراسات العليا بجدة"
    hebrew = "אוניברסיטת תל אביב הפקולטה למדעים מדויקים והנדסה"
    rows = [row(1), row(2)]
    rows[0][1], rows[1][1] = arabic, hebrew
    build_activity_report(document(rows, name="مريم الحسن"), tmp_path / "report.pdf")
    found: list[tuple[float, float, str]] = []
    PdfReader(tmp_path / "report.pdf").pages[0].extract_text(
        visitor_text=lambda text, cm, tm, _f, _s: found.append((tm[4], tm[5], text.strip())) if text.strip() else None)
    for text in (arabic, hebrew):
        words = set(text.split())
        lines = sorted(((x, y, unicodedata.normalize("NFKC", t)) for x, y, t in found
                        if set(unicodedata.normalize("NFKC", t).split()) <= words), key=lambda item: -item[1])
        assert len(lines) >= 2
        assert " ".join(t for _x, _y, t in lines) == text  # the first words on the top line
        assert len({round(x) for x, _y, _t in lines}) > 1  # not all starting at the left edge
