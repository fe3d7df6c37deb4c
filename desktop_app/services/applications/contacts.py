"""The people at organisations (contacts): add, edit, merge and remove, with phones read as typed.

A phone number typed without ``+`` is read with the country of the contact's
organisation, else the user's profile country (:func:`contact_country`). Removing a
contact keeps the logged contacts readable: each keeps the name it was logged with
(``interaction.contact_name``, schema version 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop_app.services.applications.organisations import (  # noqa: F401 (get_contact: for the form)
    ContactRow,
    contact_rows,
    find_or_create_organisation,
    get_contact,
)
from desktop_app.services.core import crud
from desktop_app.services.core.phones import PhoneReading, read_phone
from desktop_app.services.core.profile import get_profile
from desktop_app.services.core.validation import InvalidValue, ValidationError
from desktop_app.store import models as m
from desktop_app.store.db import db

#: What the contact form sends: every field of a contact (``organisation`` an id, a new name, or None).
CONTACT_FIELDS = ("name", "organisation", "title", "kind", "email", "phone", "linkedin", "notes")


@dataclass(frozen=True)
class ContactListRow:
    """A line of the Contacts list: the contact, with how much of the history names them."""

    contact: ContactRow
    applications: int  # applications they recruit for, are logged on, interview for, or work at (employer/agency)
    logged: int  # logged contacts with them
    last_contact_at: datetime | None


@dataclass(frozen=True)
class Usage:
    """What names a contact: for the question before removing or merging them."""

    recruiter_of: int  # applications
    logged: int  # logged contacts (they keep the name)
    interviews: int  # interviews they sat on (the link goes with them)


def contact_country(organisation: int | str | None) -> str | None:
    """The country a contact's national phone number is read with (ISO alpha-2), or None.

    The organisation's country when it has one (``organisation`` an id, or the name of
    an existing organisation), else the user's profile country.
    """
    org = None
    if isinstance(organisation, int) and not isinstance(organisation, bool):
        org = m.Organisation.get_or_none(m.Organisation.id == organisation)
    elif isinstance(organisation, str) and organisation.strip():
        org = m.Organisation.select().where(m.Organisation.name.collate("NOCASE") == organisation.strip()).first()
    if org is not None and org.country:
        return org.country
    return get_profile().country


def read_contact_phone(text: str | None, organisation: int | str | None) -> PhoneReading:
    """The phone as :func:`phones.read_phone` understands it for a contact at ``organisation``.

    Raises :class:`ValidationError` on ``phone`` when it is not a number.
    """
    try:
        return read_phone(text, contact_country(organisation))
    except InvalidValue as exc:
        raise ValidationError("phone", str(exc)) from None


def save_contact(values: dict[str, Any], contact_id: int | None = None) -> int:
    """Create (``contact_id`` None) or update a contact; returns its id.

    ``values`` holds :data:`CONTACT_FIELDS` (missing ones keep their value on update).
    ``organisation`` may be a new name: the organisation is created in the same
    transaction, so a refused contact leaves nothing behind. Raises
    :class:`ValidationError` naming the field (``name``, ``email``, ``phone`` …).
    """
    values = dict(values)
    if "name" in values or contact_id is None:
        if not str(values.get("name") or "").strip():
            raise ValidationError("name", "is required")
        values["name"] = str(values["name"]).strip()
    with db.atomic():
        organisation = values.get("organisation")
        if isinstance(organisation, str):
            values["organisation"] = find_or_create_organisation(organisation) if organisation.strip() else None
        if values.get("phone"):
            org = values["organisation"] if "organisation" in values else (
                crud.get("contacts", contact_id).organisation_id if contact_id else None)  # type: ignore[attr-defined]
            values["phone"] = read_contact_phone(values["phone"], org).e164
        if contact_id is None:
            return crud.create("contacts", values).id
        crud.update("contacts", contact_id, values)
    return contact_id


def find_duplicate(values: dict[str, Any], contact_id: int | None = None) -> ContactRow | None:
    """An existing contact (not ``contact_id``) with the same name, ignoring case and spaces, at the
    same organisation (``values["organisation"]`` an id, a name, or None for none), or None."""
    name = " ".join(str(values.get("name") or "").split()).casefold()
    if not name:
        return None
    organisation = values.get("organisation")
    org_id: int | None = None
    if isinstance(organisation, str) and organisation.strip():
        found = m.Organisation.select().where(m.Organisation.name.collate("NOCASE") == organisation.strip()).first()
        if found is None:
            return None  # a new organisation: nobody is there yet
        org_id = found.id
    elif isinstance(organisation, int) and not isinstance(organisation, bool):
        org_id = organisation
    where = m.Contact.organisation.is_null() if org_id is None else (m.Contact.organisation == org_id)
    for row in contact_rows(where):
        if row.id != contact_id and " ".join(row.name.split()).casefold() == name:
            return row
    return None


def applications_of(contact_id: int) -> int:
    """How many applications name the contact: as recruiter, on a logged contact or an interview panel,
    or as a person at the application's employer or agency (the People box)."""
    return next((r.applications for r in list_all_contacts() if r.contact.id == contact_id), 0)


