"""The Referees tab as the user drives it: the local time of each referee, references given and taken
back, a briefing in general, vCard import and export, names shown as typed."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.applications import organisations, pipeline as applications
from desktop_app.services.referees import briefings, referees as referee_service
from desktop_app.ui.dialogs.briefing_dialog import BriefingDialog
from tests.helpers.referees_tab import drive
from tests.helpers.scripted_prompts import ScriptedPrompts

CARDS = Path(__file__).resolve().parent.parent / "data" / "vcards"


def test_local_time_column_with_a_fixed_now(qtbot: Any, main_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, zone in [("London", "Europe/London"), ("New York", "America/New_York"),
                       ("Kolkata", "Asia/Kolkata"), ("Sydney", "Australia/Sydney"), ("Nowhere", None)]:
        referee_service.create_referee({"name": name, "relationship": "colleague", "time_zone": zone})
    tab = main_window.show_tab(2)
    monkeypatch.setattr(tab, "now", lambda: datetime(2026, 11, 24, 14, 5, tzinfo=timezone.utc))
    tab.tick()
    shown = {tab.model.index(r, 0).data(): tab.model.index(r, tab.model.LOCAL_TIME).data()
             for r in range(tab.model.rowCount())}
    assert shown == {"London": "14:05 Tue, a good time to call", "New York": "09:05 Tue, a good time to call",
                     "Kolkata": "19:35 Tue, outside working hours", "Sydney": "01:05, too early",
                     "Nowhere": "time zone not set"}
    row = next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 0).data() == "Kolkata")
    assert tab.model.index(row, tab.model.LOCAL_TIME).data(Qt.ItemDataRole.ToolTipRole) == \
        "Asia/Kolkata (UTC+05:30)"


def test_employer_contacted_questionnaire_done_and_take_back(qtbot: Any, main_window: Any,
                                                             prompts: ScriptedPrompts) -> None:
    org = organisations.find_or_create_organisation("Adatum")
    app = applications.create_application({"role": "Analyst", "employer": org, "applied_on": date.today()})
    alex = referee_service.create_referee({"name": "Alex Morgan", "relationship": "direct_manager"})
    briefings.give_referees(app, [alex], date.today())
    tab = main_window.show_tab(2)
    tab.refresh()
    tab.select_referee(alex)
    tab.references_table.setCurrentIndex(tab.references_model.index(0, 0))
    contacted = date.today() - timedelta(days=1)
    prompts.script("ask_date", contacted)
    qtbot.mouseClick(tab.contacted_button, Qt.MouseButton.LeftButton)
    [asked] = prompts.asked_of("ask_date")
    assert asked.text == "When did Adatum contact Alex Morgan?" and asked.details["initial"] == tab.today()
    tab.references_table.setCurrentIndex(tab.references_model.index(0, 0))
    qtbot.mouseClick(tab.questionnaire_button, Qt.MouseButton.LeftButton)
    (row,) = tab.references_model.rows()
    assert row.employer_contacted_on == contacted and row.questionnaire_done
    # taking back forgets what the employer did: asked first, and Cancel keeps it
    tab.references_table.setCurrentIndex(tab.references_model.index(0, 0))
    qtbot.mouseClick(tab.take_back_button, Qt.MouseButton.LeftButton)
    [question] = prompts.asked_of("confirm_destructive")
    assert question.details["action_label"] == "Take back" and "Analyst at Adatum" in question.text
    assert len(tab.references_model.rows()) == 1
    prompts.script("confirm_destructive", True)
    tab.references_table.setCurrentIndex(tab.references_model.index(0, 0))
    qtbot.mouseClick(tab.take_back_button, Qt.MouseButton.LeftButton)
    assert tab.references_model.rows() == []


def test_a_file_that_is_not_a_vcard_is_refused_with_a_message(qtbot: Any, main_window: Any,
                                                              prompts: ScriptedPrompts) -> None:
    tab = main_window.show_tab(2)
    prompts.script("open_path", CARDS / "not-a-vcard.vcf")
    assert tab.import_vcard()
    qtbot.waitUntil(lambda: bool(prompts.told()))
    [(text, problem)] = prompts.told()
    assert problem and "Nothing was imported" in text and "holds no contacts" in text
    assert tab.model.rowCount() == 0


def test_export_selected_referees(qtbot: Any, main_window: Any, prompts: ScriptedPrompts,
                                  tmp_path: Path) -> None:
    for name in ("Zoë Fraser", "王伟", "Alex Morgan"):
        referee_service.create_referee({"name": name, "relationship": "colleague"})
    tab = main_window.show_tab(2)
    tab.refresh()
    target = tmp_path / "out.vcf"
    prompts.script("save_path", target)
    table = tab.panel.table
    table.selectRow(1)
    table.selectionModel().select(tab.panel.proxy.index(2, 0),
                                  table.selectionModel().SelectionFlag.Select
                                  | table.selectionModel().SelectionFlag.Rows)
    names = sorted(r.name for r in tab.selected_referees())
    assert len(names) == 2
    assert tab.export_vcard() == 2
    text = target.read_bytes().decode("utf-8")
    assert all(f"FN:{n}" in text for n in names)


def test_brief_without_any_application_is_a_general_briefing(qtbot: Any, main_window: Any,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QKeySequence

    alex = referee_service.create_referee({"name": "Alex Morgan", "relationship": "direct_manager",
                                           "email": "alex@contoso.example"})
    tab = main_window.show_tab(2)
    assert tab.brief_button.shortcut() == QKeySequence("Ctrl+B")
    assert tab.select_referee(alex)
    opened: list[BriefingDialog] = []
    drive(tab, monkeypatch, lambda dialog: opened.append(dialog) or False)
    qtbot.mouseClick(tab.brief_button, Qt.MouseButton.LeftButton)
    assert [d.referee.name for d in opened] == ["Alex Morgan"]
    assert opened[0].application_combo.currentData() is None  # given to nothing yet: in general
    assert "applying for new roles" in opened[0].body_edit.toPlainText()
    assert referee_service.get_referee(alex).last_briefed_on is None  # closed without marking


def test_markup_in_a_name_is_shown_as_typed(qtbot: Any, main_window: Any) -> None:
    name = "<b>Bold</b> & <i>Co</i>"
    ref = referee_service.create_referee({"name": name, "relationship": "colleague"})
    tab = main_window.show_tab(2)
    tab.refresh()
    tab.select_referee(ref)
    assert tab.detail.title.textFormat() == Qt.TextFormat.PlainText
    assert tab.detail.title.text().startswith(name)
    assert tab.banner.textFormat() == Qt.TextFormat.PlainText


def test_the_banner_is_not_ready_while_nobody_has_agreed_or_been_briefed(main_window: Any) -> None:
    """Issue #18: "Your referees are ready" was said when none had been briefed or had agreed."""
    for name, relationship in (("Alex Morgan", "direct_manager"), ("Priya Shah", "senior_manager"),
                               ("Sam Lee", "colleague")):
        referee_service.create_referee({"name": name, "relationship": relationship, "email": None})
    tab = main_window.referees_tab
    tab.refresh()
    assert tab.banner.text().startswith("Your set of referees is strong (3 active), but none has yet agreed")
    assert "ready" not in tab.banner.text()
    alex = next(r.id for r in tab.model.rows() if r.name == "Alex Morgan")
    referee_service.update_referee(alex, {"consent_on": date(2026, 11, 20)})
    tab.refresh()
    assert tab.banner.text().startswith("Your referees are ready: 3 active")
    assert tab.banner.text().endswith("Not yet agreed or briefed: Priya Shah, Sam Lee.")


