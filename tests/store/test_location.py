"""Which data folder is used, and that it stays private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_app.store.errors import DataFolderError
from desktop_app.store.location import ENV_VAR, prepare_data_dir, resolve_data_dir


def test_the_command_line_wins_over_the_environment(tmp_path: Path) -> None:
    env = {ENV_VAR: str(tmp_path / "env")}
    assert resolve_data_dir(tmp_path / "cli", env) == tmp_path / "cli"
    assert resolve_data_dir(None, env) == tmp_path / "env"


def test_the_default_comes_from_platformdirs() -> None:
    folder = resolve_data_dir(None, {})
    assert folder.name == "Afterview"


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "data"
    target.write_text("not a folder")
    with pytest.raises(DataFolderError, match="is a file"):
        prepare_data_dir(target)


def test_a_folder_that_cannot_be_created_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    with pytest.raises(DataFolderError, match="cannot create"):
        prepare_data_dir(blocker / "data")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "data"
    target.mkdir(mode=0o500)
    with pytest.raises(DataFolderError, match="cannot write"):
        prepare_data_dir(target)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_loosened_permissions_are_repaired(tmp_path: Path) -> None:
    target = tmp_path / "data"
    target.mkdir()
    (target / "afterview.sqlite3").write_bytes(b"")
    target.chmod(0o755)
    (target / "afterview.sqlite3").chmod(0o644)
    prepare_data_dir(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    assert stat.S_IMODE((target / "afterview.sqlite3").stat().st_mode) == 0o600


def test_a_read_only_connection_opens_that_folder_whatever_its_name(tmp_path: Path) -> None:
    """Case 5 of issue 14: with the path pasted unescaped, "x%41" opened "xA" and "a#b" opened "a"."""
    import sqlite3

    from desktop_app.store.location import connect_read_only

    for name, decoy in (("x%41", "xA"), ("a#b", "a"), ("q?mode=rw", "q"), ("new\nline", None)):
        for folder, value in ((tmp_path / name, "right"), (tmp_path / decoy if decoy else None, "wrong")):
            if folder is None:
                continue
            folder.mkdir()
            with sqlite3.connect(folder / "afterview.sqlite3") as con:
                con.execute("CREATE TABLE t (v)")
                con.execute("INSERT INTO t VALUES (?)", (value,))
            con.close()
        con = connect_read_only(tmp_path / name / "afterview.sqlite3")
        try:
            assert con.execute("SELECT v FROM t").fetchone() == ("right",)
            with pytest.raises(sqlite3.OperationalError):
                con.execute("INSERT INTO t VALUES ('x')")  # read-only, even with "?mode=rw" in the name
        finally:
            con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["x%41", "xA", "a#b", "a", "q?mode=rw", "q",
                                                                  "new\nline"])
