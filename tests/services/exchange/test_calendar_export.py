"""The calendar export (.ics): upcoming interviews and due follow-ups with reminders, written privately and whole."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from desktop_app.services.applications import interviews, pipeline as applications
from desktop_app.services.exchange import calendar_export
from desktop_app.services.today import due
from tests.helpers.private_files import _assert_private_and_alone

DEMO_TODAY = date(2026, 11, 25)  # the day the sample data is dated from (tests/conftest.py)


def test_calendar_has_upcoming_interviews_and_due_follow_ups_with_reminders(demo_store: Path, tmp_path: Path) -> None:
    app_id = next(r.id for r in applications.list_application_rows() if r.role == "Insights Analyst")
    interviews.create_interview({"application": app_id, "at": datetime(2026, 12, 1, 14, tzinfo=timezone.utc),
                                 "round": 1, "format": "video", "interviewers": []}, today=DEMO_TODAY)
    target = tmp_path / "afterview.ics"
    count = calendar_export.export_to_file(target, today=DEMO_TODAY)
    cal = Calendar.from_ical(target.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == count
    summaries = {str(e["SUMMARY"]): e for e in events}
    interview = summaries["Interview: Insights Analyst at Tailspin Analytics (round 1)"]
    assert interview.decoded("DTSTART") == datetime(2026, 12, 1, 14, tzinfo=timezone.utc)
    assert sorted(a.decoded("TRIGGER") for a in interview.walk("VALARM")) == [timedelta(days=-1), timedelta(hours=-1)]
    feedback = summaries["Ask for feedback: Data Analyst at Northwind Ltd"]
    assert feedback.decoded("DTSTART") == DEMO_TODAY  # already due: on today
    assert [a.decoded("TRIGGER") for a in feedback.walk("VALARM")] == [timedelta(hours=9)]  # 9:00 that morning
    # the re-approach not yet due goes on its own day
    assert summaries["Re-approach: Senior Data Analyst at Contoso plc"].decoded("DTSTART") == date(2026, 12, 2)
    # a withdrawn application has nothing; a dismissed item is left out
    assert not any("Commercial Analyst" in s for s in summaries)
    item = next(i for i in due.due_items(DEMO_TODAY) if i.kind == "last_say")
    due.dismiss(item.key)
    again = Calendar.from_ical(calendar_export.build_calendar(DEMO_TODAY)[0])
    assert not any(str(e["SUMMARY"]).startswith("Have the last say") for e in again.walk("VEVENT"))


def test_the_calendar_export_is_private_and_a_failure_half_way_leaves_the_old_file(
        demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services.exchange import calendar_export

    out = tmp_path / "out"
    out.mkdir()
    target = out / "afterview.ics"
    assert calendar_export.export_to_file(target, today=DEMO_TODAY) > 1
    _assert_private_and_alone(target)
    before = target.read_bytes()
    real = calendar_export.rules.suggestions
    calls = []

    def suggestions(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) > 1:  # the second application's follow-ups
            raise RuntimeError("the disk went away half way")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(calendar_export.rules, "suggestions", suggestions)
    with pytest.raises(RuntimeError):
        calendar_export.export_to_file(target, today=DEMO_TODAY)
    assert len(calls) == 2
    assert target.read_bytes() == before
    _assert_private_and_alone(target)
