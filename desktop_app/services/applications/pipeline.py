"""Applications: the pipeline, with each stage change kept in the stage history."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop_app import clock, vocab
from desktop_app.dates import as_date
from desktop_app.rules.follow_up import NextStep
from desktop_app.services.core import crud, undo
from desktop_app.services.core.records import ValidationError
from desktop_app.services.core.validation import InvalidValue, clean_date, clean_name, clean_text
from desktop_app.store import models as m
from desktop_app.store.db import db


@dataclass(frozen=True)
class ApplicationRow:
    """One line of the Applications list: plain values, no database access when painted."""

    id: int
    role: str
    employer_id: int
    employer: str
    agency_id: int | None
    agency: str | None
    recruiter_id: int | None
    source: str
    applied_on: date
    stage: str
    last_contact_at: datetime | None
    notes: str
    #: computed by the rules in bulk (services.next_step); None when not asked for
    next_step: NextStep | None = None


@dataclass(frozen=True)
class StageChangeRow:
    stage: str
    on: date


@dataclass(frozen=True)
class DeletionImpact:
    interviews: int
    interactions: int
    references_given: int
    briefings: int


def list_application_rows(*, today: date | None = None, with_next_step: bool = True,
                          ids: Collection[int] | None = None) -> list[ApplicationRow]:
    """Every application (or only those of ``ids`` that exist) with its organisations, last
    contact and next step, in a few queries; newest applied first.

    Raw SQL tuples: Peewee's per-value conversion costs more than everything else
    for ten thousand rows (bench/applications.py).
    """
    database = db.obj
    only, params = "", []
    if ids is not None:
        params = sorted(set(ids))
        only = f" IN ({','.join('?' * len(params))})"
    query = database.execute_sql(
        "SELECT a.id, a.role, a.employer_id, e.name, a.agency_id, g.name, a.recruiter_id, a.source, "
        "a.applied_on, a.stage, a.notes FROM application a JOIN organisation e ON e.id = a.employer_id "
        f"LEFT JOIN organisation g ON g.id = a.agency_id {'WHERE a.id' + only if only else ''} "
        "ORDER BY a.applied_on DESC, a.id DESC", params)
    last_contact: dict[int, str] = dict(database.execute_sql(
        f"SELECT application_id, MAX(at) FROM interaction {'WHERE application_id' + only if only else ''} "
        "GROUP BY application_id", params))
    steps: dict[int, NextStep] = {}
    if with_next_step:
        if ids is None:  # every row: the kept answers (services.today.summary), worked out only where missing
            from desktop_app.services.core.settings import get_settings
            from desktop_app.services.today import summary

            steps = summary.current(today or clock.today(), get_settings()).next_steps
        else:
            from desktop_app.services.applications.next_step import next_steps

            steps = next_steps(today, only=ids)
    days: dict[str, date] = {}
    rows = []
    for (app_id, role, employer_id, employer, agency_id, agency_name, recruiter_id, source,
         applied_on, stage, notes) in query:
        day = days.get(applied_on)
        if day is None:
            day = days[applied_on] = date.fromisoformat(applied_on)
        last = last_contact.get(app_id)
        rows.append(ApplicationRow(
            id=app_id, role=role, employer_id=employer_id, employer=employer,
            agency_id=agency_id, agency=agency_name, recruiter_id=recruiter_id, source=source,
            applied_on=day, stage=stage, last_contact_at=datetime.fromisoformat(last) if last else None,
            notes=notes, next_step=steps.get(app_id)))
    return rows


def application_changes(since: object | None, *, today: date | None = None) -> tuple[object, set[int] | None]:
    """Which applications' rows (:func:`list_application_rows`) may differ since ``since``.

    Returns ``(token, ids)``: pass ``token`` as ``since`` next time; ``ids`` are the
    applications added, changed or deleted since then, or None when every row must be
    read again (the first call, another day, other settings, an organisation or contact
    changed, or hundreds of applications at once). Whoever wrote — this window, the CLI,
    another program — nothing is missed: it rests on ``services.today.summary``, whose kept
    answers the database's own triggers mark stale in the transaction that changes an
    application's records.
    """
    from desktop_app.services.core.settings import get_settings
    from desktop_app.services.today.summary import changed_since

    # the token holds numbers and values only: no answers are kept alive by a list that remembers it
    serial = since[0] if isinstance(since, tuple) else -1
    day, settings = today or clock.today(), get_settings()
    now, changed = changed_since(serial, day, settings)
    token = (now, day, settings)
    if not isinstance(since, tuple) or since[1:] != token[1:]:
        return token, None
    return token, changed


def create_application(values: dict[str, Any], *, today: date | None = None) -> int:
    """Create an application and the first entry of its stage history.

    An applied date in the future is refused: it has not happened yet.
    """
    today = today or clock.today()
    with db.atomic():
        app = crud.create("applications", values)
        applied_on = as_date(app.applied_on)
        if applied_on > today:
            raise ValidationError("applied_on", "cannot be in the future")
        m.StageChange.create(application=app, stage="applied", on=applied_on)
        if app.stage != "applied":
            m.StageChange.create(application=app, stage=app.stage, on=today)
    return app.id


def update_application(app_id: int, values: dict[str, Any], *, today: date | None = None) -> None:
    """Change an application; a new stage is recorded in its history with today's date."""
    today = today or clock.today()
    with db.atomic():
        before = crud.get("applications", app_id).stage
        app = crud.update("applications", app_id, values)
        if "applied_on" in values and as_date(app.applied_on) > today:
            raise ValidationError("applied_on", "cannot be in the future")
        if app.stage != before:
            change = m.StageChange.create(application=app, stage=app.stage, on=today)
            undo.remember_stage_change(app_id, before, change.id, f"Move “{app.role}” to {vocab.STAGES.get(app.stage, app.stage)}")


