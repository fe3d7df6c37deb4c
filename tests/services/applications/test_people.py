"""Who an application's messages go to; the people from last time include those since removed."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services.applications.contacts import remove_contact
from desktop_app.services.applications.people import people_of
from desktop_app.store import models as m


def test_recruiter_first_senior_at_the_employer_and_everyone_from_last_time(demo_store: Path) -> None:
    contoso = m.Application.get(m.Application.role == "Senior Data Analyst").id
    who = people_of([contoso])[contoso]
    assert who.senior is not None and who.senior[1] == "Helen Marsh"
    assert who.subject == "Senior Data Analyst at Contoso plc"
    assert "Daniel Okafor" in who.everyone
    remove_contact(m.Contact.get(m.Contact.name == "Daniel Okafor").id)
    assert "Daniel Okafor" in people_of([contoso])[contoso].everyone  # by the name kept on the log
