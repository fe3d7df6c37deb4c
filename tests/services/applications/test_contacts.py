"""Contacts: added with phones read as typed, removed without losing the history, merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.applications import contacts
from desktop_app.services.applications.detail import application_detail
from desktop_app.services.applications.organisations import create_organisation
from desktop_app.services.core.profile import save_profile
from desktop_app.services.core.validation import ValidationError
from desktop_app.store import models as m


def test_a_national_number_takes_the_profile_country(store: Path) -> None:
    save_profile({"country": "GB"})
    contact_id = contacts.save_contact({"name": "Gemma Wright", "organisation": "Harbour & Finch",
                                        "kind": "recruiter", "phone": "07700 900456"})
    row = contacts.get_contact(contact_id)
    assert (row.phone, row.organisation_name) == ("+447700900456", "Harbour & Finch")


def test_a_national_number_takes_the_organisation_country_first(store: Path) -> None:
    save_profile({"country": "GB"})
    org = create_organisation({"name": "Maple Leaf Data", "country": "CA"})
    contact_id = contacts.save_contact({"name": "Luc Tremblay", "organisation": org, "phone": "(905) 555-0123"})
    assert contacts.get_contact(contact_id).phone == "+19055550123"
    assert contacts.contact_country("maple leaf data") == "CA"
    # only the phone changes: it is still read with the organisation's country
    contacts.save_contact({"phone": "(416) 555-0199"}, contact_id)
    assert contacts.get_contact(contact_id).phone == "+14165550199"


def test_bad_values_name_the_field_and_leave_nothing_behind(store: Path) -> None:
    with pytest.raises(ValidationError) as error:
        contacts.save_contact({"name": "Ann", "organisation": "Brand New Ltd", "email": "ann@"})
    assert error.value.field == "email"
    assert m.Organisation.select().count() == 0
    with pytest.raises(ValidationError) as error:
        contacts.save_contact({"name": "  "})
    assert error.value.field == "name"
    with pytest.raises(ValidationError) as error:
        contacts.save_contact({"name": "Ann", "phone": "07700 900456"})  # no country anywhere
    assert error.value.field == "phone" and "country code" in error.value.message


def test_removing_a_contact_keeps_the_logged_contacts_readable(demo_store: Path) -> None:
    priya = m.Contact.get(m.Contact.name == "Priya Shah")
    app_id = m.Application.get(m.Application.role == "Data Analyst").id
    use = contacts.usage(priya.id)
    assert (use.logged, use.recruiter_of) == (1, 2)
    contacts.remove_contact(priya.id)
    logged = application_detail(app_id).interactions
    assert [(x.contact_id, x.contact_name) for x in logged] == [(None, "Priya Shah")]
    assert m.Application.get_by_id(app_id).recruiter_id is None


def test_merging_two_entries_of_one_person(demo_store: Path) -> None:
    gemma = m.Contact.get(m.Contact.name == "Gemma Wright")
    twin = contacts.save_contact({"name": "G. Wright", "kind": "other", "title": "",
                                  "linkedin": "https://www.linkedin.com/in/gw", "notes": "Met at a fair"})
    app = m.Application.get(m.Application.recruiter == gemma.id)
    m.Interaction.create(application=app.id, contact=twin, at="2026-11-20T10:00:00+00:00", channel="phone",
                         direction="incoming", contact_name="G. Wright")
    with pytest.raises(ValueError):
        contacts.merge_contacts(gemma.id, gemma.id)
    contacts.merge_contacts(gemma.id, twin)
    kept = contacts.get_contact(gemma.id)
    assert kept.linkedin == "https://www.linkedin.com/in/gemma-wright-example"  # hers is kept
    assert "Met at a fair" in kept.notes and kept.kind == "recruiter"
    assert m.Interaction.select().where(m.Interaction.contact == gemma.id).count() == 4
    assert not m.Contact.select().where(m.Contact.id == twin).exists()


def test_the_list_of_everyone_counts_what_names_them(demo_store: Path) -> None:
    rows = {r.contact.name: r for r in contacts.list_all_contacts()}
    assert (rows["Gemma Wright"].applications, rows["Gemma Wright"].logged) == (2, 3)
    assert rows["Helen Marsh"].last_contact_at is None
    assert list(rows) == sorted(rows)


@pytest.mark.parametrize("field", ["name", "title"])
def test_a_name_or_title_longer_than_200_characters_is_refused(store: Path, field: str) -> None:
    """A pasted 480-character name is refused with the length in plain words; nothing is saved."""
    values = {"name": "Ann Lee", field: "x" * 480}
    with pytest.raises(ValidationError) as caught:
        contacts.save_contact(values)
    assert caught.value.field == field
    assert "too long (480 characters; at most 200)" in caught.value.message
    assert contacts.list_all_contacts() == []
    contacts.save_contact({"name": "x" * 200})  # the limit itself is fine


def test_every_name_field_of_every_record_is_limited() -> None:
    from desktop_app.services.core.records import PROFILE_FIELDS, RECORDS

    kinds = {(r.collection, f.name): f.kind for r in RECORDS.values() for f in r.fields}
    for key in [("organisations", "name"), ("contacts", "name"), ("contacts", "title"),
                ("applications", "role"), ("referees", "name"), ("referees", "title"),
                ("referees", "organisation"), ("qualifications", "title")]:
        assert kinds[key] == "name", key
    assert next(f for f in PROFILE_FIELDS if f.name == "name").kind == "name"
