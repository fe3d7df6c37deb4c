"""Drafts of the messages the user sends: who they go to and what they say."""

from __future__ import annotations

from pathlib import Path


def test_a_thank_you_greets_the_interviewer_by_first_name(store: Path) -> None:
    from datetime import date, datetime, timezone

    from desktop_app.services.applications import drafts
    from desktop_app.store import models as m

    employer = m.Organisation.create(name="Northwind Ltd")
    app = m.Application.create(role="Data Analyst", employer=employer, applied_on=date(2026, 11, 1),
                               stage="interviewing")
    doctor = m.Contact.create(name="Dr Alex Morgan", organisation=employer, kind="interviewer")
    interview = m.Interview.create(application=app, at=datetime(2026, 11, 20, 10, tzinfo=timezone.utc))
    m.InterviewInterviewer.create(interview=interview, contact=doctor)
    draft = drafts.draft_message(app.id, "thank_you", today=date(2026, 11, 21))
    assert draft.body.startswith("Dear Alex,")
    assert "20 November" in draft.body
