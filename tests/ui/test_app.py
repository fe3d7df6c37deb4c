"""Starting the window: what loads before its first paint and what waits until just after; a data
folder refused or damaged at start-up; the application icon.

The measure is ``bench/startup.py`` (a median of many runs, too noisy for a test); these
tests keep the path to the first paint lean so that the measure stays where it is.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services import backup
from desktop_app.services.applications import organisations
from desktop_app.services.applications.organisations import list_organisations
from desktop_app.store.db import close_database, database_path
from tests.helpers.backup_samples import fill_documents
from tests.helpers.cli import run
from tests.helpers.scripted_prompts import ScriptedPrompts

#: Run in a fresh interpreter: the window on DATA_DIR, quitting after its first paint;
#: prints the modules loaded at the first paint, then those loaded when it ended.
_PROBE = """
import sys
from desktop_app.ui.main_window import MainWindow

at_paint = []
build = MainWindow.__init__

def build_and_watch(self, *args, **kwargs):
    build(self, *args, **kwargs)
    self.first_painted.connect(lambda: at_paint.append(sorted(sys.modules)))

MainWindow.__init__ = build_and_watch
from desktop_app.__main__ import main

code = main(["--quit-after-startup", "--data-dir", sys.argv[1]])
print("AT_PAINT", " ".join(at_paint[0]))
print("AT_END", " ".join(sorted(sys.modules)))
sys.exit(code)
"""

#: Nothing the first painted screen needs: the database layer, the advice, the tabs,
#: printable output, the heavy libraries, and Qt modules beyond QtCore/QtGui/QtWidgets.
_NOT_BEFORE_THE_FIRST_PAINT = (
    "peewee", "desktop_app.store.open", "desktop_app.store.db", "desktop_app.store.models",
    "desktop_app.services", "desktop_app.rules", "desktop_app.pack", "desktop_app.ui.today_tab",
    "desktop_app.ui.applications_tab", "desktop_app.ui.referees_tab", "desktop_app.ui.vault_tab",
    "reportlab", "pypdf", "email_validator", "phonenumbers", "icalendar", "vobject", "zoneinfo",
    "platformdirs",
)


def _loaded(line: str) -> set[str]:
    return set(line.split(" ", 1)[1].split())


def _first_paint(data_dir: Path) -> tuple[set[str], set[str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", _PROBE, str(data_dir)], capture_output=True, text=True,
                            env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    lines = {line.split(" ", 1)[0]: line for line in result.stdout.splitlines()}
    return _loaded(lines["AT_PAINT"]), _loaded(lines["AT_END"])


@pytest.mark.slow
def test_the_first_paint_waits_for_nothing_it_does_not_show(demo_store: Path) -> None:
    close_database()
    at_paint, at_end = _first_paint(demo_store)
    early = sorted(m for m in at_paint
                   if any(m == name or m.startswith(name + ".") for name in _NOT_BEFORE_THE_FIRST_PAINT))
    assert early == []
    other_qt = sorted(m for m in at_paint if m.startswith("PySide6.Qt")
                      and m not in {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"})
    assert other_qt == []
    # just after the paint, the database was connected and the Today tab built
    assert {"desktop_app.store.db", "desktop_app.ui.today_tab"} <= at_end


def _start(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    from desktop_app.ui import app as app_module

    shown: dict[str, Any] = {}
    monkeypatch.setattr(app_module, "_show_window", lambda *_a, **kwargs: shown.update(kwargs) or 0)
    args = argparse.Namespace(demo=False, data_dir=str(data_dir), quit_after_startup=False)
    assert app_module.run_gui(args, started=time.perf_counter()) == 0
    return shown


def test_a_ready_database_is_connected_after_the_first_paint(  # type: ignore[no-untyped-def]
        store: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    close_database()
    assert _start(store, monkeypatch)["connect_after_paint"] == database_path(store)


def test_a_new_database_is_made_before_the_window(  # type: ignore[no-untyped-def]
        tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _start(tmp_path / "new", monkeypatch)["connect_after_paint"] is None
    assert database_path(tmp_path / "new").exists()
    close_database()


# ---------------------------------------------------------------- the window started from the command line
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
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": "afterview", "version": 1}', encoding="utf-8")
    assert run("data", "import", str(empty), "--data-dir", str(folder)).returncode == 0  # makes the database
    with sqlite3.connect(folder / "afterview.sqlite3") as raw:
        raw.execute("UPDATE schema_version SET version = 999")
    result = run("--quit-after-startup", "--data-dir", str(folder))
    assert result.returncode == 2
    assert "newer version of Afterview" in result.stderr


# ---------------------------------------------------------------- damaged database at start-up
def _names() -> set[str]:
    return {row.name for row in list_organisations()}


def _damage(path: Path, how: str) -> bytes:
    data = bytearray(path.read_bytes())
    if how == "truncated":
        data = data[: len(data) // 2]
    elif how == "overwritten":
        middle = len(data) // 2
        data[middle: middle + 4096] = bytes((i * 37 + 11) % 256 for i in range(4096))
    else:
        data = bytearray(b"Dear Sam, thank you for your application ...\n" * 200)
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("how", ["truncated", "overwritten", "not_sqlite"])
def test_a_damaged_database_is_named_kept_aside_and_the_backup_offered(  # type: ignore[no-untyped-def]
        demo_store: Path, qtbot, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    from desktop_app.ui import app as app_module

    fill_documents(demo_store, count=1)
    for i in range(60):  # enough pages that damage in the middle hits table data
        organisations.create_organisation({"name": f"Organisation {i}", "notes": "x" * 400})
    backup.daily_backup_if_due(demo_store)
    expected = _names()
    close_database()
    damaged = _damage(database_path(demo_store), how)

    prompts = ScriptedPrompts().script("ask_yes_no", True)
    monkeypatch.setattr(app_module, "startup_prompts", lambda: prompts)
    reached: list[set[str]] = []
    monkeypatch.setattr(app_module, "_show_window", lambda *_a, **_k: reached.append(_names()) or 0)
    args = argparse.Namespace(demo=False, data_dir=str(demo_store), quit_after_startup=False)
    assert app_module.run_gui(args, started=time.perf_counter()) == 0

    [asked] = prompts.asked_of("ask_yes_no")
    assert "damaged" in asked.text or "not an Afterview database" in asked.text
    assert asked.details["yes_label"] == "Restore the backup"
    assert reached == [expected]  # the window opened on the restored data
    kept = [p for p in demo_store.iterdir() if p.name.startswith("damaged data ")]
    assert len(kept) == 1 and (kept[0] / "afterview.sqlite3").read_bytes() == damaged
    [(restored, problem)] = prompts.told()
    assert not problem and "kept, unchanged" in restored


def test_without_a_backup_the_damage_is_explained_and_nothing_is_touched(  # type: ignore[no-untyped-def]
        store: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.ui import app as app_module

    close_database()
    damaged = _damage(database_path(store), "not_sqlite")
    prompts = ScriptedPrompts()
    monkeypatch.setattr(app_module, "startup_prompts", lambda: prompts)
    args = argparse.Namespace(demo=False, data_dir=str(store), quit_after_startup=False)
    assert app_module.run_gui(args, started=time.perf_counter()) == 2
    [shown] = prompts.asked_of("error")
    assert "There is no automatic backup" in shown.text and "not an Afterview database" in shown.text
    assert not prompts.asked_of("ask_yes_no")
    assert database_path(store).read_bytes() == damaged


# ---------------------------------------------------------------- the icon
def test_application_icon_has_every_size(qapp) -> None:
    from PySide6.QtCore import QSize

    from desktop_app.ui.app import application_icon

    sizes = application_icon().availableSizes()
    assert [QSize(s, s) for s in (16, 32, 48, 64, 128, 256, 512)] == sorted(
        sizes, key=lambda size: size.width()
    )


def test_started_in_the_tray_the_database_is_connected_at_once(  # type: ignore[no-untyped-def]
        store: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--tray`` (at login): no window is painted, so nothing may wait for a paint (#17)."""
    from desktop_app.ui import app as app_module

    close_database()
    shown: dict[str, Any] = {}
    monkeypatch.setattr(app_module, "_show_window", lambda *_a, **kwargs: shown.update(kwargs) or 0)
    args = argparse.Namespace(demo=False, data_dir=str(store), quit_after_startup=False, tray=True)
    assert app_module.run_gui(args, started=time.perf_counter()) == 0
    assert shown["in_tray"] is True and shown["connect_after_paint"] is None


def test_cached_copies_of_removed_documents_are_swept_after_the_first_paint(  # type: ignore[no-untyped-def]
        store: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A flattened preview left by a process that ended before its document's copy went (issue 15)."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.services.vault import files as vault_files
    from desktop_app.ui import app as app_module

    orphan = vault_files.preview_path("cd" * 32)
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.7 a copy of a removed transcript")
    monkeypatch.setattr(app_module, "_daily_backup", lambda *_a, **_k: None)  # not this test's worker
    monkeypatch.setattr(app_module, "_install_tray", lambda *_a, **_k: None)

    class EventLoop:  # stands in for app.exec(): runs until the sweep is seen, then closes the window
        def exec(self) -> int:
            qtbot.waitUntil(lambda: not orphan.exists())
            for widget in QApplication.topLevelWidgets():
                widget.close()
            return 0

    assert app_module._show_window(EventLoop(), store, demo=False, quit_after_startup=False,  # noqa: SLF001
                                   started=time.perf_counter()) == 0
    assert not orphan.exists()
