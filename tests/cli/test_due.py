"""``afterview due``: the Today list on the command line, run as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop_app.__main__ import main
from desktop_app.services.exchange.demo import demo_data
from desktop_app.services.referees import referees as service
from desktop_app.store.db import close_database
from tests.helpers.referees import TODAY

DEMO_TODAY = date(2026, 11, 25)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), check=False)


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("due")
    source = folder / "sample.json"
    source.write_text(json.dumps(demo_data(DEMO_TODAY), ensure_ascii=False), encoding="utf-8")
    assert run("data", "import", str(source), "--data-dir", str(folder / "data")).returncode == 0
    return folder / "data"


def test_due_json_lists_the_follow_up_workflow_most_urgent_first(sample_dir: Path) -> None:
    result = run("due", "--today", "2026-11-25", "--json", "--data-dir", str(sample_dir))
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert all(set(i) == {"kind", "due_on", "subject", "text"} for i in items)
    assert [i["due_on"] for i in items] == sorted(i["due_on"] for i in items)
    mine = [(i["kind"], i["subject"]) for i in items if i["kind"] in
            ("feedback_request", "follow_up", "last_say", "senior_contact", "re_approach")]
    assert ("feedback_request", "Data Analyst at Northwind Ltd") in mine
    assert ("last_say", "Reporting Analyst at Wide World Importers") in mine
    assert ("senior_contact", "Senior Data Analyst at Contoso plc") in mine
    assert ("re_approach", "Junior Data Scientist at Proseware Ltd") in mine
    assert ("follow_up", "Business Intelligence Analyst at Fabrikam Health") in mine
    # nothing for the withdrawn application, nothing not yet due (the interview of 24 Nov)
    assert not any("Coho" in s or "Litware" in s for _, s in mine)


def test_due_as_of_another_day(sample_dir: Path) -> None:
    before = json.loads(run("due", "--today", "2026-11-23", "--json", "--data-dir", str(sample_dir)).stdout)
    assert not any(i["kind"] == "feedback_request" and "Northwind" in i["subject"] for i in before)
    later = json.loads(run("due", "--today", "2026-12-02", "--json", "--data-dir", str(sample_dir)).stdout)
    assert any(i["kind"] == "re_approach" and i["subject"] == "Senior Data Analyst at Contoso plc"
               for i in later)
    # a re-approach whose window closed (rejected 25 Jun, window until 25 Dec) is gone
    far = json.loads(run("due", "--today", "2026-12-26", "--json", "--data-dir", str(sample_dir)).stdout)
    assert not any(i["subject"] == "Data Quality Analyst at Northwind Ltd" for i in far)


def test_due_prints_readable_lines(sample_dir: Path) -> None:
    result = run("due", "--today", "2026-11-25", "--data-dir", str(sample_dir))
    assert result.returncode == 0
    assert "2026-11-24  Data Analyst at Northwind Ltd — Ask Priya Shah for feedback" in result.stdout


def test_a_bad_date_is_refused_clearly(sample_dir: Path) -> None:
    result = run("due", "--today", "25/11/2026", "--data-dir", str(sample_dir))
    assert result.returncode == 2
    assert "'25/11/2026' is not a date (YYYY-MM-DD)" in result.stderr


def test_nothing_of_the_follow_up_workflow_in_an_empty_folder(tmp_path: Path) -> None:
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    open_database(tmp_path / "empty")  # Afterview data, with nothing in it
    close_database()
    result = run("due", "--today", "2026-11-25", "--json", "--data-dir", str(tmp_path / "empty"))
    assert result.returncode == 0
    kinds = {i["kind"] for i in json.loads(result.stdout)}
    assert not kinds & {"feedback_request", "follow_up", "last_say", "senior_contact", "re_approach"}


def test_afterview_due_lists_a_missing_transcript(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from desktop_app.services.vault import qualifications as vault
    from desktop_app.store.open import open_database

    open_database(folder)
    vault.create_qualification({"title": "MSc Data Science"})
    close_database()
    assert main(["due", "--json", "--today", "2026-11-25", "--data-dir", str(folder)]) == 0
    items = json.loads(capsys.readouterr().out)
    assert {"kind": "missing_transcript", "due_on": "2026-11-25", "subject": "MSc Data Science",
            "text": "No transcript yet — add the full transcript"} in items


def test_afterview_due_lists_the_referee_items_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from desktop_app.__main__ import main
    from desktop_app.services.exchange.demo import load_demo
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    folder = tmp_path / "data"
    open_database(folder)
    load_demo(TODAY)
    alex = next(r.id for r in service.list_referee_rows() if r.name == "Alex Morgan")
    service.set_active(alex, False)  # one direct manager fewer: the set still has three kinds
    close_database()
    try:
        assert main(["due", "--today", TODAY.isoformat(), "--json", "--data-dir", str(folder)]) == 0
    finally:
        close_database()
    items = [i for i in json.loads(capsys.readouterr().out) if "referee" in i["kind"]]
    assert items == [{"kind": "brief_referee", "due_on": "2026-11-20", "subject": "Zoë Fraser",
                      "text": "Brief Zoë Fraser before Adatum Insurance calls"}]
