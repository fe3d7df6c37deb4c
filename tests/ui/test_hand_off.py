"""The one hand-off to the system (issue #18): a failed ``xdg-open`` is heard, never silent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QProcess, QUrl
from PySide6.QtWidgets import QWidget

from desktop_app.ui import hand_off as hand_off_module
from desktop_app.ui.hand_off import hand_off, opener_command, running_openers
from tests.helpers.fake_opener import FakeOpener, install_fake_opener

MAILTO = "mailto:priya.shah@northwind.example?subject=Thank%20you"


def _outcomes() -> tuple[list[str], dict[str, Any]]:
    seen: list[str] = []
    return seen, {"answered": lambda: seen.append("answered"), "failed": lambda: seen.append("failed")}


def test_an_opener_that_exits_3_is_a_failure(qtbot: Any, no_opener: FakeOpener) -> None:
    """What the tester saw: ``xdg-open: no method available`` (exit 3), and the window said nothing."""
    seen, callbacks = _outcomes()
    hand_off(QUrl(MAILTO), None, **callbacks)
    assert seen == []  # the window did not wait for the opener
    qtbot.waitUntil(lambda: seen == ["failed"])
    assert no_opener.opened() == [MAILTO]


def test_an_opener_that_exits_0_answered(qtbot: Any, opener: FakeOpener, tmp_path: Path) -> None:
    seen, callbacks = _outcomes()
    folder = tmp_path / "my data"
    hand_off(QUrl.fromLocalFile(str(folder)), None, **callbacks)
    qtbot.waitUntil(lambda: seen == ["answered"])
    assert opener.opened() == [str(folder)]  # a plain path, spaces and all, not a file: URL


def test_an_opener_still_running_counts_as_answered(qtbot: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """xdg-open without a desktop runs the mail program in the foreground: still running is an answer."""
    install_fake_opener(tmp_path / "slow", monkeypatch, 0, wait_for_input=True)
    monkeypatch.setattr(hand_off_module, "ANSWERED_AFTER_MS", 50)
    seen, callbacks = _outcomes()
    hand_off(QUrl(MAILTO), None, **callbacks)
    qtbot.waitUntil(lambda: seen == ["answered"])
    assert running_openers() == 1
    [process] = [p for p in QCoreApplication.instance().findChildren(QProcess)
                 if p.state() != QProcess.ProcessState.NotRunning]
    process.closeWriteChannel()  # the "mail program" closes
    qtbot.waitUntil(lambda: running_openers() == 0)
    assert seen == ["answered"]  # said once only


def test_no_opener_on_the_path_is_a_failure(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # neither xdg-open nor gio
    assert opener_command(QUrl(MAILTO)) is None
    seen, callbacks = _outcomes()
    hand_off(QUrl(MAILTO), None, **callbacks)
    assert seen == ["failed"]


def test_an_opener_that_cannot_start_is_a_failure(qtbot: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hand_off_module, "opener_command", lambda url: [str(tmp_path / "missing-opener"), "x"])
    seen, callbacks = _outcomes()
    hand_off(QUrl(MAILTO), None, **callbacks)
    qtbot.waitUntil(lambda: seen == ["failed"])


def test_nothing_is_said_to_a_window_already_closed(qtbot: Any, no_opener: FakeOpener) -> None:
    seen, callbacks = _outcomes()
    parent = QWidget()
    hand_off(QUrl(MAILTO), parent, **callbacks)
    shiboken6.delete(parent)  # the dialog closed before the opener ended
    qtbot.waitUntil(lambda: running_openers() == 0 and no_opener.opened() == [MAILTO])
    with qtbot.waitSignal(QCoreApplication.instance().aboutToQuit, timeout=100, raising=False):
        pass  # let the opener's end be delivered
    assert seen == []


def test_gio_is_used_when_there_is_no_xdg_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gio = tmp_path / "gio"
    gio.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    gio.chmod(0o700)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert opener_command(QUrl("https://www.linkedin.com/in/x")) == [str(gio), "open", "https://www.linkedin.com/in/x"]
