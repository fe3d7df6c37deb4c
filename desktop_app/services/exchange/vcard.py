"""Referees in and out of address books: vCard (.vcf) 3.0 and 4.0, and 2.1 as phones still write it.

Import is two steps so the user sees what will be created before it is:
:func:`read_vcard_file` gives a :class:`VCardReadout` (one preview per good card, one
problem per bad card), and :func:`import_cards` creates the chosen ones in one
transaction. Each card is cut out of the file and parsed on its own (with ``vobject``),
so one broken card — no name, not UTF-8, binary junk — is reported and the others
still import. A card whose email belongs to a referee already kept is a duplicate
and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.files import atomic_write
from desktop_app.services.referees import referees as referee_service
from desktop_app.services.referees import time_zones
from desktop_app.services.core.validation import InvalidValue, clean_email, clean_phone
from desktop_app.store.db import db

#: Address-book exports with photos run to a few megabytes; anything far bigger is not one.
MAX_FILE_BYTES = 50 * 1024 * 1024
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CHARSET = re.compile(rb"CHARSET=([A-Za-z0-9_\-]+)", re.IGNORECASE)


class VCardError(ValueError):
    """The file as a whole cannot be read as contacts; ``str()`` is the sentence for the user."""


@dataclass(frozen=True)
class CardProblem:
    """A card that cannot be imported. ``number`` counts cards from 1 (0: text outside any card)."""

    number: int
    message: str


@dataclass(frozen=True)
class CardPreview:
    """What one good card will become."""

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

    def values(self, relationship: str) -> dict[str, Any]:
        """The referee record to create (relationship chosen by the user: vCards have none)."""
        return {"name": self.name, "title": self.title, "organisation": self.organisation,
                "relationship": relationship, "email": self.email, "phone": self.phone,
                "country": self.country, "time_zone": self.time_zone, "notes": self.notes}


@dataclass
class VCardReadout:
    cards: list[CardPreview] = field(default_factory=list)
    problems: list[CardProblem] = field(default_factory=list)

    @property
    def new_cards(self) -> list[CardPreview]:
        return [c for c in self.cards if not c.duplicate]

    @property
    def duplicates(self) -> list[CardPreview]:
        return [c for c in self.cards if c.duplicate]


# --------------------------------------------------------------------------- reading
def read_vcard_file(path: Path, *, default_region: str | None = None) -> VCardReadout:
    """Read a .vcf file; raises :class:`VCardError` when it is not an address book at all."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise VCardError(f"{path.name} is {size // (1024 * 1024)} MB: too big to be an address book "
                             "export. Export only the contacts you need.")
        data = path.read_bytes()
    except OSError as exc:
        raise VCardError(f"Afterview could not read {path.name}: {exc.strerror or exc}") from None
    return read_vcards(data, default_region=default_region, source=path.name)


def read_vcards(data: bytes, *, default_region: str | None = None, source: str = "This file") -> VCardReadout:
    """Every card in ``data``: previews of the good ones, problems of the bad ones."""
    blocks, stray = _split_cards(data)
    if not blocks:
        raise VCardError(f"{source} holds no contacts: it is not a vCard (.vcf) file, or it is empty.")
    readout = VCardReadout()
    if stray:
        readout.problems.append(CardProblem(0, f"{stray} line(s) outside any card were not contacts and "
                                               "were skipped."))
    seen = referee_service.known_emails()
    for number, block in enumerate(blocks, start=1):
        try:
            preview = _read_card(number, block, default_region)
        except InvalidValue as exc:
            readout.problems.append(CardProblem(number, str(exc)))
            continue
        if preview.email is not None:
            key = preview.email.casefold()
            if key in seen:
                preview = _replace(preview, duplicate=True)
            seen.add(key)
        readout.cards.append(preview)
    return readout


def _replace(card: CardPreview, **changes: Any) -> CardPreview:
    from dataclasses import replace

    return replace(card, **changes)


