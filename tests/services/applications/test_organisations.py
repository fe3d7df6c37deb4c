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
    with pytest.raises(ValueError, match="employer of 2 application"):
        organisations.delete_organisation(org)


def test_contacts_list_with_their_organisation(demo_store: Path) -> None:
    contacts = organisations.list_contacts()
    assert len(contacts) == 9
    priya = next(c for c in contacts if c.name == "Priya Shah")
    assert priya.organisation_name == "Northwind Ltd"
    northwind = organisations.find_or_create_organisation("Northwind Ltd")
    assert {c.name for c in organisations.list_contacts(northwind)} == {"Priya Shah", "Tom Hughes"}
