"""Compose, Settings (thresholds and Messages), calendar and spreadsheet import/export from the menus."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.ui import application_actions

from desktop_app import clock
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.compose_dialog import ComposeDialog
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.main_window import MainWindow
from tests.scripted_prompts import ScriptedPrompts

DEMO_TODAY = date(2026, 11, 25)


@pytest.fixture
def window(qtbot: Any, demo_store: Path, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> MainWindow:
    monkeypatch.setattr(clock, "today", lambda: DEMO_TODAY)
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 25, 10, tzinfo=timezone.utc))
    made = MainWindow(AppContext.create(demo_store, prompts=prompts))
    qtbot.addWidget(made)
    return made


def app_id(window: MainWindow, role: str) -> int:
    return next(r.id for r in window.applications_tab.model.rows() if r.role == role)


def test_compose_copy_email_and_linkedin(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                         prompts: ScriptedPrompts) -> None:
    dialog = ComposeDialog(app_id(window, "Data Analyst"), "feedback_request", window, prompts=prompts)
    qtbot.addWidget(dialog)
    opened: list[str] = []
    monkeypatch.setattr(dialog, "open_url", lambda url: opened.append(url) or True)
    assert dialog.to_label.text() == "Priya Shah <priya.shah@northwind.example>"
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith("Feedback on my Data Analyst interview\n\nDear Priya,")
    dialog.subject_edit.setText("Feedback & next steps?")
    qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)
    assert opened[0].startswith("mailto:priya.shah@northwind.example?subject=Feedback%20%26%20next%20steps%3F&body=")
    qtbot.mouseClick(dialog.linkedin_button, Qt.MouseButton.LeftButton)
    assert opened[1] == "https://www.linkedin.com/in/priya-shah-example"
    assert dialog.channel_combo.currentData() == "linkedin"
    prompts.script("confirm_destructive", True)
    qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)
    # the thank-you went on 21 Nov: four days later is inside the gap, so the user was asked
    asked = prompts.asked_of("confirm_destructive")
    assert [a.text for a in asked] == ["You last contacted Northwind Ltd 4 days ago; a follow-up is polite from 26 Nov."]
    assert asked[0].title == "Too soon to follow up?" and asked[0].details["action_label"] == "Log anyway"
    timeline = window.applications_tab
    timeline.select_application(app_id(window, "Data Analyst"))
    window.context.events.applications_changed.emit()
    assert "LinkedIn · Feedback request: Feedback & next steps?" in timeline.detail.timeline.item(0).text()


def test_no_linkedin_button_without_a_profile(qtbot: Any, window: MainWindow) -> None:
    dialog = ComposeDialog(app_id(window, "Revenue Analyst"), "follow_up", window, prompts=window.context.prompts)
    qtbot.addWidget(dialog)
    assert not dialog.linkedin_button.isEnabled()
    assert "Dear Sir or Madam," in dialog.body()


def test_settings_thresholds_change_the_next_steps(qtbot: Any, window: MainWindow) -> None:
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.spins["min_follow_up_gap_days"].setValue(10)
    dialog.spins["re_approach_window_months"].setValue(2)  # ends before it starts: refused
    assert not dialog.save_thresholds()
    assert "must end after it starts" in dialog.threshold_error.text()
    dialog.spins["re_approach_window_months"].setValue(6)
    assert dialog.save_thresholds() and dialog.changed
    window.context.events.settings_changed.emit()
    model = window.applications_tab.model
    steps = {model.index(r, 0).data(): model.index(r, model.NEXT_STEP).data() for r in range(model.rowCount())}
    assert steps["Business Intelligence Analyst"] == "Follow-up polite from 24 Nov"  # 14 Nov + 10 days


def test_messages_editor_refuses_unknown_placeholders(qtbot: Any, window: MainWindow) -> None:
    from desktop_app.services.core import messages

    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    dialog.select_template("last_say")
    assert "keen to work for {organisation} in the future" in dialog.body_edit.toPlainText()
    dialog.body_edit.setPlainText("Dear {contact_first_name}, thanks from {my_nmae}")
    assert not dialog.save_template()
    assert dialog.template_error.text().startswith("Message: {my_nmae} is not a placeholder Afterview knows")
    assert "{my_nmae}" not in messages.get_template("last_say").body
    dialog.body_edit.setPlainText("Dear {contact_first_name},\n\nThank you — {my_name}")
    assert dialog.save_template()
    assert messages.get_template("last_say").body.endswith("Thank you — {my_name}")
    qtbot.mouseClick(dialog.reset_template_button, Qt.MouseButton.LeftButton)
    assert "keen to work for" in dialog.body_edit.toPlainText()


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
                       "Line 4: '2026-13-01' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"]
        assert dialog.import_button.text() == "Import 1 application(s)"
        assert window.applications_tab.panel.visible_count() == 12  # nothing yet
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result() == 1

    monkeypatch.setattr(application_actions, "run_dialog", confirm)
    window.import_applications_csv_action.trigger()
    assert seen and prompts.told() == [("Imported 1 applications.", False)]
    assert window.applications_tab.panel.visible_count() == 13


def test_a_file_that_is_not_a_spreadsheet_is_refused(window: MainWindow, tmp_path: Path,
                                                     prompts: ScriptedPrompts) -> None:
    source = tmp_path / "photo.csv"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    prompts.script("open_path", source)
    window.import_applications_csv_action.trigger()
    assert prompts.told() == [("Nothing was imported.\n\nphoto.csv is not a CSV text file (save the spreadsheet as CSV "
                     "first).", True)]
