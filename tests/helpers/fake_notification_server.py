"""A stand-in for the desktop's notification daemon, for a private session bus in tests.

Run as ``dbus-run-session -- python -m tests.helpers.fake_notification_server RECORD READY``:
it claims ``org.freedesktop.Notifications``, writes the bus address to ``READY`` once
it owns the name (the test then points ``DBUS_SESSION_BUS_ADDRESS`` at it), and appends
one JSON line per ``Notify`` call to ``RECORD``: app name, summary, body, actions and
hints. While a file ``click`` beside ``RECORD`` holds ``"<id> <action key>"``, it
signals ``ActionInvoked`` for it, as when the user clicks the notification. Like KDE
Plasma's server, the signal goes only to the connection that sent that ``Notify`` (a
unicast signal), and not at all once that connection has gone (GNOME Shell removes
such notifications), so a sender must keep its connection open to hear the click. It answers as the Desktop Notifications Specification
1.2 says (ids from 1, ``GetServerInformation``, ``GetCapabilities``) and runs until killed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.Notifications"
ROOT = Path(__file__).resolve().parents[2]
_EMITTER = DBusAddress("/org/freedesktop/Notifications", interface="org.freedesktop.Notifications")
#: Whether this machine can start a private bus (Debian: package ``dbus-daemon``).
HAVE_DBUS = shutil.which("dbus-run-session") is not None


def serve(record: Path, ready: Path) -> None:
    connection = open_dbus_connection(bus="SESSION")
    reply = connection.send_and_get_reply(message_bus.RequestName(NAME, 4))  # 4: do not queue
    if reply.body[0] != 1:  # 1: primary owner
        raise SystemExit(f"could not own {NAME}: {reply.body}")
    ready.write_text(os.environ["DBUS_SESSION_BUS_ADDRESS"], encoding="utf-8")
    next_id = 1
    senders: dict[int, str] = {}  # notification id -> the unique bus name that sent it
    click = record.with_name("click")
    while True:
        words = click.read_text(encoding="utf-8").split() if click.exists() else []
        if len(words) == 2 and int(words[0]) in senders:  # (a file still being written has fewer)
            # "the user clicked": ActionInvoked(id, key) to the notification's sender, repeated
            # while the file is there, so a listener that subscribes late still hears it
            signal_message = new_signal(_EMITTER, "ActionInvoked", "us", (int(words[0]), words[1]))
            signal_message.header.fields[HeaderFields.destination] = senders[int(words[0])]
            connection.send_message(signal_message)
        try:
            message = connection.receive(timeout=0.1)
        except TimeoutError:
            continue
        if message.header.message_type != MessageType.method_call:
            continue
        member = message.header.fields.get(HeaderFields.member)
        signature = message.header.fields.get(HeaderFields.signature, "")
        if member == "Notify":
            if signature != "susssasa{sv}i":
                connection.send_message(new_error(message, "org.freedesktop.DBus.Error.InvalidArgs",
                                                  "s", (f"bad signature {signature}",)))
                continue
            app_name, _replaces, _icon, summary, body, actions, hints, expire = message.body
            with record.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"app_name": app_name, "summary": summary, "body": body,
                                      "actions": list(actions), "hints": sorted(hints),
                                      "expire_ms": expire}) + "\n")
            senders[next_id] = message.header.fields[HeaderFields.sender]
            connection.send_message(new_method_return(message, "u", (next_id,)))
            next_id += 1
        elif member == "GetServerInformation":
            connection.send_message(new_method_return(message, "ssss", ("fake", "afterview-tests", "1", "1.2")))
        elif member == "GetCapabilities":
            connection.send_message(new_method_return(message, "as", (["body", "actions"],)))
        else:
            connection.send_message(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s",
                                              (f"no method {member}",)))


@contextmanager
def private_bus(folder: Path) -> Iterator[tuple[str, Path]]:
    """A private session bus with this server on it, for the ``with`` block: (bus address,
    the record file of ``Notify`` calls). Both processes are ended afterwards."""
    record, ready = folder / "notifications.jsonl", folder / "bus-address"
    server = subprocess.Popen(
        ["dbus-run-session", "--", sys.executable, "-m", "tests.helpers.fake_notification_server",
         str(record), str(ready)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while not (ready.exists() and ready.read_text(encoding="utf-8")):
            assert server.poll() is None, "the fake notification server did not start"
            assert time.monotonic() < deadline, "the fake notification server did not claim its name"
            time.sleep(0.05)  # another process writes the file: there is no signal to wait on
        yield ready.read_text(encoding="utf-8"), record
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def recorded(record: Path) -> list[dict[str, object]]:
    """The ``Notify`` calls the server received, oldest first."""
    if not record.exists():
        return []
    return [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]


if __name__ == "__main__":
    serve(Path(sys.argv[1]), Path(sys.argv[2]))
