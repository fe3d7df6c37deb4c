"""Peewee models for every entity of PRODUCT.md.

Field names follow DATA_FORMAT.md so the data file maps onto them one to one.
Enumerations are enforced twice on purpose: by the services' validation (which
gives the user a message) and by CHECK constraints here (which keep a bug from
ever writing a word the rest of the app does not know).
"""

from __future__ import annotations

from datetime import datetime, timezone

from peewee import (
    BooleanField,
    CharField,
    Check,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    SQL,
    TextField,
)
from playhouse.sqlite_ext import AutoIncrementField

from desktop_app import vocab
from desktop_app.store.db import db


def _enum(column: str, words: dict[str, str], *, null: bool = False, default: str | None = None) -> CharField:
    allowed = ", ".join(f"'{w}'" for w in words)
    check = f"{column} IN ({allowed})" if not null else f"{column} IS NULL OR {column} IN ({allowed})"
    return CharField(null=null, default=default, constraints=[Check(check)])


class MomentField(TextField):
    """A moment in time, stored as UTC ISO 8601 text so it sorts correctly as text.

    Naive datetimes are refused: every moment Afterview keeps has a known offset.
    """

    field_type = "TEXT"

    def db_value(self, value: datetime | None) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            raise ValueError("moments must carry a time zone offset")
        return value.astimezone(timezone.utc).isoformat()

    def python_value(self, value: str | None) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class SchemaVersion(BaseModel):
    """One row: the number of the last migration applied to this database."""

    version = IntegerField()


class Profile(BaseModel):
    """The user: one row, used on the pack and in messages."""

    name = TextField(default="")
    email = TextField(null=True)
    phone = TextField(null=True)
    linkedin = TextField(null=True)
    location = TextField(default="")
    country = CharField(null=True)  # ISO 3166 alpha-2: the country of a national phone number


class Setting(BaseModel):
    """A user setting (thresholds of the advice), stored as JSON text by key."""

    key = CharField(unique=True)
    value = TextField()


class Organisation(BaseModel):
    name = TextField(index=True)
    website = TextField(null=True)
    linkedin = TextField(null=True)
    notes = TextField(default="")
    country = CharField(null=True)  # ISO 3166 alpha-2


class Contact(BaseModel):
    name = TextField(index=True)
    organisation = ForeignKeyField(Organisation, null=True, backref="contacts", on_delete="SET NULL")
    title = TextField(default="")
    kind = _enum("kind", vocab.CONTACT_KINDS, default="other")
    email = TextField(null=True)
    phone = TextField(null=True)
    linkedin = TextField(null=True)
    notes = TextField(default="")


class Application(BaseModel):
    role = TextField()
    # An employer with applications cannot be deleted by accident: delete the applications first.
    employer = ForeignKeyField(Organisation, backref="applications", on_delete="RESTRICT")
    agency = ForeignKeyField(Organisation, null=True, backref="agency_applications", on_delete="SET NULL")
    recruiter = ForeignKeyField(Contact, null=True, backref="recruited_applications", on_delete="SET NULL")
    source = TextField(default="")
    applied_on = DateField(index=True)
    stage = _enum("stage", vocab.STAGES, default="applied")
    feedback = TextField(null=True)
    feedback_on = DateField(null=True)
    notes = TextField(default="")

    class Meta:
        indexes = ((("stage", "applied_on"), False),)


class StageChange(BaseModel):
    """The stage history of an application: which stage, from which day."""

    application = ForeignKeyField(Application, backref="stage_history", on_delete="CASCADE")
    stage = _enum("stage", vocab.STAGES)
    on = DateField()

    class Meta:
        indexes = ((("application", "on"), False),)


class Interview(BaseModel):
    application = ForeignKeyField(Application, backref="interviews", on_delete="CASCADE")
    at = MomentField(index=True)
    round = IntegerField(default=1)
    format = _enum("format", vocab.INTERVIEW_FORMATS, default="video")
    notes = TextField(default="")


class InterviewInterviewer(BaseModel):
    interview = ForeignKeyField(Interview, backref="interviewer_links", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, backref="interviews_given", on_delete="CASCADE")

    class Meta:
        indexes = ((("interview", "contact"), True),)


class Interaction(BaseModel):
    """One logged contact about an application (call, email, LinkedIn message …)."""

    application = ForeignKeyField(Application, backref="interactions", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, null=True, backref="interactions", on_delete="SET NULL")
    at = MomentField()
    channel = _enum("channel", vocab.CHANNELS)
    direction = _enum("direction", vocab.DIRECTIONS)
    purpose = _enum("purpose", vocab.PURPOSES, default="other")
    summary = TextField(default="")
    reply_received = BooleanField(default=False)
    # the person's name when it was logged: kept readable after the contact is removed
    contact_name = TextField(default="", constraints=[SQL("DEFAULT ''")])

    class Meta:
        indexes = ((("application", "at"), False),)


