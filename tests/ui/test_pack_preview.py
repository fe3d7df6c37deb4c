"""The preview of a finished reference pack: every page printed, the folder and the viewer opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtPrintSupport import QPrinter

from desktop_app.ui.pack_preview import PackPreview
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
                                                 monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> None:
    preview = PackPreview(pack_file, prompts=prompts)
    qtbot.addWidget(preview)
    opened: list[QUrl] = []
    monkeypatch.setattr(preview, "open_url", opened.append)

    qtbot.mouseClick(preview.folder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(preview.viewer_button, Qt.MouseButton.LeftButton)

    assert [url.toLocalFile() for url in opened] == [str(pack_file.parent), str(pack_file)]
    assert preview.document.pageCount() == len(PdfReader(pack_file).pages)
