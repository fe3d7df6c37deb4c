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
                       "stage": 5, "notes": 6, "stage_history": None}
    check = applications_csv.check_rows(table, mapping, today=DEMO_TODAY)
    assert [line for line, _ in check.good] == [2, 4]
    assert check.bad == [(3, "employer is empty"),
                         (5, "'31/02/2026' is not a day that exists (read day/month)"),
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
    # read back into the same data, the row is the application it came from: a duplicate
    [(_, form, _why)] = check.duplicates
    assert check.good == [] and form.role == text.strip() and form.notes == text.strip()


@pytest.mark.parametrize(("raw", "encoding"), [
    ("Role;Company;Date applied;Notes\nData Analyst;Northwind, Ltd;03/11/2026;it's \"keen\"\n", "cp1252"),
    ("Role\tCompany\tDate applied\tNotes\nData Analyst\tNorthwind, Ltd\t2026-11-03\t'quoted'\n", "utf-8"),
    # Excel's "Unicode text": UTF-16 little-endian with its BOM, tab separated, CR LF (issue #15, fresh eyes)
    ("Role\tCompany\tDate applied\tNotes\r\nData Analyst\tNorthwind, Ltd\t2026-11-03\tline one\r\n", "utf-16"),
    ("Role\tCompany\tDate applied\tNotes\r\nData Analyst\tNorthwind, Ltd\t2026-11-03\tx\r\n", "utf-16-be-bom"),
    ('"Role","Company","Date applied","Notes"\n"Data Analyst","Northwind, Ltd","3 Nov 2026","a; b"\n', "utf-8-sig"),
])
def test_semicolon_tab_and_quoted_spreadsheets_read_the_same(store: Path, tmp_path: Path, raw: str,
                                                              encoding: str) -> None:
    """Excel in much of Europe saves with semicolons (and Windows-1252), some programs with
    tabs; the separator is read off the header row, quotes are always double quotes."""
    source = tmp_path / "search.csv"
    source.write_bytes(b"\xfe\xff" + raw.encode("utf-16-be") if encoding == "utf-16-be-bom" else raw.encode(encoding))
    table = applications_csv.read_csv(source)
    assert table.headers == ["Role", "Company", "Date applied", "Notes"]
    check = applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers), today=DEMO_TODAY)
    [(_, form)] = check.good
    assert (form.role, form.employer, form.applied_on) == ("Data Analyst", "Northwind, Ltd", date(2026, 11, 3))


# ---------------------------------------------------------------- issue 15, cases 11–14
CSVS = Path(__file__).resolve().parents[2] / "data" / "csv"


def _check(name: str, **options: object) -> tuple[applications_csv.CsvTable, applications_csv.CsvCheck]:
    table = applications_csv.read_csv(CSVS / name)
    return table, applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers),
                                              today=DEMO_TODAY, **options)


def test_case_11_linkedins_job_applications_export_is_recognised_and_imports(store: Path) -> None:
    table, check = _check("case11-linkedin-job-applications.csv")
    assert applications_csv.recognise(table.headers).name == "LinkedIn's job applications export"
    mapping = applications_csv.guess_mapping(table.headers)
    assert {f: table.headers[i] for f, i in mapping.items() if i is not None} == {
        "role": "Job Title", "employer": "Company Name", "applied_on": "Application Date"}
    assert check.bad == []
    # "11/13/23, 9:42 AM": month first (13 decides), the time of day dropped
    assert [(line, f.role, f.employer, f.applied_on, f.source) for line, f in check.good] == [
        (2, "Data Analyst", "Northwind Traders", date(2023, 11, 13), "LinkedIn"),
        (3, "Reporting Analyst", "Contoso", date(2023, 11, 2), "LinkedIn"),
        (5, "BI Developer", "Fabrikam", date(2023, 10, 30), "LinkedIn")]
    assert check.date_evidence == "the column has 11/13/23, 9:42 AM"
    # the job's address, the CV sent and the answers given are kept in the notes; the user's own email is not
    notes = check.good[1][1].notes
    assert notes == ("Job Url: https://www.linkedin.com/jobs/view/3700000002\nResume Name: CV-2023.pdf\n"
                     "Question And Answers: Years of experience with SQL? : 5\n"
                     "Are you eligible to work in the UK? : Yes")
    assert applications_csv.import_rows(check.good, today=DEMO_TODAY, history=check.history) == 3
    assert len(applications.list_application_rows()) == 3


