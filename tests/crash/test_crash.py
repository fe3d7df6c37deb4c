"""Kill Afterview with SIGKILL in the middle of its work, then check that nothing was lost.

Four scenarios, each run at least 20 times with different kill points: a vault import
of a large file, a backup, a restore, and a burst of edits. The child process
(``child.py``) prints what it has finished; after the kill the store is opened again
(which runs the start-up clean-up) and must find:

- ``PRAGMA integrity_check`` = ok and ``PRAGMA foreign_key_check`` empty;
- no record pointing at a missing vault file, and every vault file whole;
- no temporary file left behind;
- everything the child reported as done still there (a restore: exactly the old
  data before its commit point, exactly the new data after it).

Kill points are spread over the time the operation takes on this machine (measured
by one run that is not killed) and, for the restore, aimed at every step of the swap.
Runs go four at a time; the whole module stays well under a minute and a half.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.store.backup.check import check_archive
from desktop_app.store.db import close_database
from desktop_app.store.open import open_database
from tests.helpers.backup_samples import database_sound, export_json, fill_documents, vault_hashes

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]

CHILD = Path(__file__).with_name("child.py")
RUNS = 20
PARALLEL = 4
SWAP_STEPS = ("marker written", "moved aside afterview.sqlite3", "moved aside vault",
              "moved in afterview.sqlite3", "moved in vault", "committed", "cleaned up")


@dataclass
class Kill:
    """Kill ``delay`` seconds after the line starting with ``after`` (None: the first line)."""

    after: str
    delay: float

    def __str__(self) -> str:
        return f"{self.delay * 1000:.0f} ms after “{self.after}”"


@dataclass
class Run:
    kill: Kill
    lines: list[str]
    seconds: float


def run_child(args: list[str], kill: Kill | None, timeout: float = 60) -> Run:
    """Start the child; kill it as ``kill`` says (None: let it finish). Returns what it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    lines: list[str] = []
    try:
        if kill is not None:
            while True:
                line = proc.stdout.readline()
                if not line:
                    break
                lines.append(line.rstrip("\n"))
                if line.startswith(kill.after):
                    time.sleep(kill.delay)
                    proc.send_signal(signal.SIGKILL)
                    break
        out, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    lines += [ln for ln in out.splitlines()]
    if kill is None:
        assert proc.returncode == 0, err
    else:
        assert proc.returncode in (0, -signal.SIGKILL), err
    return Run(kill or Kill("", 0), lines, time.perf_counter() - started)


def stray_files(data_dir: Path) -> list[str]:
    """Temporary files that must be gone once the store has opened again."""
    found = []
    for path in data_dir.rglob("*"):
        name = path.name
        if (name.startswith((".incoming-", ".restore-", ".keep-aside-", ".snapshot-"))
                or name.startswith("restore-in-progress") or name.endswith(".part")):
            found.append(str(path.relative_to(data_dir)))
    return found


def check_after_crash(data_dir: Path) -> None:
    open_database(data_dir)  # the start-up: roll back, sweep up
    close_database()
    database_sound(data_dir)
    assert stray_files(data_dir) == []
    for name, digest in vault_hashes(data_dir).items():
        assert name == f"{digest}.pdf", "a vault file is not whole"


def kill_all(template: Path, tmp_path: Path, name: str, kills: list[Kill],
             args: Callable[[Path], list[str]]) -> list[tuple[Path, Run]]:
    """Copy the template and run+kill the child for every kill point, a few at a time.

    Only the child processes run in parallel: the checks afterwards open the store in
    this process, which binds one global database, so they run one after the other.
    """
    def one(i: int) -> tuple[Path, Run]:
        folder = _copy(template, tmp_path / f"{name}-{i}")
        return folder, run_child(args(folder), kills[i])

    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(one, range(len(kills))))


