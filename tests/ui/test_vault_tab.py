"""The Vault tab as a user meets it: qualifications, dropped files, the preview, links, verify, remove."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop_app.services.today import due

from desktop_app.services.vault import files as vault_files
from desktop_app.store import models as m
from desktop_app.ui.main_window import MainWindow
from tests.scripted_prompts import ScriptedPrompts
from tests.services.vault_samples import make_image, make_pdf

TIMEOUT = 10_000


@pytest.fixture
def tab(main_window: MainWindow) -> Any:
    return main_window.show_tab(3)


Told = Callable[[], list[tuple[str, str, bool]]]


@pytest.fixture
def told(prompts: ScriptedPrompts) -> Told:
    """The messages shown so far, as (title, text, was it a problem)."""
    return lambda: [(a.title, a.text, a.kind == "warn") for a in prompts.asked_of("inform", "warn")]


def drop(qtbot: Any, tab: Any, paths: list[Path]) -> None:
    """Drag files from the desktop onto the tab and let go, then wait for the import to end."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPointF(tab.width() / 2, tab.height() / 2)
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tab, enter)
    assert enter.isAccepted() and "let go to add them" in tab.drop_hint.text()
    with qtbot.waitSignal(tab.job.ended, timeout=TIMEOUT):
        event = QDropEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(tab, event)
        assert event.isAccepted() and tab.drop_hint.text().startswith("— drop PDFs")


def fill_qualification(dialog: Any) -> bool:
    dialog.edits["title"].setText("BSc (Hons) Mathematics")
    dialog.edits["institution"].setText("University of Leeds")
    dialog.level.setCurrentText("Bachelor's degree")
    dialog.edits["started_on"].setText("2015-09-21")
    dialog.edits["awarded_on"].setText("2018-07-13")
    return dialog.save()


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
    assert sha in tab.details.text() and tab.documents_model.index(0, tab.documents_model.FINGERPRINT).data() == sha[:12]
    tab.select_document(next(r.id for r in tab.documents_model.rows() if r.kind == "certificate"))
    qtbot.waitUntil(lambda: tab.preview.page_count() == 1, timeout=TIMEOUT)
    assert tab.preview.stack.currentWidget() is tab.preview.view


