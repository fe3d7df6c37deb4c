"""The report written as a PDF and a CSV, read back: counts, rows, every reader's columns, odd text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.progress import Cancelled
from desktop_app.services.report.activity import ReportRangeError
from desktop_app.services.report.column_sets import COLUMN_SETS
from desktop_app.services.report.export import ReportRequest, write_report
from tests.helpers.activity_samples import (
    CJK_NAME, CYRILLIC_NAME, EXPECTED, FIRST, FORMULA_ROLE, LAST, LONG_NAME, POLISH_NAME, make_activities,
)


@pytest.fixture
def scenario(store: Path) -> dict[str, int]:
    return make_activities()


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("reader", list(COLUMN_SETS))
def test_the_csv_has_the_readers_headings_and_one_row_per_activity(scenario: dict[str, int], tmp_path: Path,
                                                                  reader: str) -> None:
    out = tmp_path / "report.csv"
    result = write_report(ReportRequest(FIRST, LAST, reader=reader, format="csv"), out)
    rows = read_csv(out)
    assert rows[0] == COLUMN_SETS[reader].headings
    assert len(rows) - 1 == result.summary.total == sum(EXPECTED.values())
    date_column = rows[0].index({"ba-de": "Datum"}.get(reader, "Date"))
    assert [r[date_column] for r in rows[1:]] == sorted(r[date_column] for r in rows[1:])
    assert rows[1][date_column] == "2026-11-01"
    assert out.stat().st_mode & 0o777 == 0o600


def test_the_csv_is_formula_safe_and_keeps_every_script(scenario: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    write_report(ReportRequest(FIRST, LAST, format="csv"), out)
    cells = [cell for row in read_csv(out)[1:] for cell in row]
    assert "'" + FORMULA_ROLE in cells and FORMULA_ROLE not in cells
    assert f"{CJK_NAME} (Hays)" in cells  # through an agency
    for name in (POLISH_NAME, CYRILLIC_NAME, LONG_NAME, "Gone Person"):
        assert name in cells


@pytest.mark.parametrize("reader", list(COLUMN_SETS))
def test_the_pdf_holds_the_user_the_period_the_summary_and_every_row(scenario: dict[str, int], tmp_path: Path,
                                                                     reader: str) -> None:
    out = tmp_path / "report.pdf"
    result = write_report(ReportRequest(FIRST, LAST, reader=reader), out)
    pages = pdf_text(out)
    assert len(pages) == result.pages >= 1
    text = "\n".join(pages)
    chosen = COLUMN_SETS[reader]
    assert chosen.title.split(" (")[0] in text
    assert "Zoë Ångström-Nguyễn" in text and "zoe@example.org" in text
    assert chosen.labels["period"] in text
    assert f"{chosen.day(FIRST)} – {chosen.day(LAST)}" in text
    for kind, key in (("application", "applications"), ("interview", "interviews"), ("follow_up", "follow_ups"),
                      ("contact", "contacts")):
        assert f"{chosen.summary[key]}: {EXPECTED[kind]}" in text
    assert f"{chosen.summary['total']}: {sum(EXPECTED.values())}" in text
    for heading in chosen.headings:
        assert heading.split()[0] in text
    for name in ("Northwind Ltd", CYRILLIC_NAME, CJK_NAME, POLISH_NAME, "Gone Person", "Priya Shah"):
        assert name in text, name
    for number, page in enumerate(pages, start=1):
        assert chosen.labels["page"].format(page=number, total=len(pages)) in page
    assert result.unprintable == ""


def test_a_long_organisation_name_wraps_inside_its_column(scenario: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_report(ReportRequest(FIRST, LAST), out)
    text = " ".join(" ".join(pdf_text(out)).split())
    for word in ("Extraordinarily", "Consortium", "Manchester", "North West"):
        assert word in text


def test_only_the_kinds_that_count_are_summarised(scenario: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = write_report(ReportRequest(FIRST, LAST, kinds=("application",)), out)
    text = "\n".join(pdf_text(out))
    assert result.summary.total == EXPECTED["application"]
    assert "Applications sent: 5" in text and "Interviews:" not in text


def test_an_empty_period_says_so(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = write_report(ReportRequest(FIRST, LAST, reader="ba-de"), out)
    assert result.summary.total == 0 and result.pages == 1
    assert "Keine Eigenbemühungen in diesem Zeitraum." in pdf_text(out)[0]


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_a_bad_period_or_a_cancel_writes_nothing_and_keeps_the_old_file(scenario: dict[str, int], tmp_path: Path,
                                                                        fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    out.write_bytes(b"old")
    with pytest.raises(ReportRangeError):
        write_report(ReportRequest(LAST, FIRST, format=fmt), out)
    with pytest.raises(Cancelled):
        write_report(ReportRequest(FIRST, LAST, format=fmt), out, cancelled=lambda: True)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [out.name]


def test_an_unknown_format_is_refused(scenario: dict[str, int], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pdf or csv"):
        write_report(ReportRequest(FIRST, LAST, format="xlsx"), tmp_path / "report.xlsx")
    assert not (tmp_path / "report.xlsx").exists()


def test_the_csv_keeps_long_text_whole_and_only_the_pdf_shortens_it(scenario: dict[str, int], tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from desktop_app.store import models as m

    long_summary = " ".join(f"word{n}" for n in range(120)) + " THE-END"
    m.Interaction.create(application=m.Application.select().first(), at=datetime(2026, 11, 2, 12, tzinfo=timezone.utc),
                         purpose="follow_up", channel="email", direction="outgoing", summary=long_summary)
    write_report(ReportRequest(FIRST, LAST, format="csv"), tmp_path / "r.csv")
    cells = [cell for row in read_csv(tmp_path / "r.csv")[1:] for cell in row]
    assert any(long_summary in cell for cell in cells)
    write_report(ReportRequest(FIRST, LAST), tmp_path / "r.pdf")
    text = "".join(pdf_text(tmp_path / "r.pdf"))
    assert "THE-END" not in text and "…" in text


def test_a_folder_that_cannot_be_written_is_said_plainly_before_anything_is_built(
        scenario: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from desktop_app.services.report import export

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    # the tests may run as root, whom no mode stops: the folder's refusal is the system's answer
    real_access = os.access
    monkeypatch.setattr(export.os, "access",
                        lambda path, mode: False if Path(path) == locked else real_access(path, mode))
    built: list[object] = []
    monkeypatch.setattr(export, "list_activities", lambda *a, **k: built.append(a) or [])
    try:
        with pytest.raises(export.ReportWriteError) as raised:
            write_report(ReportRequest(FIRST, LAST), locked / "r.pdf")
    finally:
        locked.chmod(0o700)
    assert str(raised.value).startswith(f"Afterview is not allowed to write in {locked}.")
    assert "Errno" not in str(raised.value) and built == []
    assert list(locked.iterdir()) == []


def test_a_refusal_met_while_writing_is_said_in_the_users_words(scenario: dict[str, int], tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from desktop_app.services.report import export

    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted", str(tmp_path / "r.csv"))

    monkeypatch.setattr(export, "_write_csv", refused)
    with pytest.raises(export.ReportWriteError) as raised:
        write_report(ReportRequest(FIRST, LAST, format="csv"), tmp_path / "r.csv")
    assert "Errno" not in str(raised.value) and "not allowed to write in" in str(raised.value)


def test_a_full_disk_is_said_in_the_users_words(scenario: dict[str, int], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from desktop_app.services.report import export

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "_write_csv", full)
    with pytest.raises(export.ReportWriteError) as raised:
        write_report(ReportRequest(FIRST, LAST, format="csv"), tmp_path / "r.csv")
    assert str(raised.value) == f"The disk holding {tmp_path} is full. Free some space or choose another folder."
