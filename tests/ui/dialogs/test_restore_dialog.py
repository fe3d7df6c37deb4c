"""File → Restore…: the automatic backups listed, the chosen one restored; a damaged file refused with its reason."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from desktop_app.services import backup
from desktop_app.services.applications import organisations
from desktop_app.services.applications.organisations import list_organisations
from tests.helpers.scripted_prompts import ScriptedPrompts


def _names() -> set[str]:
    return {row.name for row in list_organisations()}


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
