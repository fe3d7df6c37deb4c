"""``afterview pack`` run as a user would: in a subprocess, on the sample data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.services.exchange.demo import demo_data


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True,
                          timeout=120, env=env, check=False)


@pytest.fixture
def sample_folder(tmp_path: Path) -> Path:
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(demo_data(), ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "data"
    assert run("data", "import", str(source), "--data-dir", str(folder)).returncode == 0
    return folder


@pytest.mark.slow
def test_pack_for_an_application(sample_folder: Path, tmp_path: Path) -> None:
    result = run("pack", "--out", str(tmp_path / "pack.pdf"), "--application", "1", "--data-dir",
                 str(sample_folder))

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {tmp_path / 'pack.pdf'}: ")
    cover = PdfReader(tmp_path / "pack.pdf").pages[0].extract_text()
    assert "Sam Taylor" in cover and "Referees and qualifications" in cover


@pytest.mark.slow
def test_strict_refuses_when_a_check_fails_and_bad_ids_are_refused(sample_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "general.pdf"
    strict = run("pack", "--out", str(out), "--referee", "1", "--strict", "--data-dir", str(sample_folder))
    assert strict.returncode == 1
    assert "warning: This pack has fewer than two referees" in strict.stderr
    assert not out.exists()

    missing = run("pack", "--out", str(out), "--application", "999", "--data-dir", str(sample_folder))
    assert missing.returncode == 2 and "there is no application 999" in missing.stderr
    unknown = run("pack", "--out", str(out), "--referee", "77", "--data-dir", str(sample_folder))
    assert unknown.returncode == 2 and "there is no referee 77" in unknown.stderr
    assert not out.exists()
