"""Applications through the services, on a real store: made (through a recruiter too) or refused
with nothing left behind, their stage history, feedback, what a deletion takes with it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.applications import (
    detail as detail_service,
    interactions,
    interviews,
    organisations,
    pipeline as applications,
)
from desktop_app.services.applications.pipeline import ApplicationForm
from desktop_app.services.core.validation import ValidationError
from desktop_app.store import models as m
from tests.helpers.applications import at, kinds_for

DEMO_TODAY = date(2026, 11, 25)


def test_an_application_through_a_recruiter_creates_the_agency_and_recruiter(via_recruiter: int) -> None:
    detail = detail_service.application_detail(via_recruiter)
    assert (detail.employer, detail.agency, detail.recruiter) == ("Northwind Ltd", "Harbour & Finch", "Gemma Wright")
    assert [c.organisation_name for c in detail.contacts] == ["Harbour & Finch"]
    assert [(e.kind, e.stage) for e in detail.timeline] == [("stage", "applied")]


def test_a_refused_application_leaves_no_organisation_behind(store: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        applications.save_application_form(ApplicationForm(role="Analyst", employer="Nowhere Ltd",
                                                           applied_on=date(2026, 12, 1)), today=DEMO_TODAY)
    assert caught.value.field == "applied_on" and "future" in caught.value.message
    assert applications.organisation_names() == []


def test_recorded_feedback_with_its_date_ends_the_request(via_recruiter: int) -> None:
    interviews.create_interview({"application": via_recruiter, "at": at("2026-11-20"), "interviewers": []})
    applications.record_feedback(via_recruiter, "Good case study; more SQL next time.", date(2026, 11, 23),
                                 today=date(2026, 11, 23))
    detail = detail_service.application_detail(via_recruiter)
    assert (detail.feedback, detail.feedback_on) == ("Good case study; more SQL next time.", date(2026, 11, 23))
    assert "feedback_request" not in kinds_for(via_recruiter, date(2026, 11, 25))
    with pytest.raises(ValidationError) as caught:
        applications.record_feedback(via_recruiter, "Later", date(2026, 12, 1), today=date(2026, 11, 25))
    assert caught.value.field == "feedback_on"


def test_deleting_an_application_takes_its_interviews_and_contacts(via_recruiter: int) -> None:
    interviews.create_interview({"application": via_recruiter, "at": at("2026-11-20"), "interviewers": []})
    interactions.log_interaction({"application": via_recruiter, "at": at("2026-11-21"), "channel": "email",
                                  "direction": "outgoing", "purpose": "thank_you"})
    impact = applications.deletion_impact(via_recruiter)
    assert (impact.interviews, impact.interactions) == (1, 1)
    applications.delete_application(via_recruiter)
    assert applications.list_application_rows() == []


def test_an_application_keeps_its_stage_history(store: Path) -> None:
    org = organisations.find_or_create_organisation("Northwind Ltd")
    app_id = applications.create_application(
        {"role": "Data Analyst", "employer": org, "applied_on": date(2026, 11, 1)}, today=date(2026, 11, 2))
    applications.update_application(app_id, {"stage": "interviewing"}, today=date(2026, 11, 10))
    applications.update_application(app_id, {"notes": "Nice people"}, today=date(2026, 11, 11))
    history = applications.stage_history(app_id)
    assert [(h.stage, h.on) for h in history] == [("applied", date(2026, 11, 1)),
                                                   ("interviewing", date(2026, 11, 10))]


def test_an_applied_date_in_the_future_is_refused_and_nothing_is_written(store: Path) -> None:
    org = organisations.find_or_create_organisation("Northwind Ltd")
    with pytest.raises(ValidationError) as error:
        applications.create_application({"role": "Analyst", "employer": org,
                                         "applied_on": date(2026, 12, 1)}, today=date(2026, 11, 25))
    assert error.value.field == "applied_on"
    assert m.Application.select().count() == 0
    assert m.StageChange.select().count() == 0


def test_required_fields_and_missing_references_are_named(store: Path) -> None:
    with pytest.raises(ValidationError) as error:
        applications.create_application({"role": " ", "employer": 1, "applied_on": date(2026, 1, 1)})
    assert error.value.field == "role"
    with pytest.raises(ValidationError) as error:
        applications.create_application({"role": "Analyst", "employer": 42, "applied_on": date(2026, 1, 1)})
    assert error.value.field == "employer"


def test_deletion_impact_counts_what_goes_with_an_application(demo_store: Path) -> None:
    a2 = next(r for r in applications.list_application_rows() if r.role.startswith("Business Intelligence"))
    impact = applications.deletion_impact(a2.id)
    assert (impact.interviews, impact.interactions) == (2, 3)
    applications.delete_application(a2.id)
    assert m.Interview.select().where(m.Interview.application == a2.id).count() == 0


@pytest.mark.parametrize("field", ["role", "employer", "agency", "recruiter"])
def test_the_application_form_refuses_a_name_over_200_characters(store: Path, field: str) -> None:
    from desktop_app.services.applications.pipeline import ApplicationForm, save_application_form
    from desktop_app.services.core.validation import ValidationError as FieldError

    values = {"role": "Analyst", "employer": "Acme", "agency": "Hays", "recruiter": "Jo", "applied_on": "2026-11-02"}
    values[field] = "z" * 300
    with pytest.raises(FieldError) as caught:
        save_application_form(ApplicationForm(**values))  # type: ignore[arg-type]
    assert caught.value.field == field and "at most 200" in caught.value.message


def test_application_changes_names_the_applications_whose_rows_changed(demo_store: Path) -> None:
    token, changed = applications.application_changes(None, today=DEMO_TODAY)
    assert changed is None  # the first look: read every row
    rows = applications.list_application_rows(today=DEMO_TODAY)
    first, second = rows[0].id, rows[1].id
    token, changed = applications.application_changes(token, today=DEMO_TODAY)
    assert changed == set()
    interactions.log_interaction({"application": first, "channel": "email", "at": at("2026-11-25"),
                                  "direction": "incoming", "purpose": "other"})
    applications.delete_application(second)
    token, changed = applications.application_changes(token, today=DEMO_TODAY)
    assert changed == {first, second}
    assert [r.id for r in applications.list_application_rows(today=DEMO_TODAY, ids=changed)] == [first]
    # another day, or a change to an organisation many applications name: every row again
    assert applications.application_changes(token, today=date(2026, 11, 26))[1] is None
    token, _ = applications.application_changes(None, today=DEMO_TODAY)
    m.Organisation.update(name="Renamed Ltd").where(m.Organisation.id == rows[2].employer_id).execute()
    assert applications.application_changes(token, today=DEMO_TODAY)[1] is None
