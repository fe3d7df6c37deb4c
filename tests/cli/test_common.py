"""What every sub-command shares: which data folder it opens, and a folder it cannot use."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import run


def test_the_environment_variable_chooses_the_data_folder(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("data", "export", str(out), env={"AFTERVIEW_DATA_DIR": str(tmp_path / "env-folder")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env-folder" / "afterview.sqlite3").exists()


def test_a_data_folder_that_cannot_be_created_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("data", "export", str(tmp_path / "x.json"), "--data-dir", str(blocker / "data"))
    assert result.returncode == 2
    assert "cannot create its data folder" in result.stderr
