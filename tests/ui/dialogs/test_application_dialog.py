"""The application form: problems shown in place, nothing saved until they are fixed, no contact made twice."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.ui.applications_tab import ApplicationsTab
from tests.helpers.applications_tab import press, tab  # noqa: F401 (tab: the fixture)


def test_application_dialog_shows_problems_in_place_and_saves_nothing(
        qtbot: Any, tab: ApplicationsTab, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.ui.dialogs.application_dialog import ApplicationDialog

    dialog = ApplicationDialog(None, tab)
    qtbot.addWidget(dialog)
    press(qtbot, dialog, "application_buttons", QDialogButtonBox.StandardButton.Save)
    assert dialog.errors.text("role") == "Is required."
    qtbot.keyClicks(dialog.role_edit, "Planner")
    press(qtbot, dialog, "application_buttons", QDialogButtonBox.StandardButton.Save)
    assert dialog.errors.text("employer") == "Is required."
    qtbot.keyClicks(dialog.employer_combo.lineEdit(), "Brand New Ltd")
    dialog.applied_edit.setDate(QDate(2026, 12, 1))
    press(qtbot, dialog, "application_buttons", QDialogButtonBox.StandardButton.Save)
    assert dialog.errors.text("applied_on") == "Cannot be in the future."
    assert dialog.saved_id is None and tab.panel.visible_count() == 12
    from desktop_app.services.applications.pipeline import organisation_names

    assert "Brand New Ltd" not in organisation_names()


def test_a_typed_recruiter_who_is_already_a_contact_is_not_made_twice(qtbot: Any, tab: ApplicationsTab) -> None:
    from desktop_app.services.applications.detail import application_detail
    from desktop_app.services.applications.organisations import contact_rows
    from desktop_app.ui.dialogs.application_dialog import ApplicationDialog

    before = len(contact_rows())
    dialog = ApplicationDialog(None, tab)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.role_edit, "Data Engineer")
    qtbot.keyClicks(dialog.employer_combo.lineEdit(), "Northwind Ltd")
    qtbot.keyClicks(dialog.recruiter_combo.lineEdit(), "priya shah")
    assert dialog.save()
    assert len(contact_rows()) == before
    assert application_detail(dialog.saved_id).recruiter == "Priya Shah"
