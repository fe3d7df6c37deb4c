"""The main window: four tabs, a menu bar, a toolbar and a status bar.

Every question to the user and every file picker goes through ``context.prompts``
(:mod:`desktop_app.ui.prompts`), so tests replace that one object instead of
clicking through a native dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

import importlib
from typing import Any

from desktop_app.ui.context import AppContext
from desktop_app.ui.ui_settings import LAST_TAB, WINDOW_GEOMETRY, WINDOW_STATE

#: The tabs, in order: (attribute, module, class). A tab is built the first time it is
#: shown or asked for, so start-up pays only for the tab the user sees.
TABS: tuple[tuple[str, str, str], ...] = (
    ("today_tab", "desktop_app.ui.today_tab", "TodayTab"),
    ("applications_tab", "desktop_app.ui.applications_tab", "ApplicationsTab"),
    ("referees_tab", "desktop_app.ui.referees_tab", "RefereesTab"),
    ("vault_tab", "desktop_app.ui.vault_tab", "VaultTab"),
    ("organisations_tab", "desktop_app.ui.organisations_tab", "OrganisationsTab"),
)


#: The smallest window (pixels, without the window manager's frame): the smallest laptop screen.
MINIMUM_WIDTH, MINIMUM_HEIGHT = 1024, 640


def delete_slot(area: QWidget, focused: QWidget | None) -> Any:
    """What Edit → Delete does in ``area`` (a tab): the Delete key's action of the list holding the
    keyboard focus (``focused``), else of the tab's main table on show (a ``…_table``), else of
    the first list on show that has one; None when ``area`` has no list with Delete (Today).
    Issue #18: the menu item and the key are one action. The key's filters are the objects named
    ``delete_key`` (:func:`desktop_app.ui.people_actions.on_delete_key`), each with its ``slot``."""
    widget = focused
    while widget is not None and widget is not area:
        for child in widget.children():
            if child.objectName() == "delete_key":
                return child.slot  # type: ignore[attr-defined]
        widget = widget.parentWidget()
    shown = [key for key in area.findChildren(QObject, "delete_key")
             if isinstance(key.parent(), QWidget) and key.parent().isVisibleTo(area)]  # type: ignore[union-attr]
    tables = [key for key in shown if key.parent().objectName().endswith("_table")]
    return (tables or shown)[0].slot if shown else None  # type: ignore[attr-defined]


class _TabPage(QWidget):
    """The page in the tab widget; the real tab is built into it on first use."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)


