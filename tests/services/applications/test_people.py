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


def test_a_few_applications_read_alone_get_the_same_people_as_all_read_at_once(demo_store: Path) -> None:
    """A short list reads only its own people's names and seniors (issue 12: the refresh after
    one logged contact); a long one reads every contact. Both must give the same answers."""
    ids = [a.id for a in m.Application.select()]
    alone = {app_id: people_of([app_id])[app_id] for app_id in ids}
    everything = {}
    for app_id in ids:  # the long list's way: every contact read, filtered in Python
        padded = [app_id, *range(10_000, 10_501)]  # ids of no application: more than 500 asked for
        everything[app_id] = people_of(padded)[app_id]
    assert alone == everything
    assert any(who.senior for who in alone.values()) and any(who.main for who in alone.values())
