"""The pane beside a list (DetailPane): one header, and the same lists, for applications and organisations."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton

from desktop_app.ui.application_detail import ApplicationDetailView
from desktop_app.ui.detail_pane import GROWING_LIST_MIN_HEIGHT, DetailPane
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.organisations_tab import OrganisationView


def test_a_pane_has_a_header_then_titled_lists_and_never_scrolls_sideways(qtbot: Any) -> None:
    pane = DetailPane("memo_pane", "memo", "next", None)
    qtbot.addWidget(pane)
    edit = pane.title_button("memo_edit", "&Edit memo…")
    fixed = pane.titled_list("memo_items", "Items", 80, pane.button(pane.body, "memo_more", "More…"))
    growing = pane.titled_list("memo_log", "Log", None)
    pane.resize(420, 500)
    pane.show()
    qtbot.waitExposed(pane)
    assert [pane.findChild(QLabel, n) for n in ("memo_title", "memo_facts", "memo_next")] == [
        pane.title, pane.facts, pane.highlight]
    assert (edit.objectName(), edit.accessibleName()) == ("memo_edit", "Edit memo")
    # the button sits at the right of the title, level with its top
    assert edit.geometry().left() > pane.title.geometry().right()
    assert edit.geometry().top() == pane.title.geometry().top()
    assert pane.findChild(QPushButton, "memo_more").accessibleName() == "More"
    assert fixed.height() == 80 and fixed.accessibleName() == "Items"
    assert growing.minimumHeight() == GROWING_LIST_MIN_HEIGHT
    assert growing.height() > GROWING_LIST_MIN_HEIGHT  # the spare room goes to the last list
    pane.title.setText("A very long title " * 30)
    qtbot.wait(0)
    assert pane.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert pane.body.width() <= pane.viewport().width()


def test_the_application_detail_and_the_organisation_memory_share_the_pane(qtbot: Any, window: MainWindow) -> None:
    detail = window.applications_tab.detail
    memory = window.organisations_tab.view
    assert isinstance(detail, ApplicationDetailView) and isinstance(detail, DetailPane)
    assert isinstance(memory, OrganisationView) and isinstance(memory, DetailPane)
    assert (detail.title.objectName(), detail.next_step.objectName()) == ("detail_title", "detail_next_step")
    assert (memory.title.objectName(), memory.re_approach.objectName()) == (
        "organisation_title", "organisation_re_approach")
    assert memory.title.styleSheet() == detail.title.styleSheet()
    assert memory.re_approach.styleSheet() == detail.next_step.styleSheet()
    assert [w.objectName() for w in memory.findChildren(QListWidget)] == [
        "organisation_applications", "organisation_people", "organisation_contacts"]
    assert not memory.edit_button.isEnabled()  # nothing chosen yet
    window.organisations_tab.panel.table.selectRow(0)
    chosen = window.organisations_tab.panel.current_row()
    assert memory.edit_button.isEnabled() and memory.title.text().startswith(chosen.name)
