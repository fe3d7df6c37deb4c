"""``afterview backup`` and ``afterview restore``, run as a user would (subprocesses)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.services.exchange.demo import demo_data
from tests.helpers.cli import run


def _filled(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(demo_data(), ensure_ascii=False), encoding="utf-8")
    assert run("data", "import", str(source), "--data-dir", str(folder)).returncode == 0


def _export(folder: Path, target: Path) -> dict[str, object]:
    assert run("data", "export", str(target), "--data-dir", str(folder)).returncode == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    data.pop("exported_at")
    return data


def test_backup_then_restore_elsewhere(tmp_path: Path) -> None:
    source = tmp_path / "source"
    _filled(source, tmp_path)
    made = run("backup", str(tmp_path / "mine"), "--data-dir", str(source))
    assert made.returncode == 0, made.stderr
    archive = tmp_path / "mine.afterview-backup"
    assert archive.is_file() and "Backed up to" in made.stdout

    target = tmp_path / "target"
    asked = run("restore", str(archive), "--data-dir", str(target))  # no terminal to ask on
    assert asked.returncode == 2 and "--yes" in asked.stderr
    done = run("restore", str(archive), "--yes", "--data-dir", str(target))
    assert done.returncode == 0, done.stderr
    assert "This backup was made on" in done.stdout
    # case 9 of issue 14: a new folder had nothing to keep, and nothing is called damaged
    assert "damaged" not in done.stdout and "no earlier data" in done.stdout
    assert not any(p.name.startswith("damaged data") for p in target.iterdir())
    again = run("restore", str(archive), "--yes", "--data-dir", str(target))
    assert "kept as an automatic backup" in again.stdout and "before-restore-" in again.stdout
    assert _export(target, tmp_path / "t.json") == _export(source, tmp_path / "s.json")


def test_a_damaged_archive_is_refused_with_its_reason(tmp_path: Path) -> None:
    source = tmp_path / "source"
    _filled(source, tmp_path)
    archive = tmp_path / "mine.afterview-backup"
    assert run("backup", str(archive), "--data-dir", str(source)).returncode == 0
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    result = run("restore", str(archive), "--yes", "--data-dir", str(source))
    assert result.returncode == 1
    assert "damaged or incomplete" in result.stderr and "Nothing has been changed" in result.stderr


def test_restore_lists_the_automatic_backups(tmp_path: Path) -> None:
    source = tmp_path / "source"
    _filled(source, tmp_path)
    archive = tmp_path / "mine.afterview-backup"
    assert run("backup", str(archive), "--data-dir", str(source)).returncode == 0
    assert run("restore", str(archive), "--yes", "--data-dir", str(source)).returncode == 0
    listed = run("restore", "--list", "--data-dir", str(source))
    assert listed.returncode == 0 and "before-restore" in listed.stdout


def test_restore_refuses_while_the_window_holds_the_folder(tmp_path: Path) -> None:
    from filelock import FileLock

    source = tmp_path / "source"
    _filled(source, tmp_path)
    archive = tmp_path / "mine.afterview-backup"
    assert run("backup", str(archive), "--data-dir", str(source)).returncode == 0
    before = _export(source, tmp_path / "before.json")
    # the claim a running window holds: an operating-system lock on afterview.lock
    holder = FileLock(str(source / "afterview.lock"), timeout=0, thread_local=False)
    holder.acquire()
    try:
        result = run("restore", str(archive), "--yes", "--data-dir", str(source))
    finally:
        holder.release()
    assert result.returncode == 3 and "Afterview is open on the data folder" in result.stderr
    assert "Nothing has been changed" in result.stderr and "Traceback" not in result.stderr
    assert _export(source, tmp_path / "after.json") == before


def test_a_stale_lock_file_naming_a_live_process_does_not_block_restore(tmp_path: Path) -> None:
    """Case 3 of issue 14: the number in a crashed run's lock file now belongs to a live process."""
    import os

    source = tmp_path / "source"
    _filled(source, tmp_path)
    archive = tmp_path / "mine.afterview-backup"
    assert run("backup", str(archive), "--data-dir", str(source)).returncode == 0
    (source / "afterview.lock").write_text(f"{os.getpid()}\nafterview\nlocalhost\n", encoding="utf-8")
    result = run("restore", str(archive), "--yes", "--data-dir", str(source))
    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout
