"""Qualifications and the documents that prove them (the records; files are ``vault_files``').

Adding, verifying and removing files lives in ``vault_import`` and ``vault_verify``;
this module lists, edits and links the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop_app.rules import qualifications as qualification_rules
from desktop_app.services.core import crud
from desktop_app.store import models as m
from desktop_app.store.db import db


@dataclass(frozen=True)
class QualificationRow:
    id: int
    title: str
    institution: str
    level: str
    started_on: date | None
    awarded_on: date | None
    grade: str
    verify: str
    has_transcript: bool
    has_certificate: bool
    #: "Only a certificate — add the full transcript", or None when the transcript is there
    flag: str | None = None


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: str
    original_name: str
    sha256: str
    pages: int
    size: int
    added_at: datetime
    qualification_id: int | None
    qualification: str | None
    application_id: int | None
    #: "Data Analyst at Northwind Ltd", or None
    application: str | None = None


@dataclass(frozen=True)
class Choice:
    """An entry of a pick list: a record's id and how the user knows it."""

    id: int
    label: str


def list_qualification_rows() -> list[QualificationRow]:
    kinds: dict[int, set[str]] = {}
    for qid, kind in (m.Document.select(m.Document.qualification, m.Document.kind)
                      .where(m.Document.qualification.is_null(False)).tuples()):
        kinds.setdefault(qid, set()).add(kind)
    rows = []
    for q in m.Qualification.select().order_by(m.Qualification.awarded_on.desc(nulls="LAST"),
                                                 m.Qualification.title):
        held = kinds.get(q.id, set())
        has_transcript, has_certificate = "transcript" in held, "certificate" in held
        rows.append(QualificationRow(q.id, q.title, q.institution, q.level, q.started_on,
                                     q.awarded_on, q.grade, q.verify, has_transcript, has_certificate,
                                     qualification_rules.transcript_flag(has_transcript, has_certificate)))
    return rows


def _application_labels() -> dict[int, str]:
    query = (m.Application.select(m.Application.id, m.Application.role, m.Organisation.name)
             .join(m.Organisation, on=(m.Application.employer == m.Organisation.id)).tuples())
    return {app_id: f"{role} at {employer}" for app_id, role, employer in query}


def list_document_rows() -> list[DocumentRow]:
    titles = dict(m.Qualification.select(m.Qualification.id, m.Qualification.title).tuples())
    applications = _application_labels() if m.Document.select().where(
        m.Document.application.is_null(False)).exists() else {}
    return [DocumentRow(d.id, d.kind, d.original_name, d.sha256, d.pages, d.size, d.added_at,
                        d.qualification_id, titles.get(d.qualification_id), d.application_id,
                        applications.get(d.application_id))
            for d in m.Document.select().order_by(m.Document.added_at.desc(), m.Document.id.desc())]


def get_document_row(document_id: int) -> DocumentRow:
    for row in list_document_rows():
        if row.id == document_id:
            return row
    raise crud.NotFound("This document no longer exists.")


def qualification_choices() -> list[Choice]:
    return [Choice(q.id, q.title) for q in
            m.Qualification.select(m.Qualification.id, m.Qualification.title).order_by(m.Qualification.title)]


def application_choices() -> list[Choice]:
    labels = _application_labels()
    order = (m.Application.select(m.Application.id)
             .order_by(m.Application.applied_on.desc(), m.Application.id.desc()).tuples())
    return [Choice(app_id, labels[app_id]) for (app_id,) in order]


# ---------------------------------------------------------------- qualifications

def get_qualification(qualification_id: int) -> dict[str, Any]:
    """The qualification's fields, for the edit dialog."""
    q = crud.get("qualifications", qualification_id)
    return {"title": q.title, "institution": q.institution, "level": q.level,
            "started_on": q.started_on, "awarded_on": q.awarded_on, "grade": q.grade, "verify": q.verify,
            "verify_expires_on": q.verify_expires_on, "verify_pin": q.verify_pin, "name_at_study": q.name_at_study}


def create_qualification(values: dict[str, Any]) -> int:
    """Store a new qualification; returns its id. Raises ValidationError naming the bad field
    (dates out of order; a verification link that cannot be a web link: ``_clean_link``)."""
    values = _clean_link(values)
    _check_dates(values)
    return crud.create("qualifications", values).id


