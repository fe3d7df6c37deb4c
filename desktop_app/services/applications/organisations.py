"""Organisations (employers and recruitment agencies) and the people at them (contacts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from desktop_app.services.core import crud
from desktop_app.store import models as m


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    website: str | None
    linkedin: str | None
    notes: str


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    organisation_id: int | None
    organisation_name: str
    title: str
    kind: str
    email: str | None
    phone: str | None
    linkedin: str | None
    notes: str


def _org_row(o: m.Organisation) -> OrganisationRow:
    return OrganisationRow(o.id, o.name, o.website, o.linkedin, o.notes)


def list_organisations() -> list[OrganisationRow]:
    return [_org_row(o) for o in m.Organisation.select().order_by(m.Organisation.name, m.Organisation.id)]


def get_organisation(org_id: int) -> OrganisationRow:
    return _org_row(crud.get("organisations", org_id))  # type: ignore[arg-type]


def create_organisation(values: dict[str, Any]) -> int:
    return crud.create("organisations", values).id


def update_organisation(org_id: int, values: dict[str, Any]) -> None:
    crud.update("organisations", org_id, values)


def find_or_create_organisation(name: str) -> int:
    """The organisation of this name (case-insensitive), created if new."""
    clean = name.strip()
    existing = m.Organisation.select().where(m.Organisation.name.collate("NOCASE") == clean).first()
    if existing is not None:
        return existing.id
    return create_organisation({"name": clean})


def delete_organisation(org_id: int) -> None:
    """Refused (``ValueError`` with a message) while applications name it as employer."""
    count = m.Application.select().where(m.Application.employer == org_id).count()
    if count:
        raise ValueError(f"This organisation is the employer of {count} application(s); "
                         "delete those first.")
    crud.delete("organisations", org_id)


def _contact_row(c: m.Contact, org_name: str) -> ContactRow:
    return ContactRow(c.id, c.name, c.organisation_id, org_name, c.title, c.kind, c.email,
                      c.phone, c.linkedin, c.notes)


def list_contacts(organisation_id: int | None = None) -> list[ContactRow]:
    query = (m.Contact.select(m.Contact, m.Organisation.name.alias("org_name"))
             .join(m.Organisation, join_type=JOIN.LEFT_OUTER, on=(m.Contact.organisation == m.Organisation.id))
             .order_by(m.Contact.name, m.Contact.id))
    if organisation_id is not None:
        query = query.where(m.Contact.organisation == organisation_id)
    return [_contact_row(c, getattr(c, "org_name", None) or "") for c in query.objects()]


def get_contact(contact_id: int) -> ContactRow:
    c = crud.get("contacts", contact_id)
    org = c.organisation.name if c.organisation_id else ""  # type: ignore[attr-defined]
    return _contact_row(c, org)  # type: ignore[arg-type]


def create_contact(values: dict[str, Any]) -> int:
    return crud.create("contacts", values).id


def update_contact(contact_id: int, values: dict[str, Any]) -> None:
    crud.update("contacts", contact_id, values)


def delete_contact(contact_id: int) -> None:
    crud.delete("contacts", contact_id)


def contact_rows(where: Any = None) -> list[Any]:
    """Contacts (``organisations.ContactRow``) with their organisation's name, by name."""
    query = (m.Contact.select(m.Contact, m.Organisation.name.alias("org_name"))
             .join(m.Organisation, JOIN.LEFT_OUTER, on=(m.Contact.organisation == m.Organisation.id))
             .order_by(m.Contact.name, m.Contact.id))
    if where is not None:
        query = query.where(where)
    return [ContactRow(c.id, c.name, c.organisation_id, getattr(c, "org_name", None) or "", c.title, c.kind,
                       c.email, c.phone, c.linkedin, c.notes) for c in query.objects()]
