"""File → Back up… and File → Restore…, driven as a user would (questions replaced)."""

from __future__ import annotations

import argparse
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop_app.services import backup

from desktop_app.services.applications import organisations
from desktop_app.services.applications.organisations import list_organisations
from desktop_app.store.db import close_database, database_path
from tests.scripted_prompts import ScriptedPrompts
from tests.services.backup_samples import fill_documents


def _names() -> set[str]:
    return {row.name for row in list_organisations()}


def test_the_file_menu_offers_back_up_and_restore(main_window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in main_window.file_menu.actions()]
    assert "&Back up…" in texts and "Res&tore…" in texts


def test_back_up_is_one_click_and_a_file_name(main_window, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              prompts: ScriptedPrompts) -> None:
    fill_documents(main_window.context.data_dir, count=2)
    prompts.script("save_path", tmp_path / "mine")
    dialog = main_window.back_up()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    assert dialog.outcome[0] == "finished"
    assert dialog.bar.value() == dialog.bar.maximum()
    stored = len(list((main_window.context.data_dir / "vault").glob("*/*.pdf")))
    assert backup.check_backup(tmp_path / "mine.afterview-backup").document_files == stored >= 2
    assert "Backed up to" in main_window.statusBar().currentMessage()


def test_a_backup_that_cannot_be_written_is_told_in_plain_words(  # type: ignore[no-untyped-def]
        main_window, qtbot, tmp_path: Path, prompts: ScriptedPrompts) -> None:
    prompts.script("save_path", tmp_path / "gone" / "x.afterview-backup")
    dialog = main_window.back_up()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    told = prompts.told()
    assert told and told[0][1] and "does not exist" in told[0][0]


def test_restore_lists_automatic_backups_and_restores_the_selected_one(  # type: ignore[no-untyped-def]
        main_window, qtbot, prompts: ScriptedPrompts) -> None:
    data_dir = main_window.context.data_dir
    organisations.create_organisation({"name": "In yesterday's backup"})
    backup.daily_backup_if_due(data_dir, now=datetime.now(timezone.utc) - timedelta(days=1))
    organisations.create_organisation({"name": "Made today"})
    main_window.show_tab(1)
    dialog = main_window.restore_from_backup()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.restore_button.isEnabled()
    assert dialog.model.data(dialog.model.index(0, 1)) == "Daily"
    prompts.script("confirm_destructive", True)
    with qtbot.waitSignal(main_window.context.events.everything_changed, timeout=20000):
        dialog.restore_selected()
    [asked] = prompts.asked_of("confirm_destructive")
    assert "This backup was made on" in asked.text and asked.details["action_label"] == "Restore"
    assert "restored" in prompts.told()[-1][0]
    assert _names() == {"In yesterday's backup"}  # the store was reopened on the restored data
    kinds = [b.kind for b in backup.automatic_backups(data_dir)]
    assert kinds.count("before-restore") == 1


def test_a_damaged_file_is_refused_with_its_reason_and_nothing_changes(  # type: ignore[no-untyped-def]
        main_window, qtbot, tmp_path: Path, prompts: ScriptedPrompts) -> None:
    organisations.create_organisation({"name": "Still here"})
    bad = tmp_path / "bad.afterview-backup"
    bad.write_bytes(b"PK\x03\x04 this was cut short")
    dialog = main_window.restore_from_backup()
    qtbot.addWidget(dialog)
    assert dialog.empty.isVisibleTo(dialog) and not dialog.restore_button.isEnabled()
    prompts.script("open_path", bad)
    dialog.choose_file()
    qtbot.waitUntil(lambda: bool(prompts.told()), timeout=20000)
    told = prompts.told()
    assert told[0][1] and "damaged or incomplete" in told[0][0]
    assert not prompts.asked_of("confirm_destructive")  # a damaged backup is never offered
    assert _names() == {"Still here"}


def test_the_daily_backup_runs_in_a_worker(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.dialogs.backup_dialog import start_daily_backup, stop_daily_backup

    worker = start_daily_backup(main_window)
    with qtbot.waitSignal(worker.signals.finished, timeout=20000):
        pass
    assert [b.kind for b in backup.automatic_backups(main_window.context.data_dir)] == ["daily"]
    stop_daily_backup(main_window)


# ---------------------------------------------------------------- damaged database at start-up

def _damage(path: Path, how: str) -> bytes:
    data = bytearray(path.read_bytes())
    if how == "truncated":
        data = data[: len(data) // 2]
    elif how == "overwritten":
        middle = len(data) // 2
        data[middle: middle + 4096] = bytes((i * 37 + 11) % 256 for i in range(4096))
    else:
        data = bytearray(b"Dear Sam, thank you for your application ...\n" * 200)
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("how", ["truncated", "overwritten", "not_sqlite"])
def test_a_damaged_database_is_named_kept_aside_and_the_backup_offered(  # type: ignore[no-untyped-def]
        demo_store: Path, qtbot, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    from desktop_app.ui import app as app_module

    fill_documents(demo_store, count=1)
    for i in range(60):  # enough pages that damage in the middle hits table data
        organisations.create_organisation({"name": f"Organisation {i}", "notes": "x" * 400})
    backup.daily_backup_if_due(demo_store)
    expected = _names()
    close_database()
    damaged = _damage(database_path(demo_store), how)

    prompts = ScriptedPrompts().script("ask_yes_no", True)
    monkeypatch.setattr(app_module, "startup_prompts", lambda: prompts)
    reached: list[set[str]] = []
    monkeypatch.setattr(app_module, "_show_window", lambda *_a, **_k: reached.append(_names()) or 0)
    args = argparse.Namespace(demo=False, data_dir=str(demo_store), quit_after_startup=False)
    assert app_module.run_gui(args, started=time.perf_counter()) == 0

    [asked] = prompts.asked_of("ask_yes_no")
    assert "damaged" in asked.text or "not an Afterview database" in asked.text
    assert asked.details["yes_label"] == "Restore the backup"
    assert reached == [expected]  # the window opened on the restored data
    kept = [p for p in demo_store.iterdir() if p.name.startswith("damaged data ")]
    assert len(kept) == 1 and (kept[0] / "afterview.sqlite3").read_bytes() == damaged
    [(restored, problem)] = prompts.told()
    assert not problem and "kept, unchanged" in restored


def test_without_a_backup_the_damage_is_explained_and_nothing_is_touched(  # type: ignore[no-untyped-def]
        store: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.ui import app as app_module

    close_database()
    damaged = _damage(database_path(store), "not_sqlite")
    prompts = ScriptedPrompts()
    monkeypatch.setattr(app_module, "startup_prompts", lambda: prompts)
    args = argparse.Namespace(demo=False, data_dir=str(store), quit_after_startup=False)
    assert app_module.run_gui(args, started=time.perf_counter()) == 2
    [shown] = prompts.asked_of("error")
    assert "There is no automatic backup" in shown.text and "not an Afterview database" in shown.text
    assert not prompts.asked_of("ask_yes_no")
    assert database_path(store).read_bytes() == damaged
