"""Journey (issue 13): every person reachable, every organisation remembered.

An application through an agency; the recruiter's email added from the People box; a
follow-up composed with the recruiter in To; the application marked rejected; a senior
HR contact added from the offer in the detail pane; the senior-contact message sent
(logged, no too-soon question); and the organisation's memory showing the rejection,
the reply time and the re-approach window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.applications_tab import ApplicationsTab
from desktop_app.ui.dialogs import contact_dialog
from desktop_app.ui.formatting import short_date
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts
from tests.journeys.steps import Calendar, press_save, record_application


def drive_every_dialog(monkeypatch: pytest.MonkeyPatch, *steps: Callable[[Any], None]) -> list[Any]:
    """Each dialog the window opens (the tab's forms and the contact form) goes to the next step."""
    queue, seen = list(steps), []

    def run(dialog: Any) -> bool:
        seen.append(dialog)
        queue.pop(0)(dialog)
        return dialog.result() == 1

    monkeypatch.setattr(ApplicationsTab, "run_dialog", lambda _tab, dialog: run(dialog))
    monkeypatch.setattr(contact_dialog, "run_dialog", run)
    return seen


def test_recruiter_follow_up_rejection_senior_contact_and_the_organisations_memory(
        qtbot: Any, main_window: MainWindow, calendar: Calendar, monkeypatch: pytest.MonkeyPatch,
        prompts: ScriptedPrompts) -> None:
    window = main_window
    record_application(qtbot, window, monkeypatch, date(2026, 11, 2))
    tab = window.applications_tab
    detail = tab.detail

    # the recruiter was typed as a name: give her an email address from the People box
    def add_email(dialog: Any) -> None:
        assert dialog.name_edit.text() == "Gemma Wright"
        assert dialog.organisation_combo.currentText() == "Harbour and Finch"
        qtbot.keyClicks(dialog.email_edit, "gemma@harbourfinch.example")
        press_save(qtbot, dialog, "contact_buttons")

    drive_every_dialog(monkeypatch, add_email)
    detail.contacts.setCurrentRow(0)
    qtbot.mouseClick(detail.edit_person_button, Qt.MouseButton.LeftButton)
    assert "Gemma Wright" in detail.contacts.item(0).text()
    assert detail.contacts.item(0).toolTip() == "gemma@harbourfinch.example"

    # a follow-up, with the recruiter in To
    calendar.set(date(2026, 11, 18), window)

    def follow_up(dialog: Any) -> None:
        assert dialog.to_combo.currentText().startswith("Gemma Wright")
        assert dialog.to_label.text() == "Gemma Wright <gemma@harbourfinch.example>"
        assert dialog.mailto().startswith("mailto:gemma@harbourfinch.example?")
        qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)

    drive_every_dialog(monkeypatch, follow_up)
    detail.compose_actions["follow_up"].trigger()
    assert "Gemma Wright · Email · Follow-up" in detail.timeline.item(0).text()

    # rejected two days later: the offer to write to someone senior appears in the detail, not as a question
    calendar.set(date(2026, 11, 20), window)

    def reject(dialog: Any) -> None:
        dialog.stage_combo.setCurrentIndex(dialog.stage_combo.findData("rejected"))
        press_save(qtbot, dialog, "application_buttons")

    drive_every_dialog(monkeypatch, reject)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    banner = detail.senior_banner
    assert not banner.isHidden() and banner.write_button.isHidden()
    assert "Nobody senior is known yet" in banner.text.text()

    # nobody senior is known: add Helen Marsh right there, then the message is addressed to her
    def add_senior(dialog: Any) -> None:
        assert dialog.organisation_combo.currentText() == "Northwind Ltd"
        assert dialog.kind_combo.currentData() == "senior_hr"
        qtbot.keyClicks(dialog.name_edit, "Helen Marsh")
        qtbot.keyClicks(dialog.title_edit, "HR Director")
        qtbot.keyClicks(dialog.email_edit, "helen.marsh@northwind.example")
        press_save(qtbot, dialog, "contact_buttons")

    def send_to_senior(dialog: Any) -> None:
        assert dialog.to_label.text() == "Helen Marsh <helen.marsh@northwind.example>"
        assert "Dear Helen," in dialog.body()
        qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)

    drive_every_dialog(monkeypatch, add_senior, send_to_senior)
    qtbot.mouseClick(banner.add_button, Qt.MouseButton.LeftButton)
    # two days after the follow-up, but a senior contact after a rejection is never "too soon"
    assert prompts.asked_of("confirm_destructive") == []
    assert "Helen Marsh · Email · Senior contact" in detail.timeline.item(0).text()
    assert banner.isHidden()

    # the organisation's memory, reached from the application's detail
    qtbot.mouseClick(detail.organisation_button, Qt.MouseButton.LeftButton)
    organisations = window.organisations_tab
    assert window.tabs.currentIndex() == 4
    view = organisations.view
    assert view.title.text() == "Northwind Ltd"
    facts = view.facts.text()
    assert "1 application: 0 live, 1 rejected" in facts
    assert "median reply: 18 days" in facts  # applied 2 Nov, rejected 20 Nov
    assert "last say: you" in facts
    assert view.re_approach.text() == (f"Re-approach window {short_date(date(2027, 2, 20))} – "
                                       f"{short_date(date(2027, 5, 20))}: not open yet")
    assert view.applications.item(0).text().startswith(f"Data Analyst: Rejected {short_date(date(2026, 11, 20))}")
    assert [view.people.item(i).text().split(" — ")[0] for i in range(view.people.count())] == ["Helen Marsh"]
    assert view.contacts.count() == 2
    # the agency has the same record: its recruiter, and the application it brought
    organisations.panel.filter_edit.setText("harbour")
    organisations.panel.select_row(lambda row: True)
    assert "Agency" in view.facts.text() and "Gemma Wright" in view.people.item(0).text()
