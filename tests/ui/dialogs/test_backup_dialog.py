"""File → Back up…, driven as a user would (questions replaced); the daily backup in a worker."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services import backup
from tests.helpers.backup_samples import fill_documents
from tests.helpers.scripted_prompts import ScriptedPrompts


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


def test_the_daily_backup_runs_in_a_worker(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.dialogs.backup_dialog import start_daily_backup, stop_daily_backup

    worker = start_daily_backup(main_window)
    with qtbot.waitSignal(worker.signals.finished, timeout=20000):
        pass
    assert [b.kind for b in backup.automatic_backups(main_window.context.data_dir)] == ["daily"]
    stop_daily_backup(main_window)
