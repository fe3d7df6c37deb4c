"""Desktop notifications over D-Bus, against a fake notification server on a private bus."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import desktop_notifications
from tests.helpers.fake_notification_server import HAVE_DBUS, private_bus, recorded


@pytest.mark.skipif(not HAVE_DBUS, reason="dbus-run-session is not installed (package dbus-daemon)")
def test_a_notification_reaches_the_service_as_the_specification_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with private_bus(tmp_path) as (address, record):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        first = desktop_notifications.send("Afterview: 2 new things are due", "2 follow-ups are polite again",
                                           actions=[("default", "Open Today")])
        second = desktop_notifications.send("Title", "Body")
        calls = recorded(record)
    assert (first.notification_id, second.notification_id) == (1, 2)
    assert calls[0] == {"app_name": "Afterview", "summary": "Afterview: 2 new things are due",
                        "body": "2 follow-ups are polite again", "actions": ["default", "Open Today"],
                        "hints": ["desktop-entry", "urgency"], "expire_ms": -1}
    assert calls[1]["actions"] == []


def test_without_a_session_bus_the_reason_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/nonexistent-afterview-test")
    monkeypatch.setattr("os.getuid", lambda: 4_000_000)
    with pytest.raises(desktop_notifications.NotificationUnavailable, match="no desktop session bus"):
        desktop_notifications.send("Title", "Body")


def test_a_bus_address_that_leads_nowhere_is_said_plainly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'nothing'}")
    with pytest.raises(desktop_notifications.NotificationUnavailable):
        desktop_notifications.send("Title", "Body")
    assert desktop_notifications.wait_for_action(desktop_notifications.Sent(1), 0.1) is None


@pytest.mark.skipif(not HAVE_DBUS, reason="dbus-run-session is not installed (package dbus-daemon)")
def test_a_click_on_the_notification_is_heard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with private_bus(tmp_path) as (address, _record):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        sent = desktop_notifications.send("Title", "Body", actions=[("default", "Open Today")], listen=True)
        other = desktop_notifications.send("Title", "Body", actions=[("default", "Open Today")], listen=True)
        (tmp_path / "click.new").write_text(f"{sent.notification_id} default", encoding="utf-8")
        (tmp_path / "click.new").rename(tmp_path / "click")  # whole, never half-read by the server
        assert desktop_notifications.wait_for_action(sent, 20) == "default"
        assert desktop_notifications.wait_for_action(other, 0.5) is None  # not ours


@pytest.mark.skipif(not HAVE_DBUS, reason="dbus-run-session is not installed (package dbus-daemon)")
def test_a_click_reaches_only_a_sender_that_stayed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the server answers the connection that sent the notification (KDE), so a sender that
    # did not listen hears nothing, and says so at once instead of waiting
    with private_bus(tmp_path) as (address, _record):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        sent = desktop_notifications.send("Title", "Body")
        assert sent.listener is None
        assert desktop_notifications.wait_for_action(sent, 20) is None


@pytest.mark.skipif(not HAVE_DBUS, reason="dbus-run-session is not installed (package dbus-daemon)")
def test_from_cron_without_a_bus_address_the_users_bus_socket_is_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with private_bus(tmp_path) as (address, record):
        assert address.startswith("unix:path=")
        runtime = tmp_path / "runtime"
        runtime.mkdir()
        (runtime / "bus").symlink_to(address.split("=", 1)[1].split(",", 1)[0])
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
        assert desktop_notifications.session_bus_address() == f"unix:path={runtime / 'bus'}"
        desktop_notifications.send("Title", "Body")
        assert len(recorded(record)) == 1


def test_without_a_bus_address_or_socket_it_says_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setattr("os.getuid", lambda: 4_000_000)  # no /run/user/4000000/bus
    with pytest.raises(desktop_notifications.NotificationUnavailable,
                       match="DBUS_SESSION_BUS_ADDRESS is not set.*only while you are logged in"):
        desktop_notifications.send("Title", "Body")
