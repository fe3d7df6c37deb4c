"""User text made safe for ReportLab, and fonts chosen per character."""

from __future__ import annotations

from desktop_app.pack.fonts import FALLBACK, SANS, clean, describe_missing, markup, runs


def test_markup_characters_are_escaped() -> None:
    assert markup("Smith & Sons <b>Ltd</b>") == "Smith &amp; Sons &lt;b&gt;Ltd&lt;/b&gt;"


def test_line_breaks_become_breaks_and_controls_go() -> None:
    assert markup("one\r\ntwo\x00\x1b\tthree") == "one<br/>two three"


def test_decomposed_accents_are_composed() -> None:
    assert clean("Nguye\u0302\u0303n") == "Nguyễn"


def test_european_names_stay_in_the_main_font() -> None:
    assert runs("Zoë Łukasz Ğökçe Ærøskøbing Nguyễn Thị Minh") == [
        (SANS, "Zoë Łukasz Ğökçe Ærøskøbing Nguyễn Thị Minh")]


def test_cjk_switches_to_the_fallback_font() -> None:
    assert runs("Wang 王伟") == [(SANS, "Wang "), (FALLBACK, "王伟")]
    assert markup("王伟 & co") == f'<font name="{FALLBACK}">王伟</font> &amp; co'


def test_characters_no_font_has_are_marked_and_collected() -> None:
    missing: set[str] = set()
    assert markup("Sam \U0001F600", missing) == "Sam ?"
    assert describe_missing(missing) == "U+1F600 Grinning Face"
