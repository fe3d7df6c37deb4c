"""Calendar (.ics) and spreadsheet (CSV) export and import of the applications."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from desktop_app.services.applications import pipeline as applications, interviews

from desktop_app.services.exchange import applications_csv, calendar_export

from desktop_app.services.today import due

DEMO_TODAY = date(2026, 11, 25)


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


def test_csv_export_includes_the_stage_history(demo_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "applications.csv"
    assert applications_csv.export_csv(target) == 12
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r["role"] == "Senior Data Analyst")
    assert row["stage_history"] == "applied 2026-08-04; interviewing 2026-08-18; rejected 2026-09-02"
    assert row["employer"] == "Contoso plc" and row["stage"] == "rejected"
    assert row["feedback"].startswith("Strong technical interview")
    agency_row = next(r for r in rows if r["role"] == "Business Intelligence Analyst")
    assert (agency_row["agency"], agency_row["recruiter"]) == ("Harbour & Finch Recruitment", "Gemma Wright")


SPREADSHEET = """Job title;Company;Agency;Recruiter;Date applied;Status;Comments
Data Analyst;Northwind Ltd;;;03/11/2026;Applied;from my sheet
Analyst;;;;2026-11-04;applied;no company
BI Developer;Fabrikam;Harbour & Finch;Gemma Wright;2026-11-05;Interviewing;
Planner;Contoso;;;31/02/2026;Applied;
Future role;Litware;;;2027-01-01;Applied;
Tester;Litware;;;2026-11-06;maybe;
"""


def test_csv_import_maps_columns_lists_bad_lines_and_imports_only_the_good(store: Path, tmp_path: Path) -> None:
    source = tmp_path / "my-search.csv"
    source.write_text(SPREADSHEET, encoding="utf-8")
    table = applications_csv.read_csv(source)
    mapping = applications_csv.guess_mapping(table.headers)
    assert mapping == {"role": 0, "employer": 1, "agency": 2, "recruiter": 3, "source": None, "applied_on": 4,
                       "stage": 5, "notes": 6}
    check = applications_csv.check_rows(table, mapping, today=DEMO_TODAY)
    assert [line for line, _ in check.good] == [2, 4]
    assert check.bad == [(3, "employer is empty"),
                         (5, "'31/02/2026' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"),
                         (6, "applied date 2027-01-01 is in the future"),
                         (7, "'maybe' is not a stage (Applied, Interviewing, Offer, Accepted, Rejected, "
                             "Withdrawn, No response)")]
    assert applications.list_application_rows() == []  # nothing imported yet
    assert applications_csv.import_rows(check.good, today=DEMO_TODAY) == 2
    rows = {r.role: r for r in applications.list_application_rows(with_next_step=False)}
    assert rows["Data Analyst"].applied_on == date(2026, 11, 3)
    assert rows["BI Developer"].agency == "Harbour & Finch" and rows["BI Developer"].stage == "interviewing"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"role,employer\n", "no applications under it"),
    (b"%PDF-1.7\x00\x00binary", "is not a CSV text file"),
])
def test_bad_csv_files_are_refused_clearly(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    with pytest.raises(applications_csv.CsvError) as caught:
        applications_csv.read_csv(source)
    assert message in str(caught.value)
