"""vCard 4.0 export of contacts (RFC 6350): escaped, folded, readable by an address book reader."""

from __future__ import annotations

import stat
from pathlib import Path

import vobject

from desktop_app.services.applications import contacts
from desktop_app.services.exchange import contact_cards
from desktop_app.store import models as m


def test_every_contact_as_vcard_4(demo_store: Path) -> None:
    text = contact_cards.export_cards()
    cards = list(vobject.readComponents(text))
    assert len(cards) == m.Contact.select().count()
    gemma = next(c for c in cards if c.fn.value == "Gemma Wright")
    assert gemma.version.value == "4.0"
    assert gemma.org.value == ["Harbour & Finch Recruitment"]
    assert gemma.tel.value == "tel:+441134960123"
    assert gemma.email.value == "gemma@harbourfinch.example"
    assert gemma.role.value == "Recruiter"
    assert all(line == "" or len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_text_is_escaped_and_long_lines_fold_between_characters(store: Path) -> None:
    notes = "Met at the fair; said: call, or write\\email.\n" + "Ünïcödé " * 20
    contact_id = contacts.save_contact({"name": "Zoë O'Brien", "notes": notes})
    text = contact_cards.export_cards([contact_id])
    assert "NOTE:Met at the fair\\; said: call\\, or write\\\\email.\\n" in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    card = vobject.readOne(text)
    assert card.note.value == notes
    assert card.n.value.family == "O'Brien" and card.n.value.given == "Zoë"


def test_export_to_a_private_file(demo_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "contacts.vcf"
    helen = m.Contact.get(m.Contact.name == "Helen Marsh").id
    assert contact_cards.export_to_file(target, [helen]) == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
