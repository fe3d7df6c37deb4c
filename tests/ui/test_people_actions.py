"""The People box of an application's detail: double-click or Enter edits, Delete removes (after
asking), buttons and the context menu add, edit, remove and open the organisation."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.applications_tab import ApplicationsTab
from desktop_app.ui.dialogs import contact_dialog
from tests.helpers.applications_tab import tab  # noqa: F401 (the fixture)
from tests.helpers.scripted_prompts import ScriptedPrompts


def _people(tab: ApplicationsTab) -> list[str]:
    box = tab.detail.contacts
    return [box.item(i).text().split(" — ")[0] for i in range(box.count())]


def _select(tab: ApplicationsTab, role: str, person: str) -> None:
    assert tab.select_application(next(r.id for r in tab.model.rows() if r.role == role))
    box = tab.detail.contacts
    box.setCurrentRow(_people(tab).index(person))


def test_enter_edits_the_selected_person(qtbot: Any, tab: ApplicationsTab, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def retitle(dialog: Any) -> bool:
        seen.append(dialog.name_edit.text())
        dialog.title_edit.setText("Head of Talent")
        return dialog.save()

    monkeypatch.setattr(contact_dialog, "run_dialog", retitle)
    _select(tab, "Data Analyst", "Priya Shah")
    box = tab.detail.contacts
    box.itemActivated.emit(box.currentItem())  # what a double-click or Enter does
    assert seen == ["Priya Shah"]
    assert "Head of Talent" in box.item(_people(tab).index("Priya Shah")).text()


def test_delete_removes_after_asking_and_the_timeline_keeps_the_name(
        qtbot: Any, tab: ApplicationsTab, prompts: ScriptedPrompts) -> None:
    _select(tab, "Data Analyst", "Priya Shah")
    qtbot.keyClick(tab.detail.contacts, Qt.Key.Key_Delete)  # not confirmed: nothing happens
    assert "Priya Shah" in _people(tab)
    asked = prompts.asked_of("confirm_destructive")[-1]
    assert asked.text.startswith("Remove Priya Shah (Northwind Ltd) from your contacts, everywhere?")
    assert "1 logged contact keeps the name Priya Shah" in asked.text
    prompts.script("confirm_destructive", True)
    _select(tab, "Data Analyst", "Priya Shah")
    qtbot.keyClick(tab.detail.contacts, Qt.Key.Key_Delete)
    assert "Priya Shah" not in _people(tab)
    timeline = tab.detail.timeline
    assert any("→ Priya Shah · Email · Thank-you" in timeline.item(i).text() for i in range(timeline.count()))


def test_add_person_from_the_button_and_the_context_menu(qtbot: Any, tab: ApplicationsTab,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(dialog: Any) -> bool:
        assert dialog.organisation_combo.currentText() == "Harbour & Finch Recruitment"  # the agency
        qtbot.keyClicks(dialog.name_edit, "Sam Lee")
        return dialog.save()

    monkeypatch.setattr(contact_dialog, "run_dialog", fill)
    assert tab.select_application(next(r.id for r in tab.model.rows() if r.agency == "Harbour & Finch Recruitment"))
    qtbot.mouseClick(tab.detail.add_person_button, Qt.MouseButton.LeftButton)
    assert "Sam Lee" in _people(tab)
    names = [a.objectName() for a in tab.detail.contacts.actions()]
    assert names == ["people_edit", "people_remove", "people_add", "people_organisation"]


def test_the_organisation_button_opens_the_employer_memory(qtbot: Any, tab: ApplicationsTab) -> None:
    assert tab.select_application(next(r.id for r in tab.model.rows() if r.role == "Data Analyst"))
    qtbot.mouseClick(tab.detail.organisation_button, Qt.MouseButton.LeftButton)
    window = tab.window()
    assert window.tabs.currentIndex() == 4
    assert window.organisations_tab.view.title.text() == "Northwind Ltd"
