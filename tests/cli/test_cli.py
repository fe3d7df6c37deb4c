"""The command line, run as a user would: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.services.exchange.demo import demo_data


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True,
                          timeout=timeout, env=full_env, check=False)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Afterview {__version__}"


def test_the_afterview_script_is_the_same_program() -> None:
    script = Path(sys.executable).with_name("afterview")
    if not script.exists():
        pytest.skip("not installed as a package (no afterview script beside the interpreter)")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert result.stdout.strip() == f"Afterview {__version__}"


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


def test_the_environment_variable_chooses_the_data_folder(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("data", "export", str(out), env={"AFTERVIEW_DATA_DIR": str(tmp_path / "env-folder")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env-folder" / "afterview.sqlite3").exists()


@pytest.mark.slow
def test_quit_after_startup_paints_the_window_and_reports_the_time(tmp_path: Path) -> None:
    result = run("--quit-after-startup", "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 0, result.stderr
    line = [x for x in result.stdout.splitlines() if x.startswith("startup_ms=")]
    assert line and int(line[0].split("=")[1]) > 0


@pytest.mark.slow
def test_demo_opens_a_throw_away_folder() -> None:
    result = run("--demo", "--quit-after-startup")
    assert result.returncode == 0, result.stderr
    assert "startup_ms=" in result.stdout


def test_a_database_that_is_not_sqlite_is_refused_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "afterview.sqlite3").write_text("not a database")
    result = run("--quit-after-startup", "--data-dir", str(folder))
    assert result.returncode == 2
    assert "is not an Afterview database" in result.stderr
    assert (folder / "afterview.sqlite3").read_text() == "not a database"


def test_a_database_from_a_newer_afterview_is_refused(tmp_path: Path) -> None:
    import sqlite3

    folder = tmp_path / "d"
    assert run("data", "export", str(tmp_path / "x.json"), "--data-dir", str(folder)).returncode == 0
    with sqlite3.connect(folder / "afterview.sqlite3") as raw:
        raw.execute("UPDATE schema_version SET version = 999")
    result = run("--quit-after-startup", "--data-dir", str(folder))
    assert result.returncode == 2
    assert "newer version of Afterview" in result.stderr


def test_a_data_folder_that_cannot_be_created_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("data", "export", str(tmp_path / "x.json"), "--data-dir", str(blocker / "data"))
    assert result.returncode == 2
    assert "cannot create its data folder" in result.stderr
