"""The Export reference pack dialog and the preview, driven as a user would with qtbot."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl, Qt
from PySide6.QtPrintSupport import QPrinter

from desktop_app.store import models as m
from desktop_app.ui.pack_dialog import PackDialog
from desktop_app.ui.pack_preview import PackPreview
from tests.scripted_prompts import ScriptedPrompts


@pytest.fixture
def dialog(qtbot, context, scenario: dict[str, int]) -> PackDialog:  # type: ignore[no-untyped-def]
    dialog = PackDialog(context, application_id=scenario["application"])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def tick_labels(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [o.label for o in model.options if o.id in model.ticked]


def test_defaults_and_checks_for_the_application(dialog: PackDialog) -> None:
    assert dialog.application.currentText() == "Data Analyst at Northwind Ltd"
    assert tick_labels(dialog.referees) == ["Alex Morgan", "Priya Shah"]
    assert tick_labels(dialog.qualifications) == ["BSc Mathematics", "MSc Statistics"]
    assert "Brief Priya Shah before Northwind calls" in dialog.checks.text()
    assert "MSc Statistics: Only a certificate" in dialog.checks.text()
    assert dialog.export_button.text() == "&Go on anyway…"


def test_ticks_and_the_general_pack_change_the_checks(qtbot, dialog: PackDialog) -> None:  # type: ignore[no-untyped-def]
    masters = dialog.qualifications.index(1)
    dialog.qualifications.setData(masters, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert "MSc Statistics" not in dialog.checks.text()

    dialog.application.setCurrentIndex(0)  # a general pack: no briefing needed for an application
    assert tick_labels(dialog.referees) == ["Alex Morgan", "Kim Lee", "Priya Shah"]
    assert "Brief" not in dialog.checks.text()
    assert dialog.export_button.text() == "&Go on anyway…"  # MSc ticked again by default

    for row in range(dialog.qualifications.rowCount()):
        if dialog.qualifications.options[row].label == "MSc Statistics":
            dialog.qualifications.setData(dialog.qualifications.index(row), Qt.CheckState.Unchecked.value,
                                          Qt.ItemDataRole.CheckStateRole)
    assert dialog.checks.text().startswith("Nothing to fix")
    assert dialog.export_button.text() == "&Export…"


def test_export_builds_in_a_worker_then_previews(qtbot, dialog: PackDialog, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> None:
    target = tmp_path / "out" / "pack.pdf"
    target.parent.mkdir()
    prompts.script("save_path", target)
    previews: list[Path] = []
    monkeypatch.setattr(dialog, "show_preview", lambda path: previews.append(path))

    with qtbot.waitSignal(dialog.pack_made, timeout=30_000) as made:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert made.args[0].path == target
    assert previews == [target]
    assert len(PdfReader(target).pages) == made.args[0].pages
    assert m.PackExport.select().count() == 1


def test_a_failed_build_says_why_and_writes_nothing(qtbot, dialog: PackDialog, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   prompts: ScriptedPrompts) -> None:
    from desktop_app.services import pack as pack_service

    document = m.Document.select().where(m.Document.original_name == "leeds.pdf").get()
    pack_service.stored_file(document.sha256).write_bytes(b"changed on disk")
    target = tmp_path / "out" / "pack.pdf"
    target.parent.mkdir()
    prompts.script("save_path", target)

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.told()), timeout=30_000)

    [(problem, is_problem)] = prompts.told()
    assert is_problem and "“leeds.pdf” is damaged or not a PDF" in problem
    assert list(target.parent.iterdir()) == []
    assert dialog.export_button.isEnabled()


def test_choosing_no_file_does_nothing(qtbot, dialog: PackDialog, prompts: ScriptedPrompts) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)  # nothing scripted: the user cancels
    [asked] = prompts.asked_of("save_path")
    assert asked.title == "Save reference pack" and asked.details["file_filter"] == "PDF document (*.pdf)"
    assert dialog.worker is None and dialog.isVisible()


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


def test_the_file_menu_opens_the_dialog(qtbot, main_window, scenario: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    assert main_window.export_pack_action in main_window.file_menu.actions()
    assert main_window.export_pack_action.shortcut().toString() == "Ctrl+Shift+R"

    main_window.export_pack_action.trigger()

    dialog = main_window.findChild(PackDialog, "pack_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.application_id() is None
    dialog.reject()


def test_the_application_detail_opens_the_dialog_for_that_application(  # type: ignore[no-untyped-def]
        qtbot, main_window, scenario: dict[str, int]) -> None:
    tab = main_window.show_tab(1)
    assert not tab.detail.pack_button.isEnabled()  # nothing selected yet
    assert tab.select_application(scenario["application"])
    assert tab.detail.pack_button.isEnabled()

    qtbot.mouseClick(tab.detail.pack_button, Qt.MouseButton.LeftButton)

    dialog = tab.findChild(PackDialog, "pack_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.application_id() == scenario["application"]
    assert tick_labels(dialog.referees) == ["Alex Morgan", "Priya Shah"]
    dialog.reject()
