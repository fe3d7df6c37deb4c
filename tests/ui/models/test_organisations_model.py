"""The Organisations and Contacts models: sound item models, with words for each column."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app import clock
from desktop_app.services.applications.contacts import list_all_contacts
from desktop_app.services.applications.organisation_memory import organisation_summaries
from desktop_app.ui.formatting import short_date
from desktop_app.ui.models.organisations_model import ContactsModel, OrganisationsModel, reply_text


def test_both_models_pass_the_model_tester_and_sort(qtmodeltester: Any, demo_store: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 25))
    organisations, people = OrganisationsModel(), ContactsModel()
    organisations.set_rows(organisation_summaries(today=date(2026, 11, 25)))
    people.set_rows(list_all_contacts())
    qtmodeltester.check(organisations)
    qtmodeltester.check(people)
    names = [organisations.index(r, OrganisationsModel.NAME).data() for r in range(organisations.rowCount())]
    contoso = names.index("Contoso plc")
    assert organisations.index(contoso, OrganisationsModel.KIND).data() == "Employer"
    assert organisations.index(contoso, OrganisationsModel.FEEDBACK).data() == "1 of 2"
    assert organisations.index(contoso, OrganisationsModel.RE_APPROACH).data() == f"Opens {short_date(date(2026, 12, 2))}"
    organisations.sort(OrganisationsModel.REPLY, Qt.SortOrder.AscendingOrder)
    replies = [organisations.row_at(r).median_reply_days for r in range(organisations.rowCount())]
    known = [d for d in replies if d is not None]
    assert known == sorted(known) and replies[-1] is None  # no answer yet: last
    assert people.index(0, ContactsModel.NAME).data() == "Claire Dunn"


def test_reply_words() -> None:
    assert (reply_text(None), reply_text(1.0), reply_text(8.5)) == ("—", "1 day", "8.5 days")
