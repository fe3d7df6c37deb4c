"""Start-up: what the window loads before its first paint, and what waits until just after.

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

from desktop_app.store.db import close_database, database_path

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
