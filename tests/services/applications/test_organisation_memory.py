"""Organisations as memory: outcomes, reply times, the last say and the re-approach window, per organisation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.applications import organisation_memory as memory
from desktop_app.services.applications.pipeline import ApplicationForm, save_application_form, update_application
from desktop_app.services.applications.interactions import log_interaction
from desktop_app.services.core.crud import NotFound
from desktop_app.store import models as m

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("outgoing", "answers", "waits"), [
    ([], [], []),
    ([], [date(2026, 11, 12)], [10]),  # the application itself waited 10 days
    ([date(2026, 11, 9)], [date(2026, 11, 12)], [10]),  # a chaser does not restart the wait
    ([date(2026, 11, 12)], [date(2026, 11, 12), date(2026, 11, 20)], [10]),  # same day: message first
    ([date(2026, 11, 14)], [date(2026, 11, 12), date(2026, 11, 20)], [10, 6]),
])
def test_reply_days(outgoing: list[date], answers: list[date], waits: list[int]) -> None:
    assert memory.reply_days(date(2026, 11, 2), outgoing, answers) == waits


def test_an_agency_and_an_employer_each_remember_the_same_application(store: Path) -> None:
    app_id = save_application_form(ApplicationForm(role="Analyst", employer="Northwind Ltd",
                                                   agency="Harbour & Finch", recruiter="Gemma Wright",
                                                   applied_on="2026-11-02"), today=date(2026, 11, 2))
    log_interaction({"application": app_id, "contact": m.Application.get_by_id(app_id).recruiter_id,
                     "at": "2026-11-10T09:00:00+00:00", "channel": "email", "direction": "outgoing",
                     "purpose": "follow_up"})
    update_application(app_id, {"stage": "rejected"}, today=date(2026, 11, 20))
    rows = {s.name: s for s in memory.organisation_summaries(today=TODAY)}
    employer, agency = rows["Northwind Ltd"], rows["Harbour & Finch"]
    assert (employer.kind, agency.kind) == ("employer", "agency")
    assert employer.rejected == agency.rejected == 1
    assert employer.median_reply_days == 18.0
    assert employer.last_say is True and employer.last_contact_on == date(2026, 11, 10)
    assert employer.re_approach == (date(2027, 2, 20), date(2027, 5, 20))
    assert employer.re_approach_state(TODAY) == "opens"
    assert employer.re_approach_state(date(2027, 3, 1)) == "open"
    assert employer.re_approach_state(date(2027, 5, 21)) == "closed"
    seen = memory.organisation_memory(agency.id, today=TODAY)
    assert [p.name for p in seen.people] == ["Gemma Wright"]
    assert [(a.as_role, a.employer, a.reply_days) for a in seen.applications] == [("agency", "Northwind Ltd", (18,))]
    assert [(x.person, x.purpose) for x in seen.contacts] == [("Gemma Wright", "follow_up")]


def test_the_sample_contoso_remembers_feedback_and_who_had_the_last_say(demo_store: Path) -> None:
    contoso = next(s for s in memory.organisation_summaries(today=TODAY) if s.name == "Contoso plc")
    assert (contoso.applications, contoso.rejected, contoso.with_feedback, contoso.people) == (2, 1, 1, 2)
    seen = memory.organisation_memory(contoso.id, today=TODAY)
    assert seen.contacts[0].at > seen.contacts[-1].at  # newest first
    assert {a.stage for a in seen.applications} == {"rejected", "interviewing"}


def test_an_organisation_that_is_gone(store: Path) -> None:
    with pytest.raises(NotFound):
        memory.organisation_memory(99)


def test_every_summary_at_once_is_each_organisations_own(store: Path) -> None:
    """The list's grouped queries and one organisation's memory are two ways to the same numbers."""
    import random
    from datetime import datetime, time, timedelta, timezone

    rng = random.Random(13)
    orgs = [m.Organisation.create(name=f"Org {i}") for i in range(8)]
    for i in range(40):
        applied = TODAY - timedelta(days=rng.randint(0, 400))
        employer = rng.choice(orgs)
        # one application names the same organisation as employer and agency: counted once
        agency = employer if i == 0 else (rng.choice(orgs) if rng.random() < 0.4 else None)
        stage = rng.choice(("applied", "interviewing", "offer", "accepted", "rejected", "withdrawn"))
        feedback = rng.random() < 0.3
        app = m.Application.create(role=f"Role {i}", employer=employer, agency=agency, applied_on=applied, stage=stage,
                                   feedback="Good" if feedback else None,
                                   feedback_on=applied + timedelta(days=rng.randint(3, 40)) if feedback else None)
        for _ in range(rng.randint(0, 2)):
            m.StageChange.create(application=app, stage=rng.choice(("interviewing", "rejected", "withdrawn")),
                                 on=applied + timedelta(days=rng.randint(0, 60)))
        for _ in range(rng.randint(0, 5)):
            m.Interaction.create(application=app, channel="email",
                                 at=datetime.combine(applied + timedelta(days=rng.randint(0, 90)),
                                                     time(rng.randint(0, 23), rng.randint(0, 59)), timezone.utc),
                                 direction=rng.choice(("outgoing", "incoming")), purpose="other")
        if rng.random() < 0.4:
            m.Interview.create(application=app, at=datetime.combine(applied + timedelta(days=rng.randint(0, 60)),
                                                                    time(10), timezone.utc), format="video")
    summaries = memory.organisation_summaries(today=TODAY)
    assert [s.name for s in summaries] == sorted(o.name for o in orgs)
    assert any(s.median_reply_days is not None for s in summaries) and any(s.re_approach for s in summaries)
    for summary in summaries:
        assert memory.organisation_memory(summary.id, today=TODAY).summary == summary
    # remembered while nothing changes; a change is seen at once
    assert memory.organisation_summaries(today=TODAY) == summaries
    m.Application.create(role="Late", employer=orgs[0], applied_on=TODAY, stage="applied")
    again = {s.id: s.applications for s in memory.organisation_summaries(today=TODAY)}
    assert again[orgs[0].id] == next(s.applications for s in summaries if s.id == orgs[0].id) + 1
