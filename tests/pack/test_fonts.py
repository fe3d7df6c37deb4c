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


def test_a_text_met_again_is_reported_again_and_handed_out_afresh() -> None:
    """Runs are worked out once per text and font (a pack repeats its texts, a session its packs):
    every caller still learns what is missing, and may change the list it gets."""
    first: set[str] = set()
    pieces = runs("王 Sam \U0001F600", first)
    pieces.append(("changed", "by the caller"))
    second: set[str] = set()
    assert runs("王 Sam \U0001F600", second) == [(FALLBACK, "王"), (SANS, " Sam ?")]
    assert first == second == {"\U0001F600"}


# ---------------------------------------------------------------- right to left (issue 15, case 6)

ARABIC_NAME = "مريم الحسن"
HEBREW_NAME = "דוד כהן"


def _logical(drawn: str) -> str:
    """What a reader reads, from text drawn left to right: presentation forms back to letters
    (NFKC), then right to left."""
    import unicodedata

    return unicodedata.normalize("NFKC", drawn)[::-1]


def test_arabic_is_shaped_and_drawn_right_to_left() -> None:
    drawn = "".join(text for _font, text in runs(ARABIC_NAME))
    assert _logical(drawn) == ARABIC_NAME
    # shaped: joined letters (presentation forms, U+FE70–U+FEFF), no bare letters left
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in drawn.replace(" ", ""))
    assert drawn.split(" ")[0] != drawn.split(" ")[-1]
    assert _logical(drawn.split(" ")[0]) == "الحسن"  # the family name is drawn first, at the left


def test_hebrew_is_drawn_right_to_left_and_latin_stays_as_it_is() -> None:
    assert runs(HEBREW_NAME) == [(SANS, "ןהכ דוד")]
    assert runs("Dr David Cohen") == [(SANS, "Dr David Cohen")]
    # in a left-to-right line, the Hebrew run alone is reversed, in its place
    assert runs(f"Prof. {HEBREW_NAME} (Tel Aviv)") == [(SANS, "Prof. ןהכ דוד (Tel Aviv)")]


def test_each_line_is_ordered_on_its_own() -> None:
    assert markup(f"{HEBREW_NAME}\nLeeds") == "ןהכ דוד<br/>Leeds"


def test_a_pack_prints_arabic_and_hebrew_names_titles_and_organisations_right_to_left(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """pypdf's extraction applies the bidirectional algorithm to what is drawn: text drawn in
    visual order reads back in logical order; text drawn as typed (the fault) read back reversed."""
    import unicodedata

    from pypdf import PdfReader

    from desktop_app.pack import PackReferee, build_pack
    from tests.helpers.pack_samples import sample_content

    referees = (PackReferee(ARABIC_NAME, "direct_manager", "2019-2023", "مديرة المختبر", "جامعة القاهرة"),
                PackReferee(HEBREW_NAME, "colleague", "2020-2022", "מהנדס", "אוניברסיטת תל אביב"))
    result = build_pack(sample_content(referees=referees), tmp_path / "pack.pdf")
    page = PdfReader(tmp_path / "pack.pdf").pages[result.sections["referees"] - 1].extract_text()
    read_back = unicodedata.normalize("NFKC", page)
    for logical in (ARABIC_NAME, "مديرة المختبر, جامعة القاهرة", HEBREW_NAME, "מהנדס, אוניברסיטת תל אביב"):
        assert logical in read_back
    assert "\u0645\u0631" not in page  # the Arabic is drawn shaped (presentation forms), not as bare letters
    assert result.unprintable == ""
