"""``afterview remind``: one desktop notification a day, checked on a private session bus.

``dbus-run-session`` starts a bus of our own; on it, ``tests/helpers/fake_notification_server.py``
owns ``org.freedesktop.Notifications`` and records every ``Notify`` call. The command runs
as a user's cron job would (a subprocess pointed at that bus).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.exchange.demo import demo_data
from tests.helpers.cli import run
from tests.helpers.fake_notification_server import HAVE_DBUS, private_bus, recorded

DEMO_TODAY = date(2026, 11, 25)
needs_dbus = pytest.mark.skipif(not HAVE_DBUS, reason="dbus-run-session is not installed (package dbus-daemon)")


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(demo_data(DEMO_TODAY), ensure_ascii=False), encoding="utf-8")
    assert run("data", "import", str(source), "--data-dir", str(tmp_path / "data")).returncode == 0
    return tmp_path / "data"


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    with private_bus(tmp_path) as running:
        yield running


@needs_dbus
def test_one_notification_with_the_right_text_then_none_the_same_day(
        sample_dir: Path, bus: tuple[str, Path]) -> None:
    address, record = bus
    env = {"DBUS_SESSION_BUS_ADDRESS": address}
    expected = run("due", "--today", "2026-11-25", "--json", "--data-dir", str(sample_dir))
    due = json.loads(expected.stdout)
    follow_ups = sum(1 for i in due if i["kind"] == "follow_up")

    first = run("remind", "--today", "2026-11-25", "--data-dir", str(sample_dir), env=env)
    assert first.returncode == 0, first.stderr
    sent = recorded(record)
    assert len(sent) == 1
    assert sent[0]["app_name"] == "Afterview"
    assert sent[0]["summary"] == f"Afterview: {len(due)} new things are due"
    body = str(sent[0]["body"])
    # the sample has several follow-ups polite again and a referee given but not yet briefed
    assert follow_ups > 1 and body.count(f"{follow_ups} follow-ups are polite again") == 1
    briefs = [i["text"] for i in due if i["kind"] == "brief_referee"]
    assert briefs and all(text in body for text in briefs)
    assert first.stdout.splitlines()[1] == body
    # nothing stays behind to answer a button: none is offered, and the text says what to do
    assert sent[0]["actions"] == [] and body.endswith(". Open Afterview to see them.")

    assert (sample_dir / "afterview.ics").is_file()  # the live calendar is refreshed by each run
    second = run("remind", "--today", "2026-11-25", "--data-dir", str(sample_dir), env=env)
    assert second.returncode == 0, second.stderr
    assert "already told today" in second.stdout
    assert len(recorded(record)) == 1


@needs_dbus
def test_the_next_day_tells_only_what_is_new(sample_dir: Path, bus: tuple[str, Path]) -> None:
    address, record = bus
    env = {"DBUS_SESSION_BUS_ADDRESS": address}
    assert run("remind", "--today", "2026-11-25", "--data-dir", str(sample_dir), env=env).returncode == 0
    later = run("remind", "--today", "2026-12-02", "--data-dir", str(sample_dir), env=env)
    assert later.returncode == 0, later.stderr
    sent = recorded(record)
    assert len(sent) == 2
    assert "Brief Zoë Fraser" in str(sent[0]["body"])
    assert "Brief Zoë Fraser" not in str(sent[1]["body"])  # told on the 25th, not again


def test_dry_run_prints_and_records_nothing(sample_dir: Path) -> None:
    dry = run("remind", "--today", "2026-11-25", "--dry-run", "--data-dir", str(sample_dir))
    assert dry.returncode == 0, dry.stderr
    assert "Brief Zoë Fraser before Adatum Insurance calls" in dry.stdout
    again = run("remind", "--today", "2026-11-25", "--dry-run", "--data-dir", str(sample_dir))
    assert again.stdout == dry.stdout


def test_without_a_notification_service_it_fails_plainly_and_records_nothing(
        sample_dir: Path, tmp_path: Path) -> None:
    nowhere = {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus-here'}"}
    failed = run("remind", "--today", "2026-11-25", "--data-dir", str(sample_dir), env=nowhere)
    assert failed.returncode == 1
    assert "could not be shown" in failed.stderr and "Traceback" not in failed.stderr
    dry = run("remind", "--today", "2026-11-25", "--dry-run", "--data-dir", str(sample_dir))
    assert "Brief Zoë Fraser" in dry.stdout  # still to be told


def test_a_bad_day_is_refused_in_plain_words(sample_dir: Path) -> None:
    bad = run("remind", "--today", "25/11/2026", "--data-dir", str(sample_dir))
    assert bad.returncode == 2
    assert "is not a date (YYYY-MM-DD)" in bad.stderr


@needs_dbus
def test_from_cron_without_a_bus_address_the_users_bus_is_found(
        sample_dir: Path, bus: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    address, record = bus
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    (runtime / "bus").symlink_to(address.split("=", 1)[1].split(",", 1)[0])
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # as cron starts it
    sent = run("remind", "--today", "2026-11-25", "--data-dir", str(sample_dir), env={"XDG_RUNTIME_DIR": str(runtime)})
    assert sent.returncode == 0, sent.stderr
    assert len(recorded(record)) == 1


def test_from_cron_without_any_bus_it_says_so_plainly(
        sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if Path(f"/run/user/{os.getuid()}/bus").exists():
        pytest.skip("this machine has a real session bus for this user")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    failed = run("remind", "--today", "2026-11-25", "--data-dir", str(sample_dir),
                 env={"XDG_RUNTIME_DIR": str(tmp_path)})
    assert failed.returncode == 1
    assert "DBUS_SESSION_BUS_ADDRESS is not set" in failed.stderr and "Traceback" not in failed.stderr


def test_while_afterview_runs_it_reminds_itself_and_remind_stands_aside(sample_dir: Path) -> None:
    from desktop_app.services.reminders import hold_window_mark
    from desktop_app.store.claim import take_claim

    # what a running window holds: the writer's claim and the reminding mark
    claim = take_claim(sample_dir)
    mark = hold_window_mark(sample_dir)
    try:
        assert mark is not None
        quiet = run("remind", "--today", "2026-11-25", "--data-dir", str(sample_dir))
        assert quiet.returncode == 0, quiet.stderr
        assert quiet.stdout.strip() == "Afterview is running and reminds you itself; nothing to do."
        dry = run("remind", "--today", "2026-11-25", "--dry-run", "--data-dir", str(sample_dir))
        assert dry.returncode == 0 and "Brief Zoë Fraser" in dry.stdout  # a reader runs beside it
        writer = run("data", "import", str(sample_dir.parent / "sample.json"), "--data-dir", str(sample_dir))
        assert writer.returncode != 0
        assert "Quit Afterview from its tray icon (or close its window)" in writer.stderr, writer.stderr
    finally:
        mark.release(force=True)
        claim.release()
    assert run("remind", "--today", "2026-11-25", "--dry-run", "--data-dir", str(sample_dir)).returncode == 0
