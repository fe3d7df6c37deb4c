"""The referee form: problems shown in place, time zones found by part of their name, the user's choices kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.services.referees import referees as referee_service
from desktop_app.ui.dialogs.referee_dialog import RefereeDialog


def test_the_referee_form_checks_in_place_and_saves_nothing_until_fixed(qtbot: Any, store: Path) -> None:
    dialog = RefereeDialog()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Priya Shah")
    qtbot.keyClicks(dialog.email_edit, "priya@")
    dialog.email_edit.editingFinished.emit()
    assert "Not a valid email address" in dialog.errors.text("email") or \
        "not a valid email address" in dialog.errors.text("email")
    qtbot.keyClicks(dialog.phone_edit, "07700 900123")
    dialog.phone_edit.editingFinished.emit()
    assert "country code" in dialog.errors.text("phone") and "choose the referee's country" in dialog.errors.text("phone")
    assert not dialog.save()
    assert referee_service.list_referee_rows() == []
    # the country gives the phone its code, shows it formatted, and preselects the only time zone
    dialog.set_country("GB")
    assert dialog.errors.text("phone") == ""
    assert dialog.phone_edit.text() == "+44 7700 900123"
    assert dialog.time_zone() == "Europe/London"
    assert "UTC+00:00" in dialog.zone_preview.text() or "UTC+01:00" in dialog.zone_preview.text()
    dialog.email_edit.setText("priya@example.org")
    dialog.zone_combo.setEditText("Europe/Londres")
    assert not dialog.save()
    assert "not a time zone" in dialog.errors.text("time_zone")
    dialog.set_time_zone("Europe/London")
    assert dialog.save()
    (row,) = referee_service.list_referee_rows()
    assert (row.email, row.phone, row.country, row.time_zone) == ("priya@example.org", "+447700900123", "GB",
                                                                 "Europe/London")


def test_time_zone_type_to_search_finds_part_of_a_name(qtbot: Any, store: Path) -> None:
    dialog = RefereeDialog()
    qtbot.addWidget(dialog)
    completer = dialog.zone_combo.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    completer.setCompletionPrefix("kolk")
    assert completer.currentCompletion() == "Asia/Kolkata"
    dialog.set_country("US")  # several clocks: no guess
    assert dialog.time_zone() == ""
    dialog.set_country("IN")
    assert dialog.time_zone() == "Asia/Kolkata" and "UTC+05:30" in dialog.zone_preview.text()
    dialog.set_country("AU")  # the zone India chose goes: Australia has several
    assert dialog.time_zone() == ""


def test_editing_keeps_what_the_user_chose(qtbot: Any, store: Path) -> None:
    ref = referee_service.create_referee({"name": "Łukasz Nowak", "relationship": "colleague", "country": "AU",
                                          "phone": "+61 2 9374 4000", "time_zone": "Australia/Perth",
                                          "consent_on": "2026-10-05"})
    dialog = RefereeDialog(ref)
    qtbot.addWidget(dialog)
    assert dialog.phone_edit.text() == "+61 2 9374 4000" and dialog.time_zone() == "Australia/Perth"
    assert dialog.consent_check.isChecked()
    dialog.set_country("GB")  # moved country, but the zone was chosen by hand: only the user changes it
    assert dialog.time_zone() == "Australia/Perth"
    dialog.set_country("AU")
    dialog.name_edit.setText("Łukasz Nowak-Kowalski")
    assert dialog.save()
    assert referee_service.get_referee(ref).name == "Łukasz Nowak-Kowalski"


def test_weak_relationship_is_explained_in_the_form(qtbot: Any, store: Path) -> None:
    dialog = RefereeDialog()
    qtbot.addWidget(dialog)
    dialog.relationship_combo.setCurrentIndex(dialog.relationship_combo.findData("personal"))
    assert "little weight" in dialog.relationship_hint.text()
