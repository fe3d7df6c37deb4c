"""Smoke test of the built double-click bundle (``make bundle`` first; CI does both).

Skipped unless ``dist/Afterview/afterview`` exists, so a plain ``pytest`` run on a
developer's machine does not need a PyInstaller build.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from desktop_app.resource_files import walk

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLE_EXE = REPO_ROOT / "dist" / "Afterview" / "afterview"
# PyInstaller's onedir layout: everything but the executable sits in _internal/.
BUNDLED_RESOURCES = BUNDLE_EXE.parent / "_internal" / "afterview_resources"

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not BUNDLE_EXE.exists(), reason="no bundle: run `make bundle` first"),
]


def run_bundle(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run the bundle offscreen with a private HOME, so nothing real is touched."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "AFTERVIEW_", "XDG_"))
    }
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home / "share"))
    return subprocess.run(
        [str(BUNDLE_EXE), *args], capture_output=True, text=True, env=env, cwd=home, timeout=120
    )


def test_bundle_starts_and_quits(tmp_path: Path) -> None:
    result = run_bundle("--quit-after-startup", "--data-dir", str(tmp_path / "data"), home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "startup_ms=" in result.stdout


def test_bundle_self_check_passes(tmp_path: Path) -> None:
    result = run_bundle("--self-check", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "MISSING" not in result.stdout
    assert result.stdout.splitlines()[-1] == "self-check passed"
    # The resources part found the bundle's own copy, not the checkout's.
    (resources_line,) = [line for line in result.stdout.splitlines() if line.startswith("ok resources ")]
    assert resources_line.endswith(f" in {BUNDLED_RESOURCES})")


def test_bundle_holds_every_resource() -> None:
    """Icons, fonts, sample data and its documents: each file of resources/, unchanged."""
    expected = [name for name, _ in walk()]
    assert {"icons/afterview-16.png", "fonts/DejaVuSans.ttf", "demo.json"} <= set(expected)
    for name, file in walk():
        assert (BUNDLED_RESOURCES / name).read_bytes() == file.read_bytes(), name
    # The package marker, which importlib.resources needs to import the folder.
    assert (BUNDLED_RESOURCES / "__init__.py").is_file()


def test_bundle_installs_its_launcher(tmp_path: Path) -> None:
    result = run_bundle("--install-desktop-entry", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    entry = tmp_path / "share" / "applications" / "io.github.afterview.Afterview.desktop"
    assert f"Exec={BUNDLE_EXE}" in entry.read_text(encoding="utf-8").splitlines()
