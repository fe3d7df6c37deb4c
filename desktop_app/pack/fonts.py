"""Fonts for the pack, and turning user text into safe ReportLab markup.

The built-in PDF fonts cannot print Łukasz or Nguyễn, so the pack embeds DejaVu
Sans, shipped in `resources/fonts` with its licence. DejaVu has no
Chinese, Japanese or Korean, so runs of those characters switch to Droid Sans
Fallback (Apache 2.0, 4 MB). A character neither font has is printed as "?" and
listed in a note in the pack: a reader should be told, not shown an empty box.
"""

from __future__ import annotations

import io
import unicodedata
from functools import cache, lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.resource_files import FONTS, resource

SANS = "AfterviewSans"
SANS_BOLD = "AfterviewSans-Bold"
MONO = "AfterviewMono"
FALLBACK = "AfterviewFallback"

#: The pack's fonts: ReportLab font name -> file name in ``resources/fonts/``.
FONT_FILES: dict[str, str] = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    MONO: "DejaVuSansMono.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}

MISSING_MARK = "?"

# Kept: line breaks (become <br/>) and tabs (become spaces). Every other control
# character, surrogate, private-use or unassigned code point is dropped: ReportLab
# either rejects them or prints nothing a reader could use.
_DROPPED_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}

#: How many distinct texts the pure steps below remember (cleaning, reordering, cutting into
#: font runs). A pack holds a few hundred (names, titles, organisations, file names), and the
#: same texts come back for every page count and every pack made in a session: the per-character
#: Unicode and font look-ups were a third of building the pack's story (bench/pack.py).
_TEXTS_KEPT = 4096


def _load(name: str) -> TTFont:
    data = resource(f"{FONTS}/{FONT_FILES[name]}").read_bytes()
    # Bytes rather than a path: inside a PyInstaller bundle or a zip there may be
    # no real file to hand to ReportLab.
    return TTFont(name, io.BytesIO(data))


@cache
def register_fonts() -> None:
    """Register the pack's fonts with ReportLab once per process."""
    for name in (SANS, SANS_BOLD, MONO):
        pdfmetrics.registerFont(_load(name))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)


@cache
def _fallback() -> TTFont:
    # Loaded only when a text needs it: most packs never do.
    font = _load(FALLBACK)
    pdfmetrics.registerFont(font)
    # One face for every style: inside a bold line the fallback stays regular
    # rather than ReportLab failing to find a bold Droid.
    pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK, boldItalic=FALLBACK)
    return font


@cache
def _covered(font_name: str) -> frozenset[int]:
    register_fonts()
    font = _fallback() if font_name == FALLBACK else pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def clean(text: str | None) -> str:
    """Text with what no PDF should hold removed, in composed (NFC) form.

    NFC first, so that a name typed as "e" + combining accent finds DejaVu's
    precomposed "ễ" rather than stacking marks.
    """
    if not text:
        return ""
    return _clean(text)


@lru_cache(maxsize=_TEXTS_KEPT)
def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        if char == "\t":
            kept.append(" ")
        elif char == "\n" or unicodedata.category(char) not in _DROPPED_CATEGORIES:
            kept.append(char)
    return "".join(kept)


#: Bidirectional classes of right-to-left letters (UAX #9): Hebrew is R, Arabic script AL.
_RIGHT_TO_LEFT = {"R", "AL"}


def visual_order(text: str) -> str:
    """``text`` in the order it is drawn, left to right, line by line.

    A PDF draws glyphs left to right and never reorders them, so a line holding Arabic or
    Hebrew is put in visual order here with the Unicode Bidirectional Algorithm (UAX #9,
    python-bidi; the paragraph direction from the first strong letter, rule P2), after
    Arabic letters are shaped into their joined forms (arabic-reshaper: the presentation
    forms DejaVu Sans draws). A line without right-to-left letters is returned as it is.
    A right-to-left text long enough to wrap wraps in visual order (names, titles and
    organisations fit one line).
    """
    return _visual_order(text)


@lru_cache(maxsize=_TEXTS_KEPT)
def _visual_order(text: str) -> str:
    if not any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in text):
        return text
    import arabic_reshaper  # here: only a pack with right-to-left text needs these
    from bidi import get_display

    lines = []
    for line in text.split("\n"):
        if any(unicodedata.bidirectional(char) == "AL" for char in line):
            line = arabic_reshaper.reshape(line)
        lines.append(get_display(line) if any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in line)
                     else line)
    return "\n".join(lines)


def _font_for(char: str, main_font: str) -> str | None:
    code = ord(char)
    if code > 0xFFFF:
        # ReportLab writes these into the text layer's ToUnicode map as odd-length
        # hex, so they would print but copy out as garbage: better the honest "?".
        return None
    if char.isspace() or code in _covered(main_font):
        return main_font
    if unicodedata.category(char) == "Cf":
        return ""  # invisible formatting (zero-width joiner ...): drop quietly
    if code in _covered(FALLBACK):
        return FALLBACK
    return None


def runs(text: str | None, missing: set[str] | None = None, font: str = SANS) -> list[tuple[str, str]]:
    """`text` cut into (font name, text) runs, each printable in its font, in drawing order
    (right-to-left letters reordered and shaped by :func:`visual_order`).

    Characters the main font lacks switch to the fallback font; characters no
    font has become "?" and are added to `missing`. A line break is its own run
    with the font name "\n".
    """
    return font_runs(visual_order(clean(text)), missing, font)


def font_runs(text: str, missing: set[str] | None = None, font: str = SANS) -> list[tuple[str, str]]:
    """As :func:`runs` for ``text`` already cleaned and in drawing order (:mod:`desktop_app.pack.bidi`
    orders each wrapped line itself): nothing is reordered. A new list each call (the caller may
    change it); the work is done once per (text, font) and remembered."""
    found, lacking = _font_runs(text, font)
    if missing is not None and lacking:
        missing.update(lacking)
    return list(found)


@lru_cache(maxsize=_TEXTS_KEPT)
def _font_runs(text: str, font: str) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    # pure: what it reads (the fonts' character maps) is loaded once and never changes
    found: list[tuple[str, str]] = []
    lacking: set[str] = set()
    for char in text:
        if char == "\n":
            found.append(("\n", ""))
            continue
        chosen = _font_for(char, font)
        if chosen == "":
            continue
        if chosen is None:
            lacking.add(char)
            chosen, char = font, MISSING_MARK
        if found and found[-1][0] == chosen:
            found[-1] = (chosen, found[-1][1] + char)
        else:
            found.append((chosen, char))
    return tuple(found), frozenset(lacking)


def markup(text: str | None, missing: set[str] | None = None, font: str = SANS) -> str:
    """Paragraph markup that prints `text` exactly as typed.

    `&`, `<` and `>` are escaped so they print as themselves, never as markup.
    """
    parts = []
    for chosen, run in runs(text, missing, font):
        if chosen == "\n":
            parts.append("<br/>")
        elif chosen == FALLBACK:
            parts.append(f'<font name="{FALLBACK}">{escape(run)}</font>')
        else:
            parts.append(escape(run))
    return "".join(parts)


def describe_missing(missing: set[str]) -> str:
    """Name unprintable characters by code point: the note cannot show them either."""
    named = []
    for char in sorted(missing):
        name = unicodedata.name(char, "").title()
        named.append(f"U+{ord(char):04X} {name}".strip())
    return ", ".join(named)
