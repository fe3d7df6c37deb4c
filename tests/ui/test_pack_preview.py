"""The preview of a finished reference pack: every page printed, the folder and the viewer opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from desktop_app.ui.pack_preview import PackPreview
from tests.helpers.fake_opener import FakeOpener
from tests.helpers.scripted_prompts import ScriptedPrompts


@pytest.fixture
def pack_file(scenario: dict[str, int], tmp_path: Path) -> Path:
    from desktop_app.services import pack as pack_service

    choice = pack_service.PackChoice(scenario["application"], (scenario["alex"],), (scenario["degree"],))
    return pack_service.produce_pack(choice, tmp_path / "pack.pdf").path


def test_preview_prints_every_page_to_a_pdf_printer(qtbot, pack_file: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    prompts: ScriptedPrompts) -> None:
    preview = PackPreview(pack_file, prompts=prompts)
    qtbot.addWidget(preview)
    preview.show()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)  # keeps the test's page images small
    prompts.script("choose_printer", printer)

    with qtbot.waitSignal(preview.printed, timeout=30_000):
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)

    assert len(PdfReader(tmp_path / "printed.pdf").pages) == len(PdfReader(pack_file).pages)
    assert preview.status.text().startswith("Sent ")


def test_preview_opens_the_folder_and_the_viewer(qtbot, pack_file: Path,  # type: ignore[no-untyped-def]
                                                 prompts: ScriptedPrompts, opener: FakeOpener) -> None:
    preview = PackPreview(pack_file, prompts=prompts)
    qtbot.addWidget(preview)

    qtbot.mouseClick(preview.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opener.opened()) == 1)
    qtbot.mouseClick(preview.viewer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opener.opened()) == 2)

    assert opener.opened() == [str(pack_file.parent), str(pack_file)]
    assert prompts.asked_of("nothing_answered") == []
    assert preview.document.pageCount() == len(PdfReader(pack_file).pages)


def test_return_in_the_preview_does_not_print(qtbot, pack_file: Path,  # type: ignore[no-untyped-def]
                                              prompts: ScriptedPrompts) -> None:
    """Tester's finding (issue 16): Return printed the pack, and a printed pack loses its attachments."""
    preview = PackPreview(pack_file, prompts=prompts)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    for widget in (preview, preview.view, preview.print_button):
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClick(widget, Qt.Key.Key_Enter)
    assert prompts.asked_of("choose_printer") == []
    assert preview.job is None
    assert "send the PDF file itself" in preview.print_button.toolTip()


def test_preview_says_so_when_no_file_manager_or_viewer_answers(qtbot, pack_file: Path,  # type: ignore[no-untyped-def]
                                                               prompts: ScriptedPrompts,
                                                               no_opener: FakeOpener) -> None:
    """Issue #18: a hand-off to the system that gets no answer is never silent."""
    preview = PackPreview(pack_file, prompts=prompts)
    qtbot.addWidget(preview)
    qtbot.mouseClick(preview.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(prompts.asked_of("nothing_answered")) == 1)
    qtbot.mouseClick(preview.viewer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(prompts.asked_of("nothing_answered")) == 2)
    said = prompts.asked_of("nothing_answered")
    assert [a.text.split(" answered.")[0] for a in said] == ["No file manager", "No PDF viewer"]
    assert [a.details["copy_text"] for a in said] == [str(pack_file.parent), str(pack_file)]


def test_the_preview_fits_the_screen_with_its_buttons(qtbot, pack_file: Path,  # type: ignore[no-untyped-def]
                                                      prompts: ScriptedPrompts) -> None:
    """Issue 15, fresh eyes: 820×900 on a 1280×900 screen, Print and Close half off the bottom.
    The offscreen screen is 800 pixels high: the preview gives way, leaving room for its frame."""
    preview = PackPreview(pack_file, prompts=prompts)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    room = preview.screen().availableGeometry()
    assert room.height() < 900  # the case the tester met: a screen shorter than the preview wants
    assert preview.height() <= room.height() - 60 and preview.width() <= room.width() - 40
    assert room.contains(preview.frameGeometry())
    for button in (preview.print_button, preview.folder_button, preview.viewer_button):
        corner = button.mapToGlobal(button.rect().bottomRight())
        assert room.contains(corner)
