"""Running Afterview as a user would: ``python -m desktop_app`` in a subprocess, headless."""

from __future__ import annotations

import os
import subprocess
import sys


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m desktop_app *args`` headless, with ``env`` added to this environment; never raises on a
    non-zero exit (check ``returncode``). Raises ``subprocess.TimeoutExpired`` after ``timeout`` seconds."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True,
                          timeout=timeout, env=full_env, check=False)
