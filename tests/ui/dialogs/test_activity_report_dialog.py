"""File → Activity report…: choose the period, what counts, the reader and the format; save in a worker."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from pypdf import PdfReader

from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.activity_report_dialog import ActivityReportDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers.activity_samples import EXPECTED, make_activities
from tests.helpers.scripted_prompts import ScriptedPrompts


@pytest.fixture
def dialog(qtbot: Any, context: AppContext, frozen_clock) -> ActivityReportDialog:  # type: ignore[no-untyped-def]
    frozen_clock.set_today(date(2026, 11, 14))
    make_activities()
    made = ActivityReportDialog(context)
    qtbot.addWidget(made)
    return made


def choose(combo: Any, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def wait_for_the_report(qtbot: Any, dialog: ActivityReportDialog) -> tuple[str, object]:
    qtbot.waitUntil(lambda: dialog.progress_dialog is not None and dialog.progress_dialog.outcome is not None,
                    timeout=30000)
    return dialog.progress_dialog.outcome


def test_presets_set_the_days_and_a_day_typed_by_hand_makes_it_custom(qtbot: Any,
                                                                     dialog: ActivityReportDialog) -> None:
    assert dialog.preset_combo.currentData() == "this_month"
    assert dialog.period() == (date(2026, 11, 1), date(2026, 11, 14))
    choose(dialog.preset_combo, "month")  # the previous calendar month
    assert dialog.period() == (date(2026, 10, 1), date(2026, 10, 31))
    choose(dialog.preset_combo, "fortnight")
    assert dialog.period() == (date(2026, 11, 1), date(2026, 11, 14))
    choose(dialog.preset_combo, "week")
    assert dialog.period() == (date(2026, 11, 8), date(2026, 11, 14))
    dialog.first_edit.setFocus()
    qtbot.keyClick(dialog.first_edit, Qt.Key.Key_Up)  # the user steps the day on by one
    assert dialog.preset_combo.currentData() == "custom"
    assert dialog.period()[0] == date(2026, 11, 9)


def test_a_period_ending_before_it_starts_is_said_and_nothing_is_asked(qtbot: Any, dialog: ActivityReportDialog,
                                                                       prompts: ScriptedPrompts) -> None:
    choose(dialog.preset_combo, "custom")
    dialog.first_edit.setDate(QDate(2026, 11, 20))
    dialog.last_edit.setDate(QDate(2026, 11, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "ends before it starts" in dialog.error_label.text()
    assert prompts.asked_of("save_path") == []


def test_nothing_ticked_is_said(qtbot: Any, dialog: ActivityReportDialog, prompts: ScriptedPrompts) -> None:
    for box in dialog.kind_boxes.values():
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "at least one" in dialog.error_label.text()
    assert prompts.asked_of("save_path") == []


def test_a_pdf_is_saved_in_a_worker(qtbot: Any, dialog: ActivityReportDialog, prompts: ScriptedPrompts,
                                    tmp_path: Path) -> None:
    choose(dialog.preset_combo, "fortnight")
    out = tmp_path / "report.pdf"
    prompts.script("save_path", out)
    made: list[object] = []
    dialog.report_made.connect(made.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert wait_for_the_report(qtbot, dialog)[0] == "finished"
    asked = prompts.asked_of("save_path")[0]
    assert asked.details["suggested"] == "Activity report 2026-11-01 to 2026-11-14.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert f"Activities in all: {sum(EXPECTED.values())}" in text
    assert len(made) == 1 and dialog.result() == dialog.DialogCode.Accepted


def test_a_csv_for_the_job_centre_counts_only_what_is_ticked(qtbot: Any, dialog: ActivityReportDialog,
                                                             prompts: ScriptedPrompts, tmp_path: Path) -> None:
    choose(dialog.preset_combo, "fortnight")
    choose(dialog.reader_combo, "ba-de")
    qtbot.mouseClick(dialog.csv_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.kind_boxes["contact"], Qt.MouseButton.LeftButton)  # other contacts do not count
    out = tmp_path / "nachweis.csv"
    prompts.script("save_path", out)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert wait_for_the_report(qtbot, dialog)[0] == "finished"
    assert prompts.asked_of("save_path")[0].details["file_filter"] == "Spreadsheet (*.csv)"
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Datum"
    assert len(rows) - 1 == sum(EXPECTED.values()) - EXPECTED["contact"]


def test_cancelling_the_file_picker_writes_nothing(qtbot: Any, dialog: ActivityReportDialog,
                                                   prompts: ScriptedPrompts, tmp_path: Path) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(prompts.asked_of("save_path")) == 1
    assert dialog.progress_dialog is None and dialog.isEnabled()


def test_the_file_menu_opens_it(qtbot: Any, main_window: MainWindow) -> None:
    assert main_window.activity_report_action in main_window.file_menu.actions()
    main_window.activity_report_action.trigger()
    opened = main_window.findChild(ActivityReportDialog, "activity_report_dialog")
    assert opened is not None and opened.isVisible()
    opened.reject()


def test_no_day_after_today_can_be_chosen_and_the_dialog_says_why(qtbot: Any, dialog: ActivityReportDialog) -> None:
    choose(dialog.preset_combo, "custom")
    dialog.last_edit.setDate(QDate(2026, 11, 30))  # past today (14 Nov): brought back to today
    assert dialog.period()[1] == date(2026, 11, 14)
    assert dialog.ends_today_note.text() == "The report ends today: activities after today have not happened yet."
    assert dialog.ends_today_note.isVisibleTo(dialog)
    dialog.first_edit.setDate(QDate(1, 1, 1))
    assert dialog.period()[0] == date(1900, 1, 1)


def test_the_red_line_clears_once_the_period_is_mended(qtbot: Any, dialog: ActivityReportDialog) -> None:
    choose(dialog.preset_combo, "custom")
    dialog.first_edit.setDate(QDate(2026, 11, 10))
    dialog.last_edit.setDate(QDate(2026, 11, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "ends before it starts" in dialog.error_label.text()
    dialog.last_edit.setFocus()
    dialog.last_edit.setDate(QDate(2026, 11, 12))
    assert dialog.error_label.text() == ""
    for box in dialog.kind_boxes.values():
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "at least one" in dialog.error_label.text()
    qtbot.mouseClick(dialog.kind_boxes["interview"], Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == ""


def _clear_the_name() -> None:
    from desktop_app.store import models as m

    m.Profile.update(name="").execute()


def test_no_name_in_the_profile_is_said_and_the_profile_can_be_opened(qtbot: Any, dialog: ActivityReportDialog,
                                                                      prompts: ScriptedPrompts) -> None:
    _clear_the_name()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing scripted: "Open Profile…"
    asked = prompts.asked_of("ask_yes_no")
    assert len(asked) == 1 and asked[0].text.startswith(
        "Your name is not in your profile, so the report does not say whose it is. Add it in Profile…")
    assert asked[0].details["no_label"] == "Open Profile…"
    assert dialog.profile_dialog is not None and dialog.profile_dialog.isVisible()
    assert prompts.asked_of("save_path") == []
    dialog.profile_dialog.reject()


def test_no_name_in_the_profile_the_user_may_go_on(qtbot: Any, dialog: ActivityReportDialog,
                                                   prompts: ScriptedPrompts, tmp_path: Path) -> None:
    _clear_the_name()
    prompts.script("ask_yes_no", True).script("save_path", tmp_path / "r.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert wait_for_the_report(qtbot, dialog)[0] == "finished"
    assert (tmp_path / "r.pdf").exists() and dialog.profile_dialog is None


def test_a_folder_that_cannot_be_written_is_said_in_plain_words_before_building(
        qtbot: Any, dialog: ActivityReportDialog, prompts: ScriptedPrompts, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from desktop_app.services.report import export

    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    # the tests may run as root, whom no mode stops: the system's refusal stands in
    monkeypatch.setattr(export.os, "access",
                        lambda path, mode: False if Path(path) == locked else real_access(path, mode))
    prompts.script("save_path", locked / "r.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    warned = prompts.asked_of("warn")
    assert len(warned) == 1 and f"Afterview is not allowed to write in {locked}." in warned[0].text
    assert "Errno" not in warned[0].text
    assert dialog.progress_dialog is None and list(locked.iterdir()) == []


def test_the_choices_and_the_last_folder_are_remembered(qtbot: Any, dialog: ActivityReportDialog,
                                                        prompts: ScriptedPrompts, context: AppContext,
                                                        tmp_path: Path) -> None:
    choose(dialog.preset_combo, "fortnight")
    choose(dialog.reader_combo, "uc-uk")
    qtbot.mouseClick(dialog.csv_button, Qt.MouseButton.LeftButton)
    prompts.script("save_path", tmp_path / "r.csv")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert wait_for_the_report(qtbot, dialog)[0] == "finished"
    again = ActivityReportDialog(context)
    qtbot.addWidget(again)
    assert (again.preset_combo.currentData(), again.reader(), again.report_format()) == ("fortnight", "uc-uk", "csv")
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    # the picker opens in the last folder (Prompts' one folder memory for every picker, issue #15)
    asked = prompts.asked_of("save_path")[-1].details
    assert (asked["folder"], asked["suggested"], asked["kind"]) == (
        tmp_path, "Activity report 2026-11-01 to 2026-11-14.csv", "report")


def test_every_label_and_the_menu_entry_have_a_mnemonic(qtbot: Any, dialog: ActivityReportDialog,
                                                        main_window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    labels = {label.text(): label.buddy() for label in dialog.findChildren(QLabel) if "&" in label.text()}
    assert labels == {"&Period": dialog.preset_combo, "What &counts": dialog.kind_boxes["application"],
                      "Report &for": dialog.reader_combo, "F&ormat": dialog.pdf_button}
    assert main_window.activity_report_action.text() == "Activity &report…"
    letters = [a.text().split("&")[1][0].lower() for a in main_window.file_menu.actions() if "&" in a.text()]
    assert len(letters) == len(set(letters))
