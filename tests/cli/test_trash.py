"""``afterview trash list|restore ID|empty``, run as a user would (subprocesses)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.services.exchange.demo import demo_data
from tests.helpers.cli import run


def _filled(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(demo_data(), ensure_ascii=False), encoding="utf-8")
    assert run("data", "import", str(source), "--data-dir", str(folder)).returncode == 0
    return folder


def _delete_first_referee(folder: Path) -> str:
    from desktop_app.services.referees import referees
    from desktop_app.store import models as m
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    open_database(folder)
    try:
        referee = m.Referee.select().order_by(m.Referee.id).first()
        referees.delete_referee(referee.id)
        return str(referee.name)
    finally:
        close_database()


def test_list_restore_and_empty(tmp_path: Path) -> None:
    folder = _filled(tmp_path)
    assert run("trash", "list", "--data-dir", str(folder)).stdout.strip() == "The Trash is empty."
    name = _delete_first_referee(folder)
    listed = run("trash", "list", "--data-dir", str(folder))
    assert listed.returncode == 0 and name in listed.stdout and "referee" in listed.stdout
    entry = listed.stdout.split()[0]
    missing = run("trash", "restore", "999", "--data-dir", str(folder))
    assert missing.returncode == 1 and "no entry 999" in missing.stderr and "Traceback" not in missing.stderr
    restored = run("trash", "restore", entry, "--data-dir", str(folder))
    assert restored.returncode == 0 and name in restored.stdout
    _delete_first_referee(folder)
    asked = run("trash", "empty", "--data-dir", str(folder))
    assert asked.returncode == 2 and "--yes" in asked.stderr
    emptied = run("trash", "empty", "--yes", "--data-dir", str(folder))
    assert emptied.returncode == 0, emptied.stderr
    assert "before-emptying-trash" in run("restore", "--list", "--data-dir", str(folder)).stdout
    assert run("trash", "list", "--data-dir", str(folder)).stdout.strip() == "The Trash is empty."


def test_looking_in_the_trash_runs_beside_the_window(tmp_path: Path) -> None:
    """Issue 14: ``trash list`` only reads, so it is not refused while the window holds the claim."""
    from filelock import FileLock

    folder = _filled(tmp_path)
    name = _delete_first_referee(folder)
    holder = FileLock(str(folder / "afterview.lock"), timeout=0, thread_local=False)
    holder.acquire()
    try:
        listed = run("trash", "list", "--data-dir", str(folder))
        backups = run("restore", "--list", "--data-dir", str(folder))
        restored = run("trash", "restore", "1", "--data-dir", str(folder))
    finally:
        holder.release()
    assert listed.returncode == 0 and name in listed.stdout, listed.stderr
    assert backups.returncode == 0, backups.stderr
    assert restored.returncode != 0 and "Afterview is open" in restored.stderr  # a writer still waits its turn
