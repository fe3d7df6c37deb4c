"""Organisations and their contacts: one organisation however its name is typed; an employer in use is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.applications import organisations


def test_find_or_create_reuses_an_organisation_whatever_the_case(store: Path) -> None:
    first = organisations.find_or_create_organisation("Northwind Ltd")
    assert organisations.find_or_create_organisation("northwind ltd ") == first


def test_an_employer_in_use_cannot_be_deleted(demo_store: Path) -> None:
    org = organisations.find_or_create_organisation("Northwind Ltd")
    with pytest.raises(ValueError, match="Northwind Ltd cannot be deleted: 2 applications use it"):
        organisations.delete_organisation(org)


def test_an_agency_in_use_cannot_be_deleted_an_unused_one_can(demo_store: Path) -> None:
    from desktop_app.store import models as m

    agency = m.Application.select().where(m.Application.agency.is_null(False)).first().agency_id
    with pytest.raises(ValueError, match="as employer or agency"):
        organisations.delete_organisation(agency)
    spare = organisations.create_organisation({"name": "Spare Ltd"})
    person = organisations.create_contact({"name": "Kim", "organisation": spare})
    organisations.delete_organisation(spare)
    assert organisations.get_contact(person).organisation_id is None  # the person stays


def test_renaming_to_another_name_ignoring_case_is_caught_and_merging_joins_them(demo_store: Path) -> None:
    from desktop_app.store import models as m

    northwind = organisations.find_or_create_organisation("Northwind Ltd")
    twin = organisations.create_organisation({"name": "Northwind", "website": "https://northwind.example"})
    organisations.create_contact({"name": "Lee", "organisation": twin})
    with pytest.raises(organisations.SameNameExists) as caught:
        organisations.update_organisation(twin, {"name": "NORTHWIND LTD"})
    assert caught.value.other_id == northwind
    assert organisations.get_organisation(twin).name == "Northwind"  # nothing saved
    organisations.update_organisation(twin, {"name": "Northwind Labs"})  # a rename is fine
    organisations.merge_organisations(northwind, twin)
    assert m.Organisation.get_or_none(m.Organisation.id == twin) is None
    assert {c.name for c in organisations.list_contacts(northwind)} >= {"Lee", "Priya Shah"}
    assert organisations.get_organisation(northwind).website == "https://northwind.example"


def test_contacts_list_with_their_organisation(demo_store: Path) -> None:
    contacts = organisations.list_contacts()
    assert len(contacts) == 9
    priya = next(c for c in contacts if c.name == "Priya Shah")
    assert priya.organisation_name == "Northwind Ltd"
    northwind = organisations.find_or_create_organisation("Northwind Ltd")
    assert {c.name for c in organisations.list_contacts(northwind)} == {"Priya Shah", "Tom Hughes"}
