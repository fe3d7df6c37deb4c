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


def test_case_6_the_feedback_request_thanks_the_recruiter_for_arranging_the_interview(store: Path) -> None:
    from datetime import date

    from desktop_app.services.applications import drafts
    from tests.helpers.applications import pricing_analyst

    app_id = pricing_analyst()
    draft = drafts.draft_message(app_id, "feedback_request", today=date(2026, 11, 30))
    assert draft.contact_name == "Jo Park" and draft.purpose == "feedback_request"
    assert "Dear Jo," in draft.body
    assert "for arranging my interview with Sam Reid on 27 November for the Pricing Analyst role" in draft.body
    assert "Thank you again for the interview" not in draft.body


def test_without_an_agency_the_feedback_request_goes_to_the_interviewer_or_a_hiring_manager(store: Path) -> None:
    from datetime import date, datetime, timezone

    from desktop_app.services.applications import drafts
    from desktop_app.store import models as m

    employer = m.Organisation.create(name="Northwind Ltd")
    app = m.Application.create(role="Data Analyst", employer=employer, applied_on=date(2026, 11, 1),
                               stage="interviewing")
    m.Contact.create(name="Hana Ito", organisation=employer, kind="hiring_manager")
    interview = m.Interview.create(application=app, at=datetime(2026, 11, 20, 10, tzinfo=timezone.utc))
    draft = drafts.draft_message(app.id, "feedback_request", today=date(2026, 11, 24))
    assert draft.contact_name == "Hana Ito"  # nobody named on the panel: the hiring manager
    assert "Thank you again for the interview on 20 November" in draft.body
    alex = m.Contact.create(name="Alex Morgan", organisation=employer, kind="interviewer")
    m.InterviewInterviewer.create(interview=interview, contact=alex)
    assert drafts.draft_message(app.id, "feedback_request", today=date(2026, 11, 24)).contact_name == "Alex Morgan"


def test_12b_item_3_the_feedback_request_to_the_interviewer_is_worded_directly(store: Path) -> None:
    """Through an agency, the request to the recruiter thanks them for arranging the interview; the same
    request addressed to the interviewer (Compose's To) is the direct wording, all of it."""
    from datetime import date

    from desktop_app.services.applications import drafts
    from desktop_app.store import models as m
    from tests.helpers.applications import pricing_analyst

    app_id = pricing_analyst()
    sam = m.Contact.get(m.Contact.name == "Sam Reid").id
    draft = drafts.draft_message(app_id, "feedback_request", today=date(2026, 11, 30), contact_id=sam)
    assert draft.contact_name == "Sam Reid" and "Dear Sam," in draft.body
    assert "arranging" not in draft.body and "Thank you again for the interview on 27 November" in draft.body
    jo = drafts.draft_message(app_id, "feedback_request", today=date(2026, 11, 30))
    assert "for arranging my interview with Sam Reid" in jo.body


def test_12b_item_8_next_step_person_is_who_the_next_step_writes_to(store: Path) -> None:
    from datetime import date

    from desktop_app.services.applications import drafts
    from tests.helpers.applications import pricing_analyst

    app_id = pricing_analyst()
    assert drafts.next_step_person(app_id, date(2026, 12, 1))[1] == "Jo Park"  # the feedback request