def test_bad_files_dropped_are_refused_with_reasons_and_nothing_kept(qtbot: Any, tab: Any, told: Told,
                                                                     tmp_path: Path) -> None:
    renamed = tmp_path / "notes.pdf"
    renamed.write_text("not a pdf", encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    fake = tmp_path / "certificate.png"
    fake.write_text("not an image", encoding="utf-8")
    drop(qtbot, tab, [renamed, empty, fake])
    ((title, text, problem),) = told()
    assert problem and title == "Add documents"
    assert "“notes.pdf” is not a PDF" in text and "“empty.pdf” is empty" in text
    assert "“certificate.png” is not really a PNG image" in text
    assert m.Document.select().count() == 0 and vault_files.stored_files() == {}
    assert tab.documents.empty_label.isVisibleTo(tab)


def test_add_documents_from_the_menu_and_verify_the_vault(qtbot: Any, main_window: MainWindow, tab: Any,
                                                          told: Told, tmp_path: Path,
                                                          prompts: ScriptedPrompts) -> None:
    files = [make_pdf(tmp_path / "cv.pdf"), make_pdf(tmp_path / "reference letter.pdf", text="Ref")]
    prompts.script("open_paths", files)
    with qtbot.waitSignal(tab.job.ended, timeout=TIMEOUT):
        main_window.add_documents_action.trigger()
    assert {r.kind for r in tab.documents_model.rows()} == {"cv", "reference_letter"}
    with qtbot.waitSignal(tab.job.ended, timeout=TIMEOUT):
        main_window.verify_vault_action.trigger()
    assert told()[-1] == ("Verify vault", "All is well: 2 files checked, each matches its fingerprint.", False)
    stored = vault_files.stored_path(tab.documents_model.rows()[0].sha256)
    stored.write_bytes(stored.read_bytes() + b"changed")
    with qtbot.waitSignal(tab.job.ended, timeout=TIMEOUT):
        qtbot.mouseClick(tab.buttons["verify_vault"], Qt.MouseButton.LeftButton)
    assert told()[-1][2] is True and "Changed:" in told()[-1][1]


def _one_document(qtbot: Any, tab: Any, tmp_path: Path, name: str = "leeds-transcript.pdf") -> Any:
    drop(qtbot, tab, [make_pdf(tmp_path / name, pages=3)])
    return tab.current_document()


def test_remove_asks_first_and_the_file_leaves_the_vault(qtbot: Any, tab: Any, tmp_path: Path,
                                                          prompts: ScriptedPrompts) -> None:
    row = _one_document(qtbot, tab, tmp_path)
    prompts.script("confirm_destructive", False)
    tab.buttons["remove_document"].click()
    [question] = prompts.asked_of("confirm_destructive")
    assert m.Document.select().count() == 1 and "Remove “leeds-transcript.pdf”" in question.text
    assert question.details["action_label"] == "Remove"
    prompts.script("confirm_destructive", True)
    tab.buttons["remove_document"].click()
    assert m.Document.select().count() == 0
    assert not vault_files.stored_path(row.sha256).exists()
    assert tab.preview.page_count() == 0 and tab.documents.visible_count() == 0


def test_link_and_unlink_a_document(qtbot: Any, demo_store: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.ui.context import AppContext

    window = MainWindow(AppContext.create(demo_store, prompts=ScriptedPrompts()))
    qtbot.addWidget(window)
    tab = window.show_tab(3)
    drop(qtbot, tab, [make_pdf(tmp_path / "cover letter northwind.pdf")])
    row = tab.current_document()
    assert (row.kind, row.qualification_id, row.application_id) == ("cover_letter", None, None)

    def choose(dialog: Any) -> bool:
        dialog.application.setCurrentIndex(1)
        dialog.qualification.setCurrentIndex(dialog.qualification.findText("BSc (Hons) Mathematics"))
        return dialog.save()

    monkeypatch.setattr(tab, "run_dialog", choose)
    tab.buttons["link_document"].click()
    row = tab.current_document()
    assert row.application and " at " in row.application and row.qualification == "BSc (Hons) Mathematics"
    assert tab.documents_model.index(0, tab.documents_model.APPLICATION).data() == row.application
    tab.buttons["unlink_document"].click()
    row = tab.current_document()
    assert (row.qualification_id, row.application_id) == (None, None)


def test_save_a_copy_and_open_in_the_default_viewer(qtbot: Any, tab: Any, told: Told, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> None:
    row = _one_document(qtbot, tab, tmp_path)
    target = tmp_path / "out" / "my transcript.pdf"
    target.parent.mkdir()
    prompts.script("save_path", lambda asked: target if asked.details["suggested"] == "leeds-transcript.pdf" else None)
    with qtbot.waitSignal(tab.job.ended, timeout=TIMEOUT):
        tab.buttons["save_copy"].click()
    assert target.read_bytes() == (tmp_path / "leeds-transcript.pdf").read_bytes()
    opened: list[Path] = []
    monkeypatch.setattr(tab, "open_externally", lambda path: opened.append(path) or True)
    with qtbot.waitSignal(tab.job.ended, timeout=TIMEOUT):
        tab.buttons["open_document"].click()
    assert opened[0].name == "leeds-transcript.pdf" and opened[0] != vault_files.stored_path(row.sha256)
    assert told() == []


def test_preview_pages_zoom_and_fit_to_width(qtbot: Any, tab: Any, tmp_path: Path) -> None:
    _one_document(qtbot, tab, tmp_path)
    preview = tab.preview
    qtbot.waitUntil(lambda: preview.page_count() == 3, timeout=TIMEOUT)
    assert preview.page_count_label.text() == "of 3" and not preview.previous_button.isEnabled()
    preview.next_button.click()
    assert preview.current_page() == 1 and preview.page_spin.value() == 2
    preview.page_spin.setValue(3)
    assert preview.current_page() == 2 and not preview.next_button.isEnabled()
    preview.previous_button.click()
    assert preview.current_page() == 1
    assert preview.zoom_label.text() == "Width"
    preview.zoom_in_button.click()
    zoomed = preview.view.zoomFactor()
    assert preview.zoom_label.text() == f"{round(zoomed * 100)} %"
    preview.zoom_out_button.click()
    assert preview.view.zoomFactor() < zoomed
    preview.fit_page_button.click()
    assert preview.zoom_label.text() == "Page"
    preview.fit_width_button.click()
    assert preview.zoom_label.text() == "Width"


def test_verify_offers_to_delete_files_no_document_uses(qtbot: Any, tab: Any, told: Told, tmp_path: Path,
                                                        prompts: ScriptedPrompts) -> None:
    stray = vault_files.store_file(make_pdf(tmp_path / "stray.pdf"))  # as an interrupted import leaves it
    prompts.script("confirm_destructive", True)
    with qtbot.waitSignal(tab.job.ended, timeout=TIMEOUT):
        tab.buttons["verify_vault"].click()
    assert told()[-1][2] is True and "Unreferenced:" in told()[-1][1]
    assert [a.text for a in prompts.asked_of("confirm_destructive")] == ["Delete the 1 file(s) that no document uses?"]
    assert not vault_files.stored_path(stray.sha256).exists()
    assert tab.status.text() == "Deleted 1 unused file(s)."


def test_the_item_models_follow_qt_rules_and_show_the_full_fingerprint_on_hover(
        qtmodeltester: Any, demo_store: Path) -> None:
    from desktop_app.services.vault import qualifications as vault
    from desktop_app.services.exchange.demo import add_demo_documents
    from desktop_app.ui.models.vault_models import DocumentsModel, QualificationsModel

    add_demo_documents()
    qualifications, documents = QualificationsModel(), DocumentsModel()
    qualifications.set_rows(vault.list_qualification_rows())
    documents.set_rows(vault.list_document_rows())
    qtmodeltester.check(qualifications)
    qtmodeltester.check(documents)
    row = documents.row_at(0)
    index = documents.index(0, documents.FINGERPRINT)
    assert index.data() == row.sha256[:12]
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"SHA-256: {row.sha256}"
    flags = {qualifications.index(r, qualifications.FLAG).data() for r in range(qualifications.rowCount())}
    assert flags == {"", "⚠ Only a certificate — add the full transcript"}


def test_a_today_item_can_open_its_qualification(qtbot: Any, demo_store: Path) -> None:
    from desktop_app.services.exchange.demo import add_demo_documents
    from desktop_app.ui.context import AppContext

    add_demo_documents()
    window = MainWindow(AppContext.create(demo_store))
    qtbot.addWidget(window)
    (item,) = [i for i in due.due_items() if i.kind == "missing_transcript"]
    tab = window.show_tab(3)
    assert tab.show_qualification(item.qualification_id)
    assert tab.current_qualification().title == "Google Data Analytics Certificate"
    assert tab.current_document().original_name == "data-analytics-certificate.pdf"
    qtbot.waitUntil(lambda: tab.preview.page_count() == 1, timeout=TIMEOUT)
    assert not tab.show_qualification(9999)
