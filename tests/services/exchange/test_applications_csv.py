"""The applications as a spreadsheet (CSV): exported with the stage history, privately and whole;
imported with the columns mapped, bad lines listed and only the good ones kept."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.applications import organisations, pipeline as applications
from desktop_app.services.exchange import applications_csv
from tests.helpers.private_files import _assert_private_and_alone, _fail_after_first

DEMO_TODAY = date(2026, 11, 25)


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


def test_the_csv_export_is_private_and_a_failure_half_way_leaves_the_old_file(
        demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services.exchange import applications_csv

    out = tmp_path / "out"
    out.mkdir()
    target = out / "applications.csv"
    assert applications_csv.export_csv(target) > 1
    _assert_private_and_alone(target)
    before = target.read_bytes()
    real = applications_csv.list_application_rows
    monkeypatch.setattr(applications_csv, "list_application_rows",
                        lambda **kw: _fail_after_first(real(**kw)))
    with pytest.raises(RuntimeError):
        applications_csv.export_csv(target)
    assert target.read_bytes() == before
    _assert_private_and_alone(target)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","Pricing Analyst")', "+44 call", "-1", "@SUM(A1)",
                                  "\t=1+1", "'=quoted already"])
def test_the_export_is_formula_safe_and_our_own_export_reads_back_the_same(store: Path, tmp_path: Path,
                                                                           text: str) -> None:
    """A spreadsheet runs a cell that starts with = + - @: the export makes each inert with a
    leading apostrophe (OWASP "CSV Injection"), and importing that export gives the text back."""
    org = organisations.find_or_create_organisation("Northwind")
    applications.create_application({"role": text, "employer": org, "applied_on": date(2026, 11, 2),
                                     "notes": text}, today=date(2026, 11, 2))
    target = tmp_path / "applications.csv"
    applications_csv.export_csv(target)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        header, row = list(csv.reader(fh))
    for column in ("role", "notes"):
        cell = row[header.index(column)]
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
        assert applications_csv.formula_unsafe(cell) == text
    table = applications_csv.read_csv(target)
    check = applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers), today=DEMO_TODAY)
    [(_, form)] = check.good
    assert form.role == text.strip() and form.notes == text.strip()


@pytest.mark.parametrize(("raw", "encoding"), [
    ("Role;Company;Date applied;Notes\nData Analyst;Northwind, Ltd;03/11/2026;it's \"keen\"\n", "cp1252"),
    ("Role\tCompany\tDate applied\tNotes\nData Analyst\tNorthwind, Ltd\t2026-11-03\t'quoted'\n", "utf-8"),
    ('"Role","Company","Date applied","Notes"\n"Data Analyst","Northwind, Ltd","3 Nov 2026","a; b"\n', "utf-8-sig"),
])
def test_semicolon_tab_and_quoted_spreadsheets_read_the_same(store: Path, tmp_path: Path, raw: str,
                                                              encoding: str) -> None:
    """Excel in much of Europe saves with semicolons (and Windows-1252), some programs with
    tabs; the separator is read off the header row, quotes are always double quotes."""
    source = tmp_path / "search.csv"
    source.write_bytes(raw.encode(encoding))
    table = applications_csv.read_csv(source)
    assert table.headers == ["Role", "Company", "Date applied", "Notes"]
    check = applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers), today=DEMO_TODAY)
    [(_, form)] = check.good
    assert (form.role, form.employer, form.applied_on) == ("Data Analyst", "Northwind, Ltd", date(2026, 11, 3))