def update_qualification(qualification_id: int, values: dict[str, Any]) -> None:
    """Change a qualification; raises ValidationError as ``create_qualification`` does."""
    values = _clean_link(values)
    merged = {**get_qualification(qualification_id), **values}
    _check_dates(merged)
    crud.update("qualifications", qualification_id, values)


def _clean_link(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with *How to verify* made a valid web link (spaces and non-ASCII percent-encoded,
    ``rules.qualifications.clean_verify_link``); ValidationError("verify", why) for a link of
    another scheme (``javascript:``, ``mailto:``…) or without a site name."""
    from desktop_app.services.core.records import ValidationError

    if not isinstance(values.get("verify"), str):
        return values
    try:
        return {**values, "verify": qualification_rules.clean_verify_link(values["verify"])}
    except qualification_rules.BadLink as exc:
        raise ValidationError("verify", str(exc)) from exc


def _check_dates(values: dict[str, Any]) -> None:
    from desktop_app.services.core.records import ValidationError
    from desktop_app.services.core.validation import InvalidValue, clean_date

    try:
        started = clean_date(values.get("started_on"))
        awarded = clean_date(values.get("awarded_on"))
    except InvalidValue:
        return  # crud names the bad field
    if started and awarded and awarded < started:
        raise ValidationError("awarded_on", "cannot be before the start date")


def delete_qualification(qualification_id: int) -> None:
    """Move the qualification to the Trash (30 days; undoable); its documents stay in the vault,
    unlinked, and are linked again if it is restored."""
    from desktop_app.services.core import trash

    trash.move_to_trash("qualifications", qualification_id)


# ---------------------------------------------------------------- documents

def update_document(document_id: int, values: dict[str, Any]) -> None:
    """Change a document's kind or links (``kind``, ``qualification``, ``application``)."""
    allowed = {"kind", "qualification", "application"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"cannot change {', '.join(sorted(unknown))} of a document")
    crud.update("documents", document_id, values)


def link_document(document_id: int, *, qualification_id: int | None = None,
                  application_id: int | None = None) -> None:
    """Link a document to a qualification and/or an application (the others stay)."""
    values: dict[str, Any] = {}
    if qualification_id is not None:
        values["qualification"] = qualification_id
    if application_id is not None:
        values["application"] = application_id
    if values:
        crud.update("documents", document_id, values)


def unlink_document(document_id: int, *, qualification: bool = True, application: bool = True) -> None:
    values: dict[str, Any] = {}
    if qualification:
        values["qualification"] = None
    if application:
        values["application"] = None
    crud.update("documents", document_id, values)


def records_using(sha256: str) -> int:
    return m.Document.select().where(m.Document.sha256 == sha256).count()


def remove_document(document_id: int) -> bool:
    """Move the record to the Trash (30 days; undoable); its file stays in the vault until
    the Trash lets it go, but its flattened preview goes now unless another record shows the
    same file (``preview.forget_unless_used``). Returns False (no file was removed now).

    Raises ``trash.TrashError`` (a ``LookupError``) when it no longer exists.
    """
    from desktop_app.services.core import trash
    from desktop_app.services.vault import preview

    document = m.Document.get_or_none(m.Document.id == document_id)
    trash.move_to_trash("documents", document_id)
    if document is not None:
        preview.forget_unless_used(document.sha256)
    return False


def remove_document_for_good(document_id: int) -> bool:
    """Delete the record; its file leaves the vault when no other record uses it.

    The row goes first (committed), then the file: a crash in between leaves an
    unused file, which Verify vault reports — never a record without its file.
    Returns True when the file was removed too.
    """
    from desktop_app.services.vault import files as vault_files

    with db.atomic():
        document = crud.get("documents", document_id)
        sha = document.sha256
        document.delete_instance()
        still_used = m.Document.select().where(m.Document.sha256 == sha).exists()
    if still_used:
        return False
    try:
        return vault_files.discard_file(sha)
    except OSError:
        return False  # e.g. held open by another program on Windows: swept at a later start
