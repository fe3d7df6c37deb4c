"""The calendar export (.ics): upcoming interviews and due follow-ups with reminders, written privately and whole."""

from __future__ import annotations

import os
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
    dismissed_uid = f"{item.key.replace(':', '-')}@afterview"
    assert dismissed_uid in {str(e["UID"]) for e in events}
    again = Calendar.from_ical(calendar_export.build_calendar(DEMO_TODAY)[0])
    assert dismissed_uid not in {str(e["UID"]) for e in again.walk("VEVENT")}


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


def test_interviews_carry_the_users_time_zone(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")
    app_id = next(r.id for r in applications.list_application_rows() if r.role == "Insights Analyst")
    interviews.create_interview({"application": app_id, "at": datetime(2027, 7, 1, 13, tzinfo=timezone.utc),
                                 "round": 2, "format": "video", "interviewers": []}, today=DEMO_TODAY)
    cal = Calendar.from_ical(calendar_export.build_calendar(DEMO_TODAY)[0])
    event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).endswith("(round 2)"))
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    start = event.decoded("DTSTART")
    assert (start.hour, start.utcoffset()) == (14, timedelta(hours=1))  # British summer time
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/London"]


def test_a_re_approach_spans_its_window(demo_store: Path) -> None:
    cal = Calendar.from_ical(calendar_export.build_calendar(DEMO_TODAY)[0])
    event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Re-approach: Senior Data Analyst at Contoso plc")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == date(2026, 12, 2)
    assert end > start + timedelta(days=80)  # three months, until six months after the rejection


def test_the_live_calendar_is_in_the_data_folder_and_changes_after_a_contact_is_logged(demo_store: Path) -> None:
    from desktop_app.services.applications import interactions

    target = calendar_export.write_live_calendar(demo_store, today=DEMO_TODAY)
    assert target == demo_store / "afterview.ics"
    assert os.name != "posix" or target.stat().st_mode & 0o777 == 0o600
    before = {str(e["UID"]): e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    follow_up = next(i for i in due.due_items(DEMO_TODAY) if i.kind == "follow_up")
    assert f"{follow_up.key.replace(':', '-')}@afterview" in before
    interactions.log_interaction({"application": follow_up.application_id,
                                  "at": datetime(2026, 11, 25, 9, tzinfo=timezone.utc), "channel": "email",
                                  "direction": "outgoing", "purpose": "follow_up"})
    calendar_export.write_live_calendar(demo_store, today=DEMO_TODAY)
    after = {str(e["UID"]): e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    # the follow-up just sent is done; the next one is polite five days later
    assert f"{follow_up.key.replace(':', '-')}@afterview" not in after
    assert f"follow_up-application-{follow_up.application_id}-2026-11-30@afterview" in after


def test_the_live_calendar_goes_where_the_user_chooses(demo_store: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "calendars" / "jobs.ics"
    with pytest.raises(ValueError, match="does not exist"):
        calendar_export.set_live_calendar_path(chosen)
    chosen.parent.mkdir()
    with pytest.raises(ValueError, match=r"\.ics"):
        calendar_export.set_live_calendar_path(chosen.with_suffix(".txt"))
    with pytest.raises(ValueError, match="full path"):
        calendar_export.set_live_calendar_path(Path("jobs.ics"))
    assert calendar_export.live_calendar_path(demo_store) == demo_store / "afterview.ics"  # nothing changed
    calendar_export.set_live_calendar_path(chosen)
    assert calendar_export.write_live_calendar(demo_store, today=DEMO_TODAY) == chosen
    assert Calendar.from_ical(chosen.read_bytes()).walk("VEVENT")
    calendar_export.set_live_calendar_path(None)
    assert calendar_export.live_calendar_path(demo_store) == demo_store / "afterview.ics"


def test_a_calendar_that_cannot_be_written_is_said_in_plain_words(
        demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def read_only(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(demo_store / "afterview.ics"))

    monkeypatch.setattr(calendar_export, "atomic_write", read_only)
    with pytest.raises(OSError) as raised:
        calendar_export.write_live_calendar(demo_store, today=DEMO_TODAY)
    assert str(raised.value) == f"{demo_store / 'afterview.ics'} could not be written: that disk or folder is read-only"


def test_a_place_that_cannot_be_written_is_refused_when_chosen(demo_store: Path) -> None:
    with pytest.raises(ValueError, match="you are not allowed to write in that folder"):
        calendar_export.set_live_calendar_path(Path("/sys/afterview.ics"))
    assert calendar_export.live_calendar_path(demo_store) == demo_store / "afterview.ics"
    assert calendar_export.writable_problem(demo_store / "afterview.ics") is None


@pytest.mark.parametrize("stage", ["rejected", "withdrawn"])
def test_a_closed_applications_interviews_to_come_are_left_out(demo_store: Path, stage: str) -> None:
    app_id = next(r.id for r in applications.list_application_rows() if r.role == "Insights Analyst")
    interviews.create_interview({"application": app_id, "at": datetime(2026, 12, 1, 14, tzinfo=timezone.utc),
                                 "round": 1, "format": "video", "interviewers": []}, today=DEMO_TODAY)
    applications.update_application(app_id, {"stage": stage}, today=DEMO_TODAY)
    cal = Calendar.from_ical(calendar_export.build_calendar(DEMO_TODAY)[0])
    assert not any(str(e["SUMMARY"]).startswith("Interview: Insights Analyst") for e in cal.walk("VEVENT"))


def test_an_interview_event_says_its_format_and_interviewers(demo_store: Path) -> None:
    from desktop_app.store import models as m

    panel = m.Contact.select().order_by(m.Contact.name).first()
    app_id = next(r.id for r in applications.list_application_rows() if r.role == "Insights Analyst")
    interviews.create_interview({"application": app_id, "at": datetime(2026, 12, 1, 14, tzinfo=timezone.utc),
                                 "round": 2, "format": "in_person", "interviewers": [panel.id]}, today=DEMO_TODAY)
    cal = Calendar.from_ical(calendar_export.build_calendar(DEMO_TODAY)[0])
    event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Interview: Insights Analyst"))
    who = f"{panel.name} ({panel.title})" if panel.title else panel.name
    assert str(event["DESCRIPTION"]) == f"Format: In person\nInterviewers: {who}"
