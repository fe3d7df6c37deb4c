"""Swapping restored data into the data folder so that a crash can never leave half of it.

A restore unpacks into ``.restore-staging-*`` inside the data folder (same disk, so
every move is a rename). The swap then:

1. writes ``restore-in-progress.json`` (atomically) naming what is there now;
2. renames the current database files and vault into ``.restore-old-*``;
3. renames the restored database and vault into place;
4. deletes the marker — the single commit point — and only then the old copy.

If the process dies anywhere before step 4, :func:`finish_interrupted_work` (run
every time the store opens, before the database is touched) puts the old files back
exactly as they were; after step 4 it only sweeps up the leftovers.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from desktop_app.files import atomic_write, fsync_folder
from desktop_app.store.layout import (
    DATABASE,
    KEEP_ASIDE_PREFIX,
    PART_SUFFIX,
    RESTORE_MARKER,
    RESTORE_OLD_PREFIX,
    RESTORE_STAGING_PREFIX,
    VAULT,
)

#: what a restore replaces; everything else in the data folder (backups, window state,
#: the single-instance lock, folders kept aside) stays where it is
SWAPPED = (DATABASE, DATABASE + "-wal", DATABASE + "-shm", VAULT)
#: what a backup brings in (the journal files never travel)
INCOMING = (DATABASE, VAULT)

StepFn = Callable[[str], None]


def _no_step(_name: str) -> None:
    pass


def new_staging_folder(data_dir: Path) -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix=RESTORE_STAGING_PREFIX, dir=data_dir))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _write_marker(data_dir: Path, content: dict[str, object]) -> None:
    # whole or not at all, and synced with its folder before anything is moved
    with atomic_write(data_dir / RESTORE_MARKER, "w", encoding="utf-8") as fh:
        json.dump(content, fh)


def _is_marker_leftover(name: str) -> bool:
    """The temporary file of a marker whose writing was cut short (see ``atomic_write``)."""
    return name.startswith(f".{RESTORE_MARKER}.") and name.endswith(PART_SUFFIX)


def swap_in(data_dir: Path, staging: Path, *, on_step: StepFn = _no_step) -> None:
    """Replace the database and vault of ``data_dir`` by those in ``staging``, all or nothing.

    Every database connection must be closed first. ``on_step`` names each step as it
    is done (the crash tests kill the process right after one).
    """
    import tempfile

    old = Path(tempfile.mkdtemp(prefix=RESTORE_OLD_PREFIX, dir=data_dir))
    present = [name for name in SWAPPED if (data_dir / name).exists() or (data_dir / name).is_symlink()]
    _write_marker(data_dir, {"staging": staging.name, "old": old.name, "present": present})
    on_step("marker written")
    try:
        for name in present:
            os.rename(data_dir / name, old / name)
            on_step(f"moved aside {name}")
        fsync_folder(data_dir)
        for name in INCOMING:
            if (staging / name).exists():
                os.rename(staging / name, data_dir / name)
                on_step(f"moved in {name}")
        fsync_folder(data_dir)
        (data_dir / RESTORE_MARKER).unlink()  # the commit point
        fsync_folder(data_dir)
        on_step("committed")
    except BaseException:
        finish_interrupted_work(data_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    on_step("cleaned up")


def _roll_back(data_dir: Path) -> None:
    marker = data_dir / RESTORE_MARKER
    try:
        content = json.loads(marker.read_text(encoding="utf-8"))
        old = data_dir / str(content["old"])
        present = set(content["present"])
    except (OSError, ValueError, KeyError, TypeError):
        # A marker we cannot read was not written by us completely (it is written by
        # rename): nothing was moved yet, so there is nothing to undo.
        marker.unlink(missing_ok=True)
        return
    # Originals are all moved aside before anything comes in, so: an original still
    # in place was never moved; anything else in place is restored data.
    for name in SWAPPED:
        here, kept = data_dir / name, old / name
        if name in present:
            if kept.exists() or kept.is_symlink():
                _remove(here)
                os.rename(kept, here)
        else:
            _remove(here)
    fsync_folder(data_dir)
    marker.unlink()
    fsync_folder(data_dir)


def finish_interrupted_work(data_dir: Path) -> bool:
    """Undo a restore that did not reach its commit point, and sweep leftovers.

    Returns True when a half-done restore was rolled back. Safe to call on every start.
    """
    rolled_back = False
    if not data_dir.is_dir():
        return False
    if (data_dir / RESTORE_MARKER).exists():
        _roll_back(data_dir)
        rolled_back = True
    # the name an earlier Afterview gave the marker while writing it
    (data_dir / (RESTORE_MARKER + ".tmp")).unlink(missing_ok=True)
    for entry in data_dir.iterdir():
        if entry.is_symlink():
            continue
        if entry.name.startswith((RESTORE_STAGING_PREFIX, RESTORE_OLD_PREFIX, KEEP_ASIDE_PREFIX)) \
                or (_is_marker_leftover(entry.name) and entry.is_file()):
            _remove(entry)
    return rolled_back


def copy_aside(data_dir: Path, folder_name: str) -> Path:
    """Keep a copy of the database files and vault in ``data_dir/folder_name`` for the user.

    Copied (vault files hard-linked where the system allows), never moved, and named
    only once complete: a crash here leaves the current data exactly as it was.
    """
    import tempfile

    work = Path(tempfile.mkdtemp(prefix=KEEP_ASIDE_PREFIX, dir=data_dir))
    for name in SWAPPED:
        source = data_dir / name
        if source.is_file() and not source.is_symlink():
            shutil.copy2(source, work / name)
        elif source.is_dir() and not source.is_symlink():
            shutil.copytree(source, work / name, copy_function=_link_or_copy, symlinks=True)
    fsync_folder(work)
    aside = data_dir / folder_name
    os.rename(work, aside)
    fsync_folder(data_dir)
    return aside


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
