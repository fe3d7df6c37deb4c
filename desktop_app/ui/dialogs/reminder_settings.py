"""Settings → Reminders: start at login, the daily notification, and where the live calendar is kept.

A page of the settings dialog (``settings_dialog.py`` adds it and calls :meth:`ReminderSettingsPage.save`
from its *Save*). Start at login is read from, and written to, the system itself
(:mod:`desktop_app.autostart`); the other two are kept in the data (Setting table).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.ui import theme
from desktop_app import autostart
from desktop_app.services import reminders
from desktop_app.services.exchange import calendar_export
from desktop_app.ui.prompts import Prompts


class ReminderSettingsPage(QWidget):
    """``demo``: the page of a ``--demo`` window, whose folder is deleted on quit, so start
    at login is shown but cannot be changed from it."""

    def __init__(self, data_dir: Path | None, prompts: Prompts | None = None,
                 parent: QWidget | None = None, *, demo: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("settings_reminders_page")
        self.data_dir = data_dir
        self.demo = demo
        self.prompts = prompts or Prompts()
        form = QFormLayout(self)
        intro = QLabel(self.tr("Every step of the advice is about timing. Afterview can remind you on the "
                               "day something becomes due, even when its window is closed."), self)
        intro.setWordWrap(True)
        form.addRow(intro)
        self.autostart_box = QCheckBox(self.tr("Start Afterview when I log in (it waits in the tray)"), self)
        self.autostart_box.setObjectName("setting_autostart")
        # the real state: what is installed for this user (it is per user, not per data folder)
        self.autostart_box.setChecked(autostart.is_enabled())
        form.addRow(self.autostart_box)
        self.autostart_where = QLabel(self)
        self.autostart_where.setObjectName("setting_autostart_where")
        self.autostart_where.setWordWrap(True)
        form.addRow(self.autostart_where)
        self._show_autostart_folder()
        if demo:
            self.autostart_box.setEnabled(False)
            self.autostart_where.setText(self.tr(
                "Not available in the demo: its folder is deleted when you quit. Open Afterview "
                "on your own data to turn it on."))
        self.autostart_box.toggled.connect(self._show_autostart_folder)
        self.notify_box = QCheckBox(self.tr("Show reminders as notifications (at most one a day)"), self)
        self.notify_box.setObjectName("setting_notifications")
        self.notify_box.setChecked(reminders.notifications_enabled())
        form.addRow(self.notify_box)
        self._chosen: Path | None = None
        self._reset = False
        self.calendar_edit = QLineEdit(self)
        self.calendar_edit.setObjectName("setting_calendar_path")
        self.calendar_edit.setReadOnly(True)
        self.calendar_edit.setAccessibleName(self.tr("Calendar file"))
        if data_dir is not None:
            self.calendar_edit.setText(str(calendar_export.live_calendar_path(data_dir)))
        choose = QPushButton(self.tr("Choose…"), self)
        choose.setObjectName("setting_calendar_choose")
        choose.clicked.connect(self.choose_calendar)
        default = QPushButton(self.tr("In the data folder"), self)
        default.setObjectName("setting_calendar_default")
        default.clicked.connect(self.default_calendar)
        row = QHBoxLayout()
        row.addWidget(self.calendar_edit, 1)
        row.addWidget(choose)
        row.addWidget(default)
        form.addRow(self.tr("Calendar file"), row)
        # beside the field: a place that cannot be written is said as soon as it is chosen
        self.calendar_problem = QLabel(self)
        self.calendar_problem.setObjectName("setting_calendar_problem")
        self.calendar_problem.setStyleSheet(theme.text_style(theme.ERROR))
        self.calendar_problem.setWordWrap(True)
        self.calendar_problem.hide()
        form.addRow("", self.calendar_problem)
        hint = QLabel(self.tr("Kept up to date after every change: subscribe to it in your calendar app "
                              "(Thunderbird, Evolution, Outlook) to be reminded there too."), self)
        hint.setWordWrap(True)
        form.addRow(hint)
        self.error = QLabel(self)
        self.error.setObjectName("reminders_error")
        self.error.setStyleSheet(theme.text_style(theme.ERROR))
        self.error.setWordWrap(True)
        form.addRow(self.error)

    def _wanted_autostart_dir(self) -> Path | None:
        return None if self.data_dir is None else _autostart_dir(self.data_dir)

    def _show_autostart_folder(self) -> None:
        """Say which data folder starts at login: the entry is the user's, not this folder's."""
        if self.demo:
            return
        usual = self.tr("your usual data folder")
        installed = autostart.installed_data_dir() if autostart.is_enabled() else None
        wanted = self._wanted_autostart_dir()
        if autostart.is_enabled() and not _same_folder(installed, wanted) and self.data_dir is not None:
            text = self.tr("At login Afterview opens {0}, not this folder. Save with the box ticked to "
                           "open this folder ({1}) instead.").format(installed or usual, wanted or usual)
        elif self.autostart_box.isChecked():
            text = self.tr("At login Afterview opens {0}.").format(wanted or usual)
        else:
            text = self.tr("This setting is yours, not the data folder's: it is the same in every folder.")
        self.autostart_where.setText(text)

    def choose_calendar(self) -> None:
        # the dialog opens where the calendar file is now
        current = self.calendar_edit.text() or "afterview.ics"
        target = self.prompts.save_path(self, self.tr("Keep the calendar file at"), current,
                                        self.tr("Calendar (*.ics)"), kind="calendar")
        if target is None:
            return
        problem = calendar_export.writable_problem(target)
        if problem is not None:
            self.calendar_problem.setText(self.tr("The calendar cannot be kept there: {0}. "
                                                  "Choose another place.").format(problem))
            self.calendar_problem.show()
            return
        self.calendar_problem.hide()
        self._chosen, self._reset = target, False
        self.calendar_edit.setText(str(target))

    def default_calendar(self) -> None:
        self.calendar_problem.hide()
        self._chosen, self._reset = None, True
        if self.data_dir is not None:
            from desktop_app.store.layout import LIVE_CALENDAR

            self.calendar_edit.setText(str(self.data_dir / LIVE_CALENDAR))

    def save(self) -> bool:
        """Apply the page; False (with the reason under it, nothing changed) when it cannot."""
        try:
            if self._chosen is not None:
                calendar_export.set_live_calendar_path(self._chosen)
            elif self._reset:
                calendar_export.set_live_calendar_path(None)
        except ValueError as exc:
            self.error.setText(self.tr("Calendar file: {0}. Nothing was saved.").format(exc))
            return False
        try:
            if self.demo:
                pass  # a demo folder is deleted on quit: never start it at login
            elif self.autostart_box.isChecked() and (
                    not autostart.is_enabled()
                    or not _same_folder(autostart.installed_data_dir(), self._wanted_autostart_dir())):
                autostart.enable(self._wanted_autostart_dir())
            elif not self.autostart_box.isChecked() and autostart.is_enabled():
                autostart.disable()
        except OSError as exc:
            self.error.setText(self.tr("Start at login could not be changed: {0}").format(exc.strerror or exc))
            return False
        reminders.set_notifications_enabled(self.notify_box.isChecked())
        return True


def _same_folder(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return a is b
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def _autostart_dir(data_dir: Path | None) -> Any:
    from desktop_app.ui.tray import autostart_data_dir

    return None if data_dir is None else autostart_data_dir(data_dir)