class Referee(BaseModel):
    name = TextField(index=True)
    title = TextField(default="")
    organisation = TextField(default="")
    relationship = _enum("relationship", vocab.RELATIONSHIPS)
    worked_together = TextField(default="")
    email = TextField(null=True)
    phone = TextField(null=True)  # E.164
    country = CharField(null=True)  # ISO 3166 alpha-2
    time_zone = TextField(null=True)  # IANA name
    preferred_channel = _enum("preferred_channel", vocab.PREFERRED_CHANNELS, default="either")
    online_questionnaire = BooleanField(default=False)
    consent_on = DateField(null=True)
    active = BooleanField(default=True, index=True)
    notes = TextField(default="")


class Briefing(BaseModel):
    """The user told a referee they may be contacted (for one application, or in general)."""

    referee = ForeignKeyField(Referee, backref="briefings", on_delete="CASCADE")
    application = ForeignKeyField(Application, null=True, backref="briefings", on_delete="CASCADE")
    on = DateField()
    channel = _enum("channel", vocab.CHANNELS, default="email")
    notes = TextField(default="")

    class Meta:
        indexes = ((("referee", "on"), False),)


class ReferenceGiven(BaseModel):
    referee = ForeignKeyField(Referee, backref="references_given", on_delete="CASCADE")
    application = ForeignKeyField(Application, backref="references_given", on_delete="CASCADE")
    on = DateField()
    employer_contacted_on = DateField(null=True)
    questionnaire_done = BooleanField(default=False)

    class Meta:
        indexes = ((("referee", "application"), True),)


class Qualification(BaseModel):
    title = TextField()
    institution = TextField(default="")
    level = TextField(default="")
    started_on = DateField(null=True)
    awarded_on = DateField(null=True)
    grade = TextField(default="")
    verify = TextField(default="")  # a verification link (share link, registry) or how to verify
    verify_expires_on = DateField(null=True)  # when a share link stops working
    verify_pin = TextField(default="", constraints=[SQL("DEFAULT ''")])  # printed only when chosen per pack
    name_at_study = TextField(default="", constraints=[SQL("DEFAULT ''")])  # if not the user's name today


class Document(BaseModel):
    """A file in the vault. Several records may share one stored file (same SHA-256)."""

    kind = _enum("kind", vocab.DOCUMENT_KINDS, default="other")
    qualification = ForeignKeyField(Qualification, null=True, backref="documents", on_delete="SET NULL")
    application = ForeignKeyField(Application, null=True, backref="documents", on_delete="SET NULL")
    original_name = TextField()
    sha256 = CharField(index=True, constraints=[Check("length(sha256) = 64")])
    pages = IntegerField(default=0)
    size = IntegerField(default=0)
    added_at = MomentField()
    signatures = TextField(null=True)  # JSON list of the PDF's signatures when added; NULL: not checked


class DueState(BaseModel):
    """What the user did with a Today item: dismissed it, or snoozed it until a day."""

    key = CharField(unique=True)
    dismissed = BooleanField(default=False)
    snoozed_until = DateField(null=True)


class TrashEntry(BaseModel):
    """A deleted record with everything that hung off it, kept 30 days to restore.

    ``kind`` is the record's kind (``application``, ``referee`` …), ``label`` what the
    user saw, ``payload`` JSON the trash service writes and reads back.
    """

    kind = CharField()
    label = TextField()
    deleted_at = MomentField(index=True)
    payload = TextField()


class MessageTemplate(BaseModel):
    """A user's edited message template (the defaults live in code, not here)."""

    key = CharField(unique=True)
    subject = TextField(default="")
    body = TextField(default="")


class PackExport(BaseModel):
    """A reference pack was produced (for an application, or general)."""

    application = ForeignKeyField(Application, null=True, backref="pack_exports", on_delete="CASCADE")
    made_at = MomentField()
    referees = TextField(default="[]")  # JSON list of names
    documents = TextField(default="[]")  # JSON list of {name, sha256}


class ApplicationSummary(BaseModel):
    """The follow-up rules' answers for one application (schema version 3), a cache.

    Written only by ``services.today.summary``; thrown away by triggers (``store.migrations.
    summary_triggers``) in the same transaction as any change to what it was made from.
    ``basis`` names the day, settings, time zone and code it was worked out for; ``items``
    is JSON. No foreign key on purpose: nothing (the Trash, the data file) carries it along.
    ``id`` is never reused (AUTOINCREMENT), so a new row is always a new number.
    """

    id = AutoIncrementField()
    application_id = IntegerField(unique=True)
    basis = TextField()
    next_kind = TextField()
    next_on = TextField(null=True)
    items = TextField()

    class Meta:
        table_name = "application_summary"


#: Every table, in an order that satisfies foreign keys on creation.
ALL_MODELS: list[type[BaseModel]] = [
    SchemaVersion, Profile, Setting, Organisation, Contact, Application, StageChange,
    Interview, InterviewInterviewer, Interaction, Referee, Briefing, ReferenceGiven,
    Qualification, Document, DueState, MessageTemplate, PackExport, TrashEntry, ApplicationSummary,
]
