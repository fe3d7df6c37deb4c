"""Qualifications: title and dates checked, documents linked and unlinked, and kept when their
qualification goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.core.records import ValidationError
from desktop_app.services.vault import qualifications as vault
from desktop_app.services.vault.adding import add_document
from desktop_app.store import models as m
from tests.helpers.qualifications import _qualification
from tests.helpers.vault_samples import make_pdf


def test_qualification_dates_and_required_title_are_checked(store: Path) -> None:
    with pytest.raises(ValidationError, match="title: is required"):
        vault.create_qualification({"title": "  "})
    with pytest.raises(ValidationError, match="awarded_on: cannot be before the start date"):
        vault.create_qualification({"title": "MSc", "started_on": "2020-09-01", "awarded_on": "2019-07-01"})
    qid = _qualification()
    with pytest.raises(ValidationError, match="awarded_on"):
        vault.update_qualification(qid, {"awarded_on": "2014-01-01"})
    vault.update_qualification(qid, {"grade": "First", "verify": "https://www.hedd.ac.uk"})
    assert vault.get_qualification(qid)["grade"] == "First"
    assert m.Qualification.select().count() == 1


def test_link_and_unlink(demo_store: Path, tmp_path: Path) -> None:
    added = add_document(make_pdf(tmp_path / "cover.pdf"), kind="cover_letter")
    app = vault.application_choices()[0]
    qual = vault.qualification_choices()[0]
    vault.link_document(added.document_id, application_id=app.id, qualification_id=qual.id)
    row = vault.get_document_row(added.document_id)
    assert (row.application, row.qualification) == (app.label, qual.label)
    assert " at " in app.label
    vault.unlink_document(added.document_id, qualification=True, application=False)
    row = vault.get_document_row(added.document_id)
    assert (row.application_id, row.qualification_id) == (app.id, None)
    vault.update_document(added.document_id, {"kind": "cv"})
    assert vault.get_document_row(added.document_id).kind == "cv"
    with pytest.raises(ValidationError, match="kind"):
        vault.update_document(added.document_id, {"kind": "novel"})
    with pytest.raises(ValidationError, match="no such qualification"):
        vault.link_document(added.document_id, qualification_id=9999)


def test_deleting_a_qualification_keeps_its_documents_unlinked(store: Path, tmp_path: Path) -> None:
    qid = _qualification()
    added = add_document(make_pdf(tmp_path / "t.pdf"), kind="transcript", qualification_id=qid)
    vault.delete_qualification(qid)
    assert vault.get_document_row(added.document_id).qualification_id is None
