"""Journey 4, qualifications watertight (JOURNEYS.md): a degree added; a photo of its certificate
dropped ("Only a certificate — add the full transcript"); then the transcript PDF: accepted,
previewed, and the warning gone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.today import due
from desktop_app.ui.main_window import MainWindow
from tests.helpers.vault_samples import make_image, make_pdf
from tests.helpers.vault_tab import TIMEOUT, Told, drop, fill_qualification


@pytest.fixture
def tab(main_window: MainWindow) -> Any:
    return main_window.show_tab(3)


def test_create_a_qualification_drop_a_transcript_and_a_photo_and_the_flag_goes_away(
        qtbot: Any, tab: Any, told: Told, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tab, "run_dialog", fill_qualification)
    qtbot.mouseClick(tab.buttons["add_qualification"], Qt.MouseButton.LeftButton)
    assert tab.qualifications.visible_count() == 1
    row = tab.current_qualification()
    assert row.title == "BSc (Hons) Mathematics" and row.flag == "No transcript yet — add the full transcript"

    tab._show_drop_target(True)
    assert tab.drop_hint.text() == ("— let go to add them; transcripts and certificates go to "
                                    "BSc (Hons) Mathematics")
    drop(qtbot, tab, [make_image(tmp_path / "IMG_2041.jpg", fmt="JPEG")])  # the photographed certificate
    row = tab.current_qualification()
    assert (row.has_certificate, row.has_transcript) == (True, False)
    model = tab.qualifications_model
    assert model.index(0, model.FLAG).data() == "⚠ Only a certificate — add the full transcript"
    assert [i.kind for i in due.due_items()] == ["missing_transcript"]
    qtbot.waitUntil(lambda: tab.preview.page_count() == 1, timeout=TIMEOUT)

    drop(qtbot, tab, [make_pdf(tmp_path / "leeds-transcript.pdf", pages=3)])
    assert told() == []
    row = tab.current_qualification()
    assert row.has_transcript and row.flag is None
    assert model.index(0, model.FLAG).data() == ""
    assert due.due_items() == []
    assert "Added leeds-transcript.pdf (3 pages) to BSc (Hons) Mathematics." in tab.status.text()
    # the transcript, just added, is selected and previewed; the certificate too when chosen
    qtbot.waitUntil(lambda: tab.preview.page_count() == 3, timeout=TIMEOUT)
    assert tab.current_document().original_name == "leeds-transcript.pdf"
    sha = tab.current_document().sha256
    assert sha[:12] in tab.details.text() and sha in tab.details.toolTip() and tab.documents_model.index(0, tab.documents_model.FINGERPRINT).data() == sha[:12]
    tab.select_document(next(r.id for r in tab.documents_model.rows() if r.kind == "certificate"))
    qtbot.waitUntil(lambda: tab.preview.page_count() == 1, timeout=TIMEOUT)
    assert tab.preview.stack.currentWidget() is tab.preview.view
