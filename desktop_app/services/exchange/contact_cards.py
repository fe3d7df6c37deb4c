"""Contacts (recruiters, hiring managers …) exported as vCard 4.0 (RFC 6350), for an address book.

Written by hand rather than with vobject (which writes 3.0): a 4.0 card is a few
escaped, folded lines. RFC 6350 §3.2 (CRLF, lines folded at 75 octets, never inside
a UTF-8 character), §3.4 (escaping of ``\\``, ``,``, ``;`` and new lines in text),
§6.4.1 (``TEL`` as a ``tel:`` URI), §6.6.1–6.6.4 (``TITLE``, ``ROLE``, ``ORG``).
"""

from __future__ import annotations

from pathlib import Path

from desktop_app import vocab
from desktop_app.files import atomic_write
from desktop_app.services.applications.organisations import ContactRow, contact_rows
from desktop_app.store import models as m


def _escape(text: str) -> str:
    """A text value escaped as RFC 6350 §3.4 says."""
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """One content line, folded at 75 octets (RFC 6350 §3.2) without splitting a character; ends in CRLF."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out) + "\r\n"


def card(contact: ContactRow) -> str:
    """One contact as a vCard 4.0 text (CRLF line ends)."""
    words = contact.name.split()
    family = words[-1] if len(words) > 1 else contact.name
    given = " ".join(words[:-1]) if len(words) > 1 else ""
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:individual", f"FN:{_escape(contact.name)}",
             f"N:{_escape(family)};{_escape(given)};;;"]
    if contact.organisation_name:
        lines.append(f"ORG:{_escape(contact.organisation_name)}")
    if contact.title:
        lines.append(f"TITLE:{_escape(contact.title)}")
    if contact.kind and contact.kind != "other":
        lines.append(f"ROLE:{_escape(vocab.label(vocab.CONTACT_KINDS, contact.kind))}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{_escape(contact.email)}")
    if contact.phone:  # stored in E.164, so the tel: URI is the number itself
        lines.append(f"TEL;VALUE=uri;TYPE=work,voice:{_tel_uri(contact.phone)}")
    if contact.linkedin:
        lines.append(f"URL;TYPE=work:{contact.linkedin}")
    if contact.notes:
        lines.append(f"NOTE:{_escape(contact.notes)}")
    lines.append("END:VCARD")
    return "".join(_fold(line) for line in lines)


def export_cards(contact_ids: list[int] | None = None) -> str:
    """The chosen contacts (None: everyone) as vCard 4.0 text, by name."""
    where = None if contact_ids is None else m.Contact.id.in_(sorted(set(contact_ids)))
    return "".join(card(row) for row in contact_rows(where))


def export_to_file(path: Path, contact_ids: list[int] | None = None) -> int:
    """Write the chosen contacts (None: everyone) to ``path``; returns how many.

    ``path`` is replaced whole (mode 0600) through ``files.atomic_write``: on any error
    (``OSError``) it is as it was and no temporary file is left.
    """
    where = None if contact_ids is None else m.Contact.id.in_(sorted(set(contact_ids)))
    rows = contact_rows(where)
    # newline="": the cards carry their own CRLF line ends
    with atomic_write(Path(path), "w", encoding="utf-8", newline="") as handle:
        for row in rows:
            handle.write(card(row))
    return len(rows)


def _tel_uri(phone: str) -> str:
    """A stored phone (E.164, maybe with ``" ext. N"``) as an RFC 3966 tel: URI, the extension
    as ``;ext=N`` (RFC 3966 §5.1.5; RFC 6350 §6.4.1 recommends the URI form)."""
    number, _, extension = phone.partition(" ext. ")
    return f"tel:{number}" + (f";ext={extension}" if extension else "")
