"""``afterview organisations list|show``: the Organisations tab's memory, on the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.exchange.demo import demo_data
from tests.helpers.cli import run

DEMO_TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("organisations")
    source = folder / "sample.json"
    source.write_text(json.dumps(demo_data(DEMO_TODAY), ensure_ascii=False), encoding="utf-8")
    assert run("data", "import", str(source), "--data-dir", str(folder / "data")).returncode == 0
    return folder / "data"


def test_list_json_gives_each_organisation_with_its_id(sample_dir: Path) -> None:
    result = run("organisations", "list", "--json", "--today", "2026-11-25", "--data-dir", str(sample_dir))
    assert result.returncode == 0, result.stderr
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert rows["Harbour & Finch Recruitment"]["kind"] == "agency"
    contoso = rows["Contoso plc"]
    assert (contoso["applications"], contoso["rejected"], contoso["with_feedback"]) == (2, 1, 1)
    assert contoso["re_approach"] == {"from": "2026-12-02", "until": "2027-03-02", "state": "opens"}
    assert all(isinstance(r["id"], int) for r in rows.values())


def test_show_prints_the_memory_as_the_window_does(sample_dir: Path) -> None:
    listed = json.loads(run("organisations", "list", "--json", "--data-dir", str(sample_dir)).stdout)
    contoso = next(r["id"] for r in listed if r["name"] == "Contoso plc")
    shown = json.loads(run("organisations", "show", str(contoso), "--json", "--today", "2026-11-25",
                           "--data-dir", str(sample_dir)).stdout)
    assert [p["name"] for p in shown["people"]] == ["Daniel Okafor", "Helen Marsh"]
    assert {a["stage"] for a in shown["applications_list"]} == {"rejected", "interviewing"}
    assert shown["contacts"][0]["at"] > shown["contacts"][-1]["at"]
    text = run("organisations", "show", str(contoso), "--today", "2026-11-25", "--data-dir", str(sample_dir)).stdout
    assert "Re-approach window: 2026-12-02 to 2027-03-02 (not open yet)" in text
    assert "Helen Marsh, HR Director — Senior HR / management" in text


def test_show_of_an_organisation_that_is_not_there(sample_dir: Path) -> None:
    result = run("organisations", "show", "999", "--data-dir", str(sample_dir))
    assert result.returncode == 1
    assert "there is no organisation 999" in result.stderr and "Traceback" not in result.stderr


def test_list_lines_say_feedback_of_how_many_with_plurals(sample_dir: Path) -> None:
    text = run("organisations", "list", "--today", "2026-11-25", "--data-dir", str(sample_dir)).stdout
    contoso = next(line for line in text.splitlines() if "Contoso plc" in line)
    assert ": 2 applications, 1 rejected, feedback 1 of 2, median reply" in contoso
    assert "(s)" not in text
    assert any(": 1 application, " in line for line in text.splitlines())
