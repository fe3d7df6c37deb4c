"""Every hand-off to the system (email app, browser, file manager, PDF viewer), through one function.

Issue #18: with no mail program or file manager installed, Compose's *Open in email
app*, Help → *Open data folder*, the About box's button and the vault's *Open in
default viewer* did nothing at all. On Linux ``QDesktopServices.openUrl`` answers True
as soon as it has *started* ``xdg-open``; ``xdg-open`` then fails on its own ("no
method available", exit 3 or 4) and nobody hears of it. So on Linux :func:`hand_off`
runs ``xdg-open`` (else ``gio open``) itself in a :class:`QProcess` — the window never
waits — and watches how it ends. Elsewhere ``QDesktopServices.openUrl`` does report
failure, and is used as it is.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QProcess, QProcessEnvironment, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

#: How long (ms) an opener may run before it counts as answered. ``xdg-open`` without a
#: desktop environment runs the program it found in the foreground and ends only when that
#: program does; a failure ("no method available", exit 3; "action failed", exit 4) comes
#: well within this time.
ANSWERED_AFTER_MS = 3000


def opener_command(url: QUrl) -> list[str] | None:
    """The command that opens ``url`` on this Linux system: ``["/usr/bin/xdg-open", url]``, else
    ``["/usr/bin/gio", "open", url]``; None when neither program is on ``PATH``.

    ``xdg-open`` is the freedesktop.org way (xdg-utils); its exit status is 0 when it
    handed the URL on, 1–4 otherwise (see ``man xdg-open``).
    """
    text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded) if not url.isLocalFile() else url.toLocalFile()
    xdg_open = shutil.which("xdg-open")
    if xdg_open:
        return [xdg_open, text]
    gio = shutil.which("gio")
    if gio:
        return [gio, "open", text]
    return None


def _child_environment() -> QProcessEnvironment:
    """The environment the opener gets: ours, less what a PyInstaller bundle adds for itself.

    A bundle sets ``LD_LIBRARY_PATH`` to its own libraries and keeps the user's in
    ``LD_LIBRARY_PATH_ORIG``; a mail program started with ours may fail to load.
    """
    environment = QProcessEnvironment.systemEnvironment()
    if environment.contains("LD_LIBRARY_PATH_ORIG"):
        environment.insert("LD_LIBRARY_PATH", environment.value("LD_LIBRARY_PATH_ORIG"))
    elif getattr(sys, "frozen", False):
        environment.remove("LD_LIBRARY_PATH")
    return environment


def hand_off(url: QUrl, parent: QWidget | None, *, failed: Callable[[], None],
             answered: Callable[[], None] | None = None) -> None:
    """Open ``url`` (``mailto:``, ``https:``, or a file or folder) with the system's program for it.

    Returns at once; later, exactly one of the two is called: ``answered`` when a
    program took the URL (the opener ended with status 0, or is still running after
    :data:`ANSWERED_AFTER_MS` ms), ``failed`` when none did (no opener on ``PATH``, it
    could not start, it crashed, or it ended with another status). ``failed`` is expected
    to tell the user and offer the fallback (see ``prompts.hand_off_failed``). Neither is
    called once ``parent`` has been deleted. Never raises.
    """

    def alive() -> bool:
        return parent is None or shiboken6.isValid(parent)

    def report(ok: bool) -> None:
        if alive():
            if ok and answered is not None:
                answered()
            elif not ok:
                failed()

    if not sys.platform.startswith("linux"):
        report(QDesktopServices.openUrl(url))  # Windows and macOS say when nothing answered
        return
    command = opener_command(url)
    if command is None:
        report(False)
        return
    # parented to the application, not the dialog: closing the dialog must not kill the opener
    process = QProcess(QCoreApplication.instance())
    process.setProcessEnvironment(_child_environment())
    process.setStandardOutputFile(QProcess.nullDevice())
    process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)  # its words go to the log
    done = [False]

    def settle(ok: bool) -> None:
        if not done[0]:
            done[0] = True
            report(ok)

    def finished(code: int, status: QProcess.ExitStatus) -> None:
        settle(status == QProcess.ExitStatus.NormalExit and code == 0)
        process.deleteLater()

    def error(kind: QProcess.ProcessError) -> None:
        if kind == QProcess.ProcessError.FailedToStart:
            settle(False)
            process.deleteLater()

    process.finished.connect(finished)
    process.errorOccurred.connect(error)
    QTimer.singleShot(ANSWERED_AFTER_MS, process, lambda: settle(process.state() != QProcess.ProcessState.NotRunning))
    process.start(command[0], command[1:])


def running_openers() -> int:
    """How many openers started by :func:`hand_off` are still running (for tests and shutdown)."""
    app = QCoreApplication.instance()
    return 0 if app is None else sum(1 for p in app.findChildren(QProcess)
                                     if p.state() != QProcess.ProcessState.NotRunning)


__all__ = ["ANSWERED_AFTER_MS", "hand_off", "opener_command", "running_openers"]
