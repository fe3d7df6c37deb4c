"""Start-up time: Afterview on the sample data vs a bare PySide6 window with the same tabs.

The issue's measure: the median of 9 alternating runs in one process of this script,
on the "rules scenario" (a data folder where the rules have something to say: the
sample data, imported with its dates moved to today, so the Today list is full).
Each run starts a fresh process (``afterview --quit-after-startup`` or
``bench/bare_window.py``); what is timed is what the user waits for: from launching
the process until the window has been painted (the moment its ``startup_ms=`` line
arrives), interpreter start-up included. Target: Afterview's median ≤ 1.5 × the bare
window's.

Afterview's modules are byte-compiled first, as they are in an installed package
or the PyInstaller bundle (``PYTHONDONTWRITEBYTECODE``, set on some machines, would
otherwise make every start compile them from source, which no user ever pays).

It is a measurement, not a gate (CI does not run it): it exits 0 whether or not the
target is met, and ends with one line giving both medians and the ratio.

    .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET = 1.5


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from launching ``cmd`` until it reports its first paint (``startup_ms=``).

    Raises SystemExit with the process's error output if it fails or never reports.
    """
    start = time.perf_counter()
    with subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as proc:
        assert proc.stdout is not None
        painted = None
        for line in proc.stdout:
            if line.startswith("startup_ms=") and painted is None:
                painted = time.perf_counter() - start
        _, stderr = proc.communicate(timeout=120)
    if proc.returncode != 0 or painted is None:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr}")
    return painted


def _rules_scenario(folder: Path, env: dict[str, str]) -> Path:
    """A data folder holding the sample data, dates moved to today; returns its path."""
    data_dir = folder / "sample"
    sample = folder / "sample.json"
    subprocess.run([sys.executable, "-c",
                    "import json, sys; from desktop_app.services.exchange.demo import demo_data; "
                    "json.dump(demo_data(), open(sys.argv[1], 'w', encoding='utf-8'))", str(sample)],
                   check=True, env=env, cwd=ROOT)
    subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "data", "import",
                    str(sample)], check=True, env=env, cwd=ROOT, capture_output=True)
    due = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "due"],
                         check=True, env=env, cwd=ROOT, capture_output=True, text=True)
    if not due.stdout.strip():
        raise SystemExit("the sample data gives an empty Today list: not the rules scenario")
    return data_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="pairs of runs (default 9)")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(str(ROOT / "desktop_app"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="afterview-bench-") as tmp:
        data_dir = _rules_scenario(Path(tmp), env)
        # ``-m desktop_app`` from ROOT: this checkout, whatever is installed
        app_cmd = [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "--quit-after-startup"]
        bare_cmd = [sys.executable, str(HERE / "bare_window.py")]
        # one warm-up each: the first start pays for cold disk caches
        _timed(app_cmd, env)
        _timed(bare_cmd, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):
            bare_times.append(_timed(bare_cmd, env))
            app_times.append(_timed(app_cmd, env))
    bare, app = statistics.median(bare_times), statistics.median(app_times)
    ratio = app / bare
    print("bare window, ms: " + " ".join(f"{t * 1000:.0f}" for t in bare_times))
    print("afterview,   ms: " + " ".join(f"{t * 1000:.0f}" for t in app_times))
    verdict = "met" if ratio <= TARGET else "not met"
    print(f"startup: afterview {app * 1000:.0f} ms, bare {bare * 1000:.0f} ms, ratio {ratio:.2f} "
          f"(target ≤ {TARGET}, median of {args.runs} alternating runs): {verdict}")
    return 0  # a measurement, not a gate


if __name__ == "__main__":
    sys.exit(main())
