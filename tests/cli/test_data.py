"""``afterview data export`` and ``afterview data import``, run as a user would: in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.services.exchange.demo import demo_data
from tests.helpers.cli import run


def test_data_export_and_import_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(demo_data(), ensure_ascii=False), encoding="utf-8")
    result = run("data", "import", str(source), "--data-dir", str(tmp_path / "a"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 12 organisations")
    out = tmp_path / "out.json"
    result = run("--data-dir", str(tmp_path / "a"), "data", "export", str(out))
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text("utf-8"))
    assert len(exported["applications"]) == 12


def test_a_bad_import_exits_non_zero_and_names_the_field(tmp_path: Path) -> None:
    data = demo_data()
    data["applications"][3]["stage"] = "maybe"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = run("data", "import", str(source), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 1
    assert "nothing was imported" in result.stderr
    assert "applications[3].stage: 'maybe' is not one of" in result.stderr
