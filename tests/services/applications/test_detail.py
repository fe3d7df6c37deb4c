"""The detail of one application: its timeline in the order things happened."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo


def test_a_summer_stage_change_sorts_right_against_that_days_interview_in_winter(
        london: None, store: Path, frozen_clock: ModuleType) -> None:
    """Interview at 00:30 on 1 July (BST), the stage moved on 1 July: the day comes first.

    Seen in December (GMT), the stage change used to be placed at midnight *GMT*, half an
    hour after the interview.
    """
    from desktop_app.services.applications import detail, interviews, pipeline
    from desktop_app.store import models as m

    frozen_clock.set_today(date(2026, 12, 10))
    employer = m.Organisation.create(name="Northwind Ltd").id
    app_id = pipeline.create_application({"role": "Data Analyst", "employer": employer,
                                          "applied_on": date(2026, 6, 1)}, today=date(2026, 6, 1))
    at = datetime(2026, 7, 1, 0, 30, tzinfo=ZoneInfo("Europe/London"))
    interviews.create_interview({"application": app_id, "at": at}, today=date(2026, 7, 1))

    timeline = detail.application_detail(app_id).timeline
    assert [(e.kind, e.stage) for e in timeline] == [("stage", "applied"), ("stage", "interviewing"),
                                                     ("interview", None)]
    moved = timeline[1].when
    assert moved == datetime(2026, 6, 30, 23, 0, tzinfo=timezone.utc)
    assert moved.utcoffset() == timedelta(hours=1)


def test_a_stage_change_goes_after_that_days_logged_contacts(london: None, store: Path,
                                                              frozen_clock: ModuleType) -> None:
    """Follow-up at 09:00, rejected the same day (a day, no time): the rejection comes after it."""
    from desktop_app.services.applications import detail, interactions, pipeline
    from desktop_app.store import models as m

    frozen_clock.set_today(date(2026, 11, 20))
    employer = m.Organisation.create(name="Northwind Ltd").id
    app_id = pipeline.create_application({"role": "Data Analyst", "employer": employer,
                                          "applied_on": date(2026, 11, 2)}, today=date(2026, 11, 2))
    at = datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    interactions.log_interaction({"application": app_id, "at": at, "channel": "email", "direction": "outgoing",
                                  "purpose": "follow_up"})
    pipeline.update_application(app_id, {"stage": "rejected"}, today=date(2026, 11, 20))
    timeline = detail.application_detail(app_id).timeline
    assert [(e.kind, e.stage) for e in timeline] == [("stage", "applied"), ("interaction", None),
                                                     ("stage", "rejected")]
