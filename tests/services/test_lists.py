"""The services that feed the lists: applications, referees, qualifications, documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.applications import pipeline as applications, organisations

from desktop_app.services.referees import referees

from desktop_app.services.vault import qualifications as vault
from desktop_app.services.core.records import ValidationError
from desktop_app.store import models as m


def test_the_sample_fills_every_list(demo_store: Path) -> None:
    rows = applications.list_application_rows()
    assert len(rows) == 12
    via_agency = [r for r in rows if r.agency]
    assert via_agency and all(r.agency for r in via_agency)
    a1 = next(r for r in rows if r.role == "Data Analyst")
    assert a1.employer == "Northwind Ltd" and a1.last_contact_at is not None
    assert len(referees.list_referee_rows()) == 4
    assert len(vault.list_qualification_rows()) == 2


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


def test_find_or_create_reuses_an_organisation_whatever_the_case(store: Path) -> None:
    first = organisations.find_or_create_organisation("Northwind Ltd")
    assert organisations.find_or_create_organisation("northwind ltd ") == first


def test_deletion_impact_counts_what_goes_with_an_application(demo_store: Path) -> None:
    a2 = next(r for r in applications.list_application_rows() if r.role.startswith("Business Intelligence"))
    impact = applications.deletion_impact(a2.id)
    assert (impact.interviews, impact.interactions) == (2, 3)
    applications.delete_application(a2.id)
    assert m.Interview.select().where(m.Interview.application == a2.id).count() == 0


def test_an_employer_in_use_cannot_be_deleted(demo_store: Path) -> None:
    org = organisations.find_or_create_organisation("Northwind Ltd")
    with pytest.raises(ValueError, match="employer of 2 application"):
        organisations.delete_organisation(org)


def test_referee_phone_uses_the_referee_country(store: Path) -> None:
    ref = referees.create_referee({"name": "Łukasz Nowak", "relationship": "colleague",
                                   "country": "AU", "phone": "02 9374 4000"})
    assert m.Referee.get_by_id(ref).phone == "+61293744000"
    referees.update_referee(ref, {"phone": "02 9374 4001"})
    assert m.Referee.get_by_id(ref).phone == "+61293744001"


def test_referee_list_counts_live_applications_and_last_briefing(demo_store: Path) -> None:
    rows = {r.name: r for r in referees.list_referee_rows()}
    assert rows["Alex Morgan"].live_applications == 1
    assert rows["Alex Morgan"].last_briefed_on == date(2026, 11, 21)
    assert rows["Zoë Fraser"].last_briefed_on is None


def test_contacts_list_with_their_organisation(demo_store: Path) -> None:
    contacts = organisations.list_contacts()
    assert len(contacts) == 9
    priya = next(c for c in contacts if c.name == "Priya Shah")
    assert priya.organisation_name == "Northwind Ltd"
    northwind = organisations.find_or_create_organisation("Northwind Ltd")
    assert {c.name for c in organisations.list_contacts(northwind)} == {"Priya Shah", "Tom Hughes"}
