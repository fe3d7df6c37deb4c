"""The main window's actions for the follow-up workflow: add application, log contact, settings,
calendar and spreadsheet export/import.

Installed into the window by :func:`install` (one line in ``MainWindow``), so the
window module stays small. Heavy modules are imported when an action runs, not at
start-up.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def install(window: Any) -> None:
    """Add the actions to ``window``'s File and Edit menus and to its toolbar."""

    def action(text: str, name: str, slot: Any, shortcut: Any = None) -> QAction:
        made = window._action(text, name, lambda _checked=False: slot(window), shortcut)
        setattr(window, name.removeprefix("action_") + "_action", made)
        return made

    add = action(_tr("&Add application…"), "action_add_application", add_application, QKeySequence.StandardKey.New)
    log = action(_tr("&Log contact…"), "action_log_contact", log_contact, "Ctrl+L")
    interview = action(_tr("Add &interview…"), "action_add_interview", add_interview, "Ctrl+Shift+N")
    settings = action(_tr("&Settings…"), "action_settings", open_settings, QKeySequence.StandardKey.Preferences)
    if settings.shortcut().isEmpty():
        settings.setShortcuts([QKeySequence("Ctrl+,")])  # not setShortcut(): see MainWindow._action
    calendar = action(_tr("Export &calendar…"), "action_export_calendar", export_calendar)
    export_csv = action(_tr("Export applications (CSV)…"), "action_export_applications_csv", export_applications_csv)
    import_csv = action(_tr("Import applications (CSV)…"), "action_import_applications_csv", import_applications_csv)

    file_menu = window.file_menu
    quit_action = window.quit_action
    separator = file_menu.insertSeparator(quit_action)
    for item in (calendar, export_csv, import_csv):
        file_menu.insertAction(separator, item)
    edit_menu = window.edit_menu
    first = edit_menu.actions()[0] if edit_menu.actions() else None
    for item in (add, log, interview):
        edit_menu.insertAction(first, item)
    edit_menu.insertSeparator(first)
    edit_menu.addAction(settings)
    window.toolbar.addAction(add)
    window.toolbar.addAction(log)


def run_dialog(dialog: Any) -> bool:
    """Show a dialog modally (tests replace this to drive the dialog themselves)."""
    return bool(dialog.exec())


def _applications(window: Any) -> Any:
    return window.show_tab(1)


def add_application(window: Any) -> None:
    _applications(window).add_application()


def log_contact(window: Any) -> None:
    tab = _applications(window)
    if tab.selected_id() is None:
        window.statusBar().showMessage(_tr("Select an application first, then log the contact."), 5000)
        return
    tab.log_contact()


def add_interview(window: Any) -> None:
    tab = _applications(window)
    if tab.selected_id() is None:
        window.statusBar().showMessage(_tr("Select an application first, then add its interview."), 5000)
        return
    tab.add_interview()


def open_settings(window: Any) -> None:
    from desktop_app.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window)
    dialog.exec()
    if dialog.changed:
        window.context.events.settings_changed.emit()


def export_calendar(window: Any) -> None:
    from desktop_app.services.exchange import calendar_export
    from desktop_app import clock

    target = window.context.prompts.save_path(window, _tr("Export calendar"), "afterview.ics",
                                              _tr("Calendar (*.ics)"), kind="calendar")
    if target is None:
        return
    try:
        count = calendar_export.export_to_file(target, today=clock.today())
    except OSError as exc:
        window.context.prompts.warn(window, _tr("Export calendar"), _tr(
            "Afterview could not write {0}: {1}").format(target, exc.strerror or exc))
        return
    window.statusBar().showMessage(_tr("Exported {0} calendar entries to {1}.").format(count, target), 6000)


def export_applications_csv(window: Any) -> None:
    from desktop_app.services.exchange import applications_csv

    target = window.context.prompts.save_path(window, _tr("Export applications"), "applications.csv",
                                              _tr("Spreadsheet (*.csv)"), kind="spreadsheet")
    if target is None:
        return
    try:
        count = applications_csv.export_csv(target)
    except OSError as exc:
        window.context.prompts.warn(window, _tr("Export applications"), _tr(
            "Afterview could not write {0}: {1}").format(target, exc.strerror or exc))
        return
    window.statusBar().showMessage(_tr("Exported {0} applications to {1}.").format(count, target), 6000)


def import_applications_csv(window: Any) -> None:
    from desktop_app.services.exchange import applications_csv
    from desktop_app.ui.dialogs.csv_import_dialog import CsvImportDialog

    source = window.context.prompts.open_path(window, _tr("Import applications"),
                                             # Excel's "Unicode text" is saved as .txt (issue #15)
                                             _tr("Spreadsheet (*.csv *.tsv *.txt);;All files (*)"),
                                             kind="spreadsheet")
    if source is None:
        return
    try:
        table = applications_csv.read_csv(source)
    except applications_csv.CsvError as exc:
        window.context.prompts.warn(window, _tr("Import applications"),
                                    _tr("Nothing was imported.\n\n{0}").format(exc))
        return
    dialog = CsvImportDialog(table, window, settings=window.context.ui_settings, source_name=source.name)
    if run_dialog(dialog):
        window.context.events.applications_changed.emit()
        window.context.prompts.inform(window, _tr("Import applications"),
                                      _tr("Imported {0} applications.").format(dialog.imported))