def report(title: str, outcomes: list[str]) -> None:
    print(f"\n{title}: {len(outcomes)} runs")
    for i, outcome in enumerate(outcomes):
        print(f"  run {i + 1:2d}: {outcome}")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the sample data and three documents (one of 3 MB)."""
    from desktop_app.services.exchange.demo import load_demo

    folder = tmp_path_factory.mktemp("crash") / "template"
    open_database(folder)
    load_demo()
    fill_documents(folder)
    close_database()
    return folder


def _copy(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


# ---------------------------------------------------------------- the scenarios

def test_a_burst_of_edits(template: Path, tmp_path: Path) -> None:
    rng = random.Random(8)
    kills = [Kill("saved 1", rng.uniform(0.0, 0.6)) for _ in range(RUNS)]

    outcomes = []
    for kill, (folder, run) in zip(kills, kill_all(template, tmp_path, "edits", kills,
                                                   lambda f: ["edits", str(f)])):
        saved = [int(ln.split()[1]) for ln in run.lines if ln.startswith("saved ")]
        last = max(saved)
        check_after_crash(folder)
        data = export_json(folder)
        orgs = {o["name"]: o for o in data["organisations"]}  # type: ignore[union-attr, index]
        roles = {a["role"] for a in data["applications"]}  # type: ignore[union-attr, index]
        for n in range(1, last + 1):
            assert f"Edit {n}" in orgs, f"edit {n} was reported saved but is lost"
            if n % 3 == 0 and n > 1:
                assert orgs[f"Edit {n - 1}"]["notes"] == f"updated by edit {n}"
            if n % 5 == 0:
                assert f"Role {n}" in roles
        outcomes.append(f"{kill}: {last} edits reported saved, all found")
    report("Burst of edits killed", outcomes)


def test_a_vault_import_of_a_large_file(template: Path, tmp_path: Path) -> None:
    from tests.helpers.vault_samples import make_big_pdf

    source = make_big_pdf(tmp_path / "large transcript.pdf", 40 << 20)
    expected = hashlib.sha256(source.read_bytes()).hexdigest()
    calibrate = run_child(["vault", str(_copy(template, tmp_path / "vault-calibrate")), str(source)], None)
    span = max(calibrate.seconds - 0.3, 0.2) * 1.25  # the import itself, after start-up, and a bit
    rng = random.Random(5)
    kills = [Kill("ready", span * (i + rng.random()) / RUNS) for i in range(RUNS)]

    outcomes = []
    for kill, (folder, run) in zip(kills, kill_all(template, tmp_path, "vault", kills,
                                                   lambda f: ["vault", str(f), str(source)])):
        stored = "stored" in run.lines
        check_after_crash(folder)
        open_database(folder)
        try:
            from desktop_app.store import models as m

            rows = list(m.Document.select().where(m.Document.original_name == "large transcript.pdf"))
        finally:
            close_database()
        if stored:
            assert len(rows) == 1 and rows[0].sha256 == expected
        assert len(rows) <= 1
        state = "record and file" if rows else "nothing"
        outcomes.append(f"{kill}: reported {'stored' if stored else 'not stored'}, found {state}")
    report("Vault import of a 40 MB file killed", outcomes)


def test_a_backup(template: Path, tmp_path: Path) -> None:
    from tests.helpers.vault_samples import make_big_pdf

    big = _copy(template, tmp_path / "backup-template")
    open_database(big)
    from tests.helpers.backup_samples import put_document

    put_document(big, make_big_pdf(tmp_path / "b.pdf", 24 << 20).read_bytes(), "big.pdf")
    close_database()
    before = export_json(big)
    calibrate = run_child(["backup", str(_copy(big, tmp_path / "backup-calibrate"))], None)
    span = max(calibrate.seconds - 0.3, 0.2) * 1.25
    rng = random.Random(3)
    kills = [Kill("ready", span * (i + rng.random()) / RUNS) for i in range(RUNS)]

    outcomes = []
    for kill, (folder, run) in zip(kills, kill_all(big, tmp_path, "backup", kills,
                                                   lambda f: ["backup", str(f)])):
        made = any(ln.startswith("made ") for ln in run.lines)
        check_after_crash(folder)
        archives = list((folder / "backups").glob("*.afterview-backup")) if (folder / "backups").exists() else []
        for archive in archives:
            check_archive(archive, newest_schema=99)  # every archive left is whole
        if made:
            assert len(archives) == 1
        assert export_json(folder) == before
        outcomes.append(f"{kill}: {'finished' if made else 'cut short'}, {len(archives)} whole archive(s)")
    report("Backup killed", outcomes)


def test_a_restore(template: Path, tmp_path: Path) -> None:
    from desktop_app.services.applications import organisations
    from desktop_app.store.backup.archive import write_archive
    from tests.helpers.vault_samples import make_big_pdf
    from tests.helpers.backup_samples import put_document

    # the data being restored: different records and documents (one of 16 MB)
    other = _copy(template, tmp_path / "other")
    open_database(other)
    organisations.create_organisation({"name": "Only in the backup"})
    put_document(other, make_big_pdf(tmp_path / "o.pdf", 16 << 20).read_bytes(), "other.pdf")
    close_database()
    archive = tmp_path / "other.afterview-backup"
    write_archive(other / "afterview.sqlite3", other / "vault", archive)
    old, new = export_json(template), export_json(other)
    old_vault, new_vault = vault_hashes(template), vault_hashes(other)

    calibrate = run_child(["restore", str(_copy(template, tmp_path / "restore-calibrate")), str(archive)], None)
    span = max(calibrate.seconds - 0.3 - 0.2 * len(SWAP_STEPS), 0.2)
    rng = random.Random(9)
    kills = [Kill(f"step {SWAP_STEPS[i % len(SWAP_STEPS)]}", rng.uniform(0.0, 0.15)) for i in range(14)]
    kills += [Kill("ready", span * (i + rng.random()) / 10) for i in range(10)]

    outcomes = []
    for kill, (folder, run) in zip(kills, kill_all(template, tmp_path, "restore", kills,
                                                   lambda f: ["restore", str(f), str(archive)])):
        steps = [ln[5:] for ln in run.lines if ln.startswith("step ")]
        check_after_crash(folder)
        data, vault = export_json(folder), vault_hashes(folder)
        committed = "committed" in steps
        last_move = "moved in vault"
        if committed:
            assert (data, vault) == (new, new_vault), "a committed restore was lost"
            state = "new data"
        elif steps and steps[-1] == last_move:
            # killed between the last move and the commit print: either side, never a mix
            assert (data, vault) in ((old, old_vault), (new, new_vault))
            state = "new data" if data == new else "old data"
        else:
            assert (data, vault) == (old, old_vault), "an unfinished restore changed the data"
            state = "old data"
        outcomes.append(f"{kill} (last step seen: {steps[-1] if steps else 'none'}): {state}")
    report("Restore killed", outcomes)
    assert len(outcomes) >= RUNS
