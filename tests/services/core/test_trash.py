"""The Trash (issue 14, case 10): a delete takes everything that hangs off the record and gives it all back."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app import clock
from desktop_app.services.applications import pipeline
from desktop_app.services.core import trash, undo
from desktop_app.services.exchange import datafile
from desktop_app.services.referees import referees
from desktop_app.services.vault import qualifications as vault
from desktop_app.store import models as m
from desktop_app.store.backup import automatic
from tests.helpers.backup_samples import fill_documents


def _export() -> str:
    data = datafile.export_data()
    data.pop("exported_at")
    return json.dumps(data, sort_keys=True)


def _briefed_application() -> int:
    """An application of the sample data that a referee was briefed for and given to."""
    briefing = (m.Briefing.select().where(m.Briefing.application.is_null(False))
                .join(m.ReferenceGiven, on=(m.ReferenceGiven.application == m.Briefing.application)).first())
    assert briefing is not None, "the sample data briefs a referee for an application"
    return briefing.application_id


def test_deleting_an_application_keeps_its_briefings_in_the_trash_and_restore_gives_all_back(
        demo_store: Path) -> None:
    before = _export()
    app_id = _briefed_application()
    briefings = m.Briefing.select().where(m.Briefing.application == app_id).count()
    pipeline.delete_application(app_id)
    assert m.Application.get_or_none(m.Application.id == app_id) is None
    assert m.Briefing.select().where(m.Briefing.application == app_id).count() == 0
    [item] = trash.list_trash()
    assert item.kind == "applications" and item.with_rows >= briefings
    assert trash.restore(item.id) == item.label
    assert _export() == before  # briefings, references, interviews, history: every one back
    assert trash.list_trash() == []


@pytest.mark.parametrize("kind", ["referees", "qualifications", "contacts"])
def test_every_kind_goes_to_the_trash_and_comes_back_whole(demo_store: Path, kind: str) -> None:
    before = _export()
    model = trash.KINDS[kind][0]
    record = model.select().order_by(model.id).first()
    delete = {"referees": referees.delete_referee, "qualifications": vault.delete_qualification,
              "contacts": lambda i: __import__("desktop_app.services.applications.contacts",
                                               fromlist=["x"]).remove_contact(i)}[kind]
    delete(record.id)
    assert _export() != before
    assert undo.undo_last().startswith("Undone: Delete")
    assert _export() == before


def test_a_document_keeps_its_file_while_in_the_trash(demo_store: Path) -> None:
    from desktop_app.services.vault import files as vault_files

    fill_documents(demo_store, count=1)
    document = m.Document.select().first()
    vault.remove_document(document.id)
    assert vault_files.stored_path(document.sha256).exists()
    assert trash.hashes_in_trash() == {document.sha256}
    undo.undo_last()
    assert m.Document.get_by_id(document.id).sha256 == document.sha256


def test_a_number_taken_meanwhile_is_given_a_new_one_and_links_follow(demo_store: Path) -> None:
    # the highest-numbered application: once deleted, SQLite gives its number to the next new one
    app = m.Application.select().order_by(m.Application.id.desc()).first()
    m.Briefing.create(referee=m.Referee.select().first(), application=app, on=clock.today())
    briefings = m.Briefing.select().where(m.Briefing.application == app.id).count()
    role = app.role
    pipeline.delete_application(app.id)
    newer = m.Application.create(role="Newer", employer=app.employer_id, applied_on=clock.today(), stage="applied")
    assert newer.id == app.id  # the number was taken
    trash.restore(trash.list_trash()[0].id)
    restored = m.Application.get(m.Application.role == role)
    assert restored.id != app.id and m.Application.get_by_id(newer.id).role == "Newer"
    assert m.Briefing.select().where(m.Briefing.application == restored.id).count() == briefings
    assert m.Briefing.select().where(m.Briefing.application == newer.id).count() == 0


def test_entries_go_for_good_after_thirty_days_and_emptying_backs_up_first(demo_store: Path,
                                                                           frozen_clock) -> None:  # type: ignore[no-untyped-def]
    pipeline.delete_application(_briefed_application())
    referees.delete_referee(m.Referee.select().first().id)
    assert len(trash.list_trash()) == 2

    def refused() -> None:
        raise trash_backup_error("The disk is full.")

    from desktop_app.services.backup import BackupError as trash_backup_error

    with pytest.raises(trash_backup_error):
        trash.empty(backup=refused)
    assert len(trash.list_trash()) == 2  # nothing deleted when the backup failed
    assert trash.empty() == 2
    assert [b.kind for b in automatic.list_backups(demo_store)] == ["before-emptying-trash"]
    assert trash.list_trash() == []
    referees.delete_referee(m.Referee.select().first().id)
    frozen_clock.set_now(clock.utc_now() + timedelta(days=trash.KEEP_DAYS, minutes=1))
    assert trash.list_trash() == []


def test_a_gone_entry_is_refused_in_words(demo_store: Path) -> None:
    with pytest.raises(trash.TrashError, match="no entry 99"):
        trash.restore(99)
    with pytest.raises(trash.TrashError, match="no longer exists"):
        trash.move_to_trash("referees", 9999)


def test_verify_vault_never_offers_to_remove_the_file_of_a_document_in_the_trash(demo_store: Path) -> None:
    from desktop_app.services.vault import files as vault_files
    from desktop_app.services.vault import verify

    fill_documents(demo_store, count=1)
    document = m.Document.select().first()
    vault.remove_document(document.id)
    report = verify.verify_vault()
    assert report.unreferenced == ()
    verify.remove_unreferenced(report)
    assert vault_files.stored_path(document.sha256).exists()
