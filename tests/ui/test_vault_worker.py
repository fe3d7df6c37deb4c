"""Long vault work runs off the GUI thread: the window keeps turning, Cancel leaves nothing."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop_app.services.vault import files as vault_files, adding as vault_import
from desktop_app.store import models as m
from desktop_app.ui import pdf_preview
from desktop_app.ui.main_window import MainWindow
from tests.services.vault_samples import make_big_pdf, make_pdf

TIMEOUT = 20_000


@pytest.fixture
def tab(main_window: MainWindow) -> Any:
    return main_window.show_tab(3)  # its messages go to the scripted prompts of the fixture


def _gate_each_chunk(monkeypatch: pytest.MonkeyPatch, gate: threading.Event, stalls: list[str]) -> None:
    """Make the import wait, between chunks, until the GUI thread has run a timer tick.

    Were the import on the GUI thread, no tick could run and the wait would time out.
    """
    real = vault_import.add_document

    def gated(source: Path, *, cancelled: Any, **kwargs: Any) -> Any:
        def check() -> bool:
            gate.clear()
            if not gate.wait(2):
                stalls.append("the GUI thread did not turn while the import ran")
                return True
            return cancelled()
        return real(source, cancelled=check, **kwargs)

    monkeypatch.setattr(vault_import, "add_document", gated)


def test_the_event_loop_keeps_turning_while_a_large_import_runs(qtbot: Any, tab: Any, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    source = make_big_pdf(tmp_path / "big transcript.pdf", 24 << 20)
    gate, stalls = threading.Event(), []
    _gate_each_chunk(monkeypatch, gate, stalls)
    ticks: list[int] = []

    def tick() -> None:
        ticks.append(tab.job.bar.value())
        gate.set()

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(tab.job.ended, timeout=TIMEOUT) as ended:
        assert tab.add_files([source])
        assert tab.job.isVisibleTo(tab) and not tab.buttons["add_documents"].isEnabled()
    timer.stop()
    assert stalls == [] and ended.args == [True]
    assert len(ticks) >= 24  # at least one GUI tick per MiB copied
    assert max(ticks) > 0 and tab.job.bar.maximum() == source.stat().st_size >> 10
    assert not tab.job.isVisibleTo(tab) and tab.buttons["add_documents"].isEnabled()
    assert m.Document.get().size == source.stat().st_size


def test_cancel_stops_a_large_import_and_leaves_nothing_behind(qtbot: Any, tab: Any, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    source = make_big_pdf(tmp_path / "big transcript.pdf", 24 << 20)
    gate, stalls = threading.Event(), []
    _gate_each_chunk(monkeypatch, gate, stalls)
    clicked: list[bool] = []

    def tick() -> None:
        if tab.job.bar.value() > 4 << 10 and not clicked:  # past 4 MiB: the user changes their mind
            qtbot.mouseClick(tab.job.cancel_button, Qt.MouseButton.LeftButton)
            clicked.append(True)
        gate.set()

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(tab.job.ended, timeout=TIMEOUT) as ended:
        tab.add_files([source])
    timer.stop()
    assert clicked and ended.args == [False] and stalls == []
    assert "Cancelled" in tab.status.text()
    assert m.Document.select().count() == 0
    assert list((tab.context.data_dir / "vault").rglob("*.*")) == []  # no stored file, no temporary one


def test_a_large_file_opens_in_the_preview_from_a_worker(qtbot: Any, tab: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    added = vault_import.add_document(make_pdf(tmp_path / "t.pdf", pages=2))
    monkeypatch.setattr(pdf_preview, "BACKGROUND_LOAD_BYTES", 1)  # every file counts as large here
    tab.refresh()
    with qtbot.waitSignal(tab.preview.loaded, timeout=TIMEOUT) as loaded:
        tab.select_document(added.document_id)
        assert tab.preview.message.text() == "Opening the preview…"
    assert loaded.args == [2] and tab.preview.document.thread() is tab.thread()
    assert tab.preview.stack.currentWidget() is tab.preview.view


def test_a_missing_file_shows_a_plain_message_in_the_preview(qtbot: Any, tab: Any, tmp_path: Path) -> None:
    added = vault_import.add_document(make_pdf(tmp_path / "t.pdf"))
    vault_files.stored_path(m.Document.get_by_id(added.document_id).sha256).unlink()
    tab.refresh()
    tab.select_document(added.document_id)
    assert "missing from the vault" in tab.preview.message.text()
