"""Create, update and delete any record through its declared shape (``records.RECORDS``).

The domain services (applications, referees …) call these so that every write is
validated the same way and references are checked against the database before
SQLite's foreign keys would reject them with a technical message.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def create(collection: str, values: Mapping[str, Any]) -> m.BaseModel:
    cleaned = clean_fields(RECORDS[collection].fields, values)
    _check_refs(collection, cleaned)
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
    _check_refs(collection, cleaned)
    with db.atomic():
        for key, val in _model_values(collection, cleaned).items():
            setattr(row, key, val)
        row.save()
    return row


def delete(collection: str, record_id: int) -> None:
    get(collection, record_id).delete_instance()
