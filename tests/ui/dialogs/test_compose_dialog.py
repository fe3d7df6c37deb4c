"""The Compose dialog: the draft to the right person, copied, opened in the email app or on LinkedIn."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.ui.dialogs.compose_dialog import ComposeDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers.fake_opener import FakeOpener
from tests.helpers.scripted_prompts import ScriptedPrompts


def app_id(window: MainWindow, role: str) -> int:
    return next(r.id for r in window.applications_tab.model.rows() if r.role == role)


def test_compose_copy_email_and_linkedin(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                         prompts: ScriptedPrompts, opener: FakeOpener) -> None:
    dialog = ComposeDialog(app_id(window, "Data Analyst"), "feedback_request", window, prompts=prompts)
    qtbot.addWidget(dialog)
    opened = opener.opened  # a fake xdg-open that answers
    assert dialog.to_label.text() == "Priya Shah <priya.shah@northwind.example>"
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith("Feedback on my Data Analyst interview\n\nDear Priya,")
    dialog.subject_edit.setText("Feedback & next steps?")
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("phone"))
    qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.channel_combo.currentData() == "email")  # once the email app answered
    assert opened()[0].startswith("mailto:priya.shah@northwind.example?subject=Feedback%20%26%20next%20steps%3F&body=")
    qtbot.mouseClick(dialog.linkedin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.channel_combo.currentData() == "linkedin")
    assert opened()[1] == "https://www.linkedin.com/in/priya-shah-example"
    prompts.script("confirm_destructive", True)
    qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)
    # the thank-you of 21 Nov does not chase (issue 12): asking for feedback four days later is not too soon
    assert prompts.asked_of("confirm_destructive") == []
    timeline = window.applications_tab
    timeline.select_application(app_id(window, "Data Analyst"))
    window.context.events.applications_changed.emit()
    assert "LinkedIn · Feedback request: Feedback & next steps?" in timeline.detail.timeline.item(0).text()


def test_no_linkedin_button_without_a_profile(qtbot: Any, window: MainWindow) -> None:
    dialog = ComposeDialog(app_id(window, "Revenue Analyst"), "follow_up", window, prompts=window.context.prompts)
    qtbot.addWidget(dialog)
    assert not dialog.linkedin_button.isEnabled()
    assert "Dear Sir or Madam," in dialog.body()


def test_to_chooses_among_the_applications_people_or_adds_one(
        qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts) -> None:
    from desktop_app.ui.dialogs import contact_dialog

    dialog = ComposeDialog(app_id(window, "Data Analyst"), "follow_up", window, prompts=prompts)
    qtbot.addWidget(dialog)
    assert dialog.to_combo.currentText().startswith("Priya Shah")
    tom = dialog.to_combo.findText("Tom Hughes", Qt.MatchFlag.MatchStartsWith)
    dialog.to_combo.setCurrentIndex(tom)
    dialog.to_combo.activated.emit(tom)
    assert dialog.to_label.text() == "Tom Hughes <tom.hughes@northwind.example>"
    assert "Dear Tom," in dialog.body()

    def add(form: Any) -> bool:
        assert form.organisation_combo.currentText() == "Northwind Ltd"
        qtbot.keyClicks(form.name_edit, "Ana Silva")
        return form.save()

    monkeypatch.setattr(contact_dialog, "run_dialog", add)
    add_index = dialog.to_combo.count() - 1
    assert dialog.to_combo.itemText(add_index) == "Add person…"
    dialog.to_combo.setCurrentIndex(add_index)
    dialog.to_combo.activated.emit(add_index)
    assert dialog.to_combo.currentText().startswith("Ana Silva")
    assert dialog.to_label.text() == "Ana Silva (no email address yet: Edit person… to add one)"
    assert "Dear Ana," in dialog.body()

    def give_email(form: Any) -> bool:
        qtbot.keyClicks(form.email_edit, "ana@northwind.example")
        return form.save()

    monkeypatch.setattr(contact_dialog, "run_dialog", give_email)
    qtbot.mouseClick(dialog.edit_person_button, Qt.MouseButton.LeftButton)
    assert dialog.mailto().startswith("mailto:ana@northwind.example?")


def test_12b_item_3_a_new_recipient_rewords_the_message_and_edited_text_is_asked_about(
        qtbot: Any, window: MainWindow, prompts: ScriptedPrompts) -> None:
    dialog = ComposeDialog(app_id(window, "Data Analyst"), "follow_up", window, prompts=prompts)
    qtbot.addWidget(dialog)
    tom = dialog.to_combo.findText("Tom Hughes", Qt.MatchFlag.MatchStartsWith)
    priya = dialog.to_combo.findText("Priya Shah", Qt.MatchFlag.MatchStartsWith)
    # edited text: asked first; "Keep my text" keeps it, the To line still changes
    dialog.body_edit.moveCursor(dialog.body_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(dialog.body_edit, " PS: my own line.")
    prompts.script("ask_yes_no", False)
    dialog.to_combo.setCurrentIndex(tom)
    dialog.to_combo.activated.emit(tom)
    assert [a.title for a in prompts.asked_of("ask_yes_no")] == ["Replace your text?"]
    assert dialog.body().endswith("PS: my own line.") and "Dear Priya," in dialog.body()
    assert dialog.to_label.text().startswith("Tom Hughes")
    # Replace: the whole message is drafted again for the person chosen
    prompts.script("ask_yes_no", True)
    dialog.to_combo.setCurrentIndex(priya)
    dialog.to_combo.activated.emit(priya)
    assert "Dear Priya," in dialog.body() and "PS: my own line." not in dialog.body()
