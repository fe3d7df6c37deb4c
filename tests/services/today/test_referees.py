"""Today's referee items: brief a referee before the employer calls; too few referees while job hunting."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from desktop_app.services.referees import briefings, referees as service
from desktop_app.services.today import due
from tests.helpers.referees import TODAY, add_application, add_referee


def test_today_says_brief_the_referee_until_they_are_briefed(store: Path) -> None:
    app, alex = add_application(), add_referee()
    add_referee("Łukasz Nowak", "colleague")
    briefings.give_referees(app, [alex], TODAY - timedelta(days=1))
    items = [i for i in due.due_items(TODAY) if i.kind == "brief_referee"]
    assert [(i.subject, i.text, i.due_on) for i in items] == [
        ("Alex Morgan", "Brief Alex Morgan before Northwind calls", TODAY - timedelta(days=1))]
    assert items[0].as_json()["kind"] == "brief_referee"
    briefings.record_briefing(alex, app, TODAY, "phone", "Told Alex that Northwind may call")
    assert [i for i in due.due_items(TODAY) if i.kind == "brief_referee"] == []
    assert service.get_referee(alex).last_briefed_on == TODAY


def test_readiness_items_on_today_only_while_job_hunting(store: Path) -> None:
    add_referee("Łukasz Nowak", "colleague")
    assert due.due_items(TODAY) == []  # no live application: a calm Today
    add_application()
    items = {i.kind: i for i in due.due_items(TODAY) if i.application_id is None}
    assert set(items) == {"too_few_referees", "no_direct_manager"}
    assert items["too_few_referees"].subject == "Referees"
    assert "Add at least one more" in items["too_few_referees"].text
    add_referee()
    assert [i for i in due.due_items(TODAY) if i.application_id is None] == []


def test_demo_data_has_one_referee_to_brief(demo_store: Path) -> None:
    items = [i.as_json() for i in due.due_items(TODAY) if i.kind.endswith("referee") or "referees" in i.kind]
    assert items == [{"kind": "brief_referee", "due_on": "2026-11-20", "subject": "Zoë Fraser",
                      "text": "Brief Zoë Fraser before Adatum Insurance calls"}]


def test_case_5_with_every_application_closed_an_unready_set_of_referees_still_shows(store: Path) -> None:
    add_application(stage="withdrawn")
    assert {i.kind for i in due.due_items(TODAY)} == {"too_few_referees"}
