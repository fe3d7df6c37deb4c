"""The Applications actions of the File menu: calendar and spreadsheet export, a file that is not a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts


def test_export_calendar_and_csv_from_the_file_menu(window: MainWindow, tmp_path: Path,
                                                    prompts: ScriptedPrompts) -> None:
    prompts.script("save_path", tmp_path / "afterview.ics", tmp_path / "applications.csv")
    window.export_calendar_action.trigger()
    assert (tmp_path / "afterview.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert b"BEGIN:VALARM" in (tmp_path / "afterview.ics").read_bytes()
    window.export_applications_csv_action.trigger()
    text = (tmp_path / "applications.csv").read_text("utf-8-sig")
    assert text.splitlines()[0].startswith("role,employer,agency,recruiter,source,applied_on,stage,stage_history")
    assert "Exported 12 applications" in window.statusBar().currentMessage()
    assert [a.details["suggested"] for a in prompts.asked_of("save_path")] == ["afterview.ics", "applications.csv"]


def test_a_file_that_is_not_a_spreadsheet_is_refused(window: MainWindow, tmp_path: Path,
                                                     prompts: ScriptedPrompts) -> None:
    source = tmp_path / "photo.csv"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    prompts.script("open_path", source)
    window.import_applications_csv_action.trigger()
    assert prompts.told() == [("Nothing was imported.\n\nphoto.csv is not a CSV text file (save the spreadsheet as CSV "
                     "first).", True)]
