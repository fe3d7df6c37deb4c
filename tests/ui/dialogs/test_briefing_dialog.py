"""The briefing dialog: the message copied to the clipboard, nothing recorded until the user says it was sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.services.referees import referees as referee_service
from desktop_app.ui.dialogs.briefing_dialog import BriefingDialog


def test_copy_puts_the_message_on_the_clipboard_and_records_nothing(qtbot: Any, demo_store: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    zoe = next(r.id for r in referee_service.list_referee_rows() if r.name == "Zoë Fraser")
    dialog = BriefingDialog(zoe, None)
    qtbot.addWidget(dialog)
    assert dialog.application_combo.currentText() == "Data Analyst (Fixed term) at Adatum Insurance"
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("A reference request may come your way") and "Dear Zoë," in copied
    assert dialog.briefed_id is None and "Copied" in dialog.status_label.text()
    dialog.application_combo.setCurrentIndex(dialog.application_combo.count() - 1)  # in general
    assert "applying for new roles" in dialog.body_edit.toPlainText()


def test_with_no_email_app_the_brief_says_so_offers_the_message_and_records_nothing(
        qtbot: Any, demo_store: Path, no_opener: Any) -> None:
    """Issue #18 (fresh eyes): xdg-open found no mail program (exit 3) but the window took
    "started" for "answered"; the briefing must not be recorded as sent by email."""
    from desktop_app.services.referees import briefings
    from tests.helpers.scripted_prompts import ScriptedPrompts

    prompts = ScriptedPrompts()
    zoe = next(r.id for r in referee_service.list_referee_rows() if r.name == "Zoë Fraser")
    before = len(briefings.briefings_of(zoe))
    dialog = BriefingDialog(zoe, None, prompts=prompts)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: prompts.asked_of("nothing_answered") != [])
    [asked] = prompts.asked_of("nothing_answered")
    assert asked.text.startswith("No email app answered.")
    assert asked.details["copy_text"].startswith(dialog.subject_edit.text()) and "Dear Zoë," in asked.details["copy_text"]
    assert "No email app answered" in dialog.status_label.text()
    assert dialog.briefed_id is None and len(briefings.briefings_of(zoe)) == before
    assert no_opener.opened()[0].startswith("mailto:")
