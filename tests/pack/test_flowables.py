"""The pack's own flowables: a Paragraph that breaks its lines once per width."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph as ReportLabParagraph

from desktop_app.pack.flowables import Paragraph
from desktop_app.pack.fonts import register_fonts
from desktop_app.pack.styles import Styles

TEXT = ("Calling hours are office hours in each referee's own time zone; <b>UTC offsets</b> are as on "
        "25 November 2026, and each one is said in words a reader can check.")


@pytest.fixture
def style():  # type: ignore[no-untyped-def]
    register_fonts()
    return Styles().body


def test_a_second_wrap_at_the_same_width_breaks_no_lines(style, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    paragraph = Paragraph(TEXT, style)
    first = paragraph.wrap(120, 1000)
    broken = []
    original = ReportLabParagraph.breakLines
    monkeypatch.setattr(ReportLabParagraph, "breakLines",
                        lambda self, widths: broken.append(widths) or original(self, widths))
    assert paragraph.wrap(120, 50) == first  # the height given does not matter to ReportLab either
    assert broken == []
    wider = paragraph.wrap(300, 1000)
    assert len(broken) == 1 and wider[1] < first[1]


def test_sizes_lines_and_splits_are_reportlabs(style) -> None:  # type: ignore[no-untyped-def]
    ours, theirs = Paragraph(TEXT, style), ReportLabParagraph(TEXT, style)
    for width in (120, 120, 300, 120):
        assert ours.wrap(width, 1000) == theirs.wrap(width, 1000)
        assert len(ours.blPara.lines) == len(theirs.blPara.lines)
    ours_split, theirs_split = ours.split(120, style.leading * 2), theirs.split(120, style.leading * 2)
    assert [type(p) for p in ours_split] == [Paragraph, Paragraph]
    assert [p.wrap(120, 1000) for p in ours_split] == [p.wrap(120, 1000) for p in theirs_split]
    assert len(ours_split) == 2 and ours_split[0].wrap(120, 1000)[1] == 2 * style.leading
