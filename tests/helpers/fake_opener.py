"""A fake ``xdg-open`` on ``PATH``, so hand-off tests see what a system with or without a
mail program, browser or file manager would do (issue #18), without starting a real one.

``xdg-open`` exits 0 when it handed the URL on, 3 when no program is set up for it
("xdg-open: no method available") and 4 when the program failed (``man xdg-open``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest


class FakeOpener:
    """The fake's folder and the log of what it was asked to open (one argument a line)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.log = folder / "opened.txt"

    def opened(self) -> list[str]:
        """Every URL or path the fake was given, in order ([] before the first)."""
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []


def install_fake_opener(folder: Path, monkeypatch: pytest.MonkeyPatch, exit_code: int = 0, *,
                        wait_for_input: bool = False) -> FakeOpener:
    """Put a fake ``xdg-open`` first on ``PATH`` that logs its argument and exits with ``exit_code``
    (3: "no method available"). ``wait_for_input`` makes it run until its standard input
    closes, as ``xdg-open`` does while the mail program it started in the foreground runs."""
    folder.mkdir(parents=True, exist_ok=True)
    fake = FakeOpener(folder)
    script = folder / "xdg-open"
    wait = "read _ignored\n" if wait_for_input else ""
    if exit_code:
        message = "echo 'xdg-open: no method available for opening' >&2\n"
    else:
        message = ""
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{fake.log}'\n{wait}{message}exit {exit_code}\n",
                      encoding="utf-8")
    script.chmod(stat.S_IRWXU)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return fake


@pytest.fixture
def no_opener(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeOpener:
    """A system where nothing answers: ``xdg-open`` exits 3 ("no method available")."""
    return install_fake_opener(tmp_path / "no-opener", monkeypatch, 3)


@pytest.fixture
def opener(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeOpener:
    """A system where a program takes every URL: ``xdg-open`` exits 0."""
    return install_fake_opener(tmp_path / "opener", monkeypatch, 0)
