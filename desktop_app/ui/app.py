"""Starting the window: the QApplication, the data folder, the main window.

A data folder that cannot be used (not writable, not a database, made by a newer
Afterview) gets a plain message and a non-zero exit; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app import APP_ID, APP_NAME, __version__

if TYPE_CHECKING:
    from desktop_app.single_instance import DataFolderClaim
    from desktop_app.ui.prompts import Prompts


def startup_prompts() -> Prompts:
    """The questions asked before the window exists (replaced in tests)."""
    from desktop_app.ui.prompts import Prompts

    return Prompts()


def show_startup_error(message: str) -> None:
    """Tell the user why Afterview cannot start (a dialog, through :func:`startup_prompts`)."""
    startup_prompts().error(None, APP_NAME, message)


def create_application() -> object:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(application_icon())
    return app


def application_icon() -> object:
    """The Afterview icon in every bundled size: windows, task bar and About box."""
    from PySide6.QtGui import QIcon

    from desktop_app.desktop_entry import ICON_SIZES, icon_png

    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)))
    return icon


#: Plain-Python modules the first screen needs. Imported before PySide6 on purpose:
#: once PySide6 is loaded, its ``__feature__`` import hook inspects every module imported
#: after it, which costs start-up time for modules that never touch Qt. (Peewee is not
#: among them: the database is connected just after the first paint, see run_gui.)
_PLAIN_MODULES = (
    "desktop_app.store.preflight",
    "desktop_app.desktop_entry",
)


def run_gui(args: argparse.Namespace, *, started: float) -> int:
    import importlib

    for name in _PLAIN_MODULES:
        importlib.import_module(name)
    from desktop_app.store.errors import DamagedDatabase, StoreError
    from desktop_app.store.location import resolve_data_dir
    from desktop_app.store.preflight import opens_as_is, prepare_store

    app = create_application()
    demo_dir: Path | None = None
    if args.demo:
        demo_dir = Path(tempfile.mkdtemp(prefix="afterview-demo-"))
        data_dir = demo_dir
    else:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    from desktop_app.single_instance import ClaimOutcome, DataFolderClaim
    from desktop_app.store.location import prepare_data_dir

    claim = DataFolderClaim(data_dir)
    try:
        # The lock lives in the data folder, so the folder must exist first.
        try:
            prepare_data_dir(data_dir)
        except StoreError as exc:
            print(f"afterview: {exc}", file=sys.stderr)
            if not args.quit_after_startup:
                show_startup_error(str(exc))
            return 2
        outcome = claim.claim(listen=False)  # listens once the window is up
        if outcome is ClaimOutcome.RAISED_OTHER:
            return 0  # the Afterview already open on this folder came to the front
        if outcome is not ClaimOutcome.PRIMARY:
            print(f"afterview: {claim.message}", file=sys.stderr)
            if not args.quit_after_startup:
                show_startup_error(claim.message)
            return 3
        connect_after_paint: Path | None = None
        try:
            path = prepare_store(data_dir)
            if demo_dir is None and opens_as_is(path):
                # Nearly every start: the database needs nothing, so Peewee and the connection
                # wait until the window has been painted (see _show_window).
                connect_after_paint = path
            else:
                # new, to be migrated, or in doubt: connected now, refused now if it must be
                _connect_database(path)
        except DamagedDatabase as exc:
            print(f"afterview: {exc}", file=sys.stderr)
            if args.quit_after_startup or not _offer_restore(data_dir, str(exc)):
                return 2
        except StoreError as exc:
            print(f"afterview: {exc}", file=sys.stderr)
            if not args.quit_after_startup:
                show_startup_error(str(exc))
            return 2
        if demo_dir is not None:
            from desktop_app.services.exchange.demo import load_demo

            load_demo(with_documents=True)
        in_tray = bool(getattr(args, "tray", False)) and not args.quit_after_startup
        if in_tray and connect_after_paint is not None:
            # started at login, in the tray: no window is painted, so connect now
            _connect_database(connect_after_paint, checked=True)
            connect_after_paint = None
        return _show_window(app, data_dir, demo=demo_dir is not None,
                            quit_after_startup=args.quit_after_startup, started=started,
                            claim=claim, connect_after_paint=connect_after_paint, in_tray=in_tray)
    finally:
        _close_database()
        claim.release()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def _connect_database(path: Path, *, checked: bool = False) -> None:
    """Connect, migrate and bind the database at ``path`` (prepared); raises StoreError.

    ``checked``: :func:`opens_as_is` has just run ``quick_check``, which need not run again.
    """
    from desktop_app.store.open import connect_database  # Peewee: loaded here, not before the window

    connect_database(path, checked=checked)


def _close_database() -> None:
    """Close the database connection, if the store was ever connected."""
    # the store module (and Peewee) is loaded only once connected: if it is not, there is nothing to close
    if "desktop_app.store.db" in sys.modules:
        from desktop_app.store.db import close_database

        close_database()


def _offer_restore(data_dir: Path, message: str) -> bool:
    """A damaged database: offer the newest automatic backup (the damaged file is kept aside)."""
    from desktop_app.ui.dialogs.restore_dialog import offer_restore_after_damage

    return offer_restore_after_damage(data_dir, message, startup_prompts())


def _show_window(app: object, data_dir: Path, *, demo: bool, quit_after_startup: bool,
                 started: float, claim: DataFolderClaim | None = None,
                 connect_after_paint: Path | None = None, in_tray: bool = False) -> int:
    """Show the main window and run the event loop; returns the exit code.

    ``connect_after_paint`` is the prepared database to connect just after the first
    paint (None: it is connected already). ``in_tray`` (``--tray``, at login): the window
    stays hidden behind the tray icon (the database is connected already); without a
    system tray it opens minimised instead.
    """
    from PySide6.QtCore import QTimer

    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow

    context = AppContext.create(data_dir, demo=demo, keyboard_rules=False)
    window = MainWindow(context)
    # the keyboard rules (ui/keyboard.py) cost ~50 ms of Qt class set-up: after the first paint,
    # before the tabs are built; install() also applies them to the widgets already made
    window.first_painted.connect(lambda: QTimer.singleShot(0, window, _install_keyboard_rules))
    if connect_after_paint is not None:
        # Queued by the first listener of first_painted, which the window emits before it
        # queues its own after-paint work (building the tabs, which read the store): so the
        # database is connected before anything reads it.
        window.first_painted.connect(lambda: QTimer.singleShot(
            0, lambda: _connect_after_paint(app, connect_after_paint, quit_after_startup)))
    if claim is not None:
        from desktop_app.single_instance import bring_to_front

        # A second launch on this data folder brings this window forward instead.
        claim.raise_requested.connect(lambda: bring_to_front(window))
        # queued: starting the server (QtNetwork) must not hold up the paint itself
        window.first_painted.connect(lambda: QTimer.singleShot(0, window, claim.listen))
        if in_tray:
            QTimer.singleShot(0, claim.listen)  # no paint comes while the window waits in the tray
    if quit_after_startup:
        def report_and_quit() -> None:
            print(f"startup_ms={round((time.perf_counter() - started) * 1000)}", flush=True)
            QTimer.singleShot(0, window.close)

        window.first_painted.connect(report_and_quit)
    daily_backup = not demo and not quit_after_startup
    if daily_backup:
        # after the first paint, in a worker (and imported only then): the day's backup
        # never delays the window
        window.first_painted.connect(lambda: QTimer.singleShot(0, window, lambda: _daily_backup(window, start=True)))
    if not quit_after_startup:
        # after the first paint and the tabs it queues (so queued twice, as the tray is): cached
        # previews whose document is gone leave the disk (services/vault/preview.py)
        window.first_painted.connect(lambda: QTimer.singleShot(
            0, window, lambda: QTimer.singleShot(0, window, _sweep_previews)))
        if in_tray:
            QTimer.singleShot(0, window, _sweep_previews)  # no paint comes while the window waits in the tray
    tray = _install_tray(window, in_tray=in_tray) if not quit_after_startup else None
    if not in_tray:
        window.show()
    elif tray is None or not (tray.icon.isVisible() or tray.waiting_for_tray()):
        window.showMinimized()  # (while the tray waits for a panel, it shows the window if none comes)
    try:
        return int(app.exec())  # type: ignore[attr-defined]
    finally:
        if daily_backup:
            _daily_backup(window, start=False)


def _install_tray(window: Any, *, in_tray: bool) -> Any:
    """The tray icon and reminders (ui/tray.py). At a normal start they begin after the
    first paint and the tabs it queues, so start-up never waits for them; in the tray
    they begin at once. Returns the tray when made now, else None."""
    from PySide6.QtCore import QTimer

    def start() -> Any:
        from desktop_app.ui.tray import ReminderTray

        window.reminder_tray = ReminderTray(window)
        window.reminder_tray.start()
        return window.reminder_tray

    if in_tray:
        return start()
    # queued twice: after the window's own after-paint work (the tabs), which it queues on the same signal
    window.first_painted.connect(lambda: QTimer.singleShot(0, window, lambda: QTimer.singleShot(0, window, start)))
    return None


def _connect_after_paint(app: object, path: Path, quit_after_startup: bool) -> None:
    """Connect the database that :func:`opens_as_is` found ready; on failure, say why and exit 2."""
    from desktop_app.store.errors import StoreError

    try:
        _connect_database(path, checked=True)
    except StoreError as exc:
        # it was found sound a moment ago: only a change since gets here; the same message as
        # before the window, then Afterview ends
        print(f"afterview: {exc}", file=sys.stderr)
        if not quit_after_startup:
            show_startup_error(str(exc))
        app.exit(2)  # type: ignore[attr-defined]


def _daily_backup(window: object, *, start: bool) -> None:
    from desktop_app.ui.dialogs.backup_dialog import start_daily_backup, stop_daily_backup

    if start:
        start_daily_backup(window)
    else:
        stop_daily_backup(window)


def _sweep_previews() -> None:
    """Remove the flattened previews of documents no longer in the vault (a copy of a
    transcript must not outlive it): one folder listing, nothing when there is no cache."""
    from desktop_app.services.vault import preview

    preview.sweep_orphans()


def _install_keyboard_rules() -> None:
    from desktop_app.ui import keyboard

    keyboard.install()
