"""What every sub-command shares: which data folder it opens, and a folder it cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run


def test_the_environment_variable_chooses_the_data_folder(tmp_path: Path) -> None:
    sample = tmp_path / "empty.json"
    sample.write_text('{"format": "afterview", "version": 1}', encoding="utf-8")
    result = run("data", "import", str(sample), env={"AFTERVIEW_DATA_DIR": str(tmp_path / "env-folder")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env-folder" / "afterview.sqlite3").exists()


def test_a_data_folder_that_cannot_be_created_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    sample = tmp_path / "empty.json"
    sample.write_text('{"format": "afterview", "version": 1}', encoding="utf-8")
    result = run("data", "import", str(sample), "--data-dir", str(blocker / "data"))
    assert result.returncode == 2
    assert "cannot create its data folder" in result.stderr


def _hold(folder: Path):  # type: ignore[no-untyped-def]
    """The claim as the window holds it: an operating-system lock from another open file."""
    from filelock import FileLock

    holder = FileLock(str(folder / "afterview.lock"), timeout=0, thread_local=False)
    holder.acquire()
    return holder


def test_a_writer_is_refused_while_the_folder_is_claimed_and_readers_run_alongside(tmp_path: Path) -> None:
    """Case 1 of issue 14: a command that changes data waits for no one and changes nothing."""
    import json

    from desktop_app.services.exchange.demo import demo_data

    folder = tmp_path / "data"
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(demo_data(), ensure_ascii=False), encoding="utf-8")
    assert run("data", "import", str(sample), "--data-dir", str(folder)).returncode == 0
    assert run("data", "export", str(tmp_path / "before.json"), "--data-dir", str(folder)).returncode == 0
    holder = _hold(folder)
    try:
        refused = run("data", "import", str(sample), "--data-dir", str(folder))
        # readers are not writers: they run beside the window
        read = run("data", "export", str(tmp_path / "during.json"), "--data-dir", str(folder))
        listed = run("vault", "list", "--data-dir", str(folder))
        due = run("due", "--data-dir", str(folder))
    finally:
        holder.release()
    assert refused.returncode != 0
    assert "Afterview is open on the data folder" in refused.stderr
    assert "Nothing has been changed" in refused.stderr and "Traceback" not in refused.stderr
    assert read.returncode == 0, read.stderr
    assert listed.returncode == 0, listed.stderr
    assert due.returncode in (0, 1), due.stderr
    before = json.loads((tmp_path / "before.json").read_text(encoding="utf-8"))
    during = json.loads((tmp_path / "during.json").read_text(encoding="utf-8"))
    before.pop("exported_at")
    during.pop("exported_at")
    assert during == before  # the refused import added nothing


def test_a_command_gives_the_claim_back_when_it_ends(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    sample = tmp_path / "empty.json"
    sample.write_text('{"format": "afterview", "version": 1}', encoding="utf-8")
    run("data", "import", str(sample), "--data-dir", str(folder))
    assert run("data", "export", str(tmp_path / "x.json"), "--data-dir", str(folder)).returncode == 0
    _hold(folder).release()  # free again: taking it does not fail


ODD_NAMES = ["hash#tag", "what?mode=rw", "per%41cent", "two  spaces ", "Вакансии 求职", "new\nline"]


@pytest.mark.slow
@pytest.mark.parametrize("name", ODD_NAMES, ids=["hash", "question", "percent41", "spaces", "non-latin",
                                                 "newline"])
def test_every_command_works_in_a_folder_with_an_odd_name(tmp_path: Path, name: str) -> None:
    """Case 5 of issue 14: the path reaches SQLite escaped, so it opens that folder and no other."""
    import json

    from desktop_app.services.exchange.demo import demo_data

    parent = tmp_path / name
    folder = parent / "data"
    # with an unescaped URI "per%41cent" would open "perAcent": give that one other data
    decoy = tmp_path / name.replace("%41", "A").split("#")[0].split("?")[0] / "data"
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(demo_data(), ensure_ascii=False), encoding="utf-8")
    assert run("data", "import", str(sample), "--data-dir", str(folder)).returncode == 0
    if decoy != folder:
        from desktop_app.store.db import close_database
        from desktop_app.store.open import open_database

        open_database(decoy)  # an empty Afterview database (a reader no longer makes one)
        close_database()
    archive = parent / "b#?%41.afterview-backup"
    made = run("backup", str(archive), "--data-dir", str(folder))
    assert made.returncode == 0, made.stderr
    restored = run("restore", str(archive), "--yes", "--data-dir", str(folder))
    assert restored.returncode == 0, restored.stderr
    elsewhere = tmp_path / "restored" / name
    assert run("restore", str(archive), "--yes", "--data-dir", str(elsewhere)).returncode == 0
    for command in (["due"], ["vault", "list"], ["vault", "verify"], ["restore", "--list"]):
        result = run(*command, "--data-dir", str(folder))
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, (command, result.stderr)
    exports = []
    for where in (folder, elsewhere):
        out = tmp_path / f"out-{len(exports)}.json"
        assert run("data", "export", str(out), "--data-dir", str(where)).returncode == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("exported_at")
        exports.append(data)
    assert exports[0] == exports[1] and exports[0]["applications"]
    # a database of an older version there is migrated, its pre-migration backup made
    import shutil

    old = parent / "old"
    old.mkdir()
    shutil.copy(Path(__file__).parents[1] / "data" / "databases" / "v1.sqlite3", old / "afterview.sqlite3")
    migrated = run("data", "import", str(sample), "--data-dir", str(old))
    assert migrated.returncode == 0, migrated.stderr
    from desktop_app.store.migrations import latest_version

    newest = f"pre-migration-v1-to-v{latest_version()}"
    assert [p.name.startswith(newest) for p in (old / "backups").iterdir()].count(True) == 1
    # nothing was made beside the folders: no stray database where a cut-short URI points
    assert sorted(p.name for p in parent.iterdir()) == sorted(["data", "old", archive.name])


@pytest.mark.parametrize("command", [
    ["contacts", "list"], ["organisations", "list"], ["organisations", "show", "1"], ["applications", "list"],
    ["due"], ["data", "export", "OUT"], ["export", "csv", "OUT"], ["vault", "list"]
])
def test_a_reader_on_a_folder_without_afterview_data_says_so_and_creates_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """``contacts list`` on a mistyped folder used to make an empty data folder and say "No contacts yet"."""
    from desktop_app.__main__ import main

    out = tmp_path / "out.file"
    for folder in (tmp_path / "missing", tmp_path / "empty"):
        if folder.name == "empty":
            folder.mkdir()
        argv = [str(out) if part == "OUT" else part for part in command]
        assert main([*argv, "--data-dir", str(folder)]) == 1
        assert capsys.readouterr().err.strip() == f"afterview: There is no Afterview data in {folder}"
        assert not out.exists()
        assert (not folder.exists()) if folder.name == "missing" else list(folder.iterdir()) == []
