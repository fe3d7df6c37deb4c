"""Interviews of an application, with the contacts who interviewed the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop_app.services.core import crud

from desktop_app.store import models as m
from desktop_app.store.db import db


@dataclass(frozen=True)
class InterviewRow:
    id: int
    application_id: int
    at: datetime
    round: int
    format: str
    interviewer_ids: tuple[int, ...]
    interviewer_names: tuple[str, ...]
    notes: str


def list_interviews(app_id: int) -> list[InterviewRow]:
    """The interviews of one application, oldest first, with their interviewers (two queries)."""
    interviews = list(m.Interview.select().where(m.Interview.application == app_id)
                      .order_by(m.Interview.at, m.Interview.id))
    people: dict[int, list[tuple[int, str]]] = {}
    for interview_id, contact_id, name in (
            m.InterviewInterviewer.select(m.InterviewInterviewer.interview, m.Contact.id, m.Contact.name)
            .join(m.Contact).where(m.InterviewInterviewer.interview.in_([i.id for i in interviews]))
            .order_by(m.Contact.name).tuples()):
        people.setdefault(interview_id, []).append((contact_id, name))
    return [InterviewRow(i.id, app_id, i.at, i.round, i.format,
                         tuple(c for c, _ in people.get(i.id, ())), tuple(n for _, n in people.get(i.id, ())),
                         i.notes) for i in interviews]


def _set_interviewers(interview: m.Interview, contact_ids: tuple[int, ...] | list[int]) -> None:
    m.InterviewInterviewer.delete().where(m.InterviewInterviewer.interview == interview.id).execute()
    for contact_id in dict.fromkeys(contact_ids):
        m.InterviewInterviewer.create(interview=interview, contact=contact_id)


def create_interview(values: dict[str, Any], *, today: date | None = None) -> int:
    """Add an interview (``interviewers``: contact ids); an application still at "applied" moves on.

    The move to "interviewing" is dated ``today``: the day the user learnt of the interview.
    """
    from desktop_app.services.applications.pipeline import update_application

    with db.atomic():
        interview = crud.create("interviews", values)
        _set_interviewers(interview, values.get("interviewers") or ())
        app = crud.get("applications", interview.application_id)  # type: ignore[attr-defined]
        if app.stage == "applied":  # type: ignore[attr-defined]
            update_application(app.id, {"stage": "interviewing"}, today=today)
    return interview.id


def update_interview(interview_id: int, values: dict[str, Any]) -> None:
    with db.atomic():
        interview = crud.update("interviews", interview_id, values)
        if "interviewers" in values:
            _set_interviewers(interview, values["interviewers"] or ())


def delete_interview(interview_id: int) -> None:
    interview = crud.get("interviews", interview_id)
    interview.delete_instance()


def add_interviewer(app_id: int, name: str) -> int:
    """A new contact at the application's employer, who interviewed the user."""
    from desktop_app.services.applications.organisations import create_contact

    app = crud.get("applications", app_id)
    return create_contact({"name": name, "kind": "interviewer", "organisation": app.employer_id})  # type: ignore[attr-defined]