def _split_cards(data: bytes) -> tuple[list[bytes | None], int]:
    """The cards' raw bytes (None for a card cut short), and how many stray lines were outside."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    blocks: list[bytes | None] = []
    current: list[bytes] | None = None
    stray = 0
    for line in data.splitlines():
        word = line.strip().upper()
        if word == b"BEGIN:VCARD":
            if current is not None:
                blocks.append(None)  # a card that never ended
            current = [line]
        elif current is not None:
            current.append(line)
            if word == b"END:VCARD":
                blocks.append(b"\r\n".join(current) + b"\r\n")
                current = None
        elif word:
            stray += 1
    if current is not None:
        blocks.append(None)
    return blocks, stray


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(raw)
    if declared:  # vCard 2.1 may declare a legacy charset for its 8-bit text
        try:
            return raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    raise InvalidValue("its text is not in a readable encoding (not UTF-8); "
                       "export the address book again as UTF-8")


def _join_soft_breaks(text: str) -> str:
    """vCard 2.1 quoted-printable values continue on the next line after a trailing ``=``."""
    lines = text.split("\r\n")
    out: list[str] = []
    joining = False
    for line in lines:
        if joining:
            out[-1] = out[-1][:-1] + line.lstrip()
        else:
            out.append(line)
        head = out[-1].split(":", 1)[0].upper()
        joining = "QUOTED-PRINTABLE" in head and out[-1].endswith("=")
    return "\r\n".join(out)


@dataclass(frozen=True)
class _Property:
    params: dict[str, list[str]]
    value: str  # as written: still escaped, still quoted-printable

    def types(self) -> set[str]:
        return {t.strip().lower() for v in self.params.get("TYPE", []) for t in v.split(",")}


def _properties(text: str) -> dict[str, list[_Property]]:
    """The card's lines, unfolded and split by vobject's parser; values left as written.

    vobject's own value handling is not used: it drops everything after an unescaped
    comma in a text value (``NOTE:Leeds, 2015``), which address books write all the time.
    """
    import io

    from vobject.base import getLogicalLines, parseLine

    props: dict[str, list[_Property]] = {}
    for line, number in getLogicalLines(io.StringIO(text)):
        name, raw_params, value, _group = parseLine(line, number)
        params: dict[str, list[str]] = {}
        for param in raw_params:
            if len(param) == 1:  # vCard 2.1 bare parameters: TEL;CELL;PREF
                params.setdefault("TYPE", []).append(param[0])
            else:
                params.setdefault(param[0].upper(), []).extend(param[1:])
        props.setdefault(name.upper(), []).append(_Property(params, value))
    return props


_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _decoded(prop: _Property) -> str:
    """The value with quoted-printable undone (in its declared charset)."""
    value = prop.value
    if any(e.upper() == "QUOTED-PRINTABLE" for e in prop.params.get("ENCODING", [])):
        import quopri

        charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
        try:
            value = quopri.decodestring(value.encode("ascii")).decode(charset)
        except (UnicodeError, LookupError):
            raise InvalidValue("a quoted-printable value is not readable text") from None
    return value


def _text_of(props: dict[str, list[_Property]], key: str, *, part: int | None = None) -> str:
    items = props.get(key)
    if not items:
        return ""
    value = _decoded(items[0])
    if part is not None:  # structured values (N, ORG) are separated by unescaped semicolons
        parts = re.split(r"(?<!\\);", value)
        value = parts[part] if part < len(parts) else ""
    return " ".join(_unescape(value).split())


def _read_card(number: int, raw: bytes | None, default_region: str | None) -> CardPreview:
    if raw is None:
        raise InvalidValue("the card is cut short (it has no END:VCARD line)")
    # a PHOTO is base64 text: control bytes here mean binary data pasted in, not a contact
    if _BINARY.search(raw.decode("latin-1")):
        raise InvalidValue("the card holds binary data, not contact details")
    text = _decode(raw)
    try:
        props = _properties(_join_soft_breaks(text))
    except Exception as exc:  # noqa: BLE001 (vobject raises assorted errors for broken lines)
        raise InvalidValue(f"the card cannot be read ({str(exc).strip() or type(exc).__name__})") from None
    name = _text_of(props, "FN") or _name_from_n(props)
    if not name:
        raise InvalidValue("the card has no name")
    warnings: list[str] = []
    email = None
    raw_email = _preferred(props, "EMAIL")
    if raw_email:
        try:
            email = clean_email(raw_email)
        except InvalidValue as exc:
            warnings.append(f"email left out: {exc}")
    phone = None
    raw_phone = _preferred(props, "TEL")
    if raw_phone:
        raw_phone = re.sub(r"^tel:", "", raw_phone.strip(), flags=re.IGNORECASE)
        try:
            phone = clean_phone(raw_phone, default_region)
        except InvalidValue as exc:
            warnings.append(f"phone left out: {exc}")
    country = referee_service.country_of_phone(phone) if phone else None
    zone = _text_of(props, "TZ")
    if zone not in time_zones.all_zones():  # 4.0 may name the zone; 3.0 gives an offset
        zone = time_zones.default_zone(country) or ""
    return CardPreview(
        number=number, name=name, title=_text_of(props, "TITLE"),
        organisation=_text_of(props, "ORG", part=0), email=email, phone=phone, country=country,
        time_zone=zone or None, notes=_notes(props), warnings=tuple(warnings))


def _notes(props: dict[str, list[_Property]]) -> str:
    items = props.get("NOTE") or []
    return "\n".join(_unescape(_decoded(p)).strip() for p in items).strip()


def _name_from_n(props: dict[str, list[_Property]]) -> str:
    """``N:Family;Given;Additional;Prefix;Suffix`` as ``Prefix Given Additional Family Suffix``."""
    family, given, additional, prefix, suffix = (_text_of(props, "N", part=i) for i in range(5))
    return " ".join(w for w in (prefix, given, additional, family, suffix) if w)


def _preferred(props: dict[str, list[_Property]], key: str) -> str | None:
    """The value marked preferred (``TYPE=pref`` in 3.0, ``PREF=1`` in 4.0), else a mobile, else the first."""
    items = props.get(key) or []
    if not items:
        return None
    chosen = next((p for p in items if "pref" in p.types() or p.params.get("PREF")), None)
    chosen = chosen or next((p for p in items if p.types() & {"cell", "mobile"}), None) or items[0]
    return _unescape(_decoded(chosen)).strip() or None


# --------------------------------------------------------------------------- importing
def import_cards(cards: list[CardPreview], relationship: str = "colleague") -> list[int]:
    """Create referees for the chosen previews, all or nothing; duplicates are skipped.

    Raises ``ValidationError`` (naming the card) if a value no longer passes validation.
    """
    from desktop_app.services.core.records import ValidationError

    created: list[int] = []
    with db.atomic():
        known = referee_service.known_emails()
        for card in cards:
            if card.duplicate or (card.email and card.email.casefold() in known):
                continue
            try:
                created.append(referee_service.create_referee(card.values(relationship)))
            except ValidationError as exc:
                raise ValidationError(exc.field, f"card {card.number} ({card.name}): {exc.message}") from None
            if card.email:
                known.add(card.email.casefold())
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
            item.value = row.phone
            item.type_param = "VOICE"
        if row.time_zone:  # 3.0 allows a zone name as text; 4.0 readers take it too
            item = card.add("tz")
            item.value = row.time_zone
            item.value_param = "text"
        if row.notes:
            card.add("note").value = row.notes
        yield card.serialize()


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
