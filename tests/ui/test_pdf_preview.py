"""The PDF preview: a large file opened from a worker, a missing file told in plain words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.vault import adding as vault_import, files as vault_files
from desktop_app.store import models as m
from desktop_app.ui import pdf_preview
from desktop_app.ui.main_window import MainWindow
from tests.helpers.vault_samples import make_pdf

TIMEOUT = 20_000


@pytest.fixture
def tab(main_window: MainWindow) -> Any:
    return main_window.show_tab(3)  # its messages go to the scripted prompts of the fixture


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
