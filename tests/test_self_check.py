"""``afterview --self-check``: every part passes here, and a missing part is named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app import self_check
from desktop_app.self_check import PARTS, run_self_check

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_every_part_passes_in_the_development_environment(qapp) -> None:
    passed, lines = run_self_check()
    assert passed, "\n".join(lines)
    assert [line.split()[1] for line in lines] == [name for name, _ in PARTS]
    assert all(line.startswith("ok ") for line in lines)


def test_a_failing_part_is_named_and_the_rest_still_run(qapp) -> None:
    def broken(work: Path) -> str:
        raise ModuleNotFoundError("No module named 'reportlab'")

    parts = (("reportlab", broken), ("icons", self_check.check_icons))
    passed, lines = run_self_check(parts)
    assert not passed
    assert lines[0] == "MISSING reportlab: ModuleNotFoundError: No module named 'reportlab'"
    assert lines[1].startswith("ok icons")


def test_main_exit_status(monkeypatch, capsys, qapp) -> None:
    monkeypatch.setattr(self_check, "PARTS", (("x", lambda work: "fine"),))
    monkeypatch.setattr(self_check.run_self_check, "__defaults__", (self_check.PARTS,))
    assert self_check.main() == 0
    assert capsys.readouterr().out.splitlines() == ["ok x (fine)", "self-check passed"]

    def missing(work: Path) -> str:
        raise ImportError("gone")

    monkeypatch.setattr(self_check.run_self_check, "__defaults__", ((("y", missing),),))
    assert self_check.main() == 1
    assert "MISSING y: ImportError: gone" in capsys.readouterr().out


def test_command_line_flag_runs_the_check(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--self-check"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "self-check passed"
