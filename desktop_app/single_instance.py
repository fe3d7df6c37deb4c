"""One Afterview per data folder: a lock file, and a wake-up call to the first one.

The first Afterview to open a data folder takes its claim (``afterview.lock``, an
operating-system lock, see :mod:`desktop_app.store.claim`) and listens on a local socket whose name is derived from the
folder's resolved path. A second launch on the same folder cannot take the lock;
it connects to that socket and sends ``raise``, so the window already open comes
to the front, and then it quits. If the socket cannot be reached although the lock
is held, the caller tells the user that Afterview is already open.

The kernel releases the lock when the process holding it ends, however it ends, so
a crashed run never leaves a lock behind and no process number is ever read: a
number that now belongs to another live process (after a reboot) cannot fool it.
The same claim keeps out every command that changes data while the window is open.
"""

from __future__ import annotations

import enum
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from desktop_app.store.claim import WriterClaim
from desktop_app.store.errors import StoreError

if TYPE_CHECKING:  # QtNetwork is loaded when first needed: it costs start-up time
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE_MESSAGE = b"raise\n"
ACK_MESSAGE = b"ok\n"
# Bounded waits for the second launch talking to the first: long enough for a busy
# first instance to answer, short enough that the user is never kept waiting.
CONNECT_TIMEOUT_MS = 2000
REPLY_TIMEOUT_MS = 2000


class ClaimOutcome(enum.Enum):
    """What happened when this process tried to claim the data folder."""

    PRIMARY = "primary"  # we hold the lock: go on and open the store
    RAISED_OTHER = "raised_other"  # another Afterview has it and was brought forward
    ALREADY_OPEN = "already_open"  # another Afterview has it but did not answer
    LOCK_FAILED = "lock_failed"  # the lock file could not be created at all


def server_name(data_dir: Path) -> str:
    """A short socket name that is the same for every path to one data folder."""
    import hashlib  # here: needed only once the window is up (listen) or by a second launch

    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()
    # 16 hex digits keep the name well inside the 104-byte socket path limit
    # of macOS even under a long $TMPDIR, with no realistic chance of clash.
    return f"afterview-{digest[:16]}"


class DataFolderClaim(QObject):
    """Holds the data folder for this process; emits ``raise_requested`` on a second launch."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.outcome: ClaimOutcome | None = None
        self.detail = ""
        self._claim = WriterClaim(data_dir)
        self._server: QLocalServer | None = None

    @property
    def message(self) -> str:
        """A sentence for the user when this process may not open the folder."""
        if self.outcome is ClaimOutcome.ALREADY_OPEN:
            return QCoreApplication.translate(
                "DataFolderClaim", "Afterview is already open for this data folder, or an afterview "
                "command is changing its data right now. Try again when it has finished."
            )
        if self.outcome is ClaimOutcome.LOCK_FAILED:
            return QCoreApplication.translate(
                "DataFolderClaim", "Afterview cannot lock its data folder {folder}."
            ).format(folder=self.data_dir)
        return ""

    def claim(self, *, listen: bool = True) -> ClaimOutcome:
        """Take the lock, or wake the Afterview that has it; record and return the outcome.

        With ``listen=False`` the caller starts listening for later launches itself
        (:meth:`listen`), e.g. once its window is on screen.
        """
        try:
            taken = self._claim.try_take()
        except StoreError as exc:
            self.outcome = ClaimOutcome.LOCK_FAILED
            self.detail = str(exc)
            return self.outcome
        if taken:
            self.outcome = ClaimOutcome.PRIMARY
            if listen:
                self.listen()
        else:
            self.outcome = (
                ClaimOutcome.RAISED_OTHER if self._ask_first_to_raise() else ClaimOutcome.ALREADY_OPEN
            )
        return self.outcome

    def release(self) -> None:
        """Stop listening and give the lock back (also safe if never claimed)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._claim.release()

    def listen(self) -> None:
        """Answer later launches on this folder (they ask this one to come to the front)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None or self.outcome is not ClaimOutcome.PRIMARY:
            return
        name = server_name(self.data_dir)
        # We hold the lock, so a socket file of that name is left from a crash.
        QLocalServer.removeServer(name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        if server.listen(name):
            self._server = server
        else:
            # Still the one writer; a second launch will just say we are open.
            self.detail = server.errorString()

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_ready_read(socket)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        if line == RAISE_MESSAGE:
            socket.write(ACK_MESSAGE)
            socket.flush()
            self.raise_requested.emit()
        socket.disconnectFromServer()

    def _ask_first_to_raise(self) -> bool:
        """Send ``raise`` to the holder; True once it is delivered to a listening Afterview."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        # The first Afterview starts listening once its window is up: a launch in that
        # moment finds no server yet, so try again for a little while.
        deadline = time.monotonic() + CONNECT_TIMEOUT_MS / 1000
        while True:
            socket.connectToServer(server_name(self.data_dir))
            if socket.waitForConnected(CONNECT_TIMEOUT_MS):
                break
            if time.monotonic() >= deadline:
                return False
            QThread.msleep(50)
        socket.write(RAISE_MESSAGE)
        if not socket.waitForBytesWritten(CONNECT_TIMEOUT_MS):
            socket.abort()
            return False
        # A first Afterview still building its window answers once its event loop
        # runs; the message is delivered either way, so a late answer is no failure.
        while not socket.canReadLine() and socket.waitForReadyRead(REPLY_TIMEOUT_MS):
            pass
        socket.disconnectFromServer()
        return True


class WindowLike(Protocol):
    """The part of ``QWidget`` that bring_to_front uses (keeps this module widget-free)."""

    def isMinimized(self) -> bool: ...  # noqa: N802 - Qt's naming
    def showNormal(self) -> None: ...  # noqa: N802
    def show(self) -> None: ...
    def raise_(self) -> None: ...
    def activateWindow(self) -> None: ...  # noqa: N802


def bring_to_front(window: WindowLike) -> None:
    """Show ``window`` un-minimised, on top and focused (the raise_requested handler)."""
    if window.isMinimized():
        window.showNormal()
    else:
        window.show()
    window.raise_()
    window.activateWindow()
