"""``afterview contacts list [--json]``: everyone, with ids, on the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from desktop_app.services.exchange.demo import demo_data
from tests.helpers.cli import run


def test_contacts_list_json_and_lines(tmp_path: Path) -> None:
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(demo_data(date(2026, 11, 25)), ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "data"
    assert run("data", "import", str(source), "--data-dir", str(folder)).returncode == 0
    result = run("contacts", "list", "--json", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    gemma = next(r for r in rows if r["name"] == "Gemma Wright")
    assert (gemma["organisation"], gemma["phone"], gemma["applications"]) == (
        "Harbour & Finch Recruitment", "+441134960123", 2)
    assert [r["name"] for r in rows] == sorted(r["name"] for r in rows)
    lines = run("contacts", "list", "--data-dir", str(folder)).stdout.splitlines()
    assert any(line.endswith("Gemma Wright (Senior Consultant, Harbour & Finch Recruitment)  "
                             "gemma@harbourfinch.example  +441134960123") for line in lines)


def test_no_contacts_yet(tmp_path: Path) -> None:
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    open_database(tmp_path / "empty")  # Afterview data, but nobody in it
    close_database()
    result = run("contacts", "list", "--data-dir", str(tmp_path / "empty"))
    assert result.returncode == 0 and result.stdout.strip() == "No contacts yet."
