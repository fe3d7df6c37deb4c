"""Referees in and out of address books: vCard (.vcf) 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350).

Import is two steps so the user sees what will be created before it is:
:func:`read_vcard_file` gives a :class:`VCardReadout` (one preview per good card, one
problem per card that cannot be used), and :func:`import_cards` creates the chosen ones
in one transaction.

Why our own reader and not ``vobject``'s (checked with vobject 0.9.9 on the cases below):
address books in the wild break its assumptions, and each break cost the user a whole
card or a whole file —

* it decodes the text before unfolding, so a line folded between the two bytes of a
  UTF-8 character (``FN:И`` folded inside ``И``: RFC 6350 §3.2 folds by octets) is
  "not UTF-8";
* one line outside the grammar (``X-messaging/skype-All:…`` from some phones) raises
  ``ParseError`` and the whole card is lost;
* its text values stop at the first unescaped comma (``NOTE:Leeds, 2015`` → ``Leeds``).

So this module works on bytes: the file is split on any line ending (CRLF, LF, CR, and
the CR CR LF some iPhone exports write), each card is unfolded (RFC 6350 §3.2, and
vCard 2.1's quoted-printable soft line breaks, §2.1.3 of the 2.1 spec), and only then
is each value decoded — quoted-printable and ``CHARSET`` as 2.1 writes them, including
bare parameters (``N;CHARSET=UTF-8;QUOTED-PRINTABLE:…``), UTF-8 otherwise. A line that
cannot be read is skipped and named (line number in the file, property and reason);
the card is refused only when what is left has no name. Extensions are never a reason
to refuse: instant-messaging handles (``IMPP``, ``X-SKYPE``, ``X-messaging/…``) and web
addresses are kept in the referee's notes, other ``X-`` lines are ignored.

Phones are stored in E.164 (an extension, ``;ext=1234`` or ``x1234``, is shown as
``+442079460000 ext. 1234`` and kept in the notes, as a referee has one E.164 phone).
A number written without ``+`` is read in the country of the card's address (``ADR``),
else in the user's own country (the profile's ``country``); the preview says which.

A card is a duplicate — shown, never imported — when it shares an email or a phone
with a referee already kept (or an earlier card of the file), or has the same name at
the same organisation: importing the same file twice, or Afterview's own export, adds
nothing the second time. The same name alone (no organisation on the card or on the
referee) is only a *possible* duplicate: said in the preview, imported unless left out.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from desktop_app.files import atomic_write
from desktop_app.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.services.core.validation import InvalidValue, checked_phone, clean_email
from desktop_app.services.exchange import regions
from desktop_app.services.referees import referees as referee_service
from desktop_app.services.referees import time_zones
from desktop_app.store import models as m
from desktop_app.store.db import db

#: Address-book exports with photos run to a few megabytes; anything far bigger is not one.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: cards between two progress reports / cancel checks (a check costs nothing next to a card)
_STEP = 50
#: Any line ending: CRLF (the standard), LF, CR, and CR CR LF (some iPhone exports).
_LINE_END = re.compile(rb"\r*\n|\r+")
#: Control bytes in a line mean binary data pasted in (a PHOTO is base64 text), not a contact.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
#: vCard 2.1 bare parameters that are encodings rather than types (vCard 2.1 §2.1.2).
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
#: The properties read as text; every other line is kept undecoded and ignored.
_TEXT_PROPERTIES = {"VERSION", "FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "ADR", "NOTE", "TZ", "URL", "IMPP",
                    "X-SOCIALPROFILE"}
#: Instant-messaging extensions kept in the notes: a word in the property name → its label.
_MESSAGING = (("skype", "Skype"), ("jabber", "XMPP"), ("xmpp", "XMPP"), ("aim", "AIM"), ("icq", "ICQ"),
              ("msn", "MSN"), ("yahoo", "Yahoo"), ("gtalk", "Google Talk"), ("google-talk", "Google Talk"),
              ("whatsapp", "WhatsApp"), ("telegram", "Telegram"), ("signal", "Signal"),
              ("twitter", "Twitter"), ("linkedin", "LinkedIn"))
#: Country names address books write that are not tzdata's English short names.
_COUNTRY_ALIASES = {
    "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "britain": "GB",
    "usa": "US", "u.s.a.": "US", "u.s.": "US", "united states": "US", "united states of america": "US",
    "america": "US", "deutschland": "DE", "españa": "ES", "espana": "ES", "france": "FR", "italia": "IT",
    "nederland": "NL", "the netherlands": "NL", "holland": "NL", "schweiz": "CH", "suisse": "CH",
    "österreich": "AT", "oesterreich": "AT", "belgique": "BE", "belgië": "BE", "brasil": "BR",
    "méxico": "MX", "éire": "IE", "republic of ireland": "IE", "south korea": "KR", "korea": "KR",
    "russia": "RU", "россия": "RU", "polska": "PL", "sverige": "SE", "norge": "NO", "danmark": "DK",
    "suomi": "FI", "中国": "CN", "日本": "JP", "uae": "AE", "united arab emirates": "AE",
    "czech republic": "CZ", "czechia": "CZ", "viet nam": "VN", "vietnam": "VN",
}


class VCardError(ValueError):
    """The file as a whole cannot be read as contacts; ``str()`` is the sentence for the user."""


@dataclass(frozen=True)
class CardProblem:
    """A card that cannot be imported. ``number`` counts cards from 1 (0: text outside any card);
    ``who``: whatever the card says of its person, so the user can find it in the address
    book — its name, else an email, a phone or an organisation (empty when it has none)."""

    number: int
    message: str
    who: str = ""

    def __str__(self) -> str:
        """``Card 15 (anon@example.com): the card has no name``; text outside cards as it is."""
        if not self.number:
            return self.message
        return f"Card {self.number}" + (f" ({self.who})" if self.who else "") + f": {self.message}"


@dataclass(frozen=True)
class SkippedLine:
    """A line of a card that could not be read and was left out; ``line`` counts the file's lines from 1."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line} was skipped: {self.message}"


