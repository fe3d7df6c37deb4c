"""One application in detail: its people, interviews, logged contacts and timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop_app.dates import as_date, local_start_of_day
from desktop_app.services.applications.interactions import list_interactions
from desktop_app.services.applications.interviews import list_interviews
from desktop_app.services.applications.organisations import contact_rows
from desktop_app.services.applications.pipeline import stage_history
from desktop_app.services.core import crud
from desktop_app.store import models as m


@dataclass(frozen=True)
class TimelineEntry:
    """One event in an application's life: a stage change, an interview or a logged contact."""

    when: datetime
    kind: str  # stage, interview, interaction
    stage: str | None = None
    interview: Any = None  # services.interviews.InterviewRow
    interaction: Any = None  # services.interactions.InteractionRow


@dataclass(frozen=True)
class ApplicationDetail:
    id: int
    role: str
    employer_id: int
    employer: str
    agency_id: int | None
    agency: str | None
    recruiter_id: int | None
    recruiter: str | None
    source: str
    applied_on: date
    stage: str
    notes: str
    feedback: str | None
    feedback_on: date | None
    contacts: list[Any]  # services.organisations.ContactRow: recruiter, employer's people, interviewers
    interviews: list[Any]
    interactions: list[Any]
    timeline: list[TimelineEntry]


#: Purposes of a logged contact that answer an outcome (advice rules 8 and 9): on the day of a
#: rejection they come after the stage change, whereas a follow-up that day came before it.
_ANSWERS_AN_OUTCOME = frozenset({"senior_contact", "re_approach", "feedback_request"})


def application_detail(app_id: int) -> ApplicationDetail:
    """Everything the detail view shows for one application (a few small queries)."""
    app = crud.get("applications", app_id)
    interviews = list_interviews(app_id)
    interactions = list_interactions(app_id)
    wanted = {c for i in interviews for c in i.interviewer_ids}
    wanted |= {i.contact_id for i in interactions if i.contact_id is not None}
    if app.recruiter_id:  # type: ignore[attr-defined]
        wanted.add(app.recruiter_id)  # type: ignore[attr-defined]
    orgs = [app.employer_id] + ([app.agency_id] if app.agency_id else [])  # type: ignore[attr-defined]
    contacts = contact_rows(m.Contact.id.in_(sorted(wanted)) | m.Contact.organisation.in_(orgs))
    # A stage change is a day: it sits at local midnight with the offset of *that* day, so
    # July's stage changes still sort right against July's interviews when seen in winter.
    stages = [TimelineEntry(local_start_of_day(s.on), "stage", stage=s.stage) for s in stage_history(app_id)]
    timeline = stages + [TimelineEntry(i.at, "interview", interview=i) for i in interviews]
    timeline += [TimelineEntry(i.at, "interaction", interaction=i) for i in interactions]
    first = stages[0] if stages else None
    last_contact_of_day: dict[date, datetime] = {}
    for i in interactions:
        if i.purpose in _ANSWERS_AN_OUTCOME:
            continue  # written because of the day's stage change: it stays after it
        day = i.at.astimezone().date()
        last_contact_of_day[day] = max(i.at, last_contact_of_day.get(day, i.at))

    def order(entry: TimelineEntry) -> tuple[datetime, int]:
        # By moment. A stage change has only a day: it goes after that day's logged contacts (the
        # rejection came after the morning's follow-up), but the first stage (applied) starts the story.
        if entry.kind == "stage" and entry is not first:
            last = last_contact_of_day.get(entry.when.astimezone().date())
            if last is not None and last >= entry.when:
                return (last, 1)
        return (entry.when, 0)

    timeline.sort(key=order)
    return ApplicationDetail(
        id=app.id, role=app.role, employer_id=app.employer_id, employer=app.employer.name,  # type: ignore[attr-defined]
        agency_id=app.agency_id, agency=app.agency.name if app.agency_id else None,  # type: ignore[attr-defined]
        recruiter_id=app.recruiter_id,  # type: ignore[attr-defined]
        recruiter=app.recruiter.name if app.recruiter_id else None,  # type: ignore[attr-defined]
        source=app.source, applied_on=as_date(app.applied_on), stage=app.stage, notes=app.notes,  # type: ignore[attr-defined]
        feedback=app.feedback,  # type: ignore[attr-defined]
        feedback_on=as_date(app.feedback_on) if app.feedback_on else None,  # type: ignore[attr-defined]
        contacts=contacts, interviews=interviews, interactions=interactions, timeline=timeline)


def contacts_of_application(app_id: int) -> list[Any]:
    """The people an application's contacts and interviews can name: at its employer or agency, or already involved."""
    return application_detail(app_id).contacts
