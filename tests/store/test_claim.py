"""The data folder's claim: one writer at a time, kernel-released; the sweep spares live work (issue 14)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.store import claim
from desktop_app.store.db import close_database
from desktop_app.store.open import open_database

HOLD_THEN_DIE = """
import os, sys
from pathlib import Path
from desktop_app.store import claim
folder = Path(sys.argv[1])
with claim.registered(folder, Path(sys.argv[2]), ".report.pdf.*.part"):
    (Path(sys.argv[2]) / ".report.pdf.abc123.part").write_bytes(b"half a pack")
    os._exit(0)  # killed: no clean-up runs
"""


def test_the_claim_is_exclusive_between_processes_and_released_when_one_dies(tmp_path: Path) -> None:
    from filelock import FileLock

    tmp_path.joinpath("afterview.lock").write_text("12345\n")  # a stale number means nothing
    taken = claim.take_claim(tmp_path)
    try:
        other = FileLock(str(tmp_path / "afterview.lock"), timeout=0, thread_local=False)
        with pytest.raises(Exception):
            other.acquire()
        assert claim.holds_claim(tmp_path)
    finally:
        taken.release()
    assert not claim.holds_claim(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from desktop_app.store import claim;"
         "claim.take_claim(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)", str(tmp_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(claim.DataFolderBusy) as refused:
            claim.take_claim(tmp_path)
        assert "Nothing has been changed" in str(refused.value)
    finally:
        holder.kill()
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    claim.take_claim(tmp_path).release()  # the kernel gave it back


def test_the_start_up_sweep_spares_another_process_s_work(tmp_path: Path) -> None:
    """Case 2 of issue 14: a start beside a backup or restore leaves their files alone."""
    from filelock import FileLock

    data = tmp_path / "data"
    open_database(data)
    close_database()
    backups = data / "backups"
    backups.mkdir(exist_ok=True)
    staging = data / ".restore-staging-live"
    staging.mkdir()
    snapshot = backups / ".snapshot-live.sqlite3"
    # a restore in another process holds the claim: nothing at all is swept
    holder = FileLock(str(data / "afterview.lock"), timeout=0, thread_local=False)
    holder.acquire()
    try:
        snapshot.write_bytes(b"x")
        open_database(data)
        close_database()
        assert staging.is_dir() and snapshot.exists()
    finally:
        holder.release()
    # a backup beside the window registered its snapshot: the sweep keeps it, takes the rest
    with claim.registered(data, backups, f"{snapshot.name}*"):
        open_database(data)
        close_database()
        assert snapshot.exists()
        assert not staging.exists()
    open_database(data)  # the backup has ended without cleaning up: now it is a leftover
    close_database()
    assert not snapshot.exists()


def test_a_registered_temporary_file_outside_the_folder_is_removed_after_a_crash(tmp_path: Path) -> None:
    data, outside = tmp_path / "data", tmp_path / "Documents"
    outside.mkdir()
    open_database(data)
    close_database()
    result = subprocess.run([sys.executable, "-c", HOLD_THEN_DIE, str(data), str(outside)], check=False)
    assert result.returncode == 0
    assert (outside / ".report.pdf.abc123.part").exists()
    (outside / "keep.pdf").write_bytes(b"the user's own file")
    open_database(data)
    close_database()
    assert sorted(p.name for p in outside.iterdir()) == ["keep.pdf"]
    assert list((data / ".temporary").iterdir()) == []


def test_part_pattern_matches_only_that_target_s_temporary_files() -> None:
    pattern = claim.part_pattern(Path("/x/my [1] *.pdf"))
    import fnmatch

    assert fnmatch.fnmatchcase(".my [1] *.pdf.k2j3.part", pattern)
    assert not fnmatch.fnmatchcase(".my 1 x.pdf.k2j3.part", pattern)


def test_a_pack_written_outside_registers_its_temporary_file_while_it_is_written(store: Path,
                                                                                 tmp_path: Path) -> None:
    from desktop_app.files import atomic_write

    outside = tmp_path / "Documents"
    outside.mkdir()
    target = outside / "Reference pack.pdf"
    with claim.registered_write(target), atomic_write(target) as handle:
        handle.write(b"%PDF-")
        live = claim.live_patterns(store)
        [part] = [p for p in outside.iterdir() if p.name.endswith(".part")]
        assert claim.is_registered(part, live)
    assert claim.live_patterns(store) == [] and [p.name for p in outside.iterdir()] == [target.name]


def test_a_filelock_holder_and_the_claim_exclude_each_other_both_ways(tmp_path: Path) -> None:
    """The claim takes the lock filelock takes (flock on POSIX): older or other holders still count."""
    from filelock import FileLock

    holder = FileLock(str(tmp_path / "afterview.lock"), timeout=0, thread_local=False)
    holder.acquire()
    try:
        assert not claim.WriterClaim(tmp_path).try_take()
    finally:
        holder.release()
    taken = claim.take_claim(tmp_path)
    try:
        with pytest.raises(Exception):
            FileLock(str(tmp_path / "afterview.lock"), timeout=0, thread_local=False).acquire()
    finally:
        taken.release()
    FileLock(str(tmp_path / "afterview.lock"), timeout=0, thread_local=False).acquire()  # free again
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    claim.take_claim(fresh).release()
    assert (fresh / "afterview.lock").stat().st_mode & 0o777 == 0o600  # made by the claim: the user's only


@pytest.mark.skipif(sys.platform == "win32", reason="Windows takes the claim through filelock")
def test_claiming_and_sweeping_a_folder_does_not_load_filelock(tmp_path: Path) -> None:
    """What a window does before its first paint (bench/startup.py): no filelock imports on that path."""
    open_database(tmp_path / "data")
    close_database()
    script = ("import sys; from pathlib import Path; from desktop_app.store import claim, preflight;"
              "folder = Path(sys.argv[1]); taken = claim.take_claim(folder); preflight.prepare_store(folder);"
              "print(claim.holds_claim(folder), 'filelock' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "data")], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.split() == ["True", "False"]
