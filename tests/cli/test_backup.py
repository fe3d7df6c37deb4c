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
    import os

    source = tmp_path / "source"
    _filled(source, tmp_path)
    archive = tmp_path / "mine.afterview-backup"
    assert run("backup", str(archive), "--data-dir", str(source)).returncode == 0
    # the lock file a running window keeps (QLockFile: pid, app name, host), naming a live process
    (source / "afterview.lock").write_text(f"{os.getpid()}\nafterview\nlocalhost\n", encoding="utf-8")
    result = run("restore", str(archive), "--yes", "--data-dir", str(source))
    assert result.returncode == 3 and "Afterview is open on this data folder" in result.stderr
