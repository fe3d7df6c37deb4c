"""The process the crash tests kill: runs one scenario and says what it has finished.

``python tests/crash/child.py SCENARIO DATA_DIR [FILE]``. Every line it prints is a
promise the parent checks after ``SIGKILL``: ``saved N`` is printed only once edit N
is committed, ``stored`` once a document's record is committed, ``step NAME`` once a
restore step is done (then it pauses briefly so that a kill lands right there).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def say(text: str) -> None:
    print(text, flush=True)


def edits(data_dir: Path) -> None:
    """A burst of edits: new organisations, changed notes, applications with their history."""
    from datetime import date

    from desktop_app.services.applications import pipeline as applications, organisations

    previous = None
    for n in range(1, 1_000_000):
        org = organisations.create_organisation({"name": f"Edit {n}", "notes": "x" * (n % 300)})
        if previous is not None and n % 3 == 0:
            organisations.update_organisation(previous, {"notes": f"updated by edit {n}"})
        if n % 5 == 0:
            applications.create_application({"role": f"Role {n}", "employer": org,
                                             "applied_on": date(2026, 11, 1)}, today=date(2026, 11, 25))
        say(f"saved {n}")
        previous = org


def vault(_data_dir: Path, source: Path) -> None:
    from desktop_app.services.vault import adding as vault_import

    say("ready")
    vault_import.add_document(source, kind="transcript")
    say("stored")


def backup(data_dir: Path) -> None:
    from desktop_app.store.backup import automatic as auto

    say("ready")
    made = auto.make_backup(data_dir, auto.DAILY)
    say(f"made {made.path.name}")


def restore(data_dir: Path, archive: Path) -> None:
    from desktop_app.services import backup as backup_service

    def step(name: str) -> None:
        say(f"step {name}")
        time.sleep(0.2)  # the parent kills during this pause when it aims at this step

    say("ready")
    backup_service.restore_backup(data_dir, archive, on_step=step)
    say("restored")


def window_edits(data_dir: Path, count: Path) -> None:
    """What the window does: hold the data folder's claim for its lifetime, and save edits."""
    from desktop_app.services.applications import organisations

    for n in range(1, int(str(count)) + 1):
        organisations.create_organisation({"name": f"Window edit {n}"})
        say(f"saved {n}")


def main() -> None:
    scenario, data_dir = sys.argv[1], Path(sys.argv[2])
    from desktop_app.store.open import open_database

    if scenario == "window_edits":
        from desktop_app.store.claim import DataFolderBusy, take_claim

        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            take_claim(data_dir)  # as the window does, for its whole life
        except DataFolderBusy:
            say("busy")
            return
        say("claimed")
    open_database(data_dir)
    extra = [Path(a) for a in sys.argv[3:]]
    {"edits": edits, "vault": vault, "backup": backup, "restore": restore,
     "window_edits": window_edits}[scenario](data_dir, *extra)
    say("done")


if __name__ == "__main__":
    main()
