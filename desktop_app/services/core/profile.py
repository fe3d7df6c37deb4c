"""The user's own details (name, email, phone, LinkedIn, location, country)."""

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
    #: ISO 3166 alpha-2: the country of national phone numbers typed without ``+`` (data file version 2)
    country: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def get_profile() -> ProfileData:
    row = m.Profile.select().first()
    if row is None:
        return ProfileData()
    return ProfileData(name=row.name, email=row.email, phone=row.phone,
                       linkedin=row.linkedin, location=row.location, country=row.country)


def save_profile(values: dict[str, Any], *, region: str | None = None) -> ProfileData:
    """Validate and store the profile; raises ``ValidationError`` naming the bad field.

    A phone number typed without ``+`` is read with the ``country`` given (or stored),
    else with ``region`` (the country the caller assumes, e.g. the machine's locale).
    """
    from desktop_app.services.core.validation import InvalidValue, ValidationError, clean_country, clean_phone

    values = dict(values)
    if "country" in values:  # first: a national phone number is read with it
        try:
            values["country"] = clean_country(values["country"])
        except InvalidValue as exc:
            raise ValidationError("country", str(exc)) from None
    stored = m.Profile.select(m.Profile.country).first()
    region = values.get("country") or (stored.country if stored is not None else None) or region
    if region and values.get("phone"):
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
