"""The tray: what is due in its menu, closing to the tray, the daily notification, the live
calendar and the one-time offer to start at login.

The offscreen platform has no system tray, so the icon is forced on (``show_icon=True``);
Qt then warns once that the platform cannot follow the tray window, which is ignored.
Notifications are recorded instead of sent (the D-Bus side is tested on a private bus in
``tests/test_desktop_notifications.py`` and ``tests/cli/test_remind.py``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from PySide6.QtCore import QCoreApplication, Qt

from desktop_app import APP_ID, clock, desktop_notifications
from desktop_app.services.applications import interactions
from desktop_app.services.today import due
from desktop_app.ui import tray as tray_module
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.tray import ReminderTray
from tests.helpers.fake_notification_server import HAVE_DBUS, private_bus, recorded

DEMO_TODAY = date(2026, 11, 25)
#: what the offscreen platform cannot do (follow a tray window, raise a window)
pytestmark = pytest.mark.qt_log_ignore("systemTrayWindowChanged", "does not support raise")


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Notifications "sent" over D-Bus: (title, body)."""
    made: list[tuple[str, str]] = []

    def send(title: str, body: str, **_kwargs: Any) -> desktop_notifications.Sent:
        made.append((title, body))
        return desktop_notifications.Sent(len(made))

    monkeypatch.setattr(desktop_notifications, "send", send)
    monkeypatch.setattr(desktop_notifications, "wait_for_action", lambda _sent, _timeout: None)
    return made


@pytest.fixture
def quits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(QCoreApplication, "quit", staticmethod(lambda: calls.append(1)))
    return calls


def _tray(qtbot: Any, window: MainWindow, *, show_icon: bool = True) -> ReminderTray:
    made = ReminderTray(window, show_icon=show_icon)
    made.start()
    qtbot.waitUntil(lambda: all(w.done.is_set() for w in made._workers))
    return made


def _texts(tray: ReminderTray) -> list[str]:
    return [a.text() for a in tray.menu.actions() if not a.isSeparator()]


def test_the_menu_shows_what_is_due_and_each_item_opens_its_application(
        qtbot: Any, window: MainWindow, sent: list[tuple[str, str]]) -> None:
    tray = _tray(qtbot, window)
    items = due.due_items(DEMO_TODAY)
    assert tray.icon.toolTip() == f"Afterview: {len(items)} due today"
    texts = _texts(tray)
    assert texts[0] == "Open Afterview"
    assert texts[1] == f"Due today ({len(items)})"
    assert texts[-2:] == ["Snooze all until tomorrow", "Quit Afterview"]
    assert len(tray.item_actions) == min(len(items), tray_module.MENU_ITEMS)
    index, item = next((n, i) for n, i in enumerate(items[:tray_module.MENU_ITEMS]) if i.application_id)
    assert tray.item_actions[index].text().startswith(item.subject[:40])
    tray.item_actions[index].trigger()
    assert window.isVisible()
    assert window.tabs.currentIndex() == 1
    assert window.applications_tab.selected_id() == item.application_id