def test_a_referee_is_deleted_by_the_key_the_menu_and_the_button_alike(qtbot: Any, main_window: Any,
                                                                        prompts: ScriptedPrompts) -> None:
    """Issue #18 (fresh eyes): Delete did nothing and Edit → Delete was greyed, though the README
    says a deleted referee goes to the Trash. Cancel keeps them; Undo brings them back."""
    alex = referee_service.create_referee({"name": "Alex Morgan", "relationship": "direct_manager"})
    zoe = referee_service.create_referee({"name": "Zoë Fraser", "relationship": "colleague"})
    sam = referee_service.create_referee({"name": "Sam Lee", "relationship": "colleague"})
    main_window.show()
    qtbot.waitExposed(main_window)
    tab = main_window.show_tab(2)
    tab.refresh()
    names = lambda: {r.name for r in tab.model.rows()}  # noqa: E731

    # the key, answered Cancel: nothing goes
    tab.select_referee(alex)
    tab.panel.table.setFocus()
    prompts.script("confirm_destructive", False)
    qtbot.keyClick(tab.panel.table, Qt.Key.Key_Delete)
    [asked] = prompts.asked_of("confirm_destructive")
    assert asked.title == "Delete referee" and "Alex Morgan" in asked.text and "Retire" in asked.text
    assert names() == {"Alex Morgan", "Zoë Fraser", "Sam Lee"}
    # the key, answered Delete
    prompts.script("confirm_destructive", True)
    qtbot.keyClick(tab.panel.table, Qt.Key.Key_Delete)
    assert names() == {"Zoë Fraser", "Sam Lee"}
    # Edit → Delete is not greyed on the Referees tab, and does the same
    main_window.edit_menu.aboutToShow.emit()
    assert main_window.delete_action.isEnabled()
    tab.select_referee(zoe)
    tab.panel.table.setFocus()
    prompts.script("confirm_destructive", True)
    main_window.delete_action.trigger()
    assert names() == {"Sam Lee"}
    # the button
    tab.select_referee(sam)
    prompts.script("confirm_destructive", True)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert names() == set() and not tab.delete_button.isEnabled()
    main_window.undo_action.trigger()
    assert names() == {"Sam Lee"}
