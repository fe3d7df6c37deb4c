"""Importing applications from a spreadsheet: columns mapped, bad lines listed, nothing imported until confirmed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui import application_actions
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts


def test_import_csv_lists_bad_lines_and_imports_only_when_confirmed(
        qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        prompts: ScriptedPrompts) -> None:
    source = tmp_path / "search.csv"
    source.write_text("Position,Company,When,Where from\n"
                      "Data Engineer,Tailspin Analytics,2026-11-20,LinkedIn\n"
                      "Data Steward,,2026-11-21,Indeed\n"
                      "Statistician,Contoso plc,2026-13-01,Referral\n", encoding="utf-8")
    prompts.script("open_path", source)
    seen: list[Any] = []

    def confirm(dialog: Any) -> bool:
        seen.append(dialog)
        assert dialog.combos["role"].currentText() == "Position"
        assert dialog.combos["applied_on"].currentText() == "(not in the file)"
        assert not dialog.import_button.isEnabled()  # the date column is still to be chosen
        dialog.set_column("applied_on", "When")
        dialog.set_column("source", "Where from")
        bad = [dialog.bad_list.item(i).text() for i in range(dialog.bad_list.count())]
        assert bad == ["Line 3: employer is empty",
                       "Line 4: '2026-13-01' is not a day that exists"]
        assert dialog.import_button.text() == "Import 1 application(s)"
        assert window.applications_tab.panel.visible_count() == 12  # nothing yet
        with qtbot.waitSignal(dialog.accepted):  # imported in a worker, behind a progress dialog
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result() == 1

    monkeypatch.setattr(application_actions, "run_dialog", confirm)
    window.import_applications_csv_action.trigger()
    assert seen and prompts.told() == [("Imported 1 applications.", False)]
    assert window.applications_tab.panel.visible_count() == 13


DATA = Path(__file__).resolve().parents[2] / "data" / "csv"


def test_the_dialog_asks_the_day_month_order_only_when_the_column_cannot_tell(qtbot: Any, store: Path) -> None:
    from desktop_app.services.applications import pipeline
    from desktop_app.services.exchange import applications_csv
    from desktop_app.ui.dialogs.csv_import_dialog import CsvImportDialog

    dialog = CsvImportDialog(applications_csv.read_csv(DATA / "case12-cannot-tell.csv"),
                             default_date_order="day_first")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.date_order.isVisible() and dialog.date_question.isVisible()
    assert dialog.date_order.currentText() == "day/month (31/12/2025)"  # the locale's order until changed
    assert [f.applied_on.isoformat() for _l, f in dialog.check.good] == ["2025-04-03", "2025-06-05"]
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("month_first"))
    assert [f.applied_on.isoformat() for _l, f in dialog.check.good] == ["2025-03-04", "2025-05-06"]
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert sorted(r.applied_on.isoformat() for r in pipeline.list_application_rows()) == ["2025-03-04", "2025-05-06"]


def test_the_dialog_says_which_order_a_us_column_shows_and_names_linkedin(qtbot: Any, store: Path) -> None:
    from desktop_app.services.exchange import applications_csv
    from desktop_app.ui.dialogs.csv_import_dialog import CsvImportDialog

    dialog = CsvImportDialog(applications_csv.read_csv(DATA / "case12-us-dates.csv"), default_date_order="day_first")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.date_order.isVisible()
    assert dialog.date_note.text() == "Dates are read as month/day: the column has 12/31/2025."
    assert dialog.import_button.text() == "Import 3 application(s)"
    linkedin = CsvImportDialog(applications_csv.read_csv(DATA / "case11-linkedin-job-applications.csv"))
    qtbot.addWidget(linkedin)
    linkedin.show()
    assert linkedin.format_note.text() == (
        "Recognised: LinkedIn's job applications export. Each application's source will be “LinkedIn”. "
        "Job Url, Resume Name, Question And Answers will be kept in the notes.")
    assert linkedin.combos["employer"].currentText() == "Company Name"
    assert linkedin.import_button.text() == "Import 3 application(s)"


def test_the_dialog_marks_applications_already_in_afterview_and_skips_them(qtbot: Any, store: Path,
                                                                           tmp_path: Path) -> None:
    from desktop_app.services.exchange import applications_csv
    from desktop_app.ui.dialogs.csv_import_dialog import CsvImportDialog

    source = tmp_path / "twice.csv"
    source.write_text("Role,Company,Date Applied\nData Analyst,Litware,2026-11-03\n", encoding="utf-8")
    table = applications_csv.read_csv(source)
    first = CsvImportDialog(table, default_date_order="day_first")
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.accepted):
        qtbot.mouseClick(first.import_button, Qt.MouseButton.LeftButton)
    assert first.imported == 1
    again = CsvImportDialog(table, default_date_order="day_first")
    qtbot.addWidget(again)
    again.show()
    assert [again.bad_list.item(i).text() for i in range(again.bad_list.count())] == [
        "Line 2: already in Afterview: Data Analyst at Litware, applied 2026-11-03"]
    assert "1 already in Afterview and will be skipped." in again.summary.text()
    assert not again.import_button.isEnabled()


def test_cancelling_a_csv_import_imports_nothing(qtbot: Any, store: Path, tmp_path: Path) -> None:
    """The import runs in a worker behind a progress dialog; Cancel rolls every row back."""
    from desktop_app.services.applications import pipeline
    from desktop_app.services.exchange import applications_csv
    from desktop_app.ui.dialogs.csv_import_dialog import CsvImportDialog

    source = tmp_path / "many.csv"
    source.write_text("Role,Company,Date Applied\n" + "".join(
        f"Analyst {i},Litware,2026-11-03\n" for i in range(300)), encoding="utf-8")
    dialog = CsvImportDialog(applications_csv.read_csv(source), default_date_order="day_first")
    qtbot.addWidget(dialog)
    dialog.show()
    before = len(pipeline.list_application_rows())
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    progress = dialog.progress
    assert progress.isVisible() and not dialog.buttons.isEnabled()
    with qtbot.waitSignal(progress.ended):
        qtbot.keyClick(progress, Qt.Key.Key_Escape)  # the progress dialog's Cancel
    assert progress.outcome is not None and progress.outcome[0] == "cancelled"
    assert dialog.summary.text() == "Import cancelled: nothing was imported."
    assert len(pipeline.list_application_rows()) == before and dialog.imported == 0


def test_the_dialog_asks_when_undated_stages_happened_defaulting_to_the_applied_date(
        qtbot: Any, store: Path, tmp_path: Path) -> None:
    from desktop_app.services.applications import pipeline
    from desktop_app.services.exchange import applications_csv
    from desktop_app.ui.dialogs.csv_import_dialog import CsvImportDialog

    source = tmp_path / "old.csv"
    source.write_text("Role,Company,Date Applied,Stage\nAnalyst,Litware,2024-03-04,rejected\n", encoding="utf-8")
    dialog = CsvImportDialog(applications_csv.read_csv(source), default_date_order="day_first")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.stages_question.isVisible() and dialog.stages_on_applied.isChecked()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (row,) = pipeline.list_application_rows()
    assert [(s.stage, s.on.isoformat()) for s in pipeline.stage_history(row.id)] == [
        ("applied", "2024-03-04"), ("rejected", "2024-03-04")]
    # only applied rows: nothing to ask
    plain = tmp_path / "plain.csv"
    plain.write_text("Role,Company,Date Applied,Stage\nAnalyst,Contoso,2024-03-04,applied\n", encoding="utf-8")
    again = CsvImportDialog(applications_csv.read_csv(plain), default_date_order="day_first")
    qtbot.addWidget(again)
    again.show()
    assert not again.stages_question.isVisible()


def test_the_mapping_step_shows_the_first_rows_as_read_and_remembers_the_order_per_file(
        qtbot: Any, store: Path, tmp_path: Path) -> None:
    from desktop_app.services.exchange import applications_csv
    from desktop_app.ui.dialogs.csv_import_dialog import CsvImportDialog
    from desktop_app.ui.ui_settings import UiSettings

    source = tmp_path / "tracker.csv"
    source.write_text("Role,Company,Date Applied\nAnalyst,Litware,03/04/2025\n", encoding="utf-8")
    settings = UiSettings(store)
    dialog = CsvImportDialog(applications_csv.read_csv(source), default_date_order="day_first",
                             settings=settings, source_name=source.name)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.first_rows.isVisible()
    assert [dialog.first_rows.item(0, c).text() for c in range(3)] == ["Analyst", "Litware", "3 April 2025"]
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("month_first"))
    assert dialog.first_rows.item(0, 2).text() == "4 March 2025"  # read again after the choice
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # the next file of that name is offered the same order; another name the default
    again = CsvImportDialog(applications_csv.read_csv(source), default_date_order="day_first",
                            settings=settings, source_name=source.name)
    other = CsvImportDialog(applications_csv.read_csv(source), default_date_order="day_first",
                            settings=settings, source_name="other.csv")
    qtbot.addWidget(again)
    qtbot.addWidget(other)
    assert again.date_order.currentData() == "month_first"
    assert other.date_order.currentData() == "day_first"


def test_excels_unicode_text_sheet_imports_from_the_file_menu(
        qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        prompts: ScriptedPrompts) -> None:
    """Fresh eyes, issue #15: Excel's *Unicode text* (UTF-16LE with its BOM, tab separated, CR LF)
    was refused as "not a CSV text file". It is mapped and imported like any sheet, and the CR LF
    inside a quoted note becomes one line break."""
    from desktop_app.services.applications import pipeline

    source = tmp_path / "search.txt"
    source.write_bytes("Position\tCompany\tDate applied\tNotes\r\n"
                       "Data Engineer\tZoë's Bakery\t2026-11-20\t\"call back\r\nafter 10am\"\r\n".encode("utf-16"))
    assert source.read_bytes()[:2] == b"\xff\xfe"
    prompts.script("open_path", source)

    def confirm(dialog: Any) -> bool:
        assert dialog.combos["employer"].currentText() == "Company"
        with qtbot.waitSignal(dialog.accepted):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result() == 1

    monkeypatch.setattr(application_actions, "run_dialog", confirm)
    window.import_applications_csv_action.trigger()
    assert prompts.told() == [("Imported 1 applications.", False)]
    assert "*.txt" in prompts.asked_of("open_path")[0].details["file_filter"]  # Excel names it .txt
    (made,) = [r for r in pipeline.list_application_rows(with_next_step=False) if r.employer == "Zoë's Bakery"]
    assert made.role == "Data Engineer"
    assert made.notes == "call back\nafter 10am"