def test_snooze_all_until_tomorrow(qtbot: Any, window: MainWindow, sent: list[tuple[str, str]],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    tray = _tray(qtbot, window)
    before = due.due_items(DEMO_TODAY)
    tray.snooze_action.trigger()
    assert due.due_items(DEMO_TODAY) == []
    assert _texts(tray)[1] == "Nothing is due today"
    assert not tray.snooze_action.isEnabled()
    assert tray.icon.toolTip() == "Afterview: nothing is due today"
    tomorrow = {i.key for i in due.due_items(DEMO_TODAY + timedelta(days=1))}
    assert {i.key for i in before} <= tomorrow


def test_closing_keeps_it_in_the_tray_and_says_so_once(
        qtbot: Any, window: MainWindow, sent: list[tuple[str, str]], quits: list[int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    tray = _tray(qtbot, window)
    messages: list[str] = []
    monkeypatch.setattr(tray.icon, "showMessage", lambda title, *_args: messages.append(title))
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert not window.isVisible() and tray.icon.isVisible()
    assert messages == ["Afterview is still running"]
    tray.open_action.trigger()
    assert window.isVisible()
    window.close()
    assert messages == ["Afterview is still running"]  # once
    assert quits == []
    window.show()
    window.quit_action.trigger()  # File → Quit quits for real
    assert not window.isVisible() and not tray.icon.isVisible()
    assert quits == [1]


def test_without_a_tray_closing_closes(qtbot: Any, window: MainWindow, sent: list[tuple[str, str]],
                                       quits: list[int]) -> None:
    tray = _tray(qtbot, window, show_icon=False)
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert not window.isVisible() and not tray.icon.isVisible()


def test_one_notification_a_day_while_running(qtbot: Any, window: MainWindow, sent: list[tuple[str, str]],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    tray = _tray(qtbot, window)
    assert len(sent) == 1
    title, body = sent[0]
    assert title == f"Afterview: {len(due.due_items(DEMO_TODAY))} new things are due"
    assert "follow-ups are polite again" in body
    tray.tick()
    assert len(sent) == 1  # the same day: nothing more
    monkeypatch.setattr(clock, "today", lambda: DEMO_TODAY + timedelta(days=7))
    tray.tick()
    qtbot.waitUntil(lambda: len(sent) == 2)
    assert sent[1][1] != body


def test_without_a_notification_service_the_tray_says_it(qtbot: Any, window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services import reminders

    def unavailable(*_args: Any, **_kwargs: Any) -> None:
        raise desktop_notifications.NotificationUnavailable("no service")

    monkeypatch.setattr(desktop_notifications, "send", unavailable)
    shown: list[tuple[str, str]] = []
    tray = ReminderTray(window, show_icon=True)
    monkeypatch.setattr(tray.icon, "showMessage", lambda title, body, *_args: shown.append((title, body)))
    tray.start()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0][1] == reminders.word(due.due_items(DEMO_TODAY))
    assert reminders.told_today(DEMO_TODAY)


def test_with_neither_service_nor_tray_nothing_is_recorded(qtbot: Any, window: MainWindow,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services import reminders

    def unavailable(*_args: Any, **_kwargs: Any) -> None:
        raise desktop_notifications.NotificationUnavailable("no service")

    monkeypatch.setattr(desktop_notifications, "send", unavailable)
    tray = _tray(qtbot, window, show_icon=False)
    qtbot.waitUntil(lambda: not reminders.told_today(DEMO_TODAY))
    assert tray.icon.isVisible() is False


def test_the_live_calendar_follows_every_change(qtbot: Any, window: MainWindow, demo_store: Path,
                                                sent: list[tuple[str, str]]) -> None:
    target = demo_store / "afterview.ics"
    tray = _tray(qtbot, window)
    qtbot.waitUntil(target.exists)
    before = {str(e["UID"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    follow_up = next(i for i in due.due_items(DEMO_TODAY) if i.kind == "follow_up")
    interactions.log_interaction({"application": follow_up.application_id,
                                  "at": datetime(2026, 11, 25, 9, tzinfo=timezone.utc), "channel": "email",
                                  "direction": "outgoing", "purpose": "follow_up"})
    window.context.events.applications_changed.emit()

    def rewritten() -> bool:
        return {str(e["UID"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")} != before

    qtbot.waitUntil(rewritten, timeout=5000)
    qtbot.waitUntil(lambda: all(w.done.is_set() for w in tray._workers))


def test_start_at_login_is_offered_once_without_blocking(
        qtbot: Any, window: MainWindow, sent: list[tuple[str, str]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app import autostart

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(autostart, "_platform", lambda: "linux")
    tray = _tray(qtbot, window)
    window.show()
    qtbot.waitExposed(window)
    window.context.events.applications_changed.emit()  # an application was added
    offer = window.statusBar().findChild(tray_module.AutostartOffer, "autostart_offer")
    assert offer is not None and offer.isVisible()  # in the status bar: nothing modal
    qtbot.mouseClick(offer.yes, Qt.MouseButton.LeftButton)
    entry = tmp_path / "config" / "autostart" / f"{APP_ID}.desktop"
    assert entry.exists() and "--tray" in entry.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: window.findChild(tray_module.AutostartOffer) is None)
    window.context.events.applications_changed.emit()
    assert window.findChild(tray_module.AutostartOffer) is None  # offered once
    qtbot.waitUntil(lambda: all(w.done.is_set() for w in tray._workers))


def test_a_restore_while_the_offer_shows_never_shows_it_twice(
        qtbot: Any, window: MainWindow, sent: list[tuple[str, str]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14: the restored data never recorded the offer, so a second strip joined the first."""
    from desktop_app import autostart
    from desktop_app.services import reminders
    from desktop_app.services.core.settings import set_value

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(autostart, "_platform", lambda: "linux")
    tray = _tray(qtbot, window)
    window.show()
    qtbot.waitExposed(window)
    window.context.events.applications_changed.emit()
    set_value(reminders.AUTOSTART_OFFERED, False)  # as in data restored from before the offer
    window.context.events.everything_changed.emit()
    window.context.events.applications_changed.emit()
    assert len(window.statusBar().findChildren(tray_module.AutostartOffer)) == 1
    qtbot.waitUntil(lambda: all(w.done.is_set() for w in tray._workers))


def test_the_count_is_painted_on_the_icon() -> None:
    from PySide6.QtGui import QIcon, QPixmap

    plain = QPixmap(64, 64)
    plain.fill()
    base = QIcon(plain)
    with_count = tray_module.count_icon(base, 3).pixmap(64, 64).toImage()
    assert with_count.pixelColor(26, 42).name() == "#c62828"  # the red badge, left of the number
    assert tray_module.count_icon(base, 0).pixmap(64, 64).toImage().pixelColor(26, 42).name() == "#ffffff"


@pytest.mark.skipif(not HAVE_DBUS, reason="dbus-run-session is not installed (package dbus-daemon)")
@pytest.mark.parametrize("key", ["default", "open-today"])
def test_a_click_on_the_notification_opens_today(qtbot: Any, window: MainWindow, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    with private_bus(tmp_path) as (address, record):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        tray = ReminderTray(window, show_icon=True)
        tray.start()
        qtbot.waitUntil(lambda: len(recorded(record)) == 1, timeout=10000)
        assert recorded(record)[0]["actions"] == ["default", "Open Today"]
        window.show_tab(1)
        window.hide()  # in the tray, as after closing the window
        (tmp_path / "click.new").write_text(f"1 {key}", encoding="utf-8")
        (tmp_path / "click.new").rename(tmp_path / "click")  # whole, never half-read by the server
        qtbot.waitUntil(window.isVisible, timeout=10000)
        assert window.tabs.currentIndex() == 0
        tray.icon.hide()


def test_a_tray_that_appears_after_afterview_gets_the_icon(
        qtbot: Any, window: MainWindow, sent: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    available = [False]
    monkeypatch.setattr(tray_module, "tray_available", lambda: available[0])
    monkeypatch.setattr(tray_module, "TRAY_RETRY_MS", 20)
    tray = ReminderTray(window)  # at login: no panel yet
    assert not tray.icon.isVisible() and tray.waiting_for_tray()
    available[0] = True  # the panel has started
    qtbot.waitUntil(tray.icon.isVisible)
    assert not tray.waiting_for_tray() and not window.isVisible()
    tray.icon.hide()


def test_with_no_tray_at_all_a_hidden_window_is_shown_minimised_in_the_end(
        qtbot: Any, window: MainWindow, sent: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tray_module, "tray_available", lambda: False)
    monkeypatch.setattr(tray_module, "TRAY_RETRY_MS", 20)
    monkeypatch.setattr(tray_module, "TRAY_WAIT_MS", 100)
    tray = ReminderTray(window)
    assert not window.isVisible()  # started at login, waiting in the tray that is not there
    qtbot.waitUntil(window.isVisible)
    assert window.isMinimized() and not tray.icon.isVisible() and not tray.waiting_for_tray()


def test_the_offer_goes_once_start_at_login_is_turned_on_in_settings(
        qtbot: Any, window: MainWindow, sent: list[tuple[str, str]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app import autostart
    from desktop_app.ui.dialogs.settings_dialog import SettingsDialog

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(autostart, "_platform", lambda: "linux")
    tray = _tray(qtbot, window)
    window.show()
    qtbot.waitExposed(window)
    window.context.events.applications_changed.emit()  # an application was added: the offer shows
    offer = window.statusBar().findChild(tray_module.AutostartOffer, "autostart_offer")
    assert offer is not None and offer.isVisible()
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.reminders_page)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.reminders_page.autostart_box, Qt.Key.Key_Space)
    assert dialog.save_thresholds()
    window.context.events.settings_changed.emit()  # as Edit → Settings does after a save
    qtbot.waitUntil(lambda: window.findChild(tray_module.AutostartOffer) is None)
    assert autostart.is_enabled() and tray.offer is None
    qtbot.waitUntil(lambda: all(w.done.is_set() for w in tray._workers))
