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
    country: str | None = None  # ISO 3166 alpha-2 (schema version 2)


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
    return OrganisationRow(o.id, o.name, o.website, o.linkedin, o.notes, o.country)


def list_organisations() -> list[OrganisationRow]:
    return [_org_row(o) for o in m.Organisation.select().order_by(m.Organisation.name, m.Organisation.id)]


def get_organisation(org_id: int) -> OrganisationRow:
    return _org_row(crud.get("organisations", org_id))  # type: ignore[arg-type]


def create_organisation(values: dict[str, Any]) -> int:
    return crud.create("organisations", values).id


class SameNameExists(ValueError):
    """Saving would give an organisation the name of another one, ignoring case ("acme" and
    "ACME"): the same organisation entered twice. ``other_id``/``other_name`` say which; the
    window offers :func:`merge_organisations`."""

    def __init__(self, other_id: int, other_name: str) -> None:
        super().__init__(f"There is already an organisation called {other_name}.")
        self.other_id = other_id
        self.other_name = other_name


def same_name_as(name: str, org_id: int | None = None) -> OrganisationRow | None:
    """Another organisation (not ``org_id``) whose name equals ``name`` ignoring case and
    surrounding spaces, or None."""
    query = m.Organisation.select().where(m.Organisation.name.collate("NOCASE") == name.strip())
    if org_id is not None:
        query = query.where(m.Organisation.id != org_id)
    other = query.order_by(m.Organisation.id).first()
    return None if other is None else _org_row(other)


def update_organisation(org_id: int, values: dict[str, Any]) -> None:
    """Save the organisation's fields (rename included). Raises :class:`crud.ValidationError`
    naming a bad field, and :class:`SameNameExists` (nothing saved) when the new name is
    another organisation's ignoring case."""
    if "name" in values:
        other = same_name_as(str(values["name"] or ""), org_id)
        if other is not None and str(values["name"]).strip():
            raise SameNameExists(other.id, other.name)
    crud.update("organisations", org_id, values)


def merge_organisations(keep_id: int, other_id: int) -> None:
    """Merge ``other_id`` into ``keep_id`` (one organisation entered twice), in one transaction.

    Its applications (as employer or agency) and people move to the kept one, whose
    empty fields take the other's values and whose notes gain the other's; then the other
    is deleted. Raises ``ValueError`` when both ids are the same, :class:`crud.NotFound`
    when either does not exist.
    """
    from desktop_app.store.db import db

    if keep_id == other_id:
        raise ValueError("An organisation cannot be merged with itself.")
    with db.atomic():
        keep, other = crud.get("organisations", keep_id), crud.get("organisations", other_id)
        for name in ("website", "linkedin", "country"):
            if not getattr(keep, name) and getattr(other, name):
                setattr(keep, name, getattr(other, name))
        if other.notes and other.notes not in keep.notes:  # type: ignore[attr-defined]
            keep.notes = "\n".join(n for n in (keep.notes, other.notes) if n)  # type: ignore[attr-defined]
        keep.save()
        m.Application.update(employer=keep_id).where(m.Application.employer == other_id).execute()
        m.Application.update(agency=keep_id).where(m.Application.agency == other_id).execute()
        m.Contact.update(organisation=keep_id).where(m.Contact.organisation == other_id).execute()
        other.delete_instance()


def applications_using(org_id: int) -> int:
    """How many applications name the organisation as employer or agency."""
    return m.Application.select().where((m.Application.employer == org_id) | (m.Application.agency == org_id)).count()


def find_or_create_organisation(name: str) -> int:
    """The organisation of this name (case-insensitive), created if new."""
    clean = name.strip()
    existing = m.Organisation.select().where(m.Organisation.name.collate("NOCASE") == clean).first()
    if existing is not None:
        return existing.id
    return create_organisation({"name": clean})


def delete_organisation(org_id: int) -> None:
    """Delete an organisation no application uses; its people stay, with no organisation.

    Raises ``ValueError`` with a sentence for the user while applications name it as
    employer or agency, :class:`crud.NotFound` when it does not exist.
    """
    org = crud.get("organisations", org_id)
    count = applications_using(org_id)
    if count:
        noun = "1 application uses" if count == 1 else f"{count} applications use"
        raise ValueError(f"{org.name} cannot be deleted: {noun} it as employer or agency. "  # type: ignore[attr-defined]
                         "Delete or change those applications first, or merge it into another organisation.")
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


def contact_rows(where: Any = None) -> list[Any]:
    """Contacts (``organisations.ContactRow``) with their organisation's name, by name."""
    query = (m.Contact.select(m.Contact, m.Organisation.name.alias("org_name"))
             .join(m.Organisation, JOIN.LEFT_OUTER, on=(m.Contact.organisation == m.Organisation.id))
             .order_by(m.Contact.name, m.Contact.id))
    if where is not None:
        query = query.where(where)
    return [ContactRow(c.id, c.name, c.organisation_id, getattr(c, "org_name", None) or "", c.title, c.kind,
                       c.email, c.phone, c.linkedin, c.notes) for c in query.objects()]
