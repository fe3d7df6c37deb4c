"""Nothing leaves the machine: the main flows run with networking blocked, and none tries it.

Blocked two ways: ``socket.socket`` (any network family), ``socket.create_connection``
and ``socket.getaddrinfo`` are replaced by versions that fail, and an audit hook
records every ``socket.connect`` / ``socket.getaddrinfo`` / ``urllib.Request`` event
even from code that kept a reference to the real functions. Local sockets (the
single-instance wake-up call, ``AF_UNIX``) are not networking and stay allowed.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

_attempts: list[str] = []
_recording = False
_NETWORK_EVENTS = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto",
                   "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect")


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _recording or event not in _NETWORK_EVENTS:
        return
    if event == "socket.connect" and getattr(args[0], "family", None) == getattr(socket, "AF_UNIX", None):
        return
    _attempts.append(f"{event} {args[1:]!r}"[:200])


sys.addaudithook(_audit)  # (audit hooks cannot be removed: it only records while a test asks)


class _NoNetworkSocket(socket.socket):
    def __init__(self, family: int = -1, *args: Any, **kwargs: Any) -> None:
        if family in (socket.AF_INET, socket.AF_INET6, -1):
            _attempts.append(f"socket.socket(family={family})")
            raise OSError("networking is blocked in this test")
        super().__init__(family, *args, **kwargs)


def _refuse(name: str) -> Any:
    def refuse(*args: Any, **_kwargs: Any) -> Any:
        _attempts.append(f"{name}{args!r}"[:200])
        raise OSError("networking is blocked in this test")
    return refuse


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    global _recording
    monkeypatch.setattr(socket, "socket", _NoNetworkSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, _refuse(f"socket.{name}"))
    _attempts.clear()
    _recording = True
    try:
        yield _attempts
    finally:
        _recording = False


def test_the_main_flows_never_touch_the_network(no_network: list[str], data_dir: Path, tmp_path: Path,
                                                qtbot: Any) -> None:
    from desktop_app.services import backup
    from desktop_app.services.exchange import datafile
    from desktop_app.services.core import messages
    from desktop_app.services.exchange.demo import load_demo
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database
    from tests.helpers.vault_samples import make_pdf

    open_database(data_dir)
    try:
        load_demo(date(2026, 11, 25))
        datafile.export_to_file(tmp_path / "export.json")

        from desktop_app.services.vault import adding as vault_import
        from desktop_app.store import models as m

        vault_import.add_document(make_pdf(tmp_path / "transcript.pdf", pages=2), kind="transcript",
                                  qualification_id=m.Qualification.select().first().id)
        messages.mailto_url("sam@example.org", "Thank you", messages.render("thank_you", {}).body)

        pack_service = pytest.importorskip("desktop_app.services.pack")
        options = pack_service.pack_options(None)
        pack_service.produce_pack(options.default_choice(None), tmp_path / "pack.pdf", today=date(2026, 11, 25))

        backup.create_backup(data_dir, tmp_path / "all.afterview-backup")
        backup.daily_backup_if_due(data_dir)

        from desktop_app.ui.context import AppContext
        from desktop_app.ui.main_window import MainWindow

        window = MainWindow(AppContext.create(data_dir))
        qtbot.addWidget(window)
        window.show()
        for index in range(window.tabs.count()):
            window.show_tab(index)
        restore = window.restore_from_backup()
        qtbot.addWidget(restore)
        window.close()
        close_database()
        backup.restore_backup(data_dir, tmp_path / "all.afterview-backup")
        open_database(data_dir)
        datafile.import_from_file(tmp_path / "export.json")
    finally:
        close_database()
    assert (tmp_path / "pack.pdf").stat().st_size > 0
    assert no_network == []


def test_the_guard_itself_catches_a_connection(no_network: list[str]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443), timeout=1)
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.org/update-check", timeout=1)  # noqa: S310
    assert len(no_network) >= 3
