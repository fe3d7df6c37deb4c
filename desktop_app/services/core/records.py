"""The shape of every record, declared once: field kinds, required fields, vocabularies.

Used by the services (create/update from the UI) and by the data file import, so a
bad value gets the same sentence wherever it comes from. References are checked by
the caller (database ids in the services, file ids in the data file).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop_app import vocab
from desktop_app.services.core import validation as v


@dataclass(frozen=True)
class Field:
    name: str
    # text, name (text of at most validation.NAME_MAX characters), opt_text, date, moment,
    # bool, int, enum, ref, refs, email, phone, url, tz, country
    kind: str
    required: bool = False
    choices: Mapping[str, str] | None = None
    target: str | None = None  # the collection a ref points into
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    region_from: str | None = None  # phone: the field holding the country


@dataclass(frozen=True)
class Record:
    collection: str
    fields: tuple[Field, ...]
    has_id: bool = True
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})


def _f(name: str, kind: str = "text", **kw: Any) -> Field:
    return Field(name, kind, **kw)


RECORDS: dict[str, Record] = {r.collection: r for r in [
    Record("organisations", (
        _f("name", "name", required=True), _f("website", "url"), _f("linkedin", "url"), _f("notes"),
        _f("country", "country"))),  # data file version 2
    Record("contacts", (
        _f("name", "name", required=True), _f("organisation", "ref", target="organisations"),
        _f("title", "name"), _f("kind", "enum", choices=vocab.CONTACT_KINDS, default="other"),
        _f("email", "email"), _f("phone", "phone"), _f("linkedin", "url"), _f("notes"))),
    Record("applications", (
        _f("role", "name", required=True), _f("employer", "ref", required=True, target="organisations"),
        _f("agency", "ref", target="organisations"), _f("recruiter", "ref", target="contacts"),
        _f("source"), _f("applied_on", "date", required=True),
        _f("stage", "enum", choices=vocab.STAGES, default="applied"),
        _f("feedback", "opt_text"), _f("notes"))),
    Record("interviews", (
        _f("application", "ref", required=True, target="applications"),
        _f("at", "moment", required=True), _f("round", "int", default=1, minimum=1, maximum=99),
        _f("format", "enum", choices=vocab.INTERVIEW_FORMATS, default="video"),
        _f("interviewers", "refs", target="contacts", default=()), _f("notes"))),
    Record("interactions", (
        _f("application", "ref", required=True, target="applications"),
        _f("contact", "ref", target="contacts"), _f("at", "moment", required=True),
        _f("channel", "enum", required=True, choices=vocab.CHANNELS),
        _f("direction", "enum", required=True, choices=vocab.DIRECTIONS),
        _f("purpose", "enum", choices=vocab.PURPOSES, default="other"),
        _f("summary"), _f("reply_received", "bool", default=False),
        _f("contact_name"))),  # version 2: the person's name, kept after the contact is removed
    Record("referees", (
        _f("name", "name", required=True), _f("title", "name"), _f("organisation", "name"),
        _f("relationship", "enum", required=True, choices=vocab.RELATIONSHIPS),
        _f("worked_together"), _f("email", "email"),
        _f("phone", "phone", region_from="country"), _f("country", "country"),
        _f("time_zone", "tz"),
        _f("preferred_channel", "enum", choices=vocab.PREFERRED_CHANNELS, default="either"),
        _f("online_questionnaire", "bool", default=False), _f("consent_on", "date"),
        _f("active", "bool", default=True), _f("notes"))),
    Record("briefings", (
        _f("referee", "ref", required=True, target="referees"),
        _f("application", "ref", target="applications"), _f("on", "date", required=True),
        _f("channel", "enum", choices=vocab.CHANNELS, default="email"), _f("notes"))),
    Record("references_given", (
        _f("referee", "ref", required=True, target="referees"),
        _f("application", "ref", required=True, target="applications"),
        _f("on", "date", required=True), _f("employer_contacted_on", "date"),
        _f("questionnaire_done", "bool", default=False)), has_id=False),
    Record("qualifications", (
        _f("title", "name", required=True), _f("institution", "name"), _f("level", "name"), _f("started_on", "date"),
        _f("awarded_on", "date"), _f("grade"), _f("verify"),
        # version 2: the share link's expiry, its PIN, the name on the university's record
        _f("verify_expires_on", "date"), _f("verify_pin"), _f("name_at_study"))),
    Record("documents", (
        _f("kind", "enum", choices=vocab.DOCUMENT_KINDS, default="other"),
        _f("qualification", "ref", target="qualifications"),
        _f("application", "ref", target="applications"),
        _f("original_name", required=True), _f("sha256", "opt_text"),
        _f("pages", "int", default=0, minimum=0), _f("size", "int", default=0, minimum=0),
        _f("added_at", "moment"), _f("path", "opt_text"))),
]}

#: Settings of the advice (DATA_FORMAT.md), with defaults and sensible bounds.
SETTINGS_FIELDS: tuple[Field, ...] = (
    _f("min_follow_up_gap_days", "int", default=5, minimum=1, maximum=60),
    _f("feedback_request_after_working_days", "int", default=2, minimum=0, maximum=30),
    _f("last_say_after_unanswered", "int", default=3, minimum=1, maximum=20),
    _f("last_say_after_silence_days", "int", default=21, minimum=1, maximum=365),
    _f("re_approach_after_months", "int", default=3, minimum=1, maximum=24),
    _f("re_approach_window_months", "int", default=6, minimum=1, maximum=36),
    _f("briefing_valid_days", "int", default=90, minimum=1, maximum=730),
    # the user's monthly activity target (activity report, issue 19; 0: none), so that it travels
    # with the data file; a version 1 file lacks it and imports with none
    _f("monthly_activity_target", "int", default=0, minimum=0, maximum=500),
)

PROFILE_FIELDS: tuple[Field, ...] = (
    _f("name", "name"), _f("email", "email"), _f("phone", "phone", region_from="country"), _f("linkedin", "url"),
    _f("location"), _f("country", "country"),  # country: data file version 2
)

_EMPTY_TO_NONE = {"opt_text", "email", "phone", "url", "tz", "country", "date", "ref", "moment"}


def default_of(spec: Field) -> Any:
    if spec.default is not None:
        return spec.default
    if spec.kind in ("text", "name"):
        return ""
    if spec.kind == "refs":
        return ()
    return None


def clean_value(spec: Field, value: Any, *, region: str | None = None) -> Any:
    """The cleaned value of one field; raises :class:`validation.InvalidValue`."""
    kind = spec.kind
    if spec.required and (value is None or value == "" or value == ()) and kind not in ("bool", "int"):
        raise v.InvalidValue("is required")
    if value is None and not spec.required:
        return default_of(spec) if kind not in _EMPTY_TO_NONE else None
    if kind == "text":
        return v.clean_text(value, required=spec.required)
    if kind == "name":
        return v.clean_name(value, required=spec.required)
    if kind == "opt_text":
        text = v.clean_text(value, required=spec.required)
        return text if text != "" else None
    if kind == "date":
        return v.clean_date(value, required=spec.required)
    if kind == "moment":
        return v.clean_moment(value, required=spec.required)
    if kind == "bool":
        return v.clean_bool(value)
    if kind == "int":
        return v.clean_int(value, minimum=spec.minimum, maximum=spec.maximum)
    if kind == "enum":
        assert spec.choices is not None
        return v.clean_choice(value, dict(spec.choices), required=True)
    if kind == "email":
        return v.clean_email(value)
    if kind == "phone":
        return v.clean_phone(value, region)
    if kind == "url":
        return v.clean_url(value)
    if kind == "tz":
        return v.clean_time_zone(value)
    if kind == "country":
        return v.clean_country(value)
    if kind in ("ref", "refs"):
        return value  # resolved by the caller
    raise AssertionError(f"unknown field kind {kind}")


def clean_fields(fields: tuple[Field, ...], values: Mapping[str, Any], *,
                 partial: bool = False) -> dict[str, Any]:
    """Clean every known field of ``values`` (all fields unless ``partial``).

    Raises :class:`validation.ValidationError` naming the first bad field.
    Unknown names are a programming error here (the data file reports them itself).
    """
    by_name = {f.name: f for f in fields}
    unknown = set(values) - set(by_name)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a field of this record")
    out: dict[str, Any] = {}
    # country before phone: the phone's region may come from it
    ordered = sorted(fields, key=lambda f: f.region_from is not None)
    for spec in ordered:
        if spec.name not in values:
            if partial:
                continue
            if spec.required:
                raise ValidationError(spec.name, "is required")
            out[spec.name] = default_of(spec)
            continue
        region = None
        if spec.region_from:
            region = out.get(spec.region_from) or values.get(spec.region_from)
        try:
            out[spec.name] = clean_value(spec, values[spec.name], region=region)
        except v.InvalidValue as exc:
            raise ValidationError(spec.name, str(exc)) from None
    return out


ValidationError = v.ValidationError


def field_problems(collection: str, values: Mapping[str, Any]) -> dict[str, str]:
    """Every problem of a form's ``values`` for a record of ``collection`` at once (issue #18:
    "all errors of a form shown at once"), as {field name: sentence}; {} when each field given
    cleans. Only the fields in ``values`` are checked (as :func:`clean_fields` with ``partial``);
    references and cross-field rules are left to the service, which still raises
    ValidationError for them. Raises KeyError for an unknown collection.
    """
    problems: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for spec in sorted(RECORDS[collection].fields, key=lambda f: f.region_from is not None):
        if spec.name not in values:
            continue
        region = (cleaned.get(spec.region_from) or values.get(spec.region_from)) if spec.region_from else None
        try:
            cleaned[spec.name] = clean_value(spec, values[spec.name], region=region)
        except v.InvalidValue as exc:
            problems[spec.name] = str(exc)
    return problems
