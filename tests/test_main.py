"""The program itself (``desktop_app/__main__.py``): ``afterview`` and ``python -m desktop_app``,
run as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from tests.helpers.cli import run


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
