"""The tray icon and the reminders of a running Afterview.

:class:`ReminderTray` is installed on the main window by ``ui/app.py``. Where the
desktop has a system tray it shows an icon with the number of things due and a menu:
*Open Afterview*, what is due today (each opens its application), *Snooze all until
tomorrow*, *Quit*. Closing the window then keeps Afterview running in the tray (said
once); without a tray, closing quits as before.

With or without a tray it also: sends the day's notification (at start and once a day
while running; the "already told" record is shared with ``afterview remind``), keeps
the live calendar file current after every change, records the day the user left (for
"since you were last here"), and offers, once, to start Afterview at login after the
first application is added.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QWidget,
)

from desktop_app import clock
from desktop_app.ui.ui_settings import Option

#: How often a running Afterview looks whether a new day has begun (ms).
TICK_MS = 10 * 60 * 1000
#: How long after a change the calendar file is rewritten (ms): a burst of changes writes once.
CALENDAR_DELAY_MS = 800
#: How many due items the tray menu lists before "… and N more".
MENU_ITEMS = 8
#: Seconds the notification's "Open Today" button is listened for.
ACTION_WAIT_S = 8 * 3600
#: How often, and for how long after start, a missing system tray is looked for again (ms):
#: at login the panel often starts after Afterview.
TRAY_RETRY_MS = 5 * 1000
TRAY_WAIT_MS = 3 * 60 * 1000
#: The "Afterview is still running in the tray" message was shown once.
TRAY_EXPLAINED: Option[bool] = Option("tray/explained", bool, False)


def tray_available() -> bool:
    """Whether the desktop shows tray icons (replaced in tests: the offscreen platform has none)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def count_icon(base: QIcon, count: int, size: int = 64) -> QIcon:
    """``base`` with ``count`` painted in a red badge at the bottom right (no badge for 0)."""
    pixmap = base.pixmap(size, size)
    if count <= 0 or pixmap.isNull():
        return QIcon(base)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    badge = QRect(size // 3, size // 3, size * 2 // 3, size * 2 // 3)
    painter.setBrush(QColor("#c62828"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(badge)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(size * 2 // 5 if count < 10 else size // 3)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")
    painter.end()
    return QIcon(pixmap)


class ReminderTray(QObject):
    """The tray icon (where there is a tray) and the reminders of the running window."""

    #: the user clicked the notification's "Open Today" (emitted from a listening thread)
    notification_action = Signal(str)

    def __init__(self, window: Any, *, show_icon: bool | None = None) -> None:
        super().__init__(window)
        self.setObjectName("reminder_tray")
        self.window = window
        self.context = window.context
        self.quitting = False
        self.items: list[Any] = []
        self.icon = QSystemTrayIcon(self)
        self.icon.setObjectName("tray_icon")
        self._base_icon = QApplication.windowIcon()
        if self._base_icon.isNull():  # a window made without ui/app.py (tests): the bundled icon
            from desktop_app.desktop_entry import ICON_SIZES, icon_png

            for size in ICON_SIZES:
                self._base_icon.addFile(str(icon_png(size)))
        self.icon.setIcon(self._base_icon)
        self.menu = QMenu()
        self.menu.setObjectName("tray_menu")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.open_today)
        # emitted from the listening thread: queued, so the window is touched on the GUI thread only
        self.notification_action.connect(self._on_notification_action, Qt.ConnectionType.QueuedConnection)
        self.calendar_timer = QTimer(self)
        self.calendar_timer.setSingleShot(True)
        self.calendar_timer.setInterval(CALENDAR_DELAY_MS)
        self.calendar_timer.timeout.connect(self.write_calendar)
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(TICK_MS)
        self.day_timer.timeout.connect(self.tick)
        self._day: date | None = None
        self._workers: list[Any] = []
        from desktop_app.services import reminders

        # while this window runs it reminds the user itself: ``afterview remind`` stands aside
        self._window_mark = reminders.hold_window_mark(self.context.data_dir)
        events = self.context.events
        for signal in (events.applications_changed, events.referees_changed, events.vault_changed,
                       events.settings_changed):
            signal.connect(self.refresh)
            signal.connect(self.calendar_timer.start)
        events.applications_changed.connect(self.offer_autostart_once)
        events.settings_changed.connect(self._withdraw_offer_if_on)
        self.offer: AutostartOffer | None = None
        window.installEventFilter(self)
        # File → Quit quits for real, also when closing the window only hides it
        window.quit_action.triggered.disconnect()
        window.quit_action.triggered.connect(self.quit)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._leaving)
        # no tray yet (the panel may start after Afterview at login): look again for a while
        self.tray_timer = QTimer(self)
        self.tray_timer.setObjectName("tray_retry_timer")
        self.tray_timer.setInterval(TRAY_RETRY_MS)
        self.tray_timer.timeout.connect(self._retry_tray)
        self._tray_waited_ms = 0
        if show_icon if show_icon is not None else tray_available():
            self._show_icon()
        elif show_icon is None:
            self.tray_timer.start()
            app_screens = QApplication.instance()
            if isinstance(app_screens, QApplication):
                app_screens.screenAdded.connect(self._retry_tray)  # a panel on a new screen

    def _show_icon(self) -> None:
        QApplication.setQuitOnLastWindowClosed(False)
        self.icon.show()

    def waiting_for_tray(self) -> bool:
        """Whether the icon is still waiting for a system tray to appear."""
        return self.tray_timer.isActive()

    def _retry_tray(self, *_args: Any) -> None:
        """A tray appeared: show the icon. None after :data:`TRAY_WAIT_MS`: a hidden window
        (started at login in the tray) is shown minimised, never left invisible."""
        if not self.tray_timer.isActive() or self.icon.isVisible():
            return
        if tray_available():
            self.tray_timer.stop()
            self._show_icon()
            return
        self._tray_waited_ms += self.tray_timer.interval()
        if self._tray_waited_ms >= TRAY_WAIT_MS:
            self.tray_timer.stop()
            if not self.window.isVisible():
                self.window.showMinimized()

    # ---------------------------------------------------------------- start and days
    def start(self) -> None:
        """Once the database is connected: the menu, the day's notification, the calendar."""
        self.refresh()
        self._day = clock.today()
        self.notify_if_due()
        self.write_calendar()
        self.day_timer.start()

    def tick(self) -> None:
        """Every few minutes: on a new day, the notification again, and the calendar's "today"."""
        from desktop_app.services import reminders

        today = clock.today()
        if self.window.isVisible():
            reminders.mark_seen(today)
        if today != self._day:
            self._day = today
            self.refresh()
            self.notify_if_due()
            self.write_calendar()

    def _leaving(self) -> None:
        """The user leaves the window: "since you were last here" counts from today."""
        from desktop_app.services import reminders

        if self._day is not None:  # started: the database is connected
            reminders.mark_seen(clock.today())

    # ---------------------------------------------------------------- the icon and its menu
    def refresh(self) -> None:
        """Read what is due now and show it: the count on the icon, the items in the menu."""
        from desktop_app.services.today.due import due_items

        self.items = due_items(clock.today())
        count = len(self.items)
        self.icon.setIcon(count_icon(self._base_icon, count))
        self.icon.setToolTip(self.tr("Afterview: nothing is due today") if not count
                             else self.tr("Afterview: {0} due today").format(count))
        self._build_menu()

    def _build_menu(self) -> None:
        self.menu.clear()
        self.open_action = self._add(self.tr("Open Afterview"), "tray_open", self.open_window)
        self.menu.addSeparator()
        if not self.items:
            self._add(self.tr("Nothing is due today"), "tray_nothing_due", None).setEnabled(False)
        else:
            heading = self._add(self.tr("Due today ({0})").format(len(self.items)), "tray_due_heading", None)
            heading.setEnabled(False)
        self.item_actions: list[QAction] = []
        for item in self.items[:MENU_ITEMS]:
            text = f"{item.subject} — {item.text}"
            if len(text) > 70:
                text = text[:69] + "…"
            action = self._add(text, f"tray_item_{len(self.item_actions)}",
                               lambda _checked=False, i=item: self.open_item(i))
            action.setToolTip(item.text)
            self.item_actions.append(action)
        if len(self.items) > MENU_ITEMS:
            self._add(self.tr("… and {0} more").format(len(self.items) - MENU_ITEMS), "tray_more", self.open_today)
        self.menu.addSeparator()
        self.snooze_action = self._add(self.tr("Snooze all until tomorrow"), "tray_snooze_all", self.snooze_all)
        self.snooze_action.setEnabled(bool(self.items))
        self.menu.addSeparator()
        self.quit_action = self._add(self.tr("Quit Afterview"), "tray_quit", self.quit)

    def _add(self, text: str, name: str, slot: Any) -> QAction:
        action = QAction(text, self.menu)
        action.setObjectName(name)
        if slot is not None:
            action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            if self.window.isVisible() and not self.window.isMinimized():
                self.window.close()  # to the tray
            else:
                self.open_window()

    # ---------------------------------------------------------------- actions
    def open_window(self) -> None:
        """Show the window (from the tray, or un-minimised), on top."""
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def open_today(self) -> None:
        """The window on its Today tab (the notification's *Open Today*, a click on a tray message)."""
        self.open_window()
        self.window.show_tab(0)

    def open_item(self, item: Any) -> None:
        """Open the window on the item's application (or the tab that deals with its kind)."""
        from desktop_app.ui.today_tab import TAB_OF_KIND

        self.open_window()
        if item.application_id is None:
            self.window.show_tab(TAB_OF_KIND.get(item.kind, 0))
            return
        tab = self.window.show_tab(1)
        if not tab.select_application(item.application_id):
            tab.set_stage_filter("all")
            tab.panel.filter_edit.clear()
            tab.select_application(item.application_id)

    def snooze_all(self) -> None:
        """Snooze everything due until tomorrow (Today's *Snooze until…* for each item)."""
        from desktop_app.services.today.due import snooze

        tomorrow = clock.today() + timedelta(days=1)
        for item in self.items:
            snooze(item.key, tomorrow)
        events = self.context.events
        for signal in (events.applications_changed, events.referees_changed, events.vault_changed):
            signal.emit()

    def quit(self) -> None:
        """Quit for real (the tray's *Quit*, File → Quit)."""
        self.quitting = True
        self.window.close()
        if not self.window.isVisible():
            self.icon.hide()
            QCoreApplication.quit()
        else:
            self.quitting = False  # the window refused to close (it asked the user, who said no)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.window and event.type() == QEvent.Type.Close:
            if self.icon.isVisible() and not self.quitting:
                event.ignore()
                self.window.save_window_state()
                self.window.hide()
                self._leaving()
                self._explain_once()
                return True
            self._leaving()
        return super().eventFilter(watched, event)

    def _explain_once(self) -> None:
        settings = self.context.ui_settings
        if settings.get(TRAY_EXPLAINED):
            return
        settings.set(TRAY_EXPLAINED, True)
        settings.sync()
        self.icon.showMessage(self.tr("Afterview is still running"),
                              self.tr("It stays in the tray to remind you when something is due. "
                                      "Choose Quit in its menu to close it."),
                              QSystemTrayIcon.MessageIcon.Information, 10000)

    # ---------------------------------------------------------------- the day's notification
    def notify_if_due(self) -> None:
        """Claim and send today's notification in a worker (D-Bus may take a moment)."""
        from desktop_app.ui.workers import Worker

        if self.context.demo:
            return
        worker = Worker(lambda _progress, _cancelled: _claim_and_send(clock.today()))
        worker.signals.finished.connect(self._notified)
        self._workers.append(worker.start())

    def _notified(self, outcome: tuple[Any, int | None] | None) -> None:
        from desktop_app.services import reminders

        if outcome is None:
            return
        reminder, sent = outcome
        if sent is not None:
            threading.Thread(target=self._listen, args=(sent,), daemon=True).start()
        elif self.icon.isVisible():
            # no notification service (Windows, macOS, a bare Linux desktop): the tray says it
            self.icon.showMessage(reminder.title, reminder.sentence, QSystemTrayIcon.MessageIcon.Information, 15000)
        else:
            reminders.release(reminder)  # shown nowhere: the next try tells the user

    def _listen(self, sent: Any) -> None:
        from desktop_app import desktop_notifications

        action = desktop_notifications.wait_for_action(sent, ACTION_WAIT_S)
        if action is not None:
            self.notification_action.emit(action)

    def _on_notification_action(self, action: str) -> None:
        if action in ("default", "open-today"):
            self.open_today()

    # ---------------------------------------------------------------- the live calendar
    def write_calendar(self) -> None:
        """Rewrite the live ``.ics`` in a worker; a failure is said in the status bar."""
        from desktop_app.services.exchange import calendar_export
        from desktop_app.ui.workers import Worker

        data_dir = self.context.data_dir
        worker = Worker(lambda _progress, _cancelled: calendar_export.write_live_calendar(data_dir))
        worker.signals.failed.connect(lambda message: self.window.statusBar().showMessage(
            self.tr("The calendar file could not be updated: {0}").format(message), 8000))
        self._workers = [w for w in self._workers if not w.done.is_set()]
        self._workers.append(worker.start())

    # ---------------------------------------------------------------- start at login, offered once
    def offer_autostart_once(self) -> None:
        """After the first application is added: a non-modal offer to start Afterview at login."""
        from desktop_app.services import reminders

        if self.context.demo or self.offer is not None or not reminders.should_offer_autostart():
            return  # (#14) one offer at a time: a restore brings back data that was never asked
        reminders.mark_autostart_offered()
        self.offer = AutostartOffer(self.window)
        self.offer.accepted.connect(self.enable_autostart)
        self.offer.destroyed.connect(self._offer_gone)
        # in the status bar: seen, but never in the way of the work (non-modal, no dialog)
        self.window.statusBar().addWidget(self.offer, 1)
        self.offer.show()

    def _offer_gone(self, *_args: Any) -> None:
        self.offer = None

    def _withdraw_offer_if_on(self) -> None:
        """Start at login was turned on in Settings: the offer has nothing left to offer."""
        from desktop_app import autostart

        if self.offer is not None and self.offer.isVisible() and autostart.is_enabled():
            self.offer.withdraw()

    def enable_autostart(self) -> None:
        """Install the start-at-login entry; a failure is said through the prompts, nothing half-written."""
        from desktop_app import autostart

        try:
            autostart.enable(autostart_data_dir(self.context.data_dir))
        except OSError as exc:
            self.context.prompts.warn(self.window, self.tr("Start at login"), self.tr(
                "Afterview could not set itself to start at login: {0}").format(exc.strerror or exc))
            return
        self.window.statusBar().showMessage(self.tr("Afterview will start in the tray when you log in."), 6000)


class AutostartOffer(QFrame):
    """The one-time offer to start at login, as a strip in the status bar (never a dialog)."""

    #: the user chose *Start at login*
    accepted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autostart_offer")
        self.label = QLabel(self.tr("Start Afterview quietly in the tray when you log in, so it can remind "
                                    "you on the day a follow-up is due?"), self)
        self.label.setWordWrap(True)
        self.yes = QPushButton(self.tr("Start at login"), self)
        self.yes.setObjectName("autostart_yes")
        self.no = QPushButton(self.tr("Not now"), self)
        self.no.setObjectName("autostart_no")
        self.no.setAccessibleName(self.tr("Not now (Settings → Reminders can turn it on later)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        self.yes.clicked.connect(self.accepted.emit)
        self.yes.clicked.connect(self._done)
        self.no.clicked.connect(self._done)

    def _done(self) -> None:
        self.hide()
        self.deleteLater()

    def withdraw(self) -> None:
        """Take the offer away without an answer (start at login was turned on elsewhere)."""
        self._done()


def autostart_data_dir(data_dir: Any) -> Any:
    """The ``--data-dir`` to start at login with: None for the usual folder."""
    from pathlib import Path

    from desktop_app.store.location import resolve_data_dir

    return None if Path(data_dir) == resolve_data_dir(None) else Path(data_dir)


def _claim_and_send(today: date) -> tuple[Any, Any] | None:
    """In a worker: claim today's reminder and send it over D-Bus, listening for a click;
    (reminder, :class:`desktop_notifications.Sent` or None when there is no service)."""
    from desktop_app import desktop_notifications
    from desktop_app.services import reminders

    reminder = reminders.claim_today(today)
    if reminder is None:
        return None
    try:
        sent = desktop_notifications.send(reminder.title, reminder.sentence,
                                          actions=[(desktop_notifications.DEFAULT_ACTION,
                                                    QCoreApplication.translate("ReminderTray", "Open Today"))],
                                          listen=True)
    except desktop_notifications.NotificationUnavailable:
        return reminder, None
    return reminder, sent