def test_case_11_a_linkedin_file_with_only_early_days_is_still_month_first(store: Path, tmp_path: Path) -> None:
    source = tmp_path / "Job Applications.csv"
    lines = (CSVS / "case11-linkedin-job-applications.csv").read_text(encoding="utf-8-sig").splitlines()
    source.write_text("\n".join([lines[0], lines[1].replace("11/13/23", "11/3/23")]), encoding="utf-8")
    table = applications_csv.read_csv(source)
    check = applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers), today=DEMO_TODAY,
                                        date_order="day_first")
    assert check.good[0][1].applied_on == date(2023, 11, 3)
    assert check.date_evidence == "LinkedIn's job applications export always writes them so"


def test_case_11_huntr_and_teal_exports_are_recognised(store: Path) -> None:
    table, check = _check("huntr-export.csv")
    assert applications_csv.recognise(table.headers).name == "Huntr's job export"
    assert [(f.role, f.employer, f.applied_on, f.stage) for _l, f in check.good] == [
        ("Data Engineer", "Adventure Works", date(2025, 10, 2), "interviewing"),
        ("Analyst", "Proseware", date(2025, 10, 9), "applied")]
    assert check.good[0][1].notes == "Met at a meetup\nURL: https://example.org/jobs/1\nLocation: Leeds"
    table, check = _check("teal-export.csv")
    assert applications_csv.recognise(table.headers).name == "Teal's job tracker export"
    assert [(f.role, f.applied_on, f.stage) for _l, f in check.good] == [
        ("Data Scientist", date(2025, 9, 3), "offer"), ("Analyst", date(2025, 8, 21), "no_response")]


def test_case_12_a_column_of_us_dates_is_read_month_first_throughout(store: Path) -> None:
    table, check = _check("case12-us-dates.csv", date_order="day_first")  # the column overrides the default
    assert check.bad == []
    assert [f.applied_on for _l, f in check.good] == [date(2025, 12, 1), date(2025, 12, 31), date(2019, 9, 3)]
    assert (check.date_order, check.date_evidence) == ("month_first", "the column has 12/31/2025")
    assert [f.stage for _l, f in check.good] == ["applied", "interviewing", "rejected"]


def test_case_12_when_the_column_cannot_tell_the_users_answer_decides(store: Path) -> None:
    table = applications_csv.read_csv(CSVS / "case12-cannot-tell.csv")
    mapping = applications_csv.guess_mapping(table.headers)
    assert applications_csv.date_order_of(table, mapping).ambiguous
    for order, first in (("day_first", date(2025, 4, 3)), ("month_first", date(2025, 3, 4))):
        check = applications_csv.check_rows(table, mapping, today=DEMO_TODAY, date_order=order)
        assert (check.good[0][1].applied_on, check.date_evidence) == (first, "")


def test_case_12_a_column_that_mixes_orders_refuses_the_minority_by_line(store: Path, tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    source.write_text("Company,Position,Date Applied\nA,x,31/12/2025\nB,y,30/11/2025\nC,z,12/29/2025\n",
                      encoding="utf-8")
    table = applications_csv.read_csv(source)
    check = applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers), today=DEMO_TODAY)
    assert [line for line, _f in check.good] == [2, 3]
    assert check.bad == [(4, "'12/29/2025' is not a day that exists (read day/month)")]