@dataclass(frozen=True)
class CardPreview:
    """What one good card will become.

    ``email`` and ``phone`` are what the referee gets (the preferred ones; ``phone`` in
    E.164); ``emails`` and ``phones`` are every readable one on the card (``phones``
    in E.164 with `` ext. N`` when there is an extension). ``warnings`` say what was
    assumed or left out, in the user's words; ``skipped`` the lines that could not be read;
    ``duplicate_of`` why the card is a duplicate (empty when it is not).
    """

    number: int
    name: str
    title: str = ""
    organisation: str = ""
    email: str | None = None
    phone: str | None = None  # E.164
    country: str | None = None
    time_zone: str | None = None
    notes: str = ""
    duplicate: bool = False
    warnings: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    skipped: tuple[SkippedLine, ...] = ()
    duplicate_of: str = ""

    def values(self, relationship: str) -> dict[str, Any]:
        """The referee record to create (relationship chosen by the user: vCards have none)."""
        return {"name": self.name, "title": self.title, "organisation": self.organisation,
                "relationship": relationship, "email": self.email, "phone": self.phone,
                "country": self.country, "time_zone": self.time_zone, "notes": self.notes}

    @property
    def possible_duplicate(self) -> bool:
        """Whether the card shares only its name with someone known (said, not skipped)."""
        return any(w.startswith("possible duplicate:") for w in self.warnings)

    def problems(self) -> list[str]:
        """Everything the user should know about this card, one sentence each."""
        said = list(self.warnings) + [str(s) for s in self.skipped]
        if self.duplicate_of:
            said.append(f"not imported: {self.duplicate_of}")
        return said


@dataclass
class VCardReadout:
    """Every card of a file: ``cards`` (good, duplicates included) and ``problems`` (refused cards)."""

    cards: list[CardPreview] = field(default_factory=list)
    problems: list[CardProblem] = field(default_factory=list)
    #: The user's country used for national numbers on cards whose address names none (None: none known).
    user_country: str | None = None

    @property
    def new_cards(self) -> list[CardPreview]:
        return [c for c in self.cards if not c.duplicate]

    @property
    def duplicates(self) -> list[CardPreview]:
        return [c for c in self.cards if c.duplicate]

    @property
    def skipped_lines(self) -> list[tuple[CardPreview, SkippedLine]]:
        """The lines left out of the good cards, with their card."""
        return [(card, line) for card in self.cards for line in card.skipped]


