"""Edit → Undo (issue 14, case 10): the last delete, stage change, dismiss or snooze, newest first."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app import clock
from desktop_app.services.applications import pipeline
from desktop_app.services.core import trash, undo
from desktop_app.services.today import due
from desktop_app.store import models as m


def test_undo_takes_back_the_newest_change_first(demo_store: Path) -> None:
    undo.clear()
    app = m.Application.select().where(m.Application.stage == "applied").first()
    assert app is not None
    history = m.StageChange.select().where(m.StageChange.application == app.id).count()
    pipeline.update_application(app.id, {"stage": "interviewing"})
    due.dismiss("some-item")
    due.snooze("other-item", clock.today() + timedelta(days=3), "Ask for feedback — Analyst at Acme")
    assert undo.next_label() == "Snooze “Ask for feedback — Analyst at Acme”"
    undo.undo_last()
    assert m.DueState.get_or_none(m.DueState.key == "other-item") is None
    undo.undo_last()
    assert m.DueState.get_or_none(m.DueState.key == "some-item") is None
    assert undo.undo_last() == f"Undone: Move “{app.role}” to Interviewing."  # the stage in the user's words
    assert m.Application.get_by_id(app.id).stage == "applied"
    assert m.StageChange.select().where(m.StageChange.application == app.id).count() == history
    with pytest.raises(undo.NothingToUndo, match="nothing to undo"):
        undo.undo_last()


def test_a_snooze_over_a_dismissal_is_undone_to_the_dismissal(demo_store: Path) -> None:
    undo.clear()
    due.dismiss("k")
    due.snooze("k", clock.today() + timedelta(days=2))
    undo.undo_last()
    state = m.DueState.get(m.DueState.key == "k")
    assert state.dismissed and state.snoozed_until is None


def test_emptying_the_trash_forgets_the_deletes_it_held_and_keeps_the_rest(demo_store: Path) -> None:
    undo.clear()
    due.dismiss("some-item")
    pipeline.delete_application(m.Application.select().first().id)
    trash.empty(backup=lambda: None)
    assert undo.next_label() == "Dismiss a Today item"  # Undo is no longer offered for the delete; no inner key
    undo.undo_last()
    with pytest.raises(undo.NothingToUndo, match="nothing to undo"):
        undo.undo_last()


def test_undo_of_a_delete_whose_entry_was_replaced_never_brings_back_another_record(demo_store: Path) -> None:
    """Issue 14: an entry's id is reused; Undo names its entry by a token, so it says so instead."""
    undo.clear()
    first, second = list(m.Application.select().order_by(m.Application.id).limit(2))
    pipeline.delete_application(first.id)
    entry_id = m.TrashEntry.select().first().id
    trash.restore(entry_id)  # from the Trash view: the entry goes, its Undo step stays
    m.TrashEntry.delete().execute()
    pipeline.delete_application(second.id)  # takes the same entry number
    assert m.TrashEntry.select().first().id == entry_id
    undo._STEPS.reverse()  # the older step (the first delete) is now the newest
    with pytest.raises(undo.NothingToUndo) as caught:
        undo.undo_last()
    assert str(caught.value) == (f"Delete application “{first.role} at {first.employer.name}” can no longer be "
                                 "undone: it is no longer in the Trash.")  # one closing quote, no entry number
    assert m.Application.get_or_none(m.Application.id == second.id) is None  # not brought back by mistake


def test_a_restore_and_an_import_forget_every_undo_step(demo_store: Path, tmp_path: Path) -> None:
    from desktop_app.services import backup
    from desktop_app.services.exchange import datafile
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    undo.clear()
    archive = tmp_path / "before.afterview-backup"
    backup.create_backup(demo_store, archive)
    pipeline.delete_application(m.Application.select().first().id)
    assert undo.next_label() is not None
    close_database()
    backup.restore_backup(demo_store, archive)
    open_database(demo_store)
    assert undo.next_label() is None
    due.dismiss("some-item")
    datafile.import_data(datafile.export_data())
    assert undo.next_label() is None