def test_case_13_formulas_are_neutralised_on_export_and_come_back_as_typed(store: Path, tmp_path: Path) -> None:
    table, check = _check("case14-afterview-export.csv")
    assert check.bad == []
    applications_csv.import_rows(check.good, today=DEMO_TODAY, history=check.history)
    rows = {r.employer: r for r in applications.list_application_rows(with_next_step=False)}
    assert rows["Contoso plc"].source == "-2+3"
    assert rows["Northwind"].role == '=HYPERLINK("http://x";"y")' and rows["Northwind"].notes == "@SUM(1;2)"
    target = tmp_path / "out.csv"
    applications_csv.export_csv(target)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        exported = {r["employer"]: r for r in csv.DictReader(fh)}
    assert exported["Contoso plc"]["source"] == "'-2+3"
    assert exported["Northwind"]["role"] == "'=HYPERLINK(\"http://x\";\"y\")"
    assert exported["Northwind"]["notes"] == "'@SUM(1;2)"
    for cell in (v for r in exported.values() for v in r.values()):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_case_14_the_stage_history_survives_a_round_trip(store: Path, tmp_path: Path) -> None:
    _table, check = _check("case14-afterview-export.csv")
    applications_csv.import_rows(check.good, today=DEMO_TODAY, history=check.history)
    (contoso,) = [r for r in applications.list_application_rows(with_next_step=False) if r.employer == "Contoso plc"]
    # the rejection keeps its day, not the import's (25 November)
    assert [(s.stage, s.on) for s in applications.stage_history(contoso.id)] == [
        ("applied", date(2026, 8, 4)), ("interviewing", date(2026, 8, 18)), ("rejected", date(2026, 9, 2))]
    target = tmp_path / "again.csv"
    applications_csv.export_csv(target)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        again = {r["employer"]: r for r in csv.DictReader(fh)}
    assert again["Contoso plc"]["stage_history"] == (
        "applied 2026-08-04; interviewing 2026-08-18; rejected 2026-09-02")


def test_the_compatibility_sweep_of_csvs_imports_exports_and_reads_back_the_same(tmp_path: Path) -> None:
    """scripts/compat/csvs.py (called by scripts/compat_sweep.py) on these small files and one that is not ours."""
    from scripts.compat import csvs

    other = tmp_path / "weather.csv"
    other.write_text("station,reading\nLeeds,12\n", encoding="utf-8")
    paths = sorted(CSVS.iterdir())
    out = csvs.sweep(paths + [other])
    assert (out["kind"], out["files"], out["accepted"], out["crashed"], out["changed"]) == (
        "CSV", len(paths) + 1, len(paths), 0, 0)
    assert out["hand_mapped"] == 1 and out["refused"] == 1


def test_the_same_application_again_is_a_duplicate_shown_and_never_imported(store: Path, tmp_path: Path) -> None:
    source = tmp_path / "twice.csv"
    source.write_text("Role,Company,Date Applied\n"
                      "Data Analyst,Litware,2026-11-03\n"
                      "  data analyst , LITWARE ,03/11/2026\n"  # the same, however written: a duplicate
                      "Data Analyst,Litware,2026-11-04\n", encoding="utf-8")  # another day: not one
    table = applications_csv.read_csv(source)
    check = applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers), today=DEMO_TODAY)
    assert [line for line, _ in check.good] == [2, 4]
    assert [(line, why) for line, _form, why in check.duplicates] == [
        (3, "the same application as line 2: Data Analyst at Litware, applied 2026-11-03")]
    assert applications_csv.import_rows(check.good, today=DEMO_TODAY) == 2
    again = applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers), today=DEMO_TODAY)
    assert again.good == [] and [why for _line, _form, why in again.duplicates] == [
        "already in Afterview: Data Analyst at Litware, applied 2026-11-03",
        "already in Afterview: Data Analyst at Litware, applied 2026-11-03",
        "already in Afterview: Data Analyst at Litware, applied 2026-11-04"]
    # rows checked before an import that then ran twice: the second adds nothing
    assert applications_csv.import_rows(check.good, today=DEMO_TODAY) == 0
    assert len(applications.list_application_rows(with_next_step=False)) == 2