class MainWindow(QMainWindow):
    #: emitted once, as the window is painted for the first time (before the window queues
    #: its own after-paint work, so what a listener queues runs first)
    first_painted = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.context = context
        from desktop_app.ui import theme

        theme.follow_system_scheme()  # #18: light or dark as the system says, before any colour is chosen
        from desktop_app.ui.prompts import report_write_failures  # #14: a full disk said in plain words

        report_write_failures(self, context.prompts, context.data_dir)
        # #18: one form of title everywhere, "<what> — Afterview": Qt adds " — Afterview" (the
        # application's display name) to every window's title itself, so a title naming the
        # app again read "Afterview — sample data … — Afterview"
        self.setWindowTitle(self.tr("Sample data (changes are thrown away)") if context.demo else "Afterview")
        self.resize(1100, 720)
        # #18: the smallest laptop screen; every tab fits it, nothing clipped (less only when the
        # screen itself, less its frame and panels, is smaller: see _fit_on_screen)
        self.setMinimumSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self._pages: list[_TabPage] = []
        # mnemonics (Alt+letter) clear of the menus' F, E, V, H and of the tabs' own buttons
        for title in (self.tr("&Today"), self.tr("A&pplications"), self.tr("Referee&s"), self.tr("Va&ult"),
                      self.tr("&Organisations")):
            page = _TabPage(self.tabs)
            self._pages.append(page)
            self.tabs.addTab(page, title)
        self.setCentralWidget(self.tabs)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        from desktop_app.ui import application_actions

        application_actions.install(self)  # Add application, Log contact, Settings, calendar and CSV
        from desktop_app.ui import icons

        icons.decorate(self.toolbar)  # #18: bundled SVG icons beside the actions' text
        self.folder_label = QLabel(self.tr("Data folder: {0}").format(context.data_dir), self)
        self.folder_label.setObjectName("status_data_folder")
        self.statusBar().addPermanentWidget(self.folder_label)
        self._restore_window_state()
        # Connected only now, so that restoring the last tab does not build it: the tab on show
        # is built just after the first paint (eventFilter), so start-up never waits for it.
        self.tabs.currentChanged.connect(self.tab)
        self._painted = False
        self.installEventFilter(self)

    # ------------------------------------------------------------------ tabs
    def tab(self, index: int) -> Any:
        """The tab at ``index``, built now if this is the first time it is needed."""
        page = self._pages[index]
        if page.content is None:
            _attribute, module, cls = TABS[index]
            content = getattr(importlib.import_module(module), cls)(self.context, page)
            page.content = content
            page.layout().addWidget(content)
            if index == 0:
                content.count_changed.connect(self._show_due_count)
                self._show_due_count(content.due_count())
        return page.content

    @property
    def today_tab(self) -> Any:
        return self.tab(0)

    @property
    def applications_tab(self) -> Any:
        return self.tab(1)

    @property
    def referees_tab(self) -> Any:
        return self.tab(2)

    @property
    def vault_tab(self) -> Any:
        return self.tab(3)

    @property
    def organisations_tab(self) -> Any:
        return self.tab(4)

    def show_tab(self, index: int) -> Any:
        self.tabs.setCurrentIndex(index)
        return self.tab(index)

    # ------------------------------------------------------------------ building
    def _action(self, text: str, name: str, slot: object, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            # setShortcuts() with the one sequence is what setShortcut() does, but PySide6's
            # overload check for setShortcut() builds every enum of the Qt namespace the first
            # time (~30 ms of start-up)
            sequence = QKeySequence(shortcut)
            action.setShortcuts([sequence] if not sequence.isEmpty() else [])
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _build_actions(self) -> None:
        self.profile_action = self._action(self.tr("&Profile…"), "action_profile", self.edit_profile,
                                           "Ctrl+Shift+P")
        self.export_data_action = self._action(self.tr("&Export data…"), "action_export_data",
                                               self.export_data, "Ctrl+Shift+E")
        self.import_data_action = self._action(self.tr("&Import data…"), "action_import_data",
                                               self.import_data, "Ctrl+Shift+I")
        self.export_pack_action = self._action(self.tr("Export reference &pack…"), "action_export_pack",
                                               lambda _checked=False: self.export_pack(), "Ctrl+Shift+R")
        self.activity_report_action = self._action(self.tr("Activity &report…"), "action_activity_report",
                                                   lambda _checked=False: self.activity_report())
        self.back_up_action = self._action(self.tr("&Back up…"), "action_back_up",
                                           lambda _checked=False: self.back_up(), "Ctrl+Shift+B")
        self.restore_action = self._action(self.tr("Res&tore…"), "action_restore",
                                           lambda _checked=False: self.restore_from_backup())
        self.add_documents_action = self._action(self.tr("Add &documents…"), "action_add_documents",
                                                 lambda _checked=False: self.show_tab(3).add_documents(),
                                                 "Ctrl+Shift+D")
        self.verify_vault_action = self._action(self.tr("&Verify vault"), "action_verify_vault",
                                                lambda _checked=False: self.show_tab(3).verify_vault())
        self.quit_action = self._action(self.tr("&Quit"), "action_quit", self.close, QKeySequence.StandardKey.Quit)
        self.find_action = self._action(self.tr("&Find"), "action_find", self.focus_filter, QKeySequence.StandardKey.Find)
        self.undo_action = self._action(self.tr("&Undo"), "action_undo", lambda _checked=False: self.undo(),
                                        QKeySequence.StandardKey.Undo)
        # #18: the Delete key of every list, in the menu with its key shown; the key itself stays
        # a key of the list with the focus (not a window shortcut, which would take Delete from
        # the text boxes), so the shortcut is only shown, after the tab
        delete_key = QKeySequence(QKeySequence.StandardKey.Delete).toString(QKeySequence.SequenceFormat.NativeText)
        self.delete_action = self._action(self.tr("&Delete…") + f"\t{delete_key}", "action_delete",
                                          lambda _checked=False: self.delete_selected())
        # the Referees tab's Brief… button keeps its Ctrl+B (a second window shortcut would make the
        # key ambiguous and neither would answer): the menu shows it and presses the same button
        self.brief_action = self._action(self.tr("&Brief referee…") + "\tCtrl+B", "action_brief_referee",
                                         lambda _checked=False: self.show_tab(2).brief_referee())
        self.edit_selected_action = self._action(  # #18: F2 edits the selected row of the tab on show
            self.tr("&Edit selected…"), "action_edit_selected", lambda _checked=False: self.edit_selected(), "F2")
        self.trash_action = self._action(self.tr("&Trash…"), "action_trash", lambda _checked=False: self.show_trash())
        self.refresh_action = self._action(self.tr("&Refresh"), "action_refresh",
                                           self.context.events.everything_changed.emit, QKeySequence.StandardKey.Refresh)
        self.about_action = self._action(self.tr("&About Afterview"), "action_about", self.show_about)
        self.open_folder_action = self._action(self.tr("Open &data folder"), "action_open_data_folder",
                                               self.open_data_folder)
        self.tab_actions = []
        for index in range(self.tabs.count()):
            action = self._action(self.tabs.tabText(index).split(" (")[0], f"action_tab_{index}",
                                  lambda _checked=False, i=index: self.tabs.setCurrentIndex(i),
                                  f"Ctrl+{index + 1}")
            self.tab_actions.append(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.setObjectName("menu_file")
        self.file_menu.addAction(self.import_data_action)
        self.file_menu.addAction(self.export_data_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.add_documents_action)
        self.file_menu.addAction(self.verify_vault_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_pack_action)
        self.file_menu.addAction(self.activity_report_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.back_up_action)
        self.file_menu.addAction(self.restore_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu.setObjectName("menu_edit")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.trash_action)
        # #14: the menu shows Undo greyed out when there is nothing it can undo (e.g. after emptying
        # the Trash); Ctrl+Z stays live outside the menu and says so in the status bar
        self.edit_menu.aboutToShow.connect(self._show_undo_state)
        self.edit_menu.aboutToHide.connect(lambda: (self.undo_action.setEnabled(True),
                                                    self.delete_action.setEnabled(True)))
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.edit_selected_action)
        self.edit_menu.addAction(self.delete_action)
        self.edit_menu.addAction(self.brief_action)
        self.edit_menu.aboutToShow.connect(self._show_delete_state)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.profile_action)
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.setObjectName("menu_view")
        for action in self.tab_actions:
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)
        # #18: the document preview's keys (its buttons' shortcuts, live while the Vault is shown),
        # in a menu with the keys shown; each presses the preview's own button
        self.preview_menu = self.view_menu.addMenu(self.tr("Document &preview"))
        self.preview_menu.setObjectName("menu_preview")
        for text, button, key in (
                (self.tr("&Previous page"), "previous_button", QKeySequence.StandardKey.MoveToPreviousPage),
                (self.tr("&Next page"), "next_button", QKeySequence.StandardKey.MoveToNextPage),
                (self.tr("Zoom &in"), "zoom_in_button", QKeySequence.StandardKey.ZoomIn),
                (self.tr("Zoom &out"), "zoom_out_button", QKeySequence.StandardKey.ZoomOut),
                (self.tr("Fit &width"), "fit_width_button", None),
                (self.tr("&Whole page"), "fit_page_button", None)):
            shown = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) if key is not None else ""
            action = self._action(
                text + (f"\t{shown}" if shown else ""), f"action_preview_{button.removesuffix('_button')}",
                lambda _checked=False, b=button: getattr(self.show_tab(3).preview, b).click())
            action.setData(button)
            self.preview_menu.addAction(action)
        self.preview_menu.aboutToShow.connect(self._show_preview_state)
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.setObjectName("menu_help")
        self.help_menu.addAction(self.open_folder_action)
        self.help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        # (actions without icons show their text; no style needed, and touching the Qt
        # namespace costs start-up time — see bench/startup.py)
        self.toolbar.addAction(self.profile_action)
        self.addToolBar(self.toolbar)

    # ------------------------------------------------------------------ state
    def _restore_window_state(self) -> None:
        settings = self.context.ui_settings
        geometry = settings.get(WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        # the remembered size, or the first start's 1100×720, never larger than the screen
        self._fit_on_screen()
        state = settings.get(WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        last = settings.get(LAST_TAB)
        if 0 <= last < self.tabs.count():
            self.tabs.setCurrentIndex(last)

    def _fit_on_screen(self) -> None:
        """Shrink a size larger than the screen (the first start's default on a small laptop, a
        window once widened by a very long name, or moved from a bigger monitor) so that the
        window *with its frame* (title bar, borders) fits the screen's available area.

        Issue #18: on a 1024×640 screen the 640-pixel window plus its title bar was taller than
        the screen, and the bottom of Today's "Coming up" was cut off. Before the window manager
        has framed the window its frame is not known, so a usual title bar is assumed
        (:meth:`_frame_extra`); :meth:`eventFilter` fits again with the real frame once painted.
        The smallest size (1024×640, the smallest laptop screen) gives way to the screen: the
        tabs scroll rather than being cut.
        """
        screen = self.screen()
        if screen is None:
            return
        area = screen.availableGeometry()
        extra_width, extra_height = self._frame_extra()
        room_width, room_height = area.width() - extra_width, area.height() - extra_height
        self.setMinimumSize(min(MINIMUM_WIDTH, room_width), min(MINIMUM_HEIGHT, room_height))
        width, height = min(self.width(), room_width), min(self.height(), room_height)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        if not area.contains(frame):
            self.move(max(area.left(), min(frame.left(), area.right() + 1 - frame.width())),
                      max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height())))

    def _fit_framed_on_screen(self) -> None:
        """:meth:`_fit_on_screen` again once the window manager has framed the window (no frame,
        as on a platform without one: the first fit's estimate stands)."""
        if self.frameGeometry().height() > self.geometry().height():
            self._fit_on_screen()

    def _frame_extra(self) -> tuple[int, int]:
        """(width, height) in pixels the window manager's frame adds: the real one once the window
        is framed, else a usual title bar and borders (the style's title bar height)."""
        frame, inside = self.frameGeometry(), self.geometry()
        if frame.height() > inside.height():
            return frame.width() - inside.width(), frame.height() - inside.height()
        from PySide6.QtWidgets import QStyle

        border = self.style().pixelMetric(QStyle.PixelMetric.PM_MdiSubWindowFrameWidth)
        return 2 * border, self.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight) + 2 * border

    def save_window_state(self) -> None:
        settings = self.context.ui_settings
        settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        settings.set(WINDOW_STATE, self.saveState())
        settings.set(LAST_TAB, self.tabs.currentIndex())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.save_window_state()
        super().closeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            # Listeners first: what they queue (connecting the database) runs before the
            # window's own after-paint work, which reads the store.
            self.first_painted.emit()
            # the frame may be known now: the window with its title bar must fit the screen (#18)
            QTimer.singleShot(0, self, self._fit_framed_on_screen)  # (not after the window is gone)
            # the tab on show, and Today (it gives the count in its title), once the window is up
            QTimer.singleShot(0, self, lambda: (self.tab(self.tabs.currentIndex()), self.tab(0)))
        return super().eventFilter(watched, event)

    def _show_due_count(self, count: int) -> None:
        self.tabs.setTabText(0, self.tr("&Today ({0})").format(count) if count else self.tr("&Today"))

    # ------------------------------------------------------------------ actions
    def edit_profile(self) -> None:
        from desktop_app.ui.dialogs.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self)
        if dialog.exec():
            self.context.events.profile_changed.emit()
            self.statusBar().showMessage(self.tr("Profile saved."), 4000)

    def show_about(self) -> None:
        from desktop_app.ui.dialogs.about_dialog import AboutDialog

        AboutDialog(self.context.data_dir, self, prompts=self.context.prompts).exec()

    def open_data_folder(self) -> None:
        from desktop_app.ui.dialogs.about_dialog import show_data_folder

        show_data_folder(self.context.data_dir, self.context.prompts, self)  # says so if nothing answered

    def edit_selected(self) -> bool:
        """Edit → Edit selected… (F2): the edit form of the selected row of the tab on show."""
        from desktop_app.ui import keyboard

        return keyboard.edit_selected(self.tab(self.tabs.currentIndex()))

    def delete_selected(self) -> bool:
        """Edit → Delete… (the Delete key of the list with the focus): delete the selected row, asked
        first by the list's own action; False when the tab on show has no list with Delete."""
        # (the window's focus child: the list the user was in, even while the menu is open)
        slot = delete_slot(self.tab(self.tabs.currentIndex()), self.focusWidget())
        if slot is None:
            self.statusBar().showMessage(self.tr("Nothing on this tab can be deleted."), 6000)
            return False
        slot()
        return True

    def _show_delete_state(self) -> None:
        page = self._pages[self.tabs.currentIndex()].content
        self.delete_action.setEnabled(page is not None and delete_slot(page, self.focusWidget()) is not None)

    def _show_preview_state(self) -> None:
        # greyed out as the preview's own buttons are (no document shown: nothing to page or zoom)
        page = self._pages[3].content
        for action in self.preview_menu.actions():
            button = getattr(page.preview, action.data(), None) if page is not None else None
            action.setEnabled(button is not None and button.isEnabled())

    def focus_filter(self) -> None:
        edit = None
        tab = self.tab(self.tabs.currentIndex())
        for candidate in tab.findChildren(QWidget):
            # the filter the user can see (a hidden page's filter would take the keys unseen)
            if candidate.objectName().endswith("_filter") and candidate.isEnabled() and candidate.isVisibleTo(tab):
                edit = candidate
                break
        if edit is not None:
            edit.setFocus()

    def export_pack(self, application_id: int | None = None) -> None:
        """The reference pack dialog, for an application or (None) a general pack."""
        from PySide6.QtCore import Qt  # here, not at the top: the Qt namespace costs start-up time

        from desktop_app.ui.pack_dialog import PackDialog

        dialog = PackDialog(self.context, self, application_id=application_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.pack_made.connect(lambda result: self.statusBar().showMessage(
            self.tr("Reference pack saved to {0}.").format(result.path), 8000))
        dialog.open()

    def activity_report(self) -> Any:
        """File → Activity report…: the job-search activity report for a period (PDF or CSV)."""
        from PySide6.QtCore import Qt

        from desktop_app.ui.dialogs.activity_report_dialog import ActivityReportDialog

        dialog = ActivityReportDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.report_made.connect(lambda result: self.statusBar().showMessage(
            self.tr("Activity report saved to {0}.").format(result.path), 8000))
        dialog.open()
        return dialog

    def undo(self) -> str:
        """Edit → Undo (Ctrl+Z): the last delete, stage change, dismiss or snooze; says what in the status bar."""
        from desktop_app.services.core import undo

        try:
            message = undo.undo_last()
        except undo.NothingToUndo as exc:
            message = str(exc)
        else:
            self.context.events.everything_changed.emit()
        self.statusBar().showMessage(message, 8000)
        return message

    def _show_undo_state(self) -> None:
        from desktop_app.services.core import undo

        label = undo.next_label()
        self.undo_action.setEnabled(label is not None)
        self.undo_action.setText(self.tr("&Undo {0}").format(label.replace("&", "&&")) if label else self.tr("&Undo"))

    def show_trash(self) -> Any:
        """Edit → Trash…: restore a deleted record, or empty the Trash."""
        from desktop_app.ui.dialogs.trash_dialog import TrashDialog

        dialog = TrashDialog(self.context, self)
        dialog.open()
        return dialog

    def back_up(self) -> Any:
        """File → Back up…: choose a file, then a worker writes it with a progress bar."""
        from desktop_app.ui.dialogs.backup_dialog import start_backup

        return start_backup(self)

    def restore_from_backup(self) -> Any:
        """File → Restore…: the automatic backups, or a chosen file."""
        from desktop_app.ui.dialogs.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.context, self)
        dialog.open()
        return dialog

    def export_data(self) -> None:
        from desktop_app.services.exchange import datafile

        target = self.context.prompts.save_path(self, self.tr("Export data"), "afterview-data.json",
                                                self.tr("Afterview data file (*.json)"), kind="data")
        if target is None:
            return
        try:
            datafile.export_to_file(target)
        except OSError as exc:
            self.context.prompts.warn(self, self.tr("Export data"), self.tr(
                "Afterview could not write {0}: {1}").format(target, exc.strerror or exc))
            return
        self.statusBar().showMessage(self.tr("Exported to {0}.").format(target), 6000)

    def import_data(self) -> None:
        """Import a data file in a worker: its documents may be large files to copy."""
        from desktop_app.services.exchange import datafile
        from desktop_app.ui.workers import Worker

        source = self.context.prompts.open_path(self, self.tr("Import data"),
                                                self.tr("Afterview data file (*.json)"), kind="data")
        if source is None:
            return
        self.import_data_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Importing {0} …").format(source.name))
        worker = Worker(lambda _progress, _cancelled: datafile.import_from_file(source))

        def finished(report: datafile.ImportReport) -> None:
            self.import_data_action.setEnabled(True)
            self.statusBar().clearMessage()
            self.context.events.everything_changed.emit()
            self.context.prompts.inform(self, self.tr("Import data"), report.summary())

        def failed(message: str) -> None:
            self.import_data_action.setEnabled(True)
            self.statusBar().clearMessage()
            self.context.prompts.warn(self, self.tr("Import data"),
                                      self.tr("Nothing was imported.\n\n{0}").format(message))

        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        self._import_worker = worker.start()
