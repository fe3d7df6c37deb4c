"""The Organisations tab: each organisation's memory, filtered and sorted; everyone in Contacts,
added, merged, removed and exported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.applications.contacts import list_all_contacts
from desktop_app.ui.dialogs import contact_dialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts


def test_the_memory_of_the_selected_organisation(qtbot: Any, window: MainWindow) -> None:
    tab = window.organisations_tab
    assert tab.panel.visible_count() == 12
    tab.kind_filter.setCurrentIndex(tab.kind_filter.findData("agency"))
    assert tab.panel.visible_count() == 2
    tab.kind_filter.setCurrentIndex(0)
    qtbot.keyClicks(tab.panel.filter_edit, "contoso")
    assert tab.panel.visible_count() == 1
    contoso = next(r.id for r in tab.model.rows() if r.name == "Contoso plc")
    assert tab.select_organisation(contoso)
    view = tab.view
    assert view.title.text() == "Contoso plc"
    assert "2 applications: 1 live, 1 rejected, 0 offers" in view.facts.text()
    assert "feedback came for 1 of 2" in view.facts.text()
    assert view.re_approach.text().endswith("not open yet")
    assert view.people.count() == 2 and view.contacts.count() == 4
    # an application in the memory opens it in the Applications tab
    view.applications.setCurrentRow(0)
    view.applications.itemActivated.emit(view.applications.item(0))
    assert window.tabs.currentIndex() == 1
    assert window.applications_tab.detail.title.text().endswith("at Contoso plc")


def test_contacts_are_added_merged_removed_and_exported(qtbot: Any, window: MainWindow, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        prompts: ScriptedPrompts) -> None:
    tab = window.organisations_tab
    tab.views.setCurrentIndex(1)

    def twin(dialog: Any) -> bool:
        qtbot.keyClicks(dialog.name_edit, "G. Wright")
        qtbot.keyClicks(dialog.linkedin_edit, "https://www.linkedin.com/in/gw")
        return dialog.save()

    monkeypatch.setattr(contact_dialog, "run_dialog", twin)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.contacts_panel.visible_count() == 10
    assert tab.contacts_panel.select_row(lambda row: row.contact.name == "G. Wright")
    tab.merge_target.setCurrentIndex(tab.merge_target.findText("Gemma Wright", Qt.MatchFlag.MatchStartsWith))
    prompts.script("confirm_destructive", True)
    qtbot.mouseClick(tab.merge_button, Qt.MouseButton.LeftButton)
    question = prompts.asked_of("confirm_destructive")[-1].text
    assert "Merge G. Wright into Gemma Wright?" in question
    # the two told apart: organisation, email, number of applications
    assert "Merged: G. Wright (no organisation, no email, no applications)" in question
    assert "Kept: Gemma Wright (Harbour & Finch" in question and " applications)" in question
    assert [r.contact.name for r in list_all_contacts()].count("G. Wright") == 0
    assert tab.selected_contact_id() == next(r.contact.id for r in list_all_contacts()
                                             if r.contact.name == "Gemma Wright")
    # Delete on the list removes, after asking; the logged contacts keep her name
    prompts.script("confirm_destructive", True)
    qtbot.keyClick(tab.contacts_panel.table, Qt.Key.Key_Delete)
    assert "3 logged contacts keep the name Gemma Wright" in prompts.asked_of("confirm_destructive")[-1].text
    assert tab.contacts_panel.visible_count() == 8
    target = tmp_path / "everyone.vcf"
    prompts.script("save_path", target)
    tab.contacts_panel.table.clearSelection()
    tab.contacts_panel.table.setCurrentIndex(tab.contacts_panel.proxy.index(-1, -1))
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert target.read_text("utf-8").count("BEGIN:VCARD") == 8


def test_export_vcard_takes_the_selection_or_everyone_and_says_how_many(
        qtbot: Any, window: MainWindow, tmp_path: Path, prompts: ScriptedPrompts) -> None:
    tab = window.organisations_tab
    window.show()
    tab.views.setCurrentIndex(1)
    table = tab.contacts_panel.table
    total = tab.contacts_panel.visible_count()
    for row, modifier in ((0, Qt.KeyboardModifier.NoModifier), (2, Qt.KeyboardModifier.ControlModifier)):
        rect = table.visualRect(tab.contacts_panel.proxy.index(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    prompts.script("save_path", tmp_path / "two.vcf")
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "two.vcf").read_text("utf-8").count("BEGIN:VCARD") == 2
    assert window.statusBar().currentMessage().startswith("Exported 2 contacts to ")
    # Ctrl-click the two again: nothing selected (the current row stays) → everyone
    for row in (0, 2):
        rect = table.visualRect(tab.contacts_panel.proxy.index(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                         rect.center())
    assert table.currentIndex().isValid() and not table.selectionModel().selectedRows()
    prompts.script("save_path", tmp_path / "all.vcf")
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "all.vcf").read_text("utf-8").count("BEGIN:VCARD") == total
    assert window.statusBar().currentMessage().startswith(f"Exported {total} contacts to ")


def test_a_very_long_name_never_widens_the_window(qtbot: Any, window: MainWindow) -> None:
    """A 480-character contact and organisation (kept from before names had a limit) leave
    every tab narrower than the screen, and the window reopens within it (tester, case 1)."""
    from desktop_app.store import models as m

    org = m.Organisation.create(name="Org " + "y" * 476)
    m.Contact.create(name="Ann " + "x" * 476, organisation=org, kind="recruiter")
    window.organisations_tab.refresh()
    window.show()
    screen = window.screen().availableGeometry()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(0)
        assert window.tabs.widget(index).minimumSizeHint().width() < 1000, window.tabs.tabText(index)
    window.resize(4000, 900)  # as a window widened before this fix was remembered
    window.close()
    again = MainWindow(window.context)
    qtbot.addWidget(again)
    assert again.width() <= max(screen.width(), again.minimumWidth())  # 1024: #18's smallest laptop
    window.organisations_tab.views.setCurrentIndex(window.organisations_tab.CONTACTS_PAGE)
    table = window.organisations_tab.contacts_panel.table
    long_row = next(r for r in range(table.model().rowCount()) if table.model().index(r, 0).data().startswith("Ann x"))
    assert table.columnWidth(0) <= 360
    assert table.model().index(long_row, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("Ann xxx")


def test_organisations_are_renamed_merged_and_deleted_when_unused(
        qtbot: Any, window: MainWindow, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services.applications import organisations as orgs

    tab = window.organisations_tab
    northwind = orgs.find_or_create_organisation("Northwind Ltd")
    twin = orgs.create_organisation({"name": "northwind"})
    spare = orgs.create_organisation({"name": "Spare Ltd"})
    tab.refresh()
    # Delete on an organisation applications use: refused in plain words
    assert tab.select_organisation(northwind)
    qtbot.keyClick(tab.panel.table, Qt.Key.Key_Delete)
    assert "Northwind Ltd cannot be deleted: 2 applications use it" in prompts.asked_of("warn")[-1].text
    # renaming "northwind" to "NORTHWIND LTD" offers to merge
    assert tab.select_organisation(twin)

    def rename(dialog: Any) -> bool:
        dialog.name_edit.setText("NORTHWIND LTD")
        return dialog.save()

    monkeypatch.setattr(tab, "run_dialog", rename)
    prompts.script("ask_yes_no", True)
    tab.edit_organisation()
    assert "Northwind Ltd already exists. Merge this organisation into it?" in prompts.asked_of("ask_yes_no")[-1].text
    assert tab.selected_id() == northwind
    assert all(r.id != twin for r in tab.model.rows())
    # the context menu deletes an unused one, after asking
    assert tab.select_organisation(spare)
    delete = next(a for a in tab.panel.table.actions() if a.objectName() == "organisation_delete")
    prompts.script("confirm_destructive", True)
    delete.trigger()
    assert "Delete Spare Ltd?" in prompts.asked_of("confirm_destructive")[-1].text
    assert all(r.id != spare for r in tab.model.rows())


def test_an_agencys_logged_contacts_say_whose_they_are(qtbot: Any, window: MainWindow) -> None:
    """An agency's list shows contacts about its clients' roles: each names the person's
    organisation and the client it was about (tester, case 7)."""
    from desktop_app.services.applications.organisations import find_or_create_organisation

    tab = window.organisations_tab
    agency = find_or_create_organisation("Harbour & Finch Recruitment")
    assert tab.select_organisation(agency)
    lines = [tab.view.contacts.item(i).text() for i in range(tab.view.contacts.count())]
    assert lines and all(" at " in line for line in lines)  # "Data Analyst at Fabrikam Health"
    assert any("(Harbour & Finch Recruitment)" in line for line in lines)


def test_contacts_are_read_when_their_page_shows_and_after_a_change(qtbot: Any, window: MainWindow) -> None:
    from desktop_app.services.applications import organisations as orgs

    tab = window.organisations_tab
    assert tab.views.currentIndex() == 0
    orgs.create_contact({"name": "Priya Raman"})
    window.context.events.applications_changed.emit()
    # the Organisations page does not pay for everyone's list; showing Contacts reads it
    qtbot.mouseClick(tab.views.tabBar(), Qt.MouseButton.LeftButton,
                     pos=tab.views.tabBar().tabRect(tab.CONTACTS_PAGE).center())
    assert tab.views.currentIndex() == tab.CONTACTS_PAGE
    assert tab.contacts_panel.select_row(lambda row: row.contact.name == "Priya Raman")
    assert tab.merge_button.isEnabled() and tab.merge_target.count() == tab.contacts_panel.visible_count() - 1
    orgs.create_contact({"name": "Quentin Blake"})
    window.context.events.applications_changed.emit()  # on the Contacts page: read at once
    assert any(row.contact.name == "Quentin Blake" for row in tab.contacts_model.rows())
    assert tab.selected_contact_id() == next(r.contact.id for r in tab.contacts_model.rows()
                                             if r.contact.name == "Priya Raman")