def test_rechecking_a_file_reads_the_applications_once_and_again_only_after_the_store_changed(
        store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import dialog checks the rows again at every change of a column's mapping: the kept
    applications are read from the store once, and again only once something was written."""
    from desktop_app.store import models as m

    source = tmp_path / "rows.csv"
    source.write_text("Role,Company,Date Applied\nData Analyst,Litware,2026-11-03\n"
                      "Data Analyst,Litware,2026-11-03\n", encoding="utf-8")
    table = applications_csv.read_csv(source)
    mapping = applications_csv.guess_mapping(table.headers)
    reads = []
    real_select = m.Application.select
    monkeypatch.setattr(m.Application, "select", lambda *a, **k: reads.append(1) or real_select(*a, **k))
    checks = [applications_csv.check_rows(table, mapping, today=DEMO_TODAY) for _ in range(5)]
    assert len(reads) == 1
    # each check still starts from the store alone: line 2 is never "already in Afterview"
    assert all([line for line, _ in c.good] == [2] and len(c.duplicates) == 1 for c in checks)
    assert applications_csv.import_rows(checks[-1].good, today=DEMO_TODAY) == 1
    again = applications_csv.check_rows(table, mapping, today=DEMO_TODAY)
    assert again.good == [] and [why for _l, _f, why in again.duplicates] == [
        "already in Afterview: Data Analyst at Litware, applied 2026-11-03"] * 2


def test_a_stage_the_file_does_not_date_is_dated_at_the_applied_date_unless_asked(store: Path, tmp_path: Path) -> None:
    """An old rejection with no stage date is not dated (and followed up) as if it came today."""
    from desktop_app.services.today import due

    source = tmp_path / "old.csv"
    source.write_text("Role,Company,Date Applied,Stage\nAnalyst,Litware,2024-03-04,rejected\n"
                      "Engineer,Fabrikam,2024-03-05,rejected\n", encoding="utf-8")
    table = applications_csv.read_csv(source)
    check = applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers), today=DEMO_TODAY)
    (first, second) = check.good
    applications_csv.import_rows([first], today=DEMO_TODAY)
    applications_csv.import_rows([second], today=DEMO_TODAY, stages_on=applications_csv.STAGES_ON_TODAY)
    rows = {r.employer: r.id for r in applications.list_application_rows(with_next_step=False)}
    assert [(s.stage, s.on) for s in applications.stage_history(rows["Litware"])] == [
        ("applied", date(2024, 3, 4)), ("rejected", date(2024, 3, 4))]
    assert [(s.stage, s.on) for s in applications.stage_history(rows["Fabrikam"])] == [
        ("applied", date(2024, 3, 5)), ("rejected", DEMO_TODAY)]
    # two years on, the rejection's follow-ups (and its re-approach window) are closed, not "late"
    litware = [i for i in due.every_item(DEMO_TODAY) if "Litware" in str(i)]
    assert litware == []


def test_a_line_break_inside_a_cell_is_kept_as_one_newline_whatever_the_file_wrote(store: Path,
                                                                                  tmp_path: Path) -> None:
    """Windows spreadsheets write CR LF (and old Macs CR) inside quoted cells: every imported
    text has ``\\n`` line endings (issue #15, fresh eyes), notes as the other columns."""
    source = tmp_path / "notes.csv"
    source.write_bytes(b'Role,Company,Date applied,Notes\r\n"Data\r\nAnalyst",Northwind,2026-11-03,'
                       b'"first\r\nsecond\rthird"\r\n')
    table = applications_csv.read_csv(source)
    check = applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers), today=DEMO_TODAY)
    [(_, form)] = check.good
    assert form.notes == "first\nsecond\nthird"
    assert "\r" not in form.role


def test_a_utf_16_file_that_is_not_text_is_refused_in_the_users_words(tmp_path: Path) -> None:
    source = tmp_path / "odd.csv"
    source.write_bytes(b"\xff\xfe" + b"\x00\xd8" * 3)  # a lone surrogate: no text at all
    with pytest.raises(applications_csv.CsvError, match="is not a CSV text file"):
        applications_csv.read_csv(source)
