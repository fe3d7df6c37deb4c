"""Create, update and delete any record through its declared shape (``records.RECORDS``).

The domain services (applications, referees …) call these so that every write is
validated the same way and references are checked against the database before
SQLite's foreign keys would reject them with a technical message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from desktop_app.services.core.records import RECORDS, ValidationError, clean_fields
from desktop_app.store import models as m
from desktop_app.store.db import db

MODELS: dict[str, type[m.BaseModel]] = {
    "organisations": m.Organisation,
    "contacts": m.Contact,
    "applications": m.Application,
    "interviews": m.Interview,
    "interactions": m.Interaction,
    "referees": m.Referee,
    "briefings": m.Briefing,
    "references_given": m.ReferenceGiven,
    "qualifications": m.Qualification,
    "documents": m.Document,
}

_NOUNS = {
    "organisations": "organisation", "contacts": "contact", "applications": "application",
    "interviews": "interview", "interactions": "logged contact", "referees": "referee",
    "briefings": "briefing", "references_given": "reference", "qualifications": "qualification",
    "documents": "document",
}


class NotFound(LookupError):
    """The record asked for does not exist (any more)."""


def noun(collection: str) -> str:
    return _NOUNS[collection]


def get(collection: str, record_id: int) -> m.BaseModel:
    model = MODELS[collection]
    row = model.get_or_none(model.id == record_id)
    if row is None:
        raise NotFound(f"This {noun(collection)} no longer exists.")
    return row


def _check_refs(collection: str, values: Mapping[str, Any]) -> None:
    for spec in RECORDS[collection].fields:
        if spec.kind not in ("ref", "refs") or spec.name not in values:
            continue
        wanted = values[spec.name]
        ids = list(wanted) if spec.kind == "refs" else ([] if wanted is None else [wanted])
        target = MODELS[spec.target]  # type: ignore[index]
        for ref in ids:
            if isinstance(ref, bool) or not isinstance(ref, int) or not target.select().where(
                    target.id == ref).exists():
                raise ValidationError(spec.name, f"there is no such {noun(spec.target)}")  # type: ignore[arg-type]


def _model_values(collection: str, cleaned: Mapping[str, Any]) -> dict[str, Any]:
    """Drop what is not a column (lists of interviewers, a document's source path)."""
    model = MODELS[collection]
    return {k: val for k, val in cleaned.items() if k in model._meta.fields}


def _keep_contact_name(collection: str, cleaned: dict[str, Any]) -> None:
    """A logged contact keeps the person's name (``interaction.contact_name``, schema v2), so
    the history stays readable after the contact is removed; set on every write naming one."""
    if collection == "interactions" and cleaned.get("contact") is not None:
        person = m.Contact.get_or_none(m.Contact.id == cleaned["contact"])
        if person is not None:
            cleaned["contact_name"] = person.name


#: The field a :class:`ValidationError` names when the record was fine but could not be saved.
SAVING = "saving"


@contextmanager
def _saving() -> Iterator[None]:
    """A write that SQLite could not do, in the user's words (a form stays open and shows it).

    Two cases, neither a fault of the record: the disk is full (``SQLITE_FULL``), or another
    program held the database past the busy timeout. Raises :class:`ValidationError` on
    :data:`SAVING`; anything else propagates.
    """
    import peewee

    from desktop_app.store.errors import disk_full_message, is_disk_full

    try:
        yield
    except peewee.OperationalError as exc:
        if is_disk_full(exc):
            folder = str(db.obj.database).rsplit("/", 1)[0] if db.obj is not None else ""
            raise ValidationError(SAVING, disk_full_message(folder)) from exc
        if "locked" in str(exc) or "busy" in str(exc):
            raise ValidationError(SAVING, "another program is changing Afterview's data right now, so this "
                                          "was not saved. Nothing was lost: try again in a moment") from exc
        raise


def create(collection: str, values: Mapping[str, Any]) -> m.BaseModel:
    cleaned = clean_fields(RECORDS[collection].fields, values)
    with _saving():
        _check_refs(collection, cleaned)
        _keep_contact_name(collection, cleaned)
        return MODELS[collection].create(**_model_values(collection, cleaned))


def update(collection: str, record_id: int, values: Mapping[str, Any]) -> m.BaseModel:
    row = get(collection, record_id)
    to_clean = dict(values)
    phone = RECORDS[collection].by_name.get("phone")
    borrowed_country = (phone is not None and phone.region_from is not None
                        and "phone" in values and phone.region_from not in values)
    if borrowed_country:
        # only the phone changed: read it with the country already stored
        to_clean[phone.region_from] = getattr(row, phone.region_from)  # type: ignore[union-attr, index]
    cleaned = clean_fields(RECORDS[collection].fields, to_clean, partial=True)
    if borrowed_country:
        cleaned.pop(phone.region_from)  # type: ignore[union-attr, arg-type]
    with _saving():
        _check_refs(collection, cleaned)
        _keep_contact_name(collection, cleaned)
        with db.atomic():  # BEGIN IMMEDIATE: asks for the write lock first, under the busy timeout
            for key, val in _model_values(collection, cleaned).items():
                setattr(row, key, val)
            row.save()
    return row


def delete(collection: str, record_id: int) -> None:
    get(collection, record_id).delete_instance()
