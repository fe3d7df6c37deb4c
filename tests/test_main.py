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


def test_every_command_that_changes_data_rewrites_the_live_calendar(tmp_path: Path) -> None:
    """Issue #17: the live .ics is rewritten once, centrally, after each writing command."""
    import json

    from icalendar import Calendar

    from desktop_app import clock
    from desktop_app.services.exchange.demo import demo_data

    today = clock.today()  # the command below reads the real clock too
    folder = tmp_path / "data"
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(demo_data(today), ensure_ascii=False), encoding="utf-8")
    assert run("data", "import", str(source), "--data-dir", str(folder)).returncode == 0
    live = folder / "afterview.ics"
    assert live.is_file()  # written by the import, a writing command

    def uids() -> set[str]:
        return {str(e["UID"]) for e in Calendar.from_ical(live.read_bytes()).walk("VEVENT")}

    # a follow-up in the calendar: UID follow_up-application-<id>-<day>@afterview
    uid = sorted(u for u in uids() if u.startswith("follow_up-application-"))[0]
    application_id = uid.split("-")[2]
    live.unlink()
    assert run("due", "--data-dir", str(folder)).returncode == 0
    assert not live.exists()  # a command that only reads leaves the calendar alone
    logged = run("log", application_id, "--channel", "email", "--purpose", "follow_up",
                 "--data-dir", str(folder))
    assert logged.returncode == 0, logged.stderr
    assert uid not in uids()  # the follow-up just sent is gone from the calendar
