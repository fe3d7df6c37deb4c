"""The Export reference pack dialog, driven as a user would with qtbot: its defaults and checks,
the pack built in a worker, and the day it checks and dates by (the test clock's)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop_app.store import models as m
from desktop_app.ui.pack_dialog import PackDialog
from tests.helpers.scripted_prompts import ScriptedPrompts


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
                                                   prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.pack import PackError
    from desktop_app.services import pack as pack_service

    def fails(*_args: Any, **_kwargs: Any) -> None:
        raise PackError("“leeds.pdf” has changed on disk since it was added to the vault. Re-attach it.")

    monkeypatch.setattr(pack_service, "build_pack", fails)  # it changed after the dialog looked
    target = tmp_path / "out" / "pack.pdf"
    target.parent.mkdir()
    prompts.script("save_path", target)

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.told()), timeout=30_000)

    [(problem, is_problem)] = prompts.told()
    assert is_problem and "“leeds.pdf” has changed on disk since it was added to the vault" in problem
    assert problem.lower().count("not made") + problem.lower().count("no pack was") == 1  # said once
    assert list(target.parent.iterdir()) == []
    assert dialog.export_button.isEnabled()


def _two_unusable() -> tuple[Any, Any]:
    """leeds.pdf changed on disk and york-cert.pdf gone from the vault folder."""
    from desktop_app.services import pack as pack_service

    leeds = m.Document.get(m.Document.original_name == "leeds.pdf")
    stored = pack_service.stored_file(leeds.sha256)
    stored.write_bytes(stored.read_bytes() + b"% edited\n")
    york = m.Document.get(m.Document.original_name == "york-cert.pdf")
    pack_service.stored_file(york.sha256).unlink()
    return leeds, york


def test_every_unusable_document_is_named_before_the_save_picker(qtbot, context, scenario: dict[str, int],  # type: ignore[no-untyped-def]
                                                                 prompts: ScriptedPrompts) -> None:
    """Issue 15, fresh eyes: "Go on anyway…", then the save picker, then "The pack was not made"
    naming one of two changed files. Now both are named first, with the next step; Cancel (the
    default) leaves the dialog open to put them right, with no file picked and nothing written."""
    _two_unusable()
    dialog = PackDialog(context, application_id=scenario["application"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert {scenario["degree"], scenario["masters"]} <= dialog.qualifications.ticked  # both, by default
    prompts.script("confirm_destructive", False)

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    [asked] = prompts.asked_of("confirm_destructive")
    assert "• leeds.pdf: changed on disk since it was added" in asked.text
    assert "• york-cert.pdf: missing from the vault folder" in asked.text
    assert "Re-attach…" in asked.text and "Or make this pack without “leeds.pdf” and “york-cert.pdf”." in asked.text
    assert asked.details["action_label"] == "Make it without them"
    assert prompts.asked_of("save_path") == [] and dialog.worker is None and dialog.isVisible()


def test_the_pack_can_be_made_without_the_unusable_documents(qtbot, context, scenario: dict[str, int],  # type: ignore[no-untyped-def]
                                                             prompts: ScriptedPrompts, tmp_path: Path) -> None:
    leeds, york = _two_unusable()
    dialog = PackDialog(context, application_id=scenario["application"])
    qtbot.addWidget(dialog)
    dialog.show_preview = lambda path: None  # type: ignore[method-assign, assignment, return-value]
    dialog.show()
    assert {scenario["degree"], scenario["masters"]} <= dialog.qualifications.ticked
    made: list[Any] = []
    dialog.pack_made.connect(made.append)
    target = tmp_path / "pack.pdf"
    prompts.script("confirm_destructive", True)
    prompts.script("save_path", target)

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(made), timeout=30_000)

    assert target.exists() and prompts.told() == []
    sent = [d.document.original_name for d in made[0].documents]
    assert sent == ["leeds-cert.pdf"]  # the one document still as it was added


def test_a_file_changed_on_disk_is_named_when_the_dialog_opens(qtbot, context, scenario: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: found when the pack dialog opens, with the next step, not first when building fails."""
    from desktop_app.services import pack as pack_service

    document = m.Document.select().where(m.Document.original_name == "leeds.pdf").get()
    stored = pack_service.stored_file(document.sha256)
    stored.write_bytes(stored.read_bytes() + b"% edited\n")
    dialog = PackDialog(context, application_id=scenario["application"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert "“leeds.pdf” has changed on disk since it was added to the vault" in dialog.checks.text()
    assert "Re-attach…" in dialog.checks.text()


def test_choosing_no_file_does_nothing(qtbot, dialog: PackDialog, prompts: ScriptedPrompts) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)  # nothing scripted: the user cancels
    [asked] = prompts.asked_of("save_path")
    assert asked.title == "Save reference pack" and asked.details["file_filter"] == "PDF document (*.pdf)"
    assert dialog.worker is None and dialog.isVisible()


# ---------------------------------------------------------------- the dialog sees the test clock
@pytest.fixture
def briefed_in_general(store: Path) -> int:
    """An application with two referees given to it, both briefed in general on 1 Mar 2031."""
    from desktop_app.store import models as m

    m.Profile.create(name="Sam Taylor", email="sam@example.org", phone="+447700900123")
    employer = m.Organisation.create(name="Northwind Ltd")
    application = m.Application.create(role="Data Analyst", employer=employer, applied_on=date(2031, 2, 1),
                                       stage="interviewing")
    for name, relationship in (("Alex Morgan", "direct_manager"), ("Priya Shah", "colleague")):
        referee = m.Referee.create(name=name, relationship=relationship, email="ref@example.org",
                                   time_zone="Europe/London")
        m.ReferenceGiven.create(referee=referee, application=application, on=date(2031, 3, 1))
        m.Briefing.create(referee=referee, application=None, on=date(2031, 3, 1))
    return application.id


def _dialog(qtbot: Any, context: Any, application_id: int) -> Any:
    from desktop_app.ui.pack_dialog import PackDialog

    dialog = PackDialog(context, application_id=application_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_pack_dialog_checks_briefings_on_the_test_clocks_day(qtbot: Any, context: Any, briefed_in_general: int,
                                                                 frozen_clock: ModuleType) -> None:
    frozen_clock.set_today(date(2031, 3, 3))  # two days after the briefing: still fresh
    assert "Brief" not in _dialog(qtbot, context, briefed_in_general).checks.text()

    frozen_clock.set_today(date(2031, 7, 1))  # 122 days after it: older than the 90 days a briefing lasts
    assert "Brief Alex Morgan before Northwind calls" in _dialog(qtbot, context, briefed_in_general).checks.text()


def test_the_pack_dialog_dates_the_pack_on_the_test_clocks_day(qtbot: Any, context: Any, prompts: Any,
                                                               briefed_in_general: int, tmp_path: Path,
                                                               frozen_clock: ModuleType) -> None:
    frozen_clock.set_today(date(2031, 3, 3))
    dialog = _dialog(qtbot, context, briefed_in_general)
    dialog.show_preview = lambda path: None  # the preview window is not what is tested here
    target = tmp_path / "pack.pdf"
    prompts.script("save_path", target)
    with qtbot.waitSignal(dialog.pack_made, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "3 March 2031" in PdfReader(target).pages[0].extract_text()


def test_the_pin_is_offered_only_for_a_ticked_qualification_that_has_one(  # type: ignore[no-untyped-def]
        qtbot, context, scenario: dict[str, int]) -> None:
    m.Qualification.update(verify_pin="4821").where(m.Qualification.id == scenario["degree"]).execute()
    dialog = PackDialog(context, application_id=scenario["application"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.print_pins.isVisible() and not dialog.print_pins.isChecked()
    assert not dialog.choice().print_pins  # never printed unless ticked for this pack

    qtbot.keyClick(dialog.print_pins, Qt.Key.Key_Space)
    assert dialog.choice().print_pins
    degree = next(row for row in range(dialog.qualifications.rowCount())
                  if dialog.qualifications.options[row].id == scenario["degree"])
    dialog.qualifications.setData(dialog.qualifications.index(degree), Qt.CheckState.Unchecked.value,
                                  Qt.ItemDataRole.CheckStateRole)
    assert not dialog.print_pins.isVisible() and not dialog.choice().print_pins
