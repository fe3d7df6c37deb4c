"""``afterview report``: the activity report on the command line, and its plain refusals."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.__main__ import main
from desktop_app.store.db import close_database
from desktop_app.store.open import open_database
from tests.helpers.activity_samples import EXPECTED, make_activities
from tests.helpers.cli import run


@pytest.fixture
def scenario_folder(folder: Path) -> Path:
    open_database(folder)
    make_activities()
    close_database()
    return folder


def test_a_pdf_for_the_job_centre(scenario_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nachweis.pdf"
    code = main(["report", "--data-dir", str(scenario_folder), "--from", "2026-11-01", "--to", "2026-11-14",
                 "--for", "ba-de", "--out", str(out)])
    assert code == 0
    said = capsys.readouterr().out
    assert f"{sum(EXPECTED.values())} activities" in said and "5 applications" in said
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Bewerbungen: 5" in text and "Vorstellungsgespräche: 3" in text and "Nachfragen: 4" in text
    assert "01.11.2026 – 14.11.2026" in text


def test_the_format_follows_the_file_name_and_kinds_can_be_chosen(scenario_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "record.csv"
    assert main(["report", "--data-dir", str(scenario_folder), "--from", "2026-11-01", "--to", "2026-11-14",
                 "--for", "uc-uk", "--kind", "interview", "--kind", "application", "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["Date", "What I did"]
    assert len(rows) - 1 == EXPECTED["application"] + EXPECTED["interview"]


@pytest.mark.parametrize(("first", "last", "said"), [
    ("2026-02-30", "2026-03-01", "--from '2026-02-30' is not a day written YYYY-MM-DD"),
    ("2026-11-01", "14/11/2026", "--to '14/11/2026' is not a day written YYYY-MM-DD"),
    ("2026-11-14", "2026-11-01", "the period starts on 2026-11-14, after its last day 2026-11-01"),
])
def test_a_bad_day_or_period_is_said_plainly_with_no_file(folder: Path, tmp_path: Path, first: str, last: str,
                                                         said: str) -> None:
    out = tmp_path / "report.pdf"
    result = run("report", "--data-dir", str(folder), "--from", first, "--to", last, "--out", str(out))
    assert result.returncode == 2
    assert said in result.stderr and "No report was written." in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_missing_folder_is_said_plainly(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nowhere" / "report.pdf"
    assert main(["report", "--data-dir", str(folder), "--from", "2026-11-01", "--to", "2026-11-14",
                 "--out", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not out.parent.exists()


def test_a_period_past_today_ends_today_and_a_planned_interview_is_not_attended(  # type: ignore[no-untyped-def]
        scenario_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], frozen_clock) -> None:
    frozen_clock.set_today(date(2026, 11, 18))  # the interview of 20 Nov is still to come
    out = tmp_path / "r.csv"
    assert main(["report", "--data-dir", str(scenario_folder), "--from", "2026-11-01", "--to", "2026-11-30",
                 "--out", str(out)]) == 0
    said = capsys.readouterr()
    assert "The report ends today: activities after today have not happened yet" in said.err
    rows = read_rows(out)
    assert max(row[0] for row in rows[1:]) <= "2026-11-18"
    assert "3 interviews" in said.out


@pytest.mark.parametrize(("first", "last", "bad"), [("2026-11-01", "9999-12-31", "9999-12-31"),
                                                    ("0001-01-01", "2026-11-14", "0001-01-01")])
def test_days_outside_1900_to_2100_are_refused_in_plain_words(scenario_folder: Path, tmp_path: Path, first: str,
                                                              last: str, bad: str) -> None:
    out = tmp_path / "r.pdf"
    result = run("report", "--data-dir", str(scenario_folder), "--from", first, "--to", last, "--out", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{bad} is not a day a report can cover: choose days from 1900 to 2100." in result.stderr
    assert not out.exists()


def test_one_of_a_kind_is_said_in_the_singular(scenario_folder: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.pdf"
    assert main(["report", "--data-dir", str(scenario_folder), "--from", "2026-11-01", "--to", "2026-11-01",
                 "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "1 activity (1 application, 0 interviews, 0 follow-ups, 0 contacts), 1 page." in said


def test_a_format_that_contradicts_the_file_name_is_refused(scenario_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = run("report", "--data-dir", str(scenario_folder), "--from", "2026-11-01", "--to", "2026-11-14",
                 "--format", "csv", "--out", str(out))
    assert result.returncode == 2
    assert "--format csv does not match the file name x.pdf: name it x.csv" in result.stderr
    assert not out.exists()


def test_a_folder_with_no_afterview_data_is_said_and_not_made(tmp_path: Path) -> None:
    mistyped = tmp_path / "Afterveiw"
    out = tmp_path / "r.pdf"
    result = run("report", "--data-dir", str(mistyped), "--from", "2026-11-01", "--to", "2026-11-14",
                 "--out", str(out))
    assert result.returncode == 2
    assert f"There is no Afterview data in {mistyped}" in result.stderr
    assert not mistyped.exists() and not out.exists()


def test_an_empty_profile_is_warned_about(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_database(folder)
    close_database()
    assert main(["report", "--data-dir", str(folder), "--from", "2026-11-01", "--to", "2026-11-14",
                 "--out", str(tmp_path / "r.pdf")]) == 0
    assert "Your name is not in your profile, so the report does not say whose it is." in capsys.readouterr().err


def test_it_runs_while_the_window_holds_the_data_folder(scenario_folder: Path, tmp_path: Path) -> None:
    from filelock import FileLock

    holder = FileLock(str(scenario_folder / "afterview.lock"), timeout=0, thread_local=False)
    holder.acquire()  # as the open window holds it
    try:
        result = run("report", "--data-dir", str(scenario_folder), "--from", "2026-11-01", "--to", "2026-11-14",
                     "--out", str(tmp_path / "r.csv"))
    finally:
        holder.release()
    assert result.returncode == 0, result.stderr
    assert len(read_rows(tmp_path / "r.csv")) - 1 == sum(EXPECTED.values())


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))
