"""Desktop notifications through the freedesktop notification service on the session D-Bus.

Plain Python (``jeepney``, a pure-Python D-Bus library), so ``afterview remind`` sends
one from cron or a systemd timer without starting Qt, and the tray sends the same
message from a worker thread. The protocol is the Desktop Notifications
Specification 1.2 (``org.freedesktop.Notifications`` at
``/org/freedesktop/Notifications``, method ``Notify(susssasa{sv}i) -> u``).

Windows and macOS have no such service: there the tray shows the message itself
(``QSystemTrayIcon.showMessage``), and :func:`send` raises :class:`NotificationUnavailable`.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from desktop_app import APP_ID, APP_NAME

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
#: Seconds to wait for the notification service's answer before giving up.
REPLY_TIMEOUT_S = 5.0
#: The action key the spec reserves for a click on the notification itself.
DEFAULT_ACTION = "default"


class NotificationUnavailable(Exception):
    """No notification service could be reached; the message says why, in the user's words."""


def session_bus_address() -> str:
    """The session bus's address: ``$DBUS_SESSION_BUS_ADDRESS``, else the user's bus socket.

    cron and some timers start commands without ``DBUS_SESSION_BUS_ADDRESS``; systemd
    desktops keep the session bus at ``$XDG_RUNTIME_DIR/bus`` (``/run/user/<uid>/bus``),
    so that socket is used when it exists. Raises :class:`NotificationUnavailable`,
    saying what to set, when there is neither.
    """
    import os
    import stat
    from pathlib import Path

    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if address:
        return address
    places = []
    if os.environ.get("XDG_RUNTIME_DIR"):
        places.append(Path(os.environ["XDG_RUNTIME_DIR"]) / "bus")
    if hasattr(os, "getuid"):
        places.append(Path(f"/run/user/{os.getuid()}/bus"))
    for place in places:
        try:
            if stat.S_ISSOCK(place.stat().st_mode):
                return f"unix:path={place}"
        except OSError:
            continue
    raise NotificationUnavailable(
        "there is no desktop session bus to send notifications on: DBUS_SESSION_BUS_ADDRESS is not set"
        + (f" and there is no bus at {places[-1]}" if places else "")
        + ": notifications can be shown only while you are logged in to the desktop")


@dataclass(frozen=True)
class Sent:
    """A notification the service accepted: its id (``uint32``, never 0 per the spec).

    ``listener``: with ``send(..., listen=True)``, the open bus connection that sent it,
    for :func:`wait_for_action`; None otherwise.
    """

    notification_id: int
    listener: Any = field(default=None, compare=False, repr=False)


class _Listener:
    """The connection that sent a notification, kept open to hear what the user does with it.

    Why the same connection: the ``ActionInvoked`` signal goes to the notification's sender
    (KDE Plasma sends it to that connection only), and GNOME Shell withdraws a notification
    whose sender has left the bus, so a click would reach nobody. The match rule and the
    queue are set up *before* ``Notify`` is sent, so a quick click is never missed.
    """

    def __init__(self) -> None:
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.stack = ExitStack()
        self.connection = self.stack.enter_context(open_dbus_connection(session_bus_address()))
        try:
            rule = MatchRule(type="signal", interface=INTERFACE, path=OBJECT_PATH)
            self.connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=REPLY_TIMEOUT_S)
            self.queue = self.stack.enter_context(self.connection.filter(rule))
        except BaseException:
            self.stack.close()
            raise

    def close(self) -> None:
        self.stack.close()


def send(summary: str, body: str, *, actions: Sequence[tuple[str, str]] = (),
         expire_ms: int = -1, listen: bool = False) -> Sent:
    """Show one notification; returns what the service answered.

    ``actions``: (key, label) pairs, e.g. ``[("default", "Open Today")]``; ``expire_ms``:
    milliseconds before it closes by itself, -1 for the server's default (spec, "Notify").
    ``listen``: keep the connection open (in ``Sent.listener``) for :func:`wait_for_action`,
    which closes it; only a process that stays running to answer the actions should ask.
    Raises :class:`NotificationUnavailable` when there is no session bus, no service
    on it, or the service refuses the call (nothing was shown then).
    """
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg

    address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)
    flat_actions = [part for pair in actions for part in pair]
    hints = {"desktop-entry": ("s", APP_ID), "urgency": ("y", 1)}
    message = new_method_call(address, "Notify", "susssasa{sv}i",
                              (APP_NAME, 0, APP_ID, summary, body, flat_actions, hints, expire_ms))
    listener: _Listener | None = None
    try:
        if listen:
            listener = _Listener()
            connection = listener.connection
        else:
            connection = open_dbus_connection(session_bus_address())
    except NotificationUnavailable:
        raise
    except (OSError, KeyError, ValueError, TimeoutError) as exc:
        raise NotificationUnavailable(
            f"there is no desktop session bus to send notifications on ({_plain(exc)})") from exc
    try:
        # unwrap_msg: an error reply raises DBusErrorResponse instead of coming back as a body
        (notification_id,) = unwrap_msg(connection.send_and_get_reply(message, timeout=REPLY_TIMEOUT_S))
    except DBusErrorResponse as exc:
        _close(listener, connection)
        raise NotificationUnavailable(f"the desktop's notification service refused the message ({exc.name})") from exc
    except (OSError, TimeoutError) as exc:
        _close(listener, connection)
        raise NotificationUnavailable(f"the desktop's notification service did not answer ({_plain(exc)})") from exc
    if listener is None:
        connection.close()
    return Sent(int(notification_id), listener)


def _close(listener: _Listener | None, connection: Any) -> None:
    if listener is not None:
        listener.close()
    else:
        connection.close()


def _plain(exc: BaseException) -> str:
    """An OS error in words (``No such file or directory``), without ``[Errno 2]``."""
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def wait_for_action(sent: Sent, timeout_s: float) -> str | None:
    """Block until the user acts on the notification ``sent``; the action key, or None.

    ``sent`` must come from ``send(..., listen=True)``; its connection is closed on return.
    None when it was closed without an action, the time ran out (``timeout_s``
    seconds), the bus went away, or ``sent`` was not sent listening. Meant for a worker
    thread of the running window, which then opens Today for ``"default"`` (spec signals
    ``ActionInvoked`` and ``NotificationClosed``).
    """
    import time

    listener = sent.listener
    if listener is None:
        return None
    deadline = time.monotonic() + timeout_s
    try:
        while (left := deadline - time.monotonic()) > 0:
            try:
                signal = listener.connection.recv_until_filtered(listener.queue, timeout=left)
            except (TimeoutError, OSError, EOFError):
                return None
            member = signal.header.fields.get(_member_field())
            if not signal.body or signal.body[0] != sent.notification_id:
                continue
            if member == "ActionInvoked":
                return str(signal.body[1])
            if member == "NotificationClosed":
                return None
        return None
    finally:
        listener.close()


def _member_field() -> object:
    from jeepney.low_level import HeaderFields

    return HeaderFields.member
