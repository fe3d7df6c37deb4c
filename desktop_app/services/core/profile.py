"""The user's own details (name, email, phone, LinkedIn, location)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from desktop_app.services.core.records import PROFILE_FIELDS, clean_fields
from desktop_app.store import models as m
from desktop_app.store.db import db


@dataclass(frozen=True)
class ProfileData:
    name: str = ""
    email: str | None = None
    phone: str | None = None  # E.164
    linkedin: str | None = None
    location: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def get_profile() -> ProfileData:
    row = m.Profile.select().first()
    if row is None:
        return ProfileData()
    return ProfileData(name=row.name, email=row.email, phone=row.phone,
                       linkedin=row.linkedin, location=row.location)


def save_profile(values: dict[str, Any], *, region: str | None = None) -> ProfileData:
    """Validate and store the profile; raises ``ValidationError`` naming the bad field.

    ``region`` is the country used for a phone number typed without ``+``.
    """
    values = dict(values)
    if region and values.get("phone"):
        from desktop_app.services.core.validation import InvalidValue, ValidationError, clean_phone
        try:
            values["phone"] = clean_phone(values["phone"], region)
        except InvalidValue as exc:
            raise ValidationError("phone", str(exc)) from None
    cleaned = clean_fields(PROFILE_FIELDS, values, partial=True)
    with db.atomic():
        row = m.Profile.select().first() or m.Profile()
        for key, val in cleaned.items():
            setattr(row, key, val)
        row.save()
    return get_profile()
