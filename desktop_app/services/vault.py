"""Qualifications and the documents that prove them (the records; files are the vault's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop_app.services import crud
from desktop_app.store import models as m


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


def list_qualification_rows() -> list[QualificationRow]:
    kinds: dict[int, set[str]] = {}
    for qid, kind in (m.Document.select(m.Document.qualification, m.Document.kind)
                      .where(m.Document.qualification.is_null(False)).tuples()):
        kinds.setdefault(qid, set()).add(kind)
    rows = []
    for q in m.Qualification.select().order_by(m.Qualification.awarded_on.desc(nulls="LAST"),
                                                 m.Qualification.title):
        held = kinds.get(q.id, set())
        rows.append(QualificationRow(q.id, q.title, q.institution, q.level, q.started_on,
                                     q.awarded_on, q.grade, q.verify,
                                     "transcript" in held, "certificate" in held))
    return rows


def list_document_rows() -> list[DocumentRow]:
    titles = dict(m.Qualification.select(m.Qualification.id, m.Qualification.title).tuples())
    return [DocumentRow(d.id, d.kind, d.original_name, d.sha256, d.pages, d.size, d.added_at,
                        d.qualification_id, titles.get(d.qualification_id), d.application_id)
            for d in m.Document.select().order_by(m.Document.added_at.desc(), m.Document.id.desc())]


def create_qualification(values: dict[str, Any]) -> int:
    return crud.create("qualifications", values).id


def update_qualification(qualification_id: int, values: dict[str, Any]) -> None:
    crud.update("qualifications", qualification_id, values)


def delete_qualification(qualification_id: int) -> None:
    crud.delete("qualifications", qualification_id)
