"""The organisation form: its country, checked in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.services.applications.organisations import create_organisation, get_organisation
from desktop_app.ui.dialogs.organisation_dialog import OrganisationDialog


def test_the_country_is_checked_then_saved(qtbot: Any, store: Path) -> None:
    org_id = create_organisation({"name": "Maple Leaf Data"})
    dialog = OrganisationDialog(org_id)
    qtbot.addWidget(dialog)
    dialog.country_combo.setEditText("Germ")  # never cut to "GE" (Georgia)
    assert not dialog.save()
    assert "'Germ' is not a country" in dialog.errors.text("country")
    assert get_organisation(org_id).country is None
    dialog.country_combo.setEditText("Canada")
    assert dialog.save()
    assert get_organisation(org_id).country == "CA"


def test_the_country_is_picked_from_named_countries(qtbot: Any, store: Path) -> None:
    org_id = create_organisation({"name": "Maple Leaf Data", "country": "CA"})
    dialog = OrganisationDialog(org_id)
    qtbot.addWidget(dialog)
    assert dialog.country_combo.currentText() == "Canada (CA)"
    assert dialog.country_combo.findText("United Kingdom (GB)") > 0
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("GB"))
    assert dialog.save()
    assert get_organisation(org_id).country == "GB"
