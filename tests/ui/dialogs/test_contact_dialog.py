"""The contact form: phones read as typed with the country shown, problems in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.services.applications import contacts
from desktop_app.services.applications.organisations import create_organisation
from desktop_app.services.core.profile import save_profile
from desktop_app.ui.dialogs import contact_dialog
from desktop_app.ui.dialogs.contact_dialog import ContactDialog, ask_for_contact
from tests.helpers.applications_tab import press


def _dialog(qtbot: Any, *args: Any, **kwargs: Any) -> ContactDialog:
    dialog = ContactDialog(*args, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_a_uk_mobile_typed_nationally_shows_the_country_and_a_warning(qtbot: Any, store: Path) -> None:
    save_profile({"country": "GB"})
    dialog = _dialog(qtbot, organisation="Harbour & Finch", kind="recruiter")
    assert "read as United Kingdom (GB) numbers" in dialog.phone_note.text()
    qtbot.keyClicks(dialog.name_edit, "Gemma Wright")
    qtbot.keyClicks(dialog.phone_edit, "07700 900456")
    note = dialog.phone_note.text()
    assert note.startswith("Read as a number in United Kingdom (GB): saved as +447700900456")
    assert "not a number in use" in note  # possible, not valid: a warning, never a refusal
    press(qtbot, dialog, "contact_buttons", QDialogButtonBox.StandardButton.Save)
    saved = contacts.get_contact(dialog.saved_id)
    assert (saved.phone, saved.kind, saved.organisation_name) == ("+447700900456", "recruiter", "Harbour & Finch")


def test_a_contact_at_a_canadian_organisation(qtbot: Any, store: Path) -> None:
    save_profile({"country": "GB"})
    create_organisation({"name": "Maple Leaf Data", "country": "CA"})
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.name_edit, "Luc Tremblay")
    qtbot.keyClicks(dialog.phone_edit, "(905) 555-0123")
    assert "United Kingdom" in dialog.phone_note.text()  # no organisation yet: the profile's country
    dialog.organisation_combo.setCurrentIndex(dialog.organisation_combo.findText("Maple Leaf Data"))
    assert dialog.phone_note.text() == "Read as a number in Canada (CA): saved as +19055550123"
    assert dialog.save()
    assert contacts.get_contact(dialog.saved_id).phone == "+19055550123"


def test_problems_are_shown_in_place_and_nothing_is_saved(qtbot: Any, store: Path) -> None:
    dialog = _dialog(qtbot)
    press(qtbot, dialog, "contact_buttons", QDialogButtonBox.StandardButton.Save)
    assert dialog.errors.text("name") == "Is required."
    qtbot.keyClicks(dialog.name_edit, "Ann")
    qtbot.keyClicks(dialog.phone_edit, "07700 900456")
    assert "country code" in dialog.phone_note.text()
    assert not dialog.save()
    assert "country code" in dialog.errors.text("phone")
    assert contacts.list_all_contacts() == []


def test_editing_keeps_what_was_there(qtbot: Any, demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gemma = next(r.contact for r in contacts.list_all_contacts() if r.contact.name == "Gemma Wright")

    def retitle(dialog: ContactDialog) -> bool:
        assert dialog.phone_edit.text() == "+44 113 496 0123"
        dialog.title_edit.setText("Director")
        return dialog.save()

    monkeypatch.setattr(contact_dialog, "run_dialog", retitle)
    assert ask_for_contact(None, gemma.id) == gemma.id
    after = contacts.get_contact(gemma.id)
    assert (after.title, after.phone, after.email) == ("Director", gemma.phone, gemma.email)
    monkeypatch.setattr(contact_dialog, "run_dialog", lambda dialog: False)
    assert ask_for_contact(None) is None


def test_the_phone_hint_spells_any_country(qtbot: Any, store: Path) -> None:
    create_organisation({"name": "Rio Dados", "country": "BR"})
    dialog = _dialog(qtbot, organisation="Rio Dados")
    assert "read as Brazil (BR) numbers" in dialog.phone_note.text()


def test_an_exact_duplicate_is_caught_and_the_existing_person_offered(qtbot: Any, store: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.helpers.scripted_prompts import ScriptedPrompts

    org = create_organisation({"name": "Harbour & Finch"})
    first = contacts.save_contact({"name": "Gemma Wright", "organisation": org, "email": "gemma@hf.example"})
    prompts = ScriptedPrompts()
    monkeypatch.setattr(contact_dialog, "Prompts", lambda: prompts)
    for answer, expected in ((True, 1), (False, 2)):
        dialog = _dialog(qtbot, organisation="harbour & finch")
        qtbot.keyClicks(dialog.name_edit, "gemma  wright")
        prompts.script("ask_yes_no", answer)
        assert dialog.save()
        asked = prompts.asked_of("ask_yes_no")[-1].text
        assert "Gemma Wright at Harbour & Finch is already in your contacts" in asked
        assert "(Harbour & Finch, gemma@hf.example, no applications)" in asked
        assert (dialog.saved_id == first) is answer
        assert len(contacts.list_all_contacts()) == expected


def test_a_message_goes_when_its_field_is_fixed(qtbot: Any, store: Path) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.name_edit, "Ann")
    qtbot.keyClicks(dialog.email_edit, "ann@")
    assert not dialog.save()
    assert "not a valid email address" in dialog.errors.text("email")
    qtbot.keyClicks(dialog.email_edit, "example.org")
    assert dialog.errors.text("email") == ""  # stale: gone as soon as the field changed
    dialog.name_edit.clear()
    assert not dialog.save()
    qtbot.keyClicks(dialog.name_edit, "Ann")
    assert dialog.errors.text("name") == ""


def test_a_short_number_is_refused_and_a_warning_is_whole_and_consistent(qtbot: Any, store: Path) -> None:
    save_profile({"country": "GB"})
    dialog = _dialog(qtbot)
    dialog.show()
    qtbot.keyClicks(dialog.phone_edit, "12345")
    assert "too short for a phone number in United Kingdom (GB)" in dialog.phone_note.text()
    assert "right length" not in dialog.phone_note.text()
    dialog.phone_edit.setText("07700 900456")
    note = dialog.phone_note.text()
    assert "saved as +447700900456" in note and "saved all the same" in note
    assert "kept as typed" not in note and "Check it:" not in note
    qtbot.wait(0)
    label = dialog.phone_note
    assert label.height() >= label.heightForWidth(label.width())  # every line shows
    assert dialog.geometry().contains(dialog.mapTo(dialog, label.geometry().bottomRight()))