def stage_history(app_id: int) -> list[StageChangeRow]:
    query = (m.StageChange.select().where(m.StageChange.application == app_id)
             .order_by(m.StageChange.on, m.StageChange.id))
    return [StageChangeRow(s.stage, as_date(s.on)) for s in query]


def deletion_impact(app_id: int) -> DeletionImpact:
    """What goes with an application when it is deleted, for the confirmation question."""
    return DeletionImpact(
        interviews=m.Interview.select().where(m.Interview.application == app_id).count(),
        interactions=m.Interaction.select().where(m.Interaction.application == app_id).count(),
        references_given=m.ReferenceGiven.select().where(m.ReferenceGiven.application == app_id).count(),
        briefings=m.Briefing.select().where(m.Briefing.application == app_id).count(),
    )


def delete_application(app_id: int) -> None:
    """Move it to the Trash with its interviews, logged contacts, stage history, briefings and
    references given (kept 30 days; Edit → Undo puts it back). Raises ``trash.TrashError``
    (a ``LookupError``) when it no longer exists."""
    from desktop_app.services.core import trash

    trash.move_to_trash("applications", app_id)


def count_applications() -> int:
    return m.Application.select().count()


def record_feedback(app_id: int, text: str | None, on: date | str | None, *, today: date | None = None) -> None:
    """Keep the feedback the employer gave, with the day it came (not in the future).

    Empty text clears it. Feedback with a date ends the feedback requests for every
    interview up to that day.
    """
    today = today or clock.today()
    try:
        cleaned = clean_text(text).strip()
    except InvalidValue as exc:
        raise ValidationError("feedback", str(exc)) from None
    try:
        day = clean_date(on, required=bool(cleaned))
    except InvalidValue as exc:
        raise ValidationError("feedback_on", str(exc)) from None
    if day is not None and day > today:
        raise ValidationError("feedback_on", "cannot be in the future")
    app = crud.get("applications", app_id)
    app.feedback = cleaned or None  # type: ignore[attr-defined]
    app.feedback_on = day if cleaned else None  # type: ignore[attr-defined]
    app.save()


@dataclass(frozen=True)
class ApplicationForm:
    """What the application dialog collects: organisations and the recruiter by name or id.

    A name that is new creates the organisation (or the recruiter, at the agency if
    there is one, else at the employer) in the same transaction as the application,
    so a refused application leaves no stray organisation behind.
    """

    role: str
    employer: str
    agency: str = ""
    recruiter: int | str | None = None
    source: str = ""
    applied_on: date | str | None = None
    stage: str = "applied"
    notes: str = ""


def save_application_form(form: ApplicationForm, app_id: int | None = None, *, today: date | None = None) -> int:
    """Create (``app_id`` None) or update an application from the dialog; returns its id."""
    from desktop_app.services.applications.organisations import create_contact, find_or_create_organisation

    if not form.role.strip():
        raise ValidationError("role", "is required")  # first, as the form asks for it first
    if not form.employer.strip():
        raise ValidationError("employer", "is required")
    for field, text in (("role", form.role), ("employer", form.employer), ("agency", form.agency),
                        ("recruiter", form.recruiter if isinstance(form.recruiter, str) else "")):
        try:
            clean_name(text)  # an organisation or person named here is held to the same length
        except InvalidValue as exc:
            raise ValidationError(field, str(exc)) from None
    with db.atomic():
        employer_id = find_or_create_organisation(form.employer)
        agency_id = find_or_create_organisation(form.agency) if form.agency.strip() else None
        recruiter_id: int | None
        if isinstance(form.recruiter, str):
            recruiter_id = create_contact({"name": form.recruiter.strip(), "kind": "recruiter",
                                           "organisation": agency_id or employer_id}) if form.recruiter.strip() else None
        else:
            recruiter_id = form.recruiter
        values = {"role": form.role, "employer": employer_id, "agency": agency_id, "recruiter": recruiter_id,
                  "source": form.source, "applied_on": form.applied_on, "stage": form.stage, "notes": form.notes}
        if app_id is None:
            app_id = create_application(values, today=today)
        else:
            update_application(app_id, values, today=today)
    return app_id


def organisation_names() -> list[str]:
    return [name for (name,) in m.Organisation.select(m.Organisation.name)
            .order_by(m.Organisation.name.collate("NOCASE")).tuples()]
