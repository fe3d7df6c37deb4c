"""Start-up time: ``afterview --quit-after-startup`` on the sample data vs a bare PySide6 window.

Both are started as fresh processes, alternately, several times in one run. What is
timed is what the user waits for: from launching the process until the window has
been painted (the moment its ``startup_ms=`` line arrives), interpreter start-up
included; the medians are compared. Target: ratio ≤ 1.5.

Afterview's modules are byte-compiled first, as they are in an installed package
or the PyInstaller bundle (``PYTHONDONTWRITEBYTECODE``, set on some machines, would
otherwise make every start compile them from source, which no user ever pays).

    .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = 1.5


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from launch until the process reports its first paint."""
    start = time.perf_counter()
    with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        painted = None
        for line in proc.stdout:
            if line.startswith("startup_ms=") and painted is None:
                painted = time.perf_counter() - start
        _, stderr = proc.communicate(timeout=120)
    if proc.returncode != 0 or painted is None:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr}")
    return painted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    import compileall

    compileall.compile_dir(str(HERE.parent / "desktop_app"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="afterview-bench-") as tmp:
        data_dir = Path(tmp) / "demo"
        sample = Path(tmp) / "sample.json"
        subprocess.run([sys.executable, "-c",
                        "import json,sys; from desktop_app.services.exchange.demo import demo_data; "
                        "json.dump(demo_data(), open(sys.argv[1], 'w', encoding='utf-8'))", str(sample)],
                       check=True, env=env)
        subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "data", "import",
                        str(sample)], check=True, env=env, capture_output=True)
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
    print(f"bare PySide6 window (4 tabs): median {bare * 1000:.0f} ms over {args.runs} runs")
    print(f"afterview on sample data:     median {app * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio: {ratio:.2f} (target ≤ {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