# --------------------------------------------------------------------------- reading
def read_vcard_file(path: Path, *, default_region: str | None = None, with_store: bool = True,
                    progress: ProgressFn = no_progress, cancelled: CancelledFn = never_cancelled) -> VCardReadout:
    """Read a .vcf file; raises :class:`VCardError` when it is not an address book at all.

    The one reading of the window (Referees → Import vCard…, in a worker thread) and of
    ``afterview import vcard``. ``default_region``: the user's country (ISO alpha-2) for
    national numbers on cards whose address names none; None reads the profile's country.
    ``with_store`` as for :func:`read_vcards`. ``progress(cards read,
    cards in the file)``; raises :class:`~desktop_app.progress.Cancelled` once
    ``cancelled()`` turns true (reading changes nothing, so nothing is to undo).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise VCardError(f"{path.name} is {size // (1024 * 1024)} MB: too big to be an address book "
                             "export. Export only the contacts you need.")
        data = path.read_bytes()
    except OSError as exc:
        raise VCardError(f"Afterview could not read {path.name}: {exc.strerror or exc}") from None
    return read_vcards(data, default_region=default_region, with_store=with_store, source=path.name,
                       progress=progress, cancelled=cancelled)


def read_vcards(data: bytes, *, default_region: str | None = None, with_store: bool = True,
                source: str = "This file", progress: ProgressFn = no_progress,
                cancelled: CancelledFn = never_cancelled) -> VCardReadout:
    """Every card in ``data``: previews of the good ones (duplicates marked), problems of the bad ones.

    ``default_region`` as for :func:`read_vcard_file`. With ``with_store`` (and a store
    bound) the store is read, from any thread, for duplicates and the profile's country;
    ``with_store=False`` is for a dry run on a brand-new data folder, which then finds no
    duplicates and no profile country. Changes nothing. Raises :class:`VCardError` when
    ``data`` holds no card.
    """
    data = _as_eight_bit(data)
    blocks, stray = _split_cards(data)
    if not blocks:
        raise VCardError(f"{source} holds no contacts: it is not a vCard (.vcf) file, or it is empty.")
    # Not "is this thread's connection open": the window reads in a worker thread, whose
    # Peewee connection opens on the first query, so that test made the window read no
    # profile country and no duplicates where the CLI read them (issue #15, fresh eyes).
    with_store = with_store and db.obj is not None
    if default_region is None and with_store:
        from desktop_app.services.core.profile import get_profile

        default_region = get_profile().country
    readout = VCardReadout(user_country=(default_region or "").upper() or None)
    if stray:
        readout.problems.append(CardProblem(0, f"{stray} line(s) outside any card were not contacts and "
                                               "were skipped."))
    known = _Known.from_store() if with_store else _Known()
    legacy = _legacy_text(data)
    for number, block in enumerate(blocks, start=1):
        if number % _STEP == 1:
            if cancelled():
                raise Cancelled("Reading stopped; nothing was imported.")
            progress(number - 1, len(blocks))
        try:
            preview = _read_card(number, block, default_region, legacy)
        except InvalidValue as exc:
            readout.problems.append(CardProblem(number, str(exc), _who(block, legacy)))
            continue
        reason = known.match(preview)
        if reason:
            preview = replace(preview, duplicate=True, duplicate_of=reason)
        else:
            maybe = known.possible(preview)
            if maybe:
                preview = replace(preview, warnings=(*preview.warnings, maybe))
            known.add(preview.name, preview.organisation, preview.emails, _e164s(preview.phones),
                      f"card {number} of this file ({preview.name})")
        readout.cards.append(preview)
    progress(len(blocks), len(blocks))
    return readout


def _as_eight_bit(data: bytes) -> bytes:
    """A UTF-16 file (Windows address books' "Unicode" export, with its byte-order mark) as UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _legacy_text(data: bytes) -> bool:
    """Whether the file's 8-bit text is a Windows code page rather than UTF-8: it is not UTF-8
    and holds no UTF-8 character at all (``é`` in Windows-1252 is one byte that UTF-8 never
    writes alone; a UTF-8 file with one damaged line still has its other characters)."""
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError:
        return _UTF8_SEQUENCE.search(data) is None


@dataclass
class _RawCard:
    first_line: int
    lines: list[tuple[int, bytes]]
    complete: bool = False


def _split_cards(data: bytes) -> tuple[list[_RawCard], int]:
    """The cards' physical lines (numbered in the file), and how many stray lines were outside any card.

    A vCard 2.1 ``AGENT`` may hold a whole card; its lines are left out with it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    cards: list[_RawCard] = []
    current: _RawCard | None = None
    nested = 0
    stray = 0
    for number, line in enumerate(_LINE_END.split(data), start=1):
        word = line.strip()
        # only its start and end matter (BEGIN:VCARD, END:VCARD, AGENT…BEGIN:VCARD): upper-case
        # those, not every line of the file (a photo's line runs to kilobytes)
        word = word.upper() if len(word) <= 11 else word[:5].upper() + b"\0" + word[-11:].upper()
        if current is None:
            if word == b"BEGIN:VCARD":
                current = _RawCard(number, [])
                nested = 0
            elif word:
                stray += 1
            continue
        if nested:
            nested += word.endswith(b"BEGIN:VCARD")
            nested -= word == b"END:VCARD"
            continue
        if word.startswith(b"AGENT") and word.endswith(b"BEGIN:VCARD"):
            nested = 1
        elif word == b"BEGIN:VCARD" and current.lines and current.lines[-1][1].strip().upper().startswith(b"AGENT"):
            current.lines.pop()
            nested = 1
        elif word == b"BEGIN:VCARD":  # the card before never ended
            cards.append(current)
            current = _RawCard(number, [])
        elif word == b"END:VCARD":
            current.complete = True
            cards.append(current)
            current = None
        else:
            current.lines.append((number, line))
    if current is not None:
        cards.append(current)
    return cards, stray


@dataclass(eq=False, slots=True)  # not frozen: a frozen dataclass costs ~2 µs more to make, per line
class _Property:
    line: int
    name: str  # upper case, group removed
    params: dict[str, list[str]]
    raw: bytes  # the value as written: still encoded, still escaped

    _types: frozenset[str] | None = None

    def types(self) -> frozenset[str]:
        """The ``TYPE`` values, lower case; read once (ranking a card's values asks often)."""
        if self._types is None:
            self._types = frozenset(t.strip().lower() for v in self.params.get("TYPE", []) for t in v.split(","))
        return self._types

    @property
    def encoding(self) -> str:
        return (self.params.get("ENCODING") or [""])[0].upper()


class _BadLine(ValueError):
    """A line that cannot be read; ``str()`` says why, in the user's words."""


def _head_of(line: bytes) -> bytes:
    """The part of a line before its value: name and parameters (a ``:`` in quotes is not the end)."""
    colon = line.find(b":")
    if colon >= 0 and b'"' not in line[:colon]:
        return line[:colon]  # nearly every line: no quoted parameter before the value
    quoted = False
    for index, byte in enumerate(line):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return line[:index]
    return line


def _logical_lines(lines: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """Unfold the card's physical lines, on bytes (so a fold inside a UTF-8 character is harmless).

    A line starting with a space or tab continues the one before, less that one
    character (RFC 6350 §3.2). A quoted-printable value ending in ``=`` continues on the
    next line (a soft line break: the ``=`` goes, and any indent of the next line).
    A vCard 2.1 base64 value may continue on lines without an indent (no ``:`` in them).
    """
    # each logical line as its pieces, joined once at the end: a photo folded over a thousand
    # lines would otherwise be copied once per line
    out: list[tuple[int, list[bytes]]] = []
    soft_break = base64_open = False
    head_open = quoted_printable = base64 = False
    for number, line in lines:
        if not line.strip(b" \t"):
            # 2.1 ends a base64 value with a blank line; Android ends a quoted-printable
            # value with a soft break and a blank line
            if soft_break:
                pieces = out[-1][1]
                pieces[-1] = pieces[-1].rstrip(b" \t")[:-1]
            soft_break = base64_open = False
            continue
        if out and soft_break:
            pieces = out[-1][1]
            pieces[-1] = pieces[-1].rstrip(b" \t")[:-1]
            pieces.append(line.lstrip(b" \t"))
        elif out and line[:1] in (b" ", b"\t"):
            out[-1][1].append(line[1:])
        elif out and base64_open and b":" not in line:
            out[-1][1].append(line.strip())
        else:
            out.append((number, [line]))
            head_open = True
        if head_open:  # the name and parameters, read once they are whole (they may be folded too)
            pieces = out[-1][1]
            joined = pieces[0] if len(pieces) == 1 else b"".join(pieces)
            head = _head_of(joined)
            head_open = len(head) == len(joined)
            head = head.upper()
            quoted_printable = b"QUOTED-PRINTABLE" in head
            base64 = b"BASE64" in head or b"ENCODING=B" in head
        soft_break = quoted_printable and out[-1][1][-1].rstrip(b" \t").endswith(b"=")
        base64_open = base64
    return [(number, pieces[0] if len(pieces) == 1 else b"".join(pieces)) for number, pieces in out]


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    parts, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
            continue
        if char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _caret_decoded(text: str) -> str:
    """RFC 6868 parameter escapes: ``^n`` newline, ``^'`` double quote, ``^^`` caret."""
    if "^" not in text:
        return text
    return re.sub(r"\^([n'^])", lambda m: {"n": "\n", "'": '"', "^": "^"}[m.group(1)], text)


def _parse_line(number: int, line: bytes) -> _Property:
    """One unfolded line as name, parameters and raw value; raises :class:`_BadLine`."""
    if _CONTROL.search(line):
        raise _BadLine("it holds binary data, not contact details")
    head = _head_of(line)
    if len(head) == len(line):
        raise _BadLine("it is not a property (NAME:value)")
    value = line[len(head) + 1:]
    parts = _split_outside_quotes(head.decode("latin-1"), ";")
    name = parts[0].strip().rpartition(".")[2].upper()  # "item1.TEL" → "TEL"
    if not name or name.split() != [name]:  # empty, or a space inside
        raise _BadLine("it has no property name")
    params: dict[str, list[str]] = {}
    for param in parts[1:]:
        key, equals, values = param.partition("=")
        key = key.strip().upper()
        if not key:
            continue
        if not equals:  # vCard 2.1 bare parameter: TEL;CELL;PREF or N;QUOTED-PRINTABLE
            params.setdefault("ENCODING" if key in _BARE_ENCODINGS else "TYPE", []).append(key)
            continue
        if '"' in values or "^" in values:
            params.setdefault(key, []).extend(_caret_decoded(v.strip()) for v in _split_outside_quotes(values, ","))
        else:  # nearly every parameter: TYPE=WORK,VOICE
            params.setdefault(key, []).extend([v.strip() for v in values.split(",")])
    return _Property(number, name, params, value)


def _decoded(prop: _Property, version: str, warnings: list[str], legacy: bool = False) -> str:
    """The value's text: quoted-printable or base64 undone, then its character set.

    No ``CHARSET`` means UTF-8 (RFC 6350 §3.1). A value that is not UTF-8 and names no
    character set, on a 2.1 card or in a file written in a Windows code page throughout
    (``legacy``, :func:`_legacy_text`), is read as Windows-1252, as the Windows address
    books that write such files do, and ``warnings`` says so. Raises :class:`_BadLine` otherwise.
    """
    data = prop.raw
    encoding = prop.encoding
    if encoding == "QUOTED-PRINTABLE":
        data = quopri.decodestring(data)
    elif encoding in ("B", "BASE64"):
        try:
            data = base64.b64decode(data + b"=" * (-len(data) % 4))
        except (binascii.Error, ValueError):
            raise _BadLine("its base64 text is damaged") from None
    charset = (prop.params.get("CHARSET") or [""])[0].strip()
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            raise _BadLine(f"its character set '{charset}' is not one Afterview knows") from None
    try:
        return data.decode(charset or "utf-8")
    except UnicodeDecodeError:
        if not charset and (version == "2.1" or legacy):
            warnings.append(f"line {prop.line} ({prop.name}) does not say its character set: "
                            "read as Windows-1252")
            return data.decode("cp1252", errors="replace")
        raise _BadLine("its text is not in a readable encoding (not UTF-8); "
                       "export the address book again as UTF-8") from None


def _unescape(text: str) -> str:
    """A property's text with RFC 6350 §3.4 escapes undone and every line ending made ``\n``.

    Outlook's 2.1 notes carry CR LF (quoted-printable ``=0D=0A``) and old Macs CR alone:
    kept as they were, they showed as doubled or odd line breaks in a referee's notes
    (issue #15, fresh eyes), so every text read from a card passes through here.
    """
    text = _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _structured(text: str) -> list[str]:
    """A structured value (N, ORG, ADR) split at its unescaped semicolons, each part unescaped."""
    return [_unescape(part) for part in re.split(r"(?<!\\);", text)]


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Card:
    """The readable properties of one card, decoded; lines that cannot be read are in ``skipped``."""

    def __init__(self, raw: _RawCard, legacy: bool = False) -> None:
        self.skipped: list[SkippedLine] = []
        self.warnings: list[str] = []
        props: list[_Property] = []
        for number, line in _logical_lines(raw.lines):
            try:
                props.append(_parse_line(number, line))
            except _BadLine as exc:
                self.skipped.append(SkippedLine(number, str(exc)))
        version = next((p.raw.strip().decode("latin-1") for p in props if p.name == "VERSION"), "3.0")
        self.texts: dict[str, list[tuple[_Property, str]]] = {}
        self._parts: dict[str, list[str]] = {}  # N's five parts are asked for one by one
        for prop in props:
            if prop.name not in _TEXT_PROPERTIES and not _messaging_label(prop.name):
                continue  # PHOTO, X-ABUID, …: kept out, never a reason to refuse
            try:
                text = _decoded(prop, version, self.warnings, legacy)
            except _BadLine as exc:
                self.skipped.append(SkippedLine(prop.line, f"{prop.name}: {exc}"))
                continue
            self.texts.setdefault(prop.name, []).append((prop, text))

    def text(self, name: str) -> str:
        items = self.texts.get(name)
        return _one_line(_unescape(items[0][1])) if items else ""

    def part(self, name: str, index: int) -> str:
        parts = self._parts.get(name)
        if parts is None:
            items = self.texts.get(name)
            parts = self._parts[name] = _structured(items[0][1]) if items else []
        return _one_line(parts[index]) if index < len(parts) else ""

    def ranked(self, name: str) -> list[tuple[_Property, str]]:
        """The values of ``name``, preferred first (``TYPE=pref`` in 2.1/3.0, ``PREF=1`` in 4.0),
        then mobiles, then the rest in the card's order."""
        items = self.texts.get(name) or []
        if len(items) < 2:
            return list(items)  # nothing to rank (most cards: one address, one email)

        def rank(item: tuple[_Property, str]) -> tuple[int, int]:
            prop = item[0]
            types = prop.types()
            pref = "pref" in types or bool(prop.params.get("PREF"))
            return (0 if pref else 1, 0 if types & {"cell", "mobile"} else 1)

        return sorted(items, key=rank)


def _messaging_label(name: str) -> str:
    if not name.startswith("X-"):
        return ""
    folded = name.casefold()
    return next((label for word, label in _MESSAGING if word in folded), "")


def country_code(text: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country as address books write it (``Canada``, ``UK``,
    ``USA``, ``Deutschland``, ``CA``); None when it is not recognised."""
    folded = _one_line(text).casefold().strip(" .")
    if not folded:
        return None
    return _COUNTRY_ALIASES.get(folded) or _country_codes().get(folded)


@cache
def _country_codes() -> dict[str, str]:
    """Every country's code and English name, case-folded → its code (one look-up a card,
    not a walk through 240 countries)."""
    codes: dict[str, str] = {}
    for code, name in time_zones.countries():
        codes.setdefault(code.casefold(), code)
        codes.setdefault(name.casefold(), code)
    return codes


@cache
def _all_zones() -> frozenset[str]:
    return frozenset(time_zones.all_zones())


def _read_card(number: int, raw: _RawCard, user_country: str | None, legacy: bool = False) -> CardPreview:
    if not raw.complete:
        raise InvalidValue("the card is cut short (it has no END:VCARD line)")
    card = _Card(raw, legacy)
    name = card.text("FN") or _name_from_n(card)
    if not name:
        why = "; ".join(str(s) for s in card.skipped)
        raise InvalidValue("the card has no name" + (f" ({why})" if why else ""))
    warnings = card.warnings
    also: list[str] = []

    emails: list[str] = []
    for _prop, text in card.ranked("EMAIL"):
        value = re.sub(r"^mailto:", "", _unescape(text).strip(), flags=re.IGNORECASE)
        if not value:
            continue
        try:
            email = clean_email(value)
        except InvalidValue as exc:
            warnings.append(f"email left out: {exc}")
            continue
        if email and email.casefold() not in {e.casefold() for e in emails}:
            emails.append(email)

    address_country, address_note = _address_country(card)
    if address_note:
        warnings.append(address_note)
    if address_country:
        region, why = address_country, f"the card's address is in {time_zones.country_name(address_country)}"
    elif user_country:
        region, why = user_country.upper(), "the country in your profile"
    else:
        region, why = None, ""
    phones: list[tuple[str, str]] = []  # (E.164, extension)
    phone_country: str | None = None  # the referee's phone's, from the parse already made
    for _prop, text in card.ranked("TEL"):
        read = _read_phone(_unescape(text).strip(), region, why, warnings)
        if read is None:
            if text.strip():
                also.append(f"Phone as written: {_one_line(_unescape(text))}")
        elif read[:2] not in phones:
            if not phones:
                phone_country = referee_service.country_of_number(read[2])
            phones.append(read[:2])

    phone = _phone_text(phones[0]) if phones else None  # the extension is kept with the number
    also += [f"Email: {e}" for e in emails[1:]]
    also += [f"Phone: {_phone_text(p)}" for p in phones[1:]]
    for prop, text in card.texts.get("IMPP", []):
        scheme, _, handle = _unescape(text).strip().partition(":")
        also.append(f"{scheme.capitalize() or 'Messaging'}: {handle}" if handle else f"Messaging: {scheme}")
    for key, items in card.texts.items():
        label = _messaging_label(key)
        also += [f"{label}: {_one_line(_unescape(text))}" for _prop, text in items if label and text.strip()]
    # Apple's X-SOCIALPROFILE;type=linkedin and a URL on linkedin.com are the referee's LinkedIn,
    # kept in the notes as the messaging handles are (a referee has no LinkedIn field)
    for prop, text in card.texts.get("X-SOCIALPROFILE", []):
        value = _one_line(_unescape(text))
        kind = next(iter(sorted(prop.types())), "")
        label = _messaging_label(f"X-{kind}") or (kind.capitalize() if kind else "Social profile")
        if value and f"{label}: {value}" not in also:
            also.append(f"{label}: {value}")
    for _prop, text in card.texts.get("URL", []):
        value = _one_line(_unescape(text))
        label = "LinkedIn" if re.search(r"(^|[/.@])linkedin\.com(/|$)", value, re.IGNORECASE) else "Web"
        if value and f"{label}: {value}" not in also:
            also.append(f"{label}: {value}")

    country = phone_country or address_country
    zone = card.text("TZ")
    if zone not in _all_zones():  # 4.0 may name the zone; 3.0 gives an offset
        zone = time_zones.default_zone(country) or ""
        if not zone and country and len(time_zones.zones_of_country(country)) > 1:
            # a country of several zones (US, CA, AU, RU…): the address's state or town may say which
            region, locality = _address_place(card) if country == address_country else ("", "")
            zone = regions.zone_of_address(country, region, locality) or ""
            place = ", ".join(p for p in (locality, region) if p)
            if zone:
                warnings.append(f"time zone {zone} taken from the card's address ({place})")
            else:
                warnings.append(f"time zone left unset: {time_zones.country_name(country)} has several and "
                                "the card's address does not say which (choose it with Edit)")
    notes = "\n".join(_unescape(text).strip() for _prop, text in card.texts.get("NOTE", [])).strip()
    if also:
        notes = (notes + "\n\n" if notes else "") + "From the address book:\n" + "\n".join(also)
    return CardPreview(
        number=number, name=name, title=card.text("TITLE"), organisation=card.part("ORG", 0),
        email=emails[0] if emails else None, phone=phone, country=country, time_zone=zone or None,
        notes=notes, warnings=tuple(warnings), emails=tuple(emails),
        phones=tuple(_phone_text(p) for p in phones), skipped=tuple(card.skipped))


def _who(raw: _RawCard, legacy: bool) -> str:
    """What a refused card says of its person, to name it: its name, else its first email,
    phone or organisation, as written; empty when it has none (or nothing reads)."""
    try:
        card = _Card(raw, legacy)
        return (card.text("FN") or _name_from_n(card) or card.text("EMAIL").removeprefix("mailto:")
                or card.text("TEL").removeprefix("tel:") or card.part("ORG", 0))
    except Exception:  # noqa: BLE001 - only a label for a card already refused for its own reason
        return ""


def _phone_text(phone: tuple[str, str]) -> str:
    return f"{phone[0]} ext. {phone[1]}" if phone[1] else phone[0]


def _e164s(phones: Iterable[str]) -> list[str]:
    return [p.partition(" ext. ")[0] for p in phones]


def _address_country(card: _Card) -> tuple[str | None, str]:
    """The country of the card's preferred address (``ADR``'s 7th part), and a note when it
    names one that is not recognised."""
    for _prop, text in card.ranked("ADR"):
        parts = _structured(text)
        written = _one_line(parts[6]) if len(parts) > 6 else ""
        if written:
            code = country_code(written)
            if code:
                return code, ""
            return None, f"the address's country '{written}' is not one Afterview recognises"
    return None, ""


def _address_place(card: _Card) -> tuple[str, str]:
    """(region, locality) of the card's preferred address (``ADR``'s 5th and 4th parts)."""
    for _prop, text in card.ranked("ADR"):
        parts = _structured(text)
        return (_one_line(parts[4]) if len(parts) > 4 else "", _one_line(parts[3]) if len(parts) > 3 else "")
    return "", ""


def _read_phone(text: str, region: str | None, why: str,
                warnings: list[str]) -> tuple[str, str, Any] | None:
    """(E.164, extension, the parsed ``phonenumbers.PhoneNumber``) of a TEL value (``tel:``
    URIs with ``;ext=`` too), or None with a warning. The number is parsed once and the
    parse is kept: the checks and the country use it (a card's phone used to be parsed three
    times, a third of the cost of reading 10,000 cards)."""
    import phonenumbers

    if not text:
        return None
    international = text.lower().removeprefix("tel:").lstrip().startswith("+")
    if not international and not region:
        warnings.append(f"phone '{text}' left out: it has no country code, and neither the card's address nor "
                        "your profile says which country it is in (set your country in your profile)")
        return None
    try:
        number = phonenumbers.parse(text, None if international else region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        warnings.append(f"phone '{text}' left out: it is not a phone number")
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    try:
        # the referee form's own rule, so a number the preview keeps can always be saved
        checked_phone(number, e164)
    except InvalidValue as exc:
        warnings.append(f"phone '{text}' left out: {exc}")
        return None
    if not international:
        warnings.append(f"phone '{text}' has no country code: read as a number in "
                        f"{time_zones.country_name(region)} ({why})")
    return e164, number.extension or "", number


def _name_from_n(card: _Card) -> str:
    """``N:Family;Given;Additional;Prefix;Suffix`` as ``Prefix Given Additional Family Suffix``."""
    family, given, additional, prefix, suffix = (card.part("N", i) for i in range(5))
    return " ".join(w for w in (prefix, given, additional, family, suffix) if w)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


class _Known:
    """The people already kept (or met earlier in the file), by email, phone and name at organisation."""

    def __init__(self) -> None:
        self.emails: dict[str, str] = {}
        self.phones: dict[str, str] = {}
        self.people: dict[tuple[str, str], str] = {}
        #: name → who, for the "possible duplicate" said (never skipped) when a name alone matches
        self.names: dict[str, list[tuple[str, str]]] = {}  # name → [(organisation, who)]

    @classmethod
    def from_store(cls) -> _Known:
        known = cls()
        for name, organisation, email, phone in m.Referee.select(
                m.Referee.name, m.Referee.organisation, m.Referee.email, m.Referee.phone).tuples():
            known.add(name, organisation or "", [email] if email else [], _e164s([phone] if phone else []),
                      f"your referee {name}")
        return known

    def add(self, name: str, organisation: str, emails: Iterable[str], phones: Iterable[str], who: str) -> None:
        for email in emails:
            self.emails.setdefault(email.casefold(), who)
        for phone in phones:
            self.phones.setdefault(phone, who)
        if _key(organisation):
            self.people.setdefault((_key(name), _key(organisation)), who)
        self.names.setdefault(_key(name), []).append((_key(organisation), who))

    def possible(self, card: CardPreview) -> str:
        """A warning when ``card`` only shares its name with someone known and one of the two
        names no organisation to tell them apart (the same name is not the same person: it is
        imported unless the user leaves it out); empty otherwise — different organisations
        are different people."""
        mine = _key(card.organisation)
        who = next((who for theirs, who in self.names.get(_key(card.name), []) if not mine or not theirs), "")
        if not who:
            return ""
        return (f"possible duplicate: same name as {who}, and no organisation to tell them apart "
                "(imported unless you leave it out)")

    def match(self, card: CardPreview) -> str:
        """Why ``card`` is someone already known (empty: it is not)."""
        for email in card.emails:
            if email.casefold() in self.emails:
                return f"same email as {self.emails[email.casefold()]}"
        for phone in _e164s(card.phones):
            if phone in self.phones:
                return f"same phone as {self.phones[phone]}"
        # the name alone is not enough (README: "the same name at the same organisation")
        who = self.people.get((_key(card.name), _key(card.organisation))) if _key(card.organisation) else None
        if who:
            return f"same name at the same organisation as {who}"
        return ""


# --------------------------------------------------------------------------- importing
def import_cards(cards: list[CardPreview], relationship: str = "colleague", *,
                 progress: ProgressFn = no_progress, cancelled: CancelledFn = never_cancelled) -> list[int]:
    """Create referees for the chosen previews, all or nothing (one transaction); returns their ids.

    ``progress(cards done, cards chosen)``. Once ``cancelled()`` turns true the
    transaction is rolled back — nothing is imported — and
    :class:`~desktop_app.progress.Cancelled` is raised.

    Duplicates are skipped — those marked in the preview and any that became one since
    (same email, phone, or name at the same organisation as a referee now kept, or as
    a card created earlier in this call). Raises ``ValidationError`` (naming the card)
    if a value no longer passes validation; then nothing is created.
    """
    from desktop_app.services.core.records import ValidationError

    created: list[int] = []
    with db.atomic():
        known = _Known.from_store()
        for done, card in enumerate(cards):
            if done % _STEP == 0:
                if cancelled():  # raising inside atomic() rolls back every referee made so far
                    raise Cancelled("Import cancelled; nothing was imported.")
                progress(done, len(cards))
            if card.duplicate or known.match(card):
                continue
            try:
                created.append(referee_service.create_referee(card.values(relationship)))
            except ValidationError as exc:
                raise ValidationError(exc.field, f"card {card.number} ({card.name}): {exc.message}") from None
            known.add(card.name, card.organisation, card.emails, _e164s(card.phones), card.name)
    progress(len(cards), len(cards))
    return created


# --------------------------------------------------------------------------- exporting
def export_vcards(referee_ids: list[int]) -> str:
    """The chosen referees as vCard 3.0 text (CRLF line ends, as the format wants)."""
    return "".join(_cards(referee_ids))


def _cards(referee_ids: list[int]) -> Iterator[str]:
    """One vCard 3.0 text per chosen referee, in the order of the Referees list."""
    import vobject

    wanted = set(referee_ids)
    for row in referee_service.list_referee_rows():
        if row.id not in wanted:
            continue
        card = vobject.vCard()
        card.add("fn").value = row.name
        words = row.name.split()
        family = words[-1] if len(words) > 1 else row.name
        given = " ".join(words[:-1]) if len(words) > 1 else ""
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if row.organisation:
            card.add("org").value = [row.organisation]
        if row.title:
            card.add("title").value = row.title
        if row.email:
            item = card.add("email")
            item.value = row.email
            item.type_param = "INTERNET"
        if row.phone:
            item = card.add("tel")
            item.type_param = "VOICE"
            if " ext. " in row.phone:
                # RFC 6350 §6.4.1 recommends a tel: URI, whose ;ext= (RFC 3966 §5.1.5) carries the
                # extension; 3.0 readers (and ours) take the URI as the number's text
                import phonenumbers

                item.value = phonenumbers.format_number(phonenumbers.parse(row.phone, None),
                                                        phonenumbers.PhoneNumberFormat.RFC3966)
                item.value_param = "uri"
            else:
                item.value = row.phone
        if row.time_zone:  # 3.0 allows a zone name as text; 4.0 readers take it too
            item = card.add("tz")
            item.value = row.time_zone
            item.value_param = "text"
        if row.notes:
            card.add("note").value = row.notes
        # vobject escapes every ';' of a value as text; a tel: URI's ";ext=" is not text
        yield card.serialize().replace("\\;ext=", ";ext=")


def export_to_file(referee_ids: list[int], path: Path) -> int:
    """Write the chosen referees to ``path``; returns how many.

    ``path`` is replaced whole (mode 0600) once every card is written: on any error
    ``path`` is as it was and no temporary file is left.
    """
    count = 0
    # newline="": the cards carry their own CRLF line ends
    with atomic_write(Path(path), "w", encoding="utf-8", newline="") as handle:
        for card in _cards(referee_ids):
            handle.write(card)
            count += 1
    return count