def describe(contact_id: int) -> str:
    """``Gemma Wright (Harbour & Finch, gemma@example.org, 2 applications)``: enough to tell two
    people of the same name apart in a question."""
    row = get_contact(contact_id)
    count = applications_of(contact_id)
    bits = [row.organisation_name or "no organisation", row.email or "no email",
            "no applications" if count == 0 else "1 application" if count == 1 else f"{count} applications"]
    return f"{row.name} ({', '.join(bits)})"


def usage(contact_id: int) -> Usage:
    """How many applications, logged contacts and interviews name the contact."""
    return Usage(
        recruiter_of=m.Application.select().where(m.Application.recruiter == contact_id).count(),
        logged=m.Interaction.select().where(m.Interaction.contact == contact_id).count(),
        interviews=m.InterviewInterviewer.select().where(m.InterviewInterviewer.contact == contact_id).count())


def _keep_names(contact_id: int) -> None:
    """Write the contact's name onto every logged contact with them that has none yet."""
    name = crud.get("contacts", contact_id).name  # type: ignore[attr-defined]
    (m.Interaction.update(contact_name=name)
     .where((m.Interaction.contact == contact_id) & (m.Interaction.contact_name == "")).execute())


def remove_contact(contact_id: int) -> None:
    """Remove a contact. Logged contacts stay, with the name they were logged with; an
    application they recruited for keeps its organisation; interview panels lose them.
    Raises :class:`crud.NotFound` when the contact no longer exists."""
    from desktop_app.services.core import trash

    def remove() -> None:
        _keep_names(contact_id)
        crud.delete("contacts", contact_id)

    try:  # to the Trash (30 days; Edit → Undo puts it back, links and all)
        trash.move_to_trash("contacts", contact_id, remove=remove)
    except trash.TrashError as exc:
        raise crud.NotFound(str(exc)) from None


def merge_contacts(keep_id: int, other_id: int) -> None:
    """Merge ``other_id`` into ``keep_id`` (the same person entered twice), in one transaction.

    Everything that named the other now names the kept one (recruiter of, logged
    contacts, interview panels); the kept contact's empty fields take the other's
    values; then the other is removed. Raises ``ValueError`` when both ids are the same.
    """
    if keep_id == other_id:
        raise ValueError("A contact cannot be merged with itself.")
    with db.atomic():
        keep, other = crud.get("contacts", keep_id), crud.get("contacts", other_id)
        for name in ("organisation_id", "title", "email", "phone", "linkedin"):
            if not getattr(keep, name) and getattr(other, name):
                setattr(keep, name, getattr(other, name))
        if keep.kind == "other" and other.kind != "other":  # type: ignore[attr-defined]
            keep.kind = other.kind  # type: ignore[attr-defined]
        if other.notes and other.notes not in keep.notes:  # type: ignore[attr-defined]
            keep.notes = "\n".join(n for n in (keep.notes, other.notes) if n)  # type: ignore[attr-defined]
        keep.save()
        m.Application.update(recruiter=keep_id).where(m.Application.recruiter == other_id).execute()
        m.Interaction.update(contact=keep_id, contact_name=keep.name).where(  # type: ignore[attr-defined]
            m.Interaction.contact == other_id).execute()
        panels = {i for (i,) in m.InterviewInterviewer.select(m.InterviewInterviewer.interview)
                  .where(m.InterviewInterviewer.contact == keep_id).tuples()}
        for link in m.InterviewInterviewer.select().where(m.InterviewInterviewer.contact == other_id):
            if link.interview_id not in panels:
                m.InterviewInterviewer.create(interview=link.interview_id, contact=keep_id)
        other.delete_instance()


def list_all_contacts() -> list[ContactListRow]:
    """Everyone, by name, with the number of applications they belong to (recruiter, logged contact,
    interview panel, or a person at its employer or agency, as the People box shows them) and
    of logged contacts with them (4 queries)."""
    database = db.obj
    apps: dict[int, set[int]] = {}
    for contact_id, app_id in database.execute_sql(
            "SELECT recruiter_id, id FROM application WHERE recruiter_id IS NOT NULL "
            "UNION SELECT contact_id, application_id FROM interaction WHERE contact_id IS NOT NULL "
            "UNION SELECT l.contact_id, i.application_id FROM interview_interviewer l "
            "JOIN interview i ON i.id = l.interview_id "
            # a person at the employer or agency: in the application's People box, so theirs too
            "UNION SELECT c.id, a.id FROM contact c JOIN application a "
            "ON a.employer_id = c.organisation_id OR a.agency_id = c.organisation_id"):
        apps.setdefault(contact_id, set()).add(app_id)
    logged = {c: (n, last) for c, n, last in database.execute_sql(
        "SELECT contact_id, COUNT(*), MAX(at) FROM interaction WHERE contact_id IS NOT NULL GROUP BY contact_id")}
    out = []
    for row in contact_rows():
        count, last = logged.get(row.id, (0, None))
        out.append(ContactListRow(row, len(apps.get(row.id, ())), count,
                                  datetime.fromisoformat(last) if last else None))
    return out
