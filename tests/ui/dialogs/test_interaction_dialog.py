"""Log contact's *With*: the application's people, and *Add person…* to add one on the spot."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.ui.dialogs import contact_dialog
from desktop_app.ui.dialogs.interaction_dialog import ADD_PERSON, InteractionDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts


def test_with_can_add_a_person_and_cancel_keeps_the_choice(
        qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> None:
    app_id = next(r.id for r in window.applications_tab.model.rows() if r.role == "Data Analyst")
    dialog = InteractionDialog(app_id, window, prompts=prompts)
    qtbot.addWidget(dialog)
    combo = dialog.contact_combo
    before = combo.currentText()
    add = combo.findData(ADD_PERSON)
    monkeypatch.setattr(contact_dialog, "run_dialog", lambda form: False)
    combo.setCurrentIndex(add)
    combo.activated.emit(add)
    assert combo.currentText() == before

    def fill(form: Any) -> bool:
        qtbot.keyClicks(form.name_edit, "Ana Silva")
        return form.save()

    monkeypatch.setattr(contact_dialog, "run_dialog", fill)
    combo.setCurrentIndex(add)
    combo.activated.emit(add)
    assert combo.currentText() == "Ana Silva — Northwind Ltd"
    assert combo.itemData(combo.count() - 1) == ADD_PERSON
    dialog.summary_edit.setPlainText("Called Ana")
    dialog.direction_combo.setCurrentIndex(dialog.direction_combo.findData("incoming"))
    assert dialog.save()
    detail = window.applications_tab.detail
    window.applications_tab.select_application(app_id)
    window.context.events.applications_changed.emit()
    assert "← Ana Silva · Email" in detail.timeline.item(0).text()


def test_12b_item_1_a_contact_in_the_future_is_refused_beside_the_field(
        qtbot: Any, window: MainWindow, prompts: ScriptedPrompts) -> None:
    from PySide6.QtCore import QDateTime, Qt

    from desktop_app.services.applications.interactions import list_interactions

    app_id = next(r.id for r in window.applications_tab.model.rows() if r.role == "Data Analyst")
    before = len(list_interactions(app_id))
    dialog = InteractionDialog(app_id, window, prompts=prompts)
    qtbot.addWidget(dialog)
    dialog.at_edit.setDateTime(QDateTime.fromString("2027-11-30 10:00", "yyyy-MM-dd HH:mm"))
    save = dialog.findChild(QDialogButtonBox, "interaction_buttons").button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.saved_id is None
    assert "30 Nov 2027 is in the future" in dialog.errors.text("at")
    assert len(list_interactions(app_id)) == before


def test_12b_item_1_before_the_application_asks_and_cancel_logs_nothing(
        qtbot: Any, window: MainWindow, prompts: ScriptedPrompts) -> None:
    from PySide6.QtCore import QDateTime

    from desktop_app.services.applications.interactions import list_interactions

    app_id = next(r.id for r in window.applications_tab.model.rows() if r.role == "Data Analyst")
    before = len(list_interactions(app_id))
    dialog = InteractionDialog(app_id, window, prompts=prompts)
    qtbot.addWidget(dialog)
    dialog.at_edit.setDateTime(QDateTime.fromString("2020-01-12 10:00", "yyyy-MM-dd HH:mm"))
    prompts.script("confirm_destructive", False)
    assert not dialog.save()
    asked = prompts.asked_of("confirm_destructive")
    assert len(asked) == 1 and asked[0].text.startswith("This is before you applied on ")
    assert len(list_interactions(app_id)) == before
    prompts.script("confirm_destructive", True)
    assert dialog.save() and len(list_interactions(app_id)) == before + 1


def test_12b_item_8_with_defaults_to_the_person_the_next_step_names(
        qtbot: Any, window: MainWindow, prompts: ScriptedPrompts) -> None:
    from desktop_app.services.applications.drafts import next_step_person

    for row in window.applications_tab.model.rows():
        named = next_step_person(row.id)
        if named is None:
            continue
        dialog = InteractionDialog(row.id, window, prompts=prompts)
        qtbot.addWidget(dialog)
        assert dialog.contact_combo.currentData() == named[0], row.role
        assert dialog.contact_combo.currentText().startswith(named[1])
