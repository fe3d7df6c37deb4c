"""One writer at a time: the data folder's claim, and temporary files registered with an owner.

**The claim.** Every process that changes data (the window, for as long as it is open,
and each command that writes) holds ``afterview.lock`` in the data folder with an
operating-system lock (``flock`` on POSIX, taken directly: the same lock the
``filelock`` library takes there, without its imports before the window's first paint;
``LockFileEx`` on Windows, through ``filelock``). The kernel releases it when the process ends, however it ends,
so a crash never leaves a lock that fools the next start, and no process number is
ever read or guessed. Readers (``due``, ``data export``, ``vault list``/``verify``,
``backup``) take no claim: SQLite's WAL lets them read while the writer writes.

**The start-up sweep** (finishing a restore cut short, removing half-made files) runs
only while this process holds the claim, so it can never pull a file from under
another writer; and it skips every file that a live process has registered as its own.

**Registered temporary files.** A process about to write a temporary file that a
sweep could mistake for a leftover (a backup's snapshot, the ``.part`` file of a
backup or pack written to a folder outside the data folder) first records where it
will be, in ``<data folder>/.temporary/<id>.json``, and holds ``<id>.lock`` while it
works. The next sweep removes what a registration names once its lock is free (its
owner is gone), and leaves alone what a held one names.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from desktop_app.store.errors import StoreError
from desktop_app.store.layout import FOLDER_MODE, LOCK_FILE, PART_SUFFIX, TEMPORARY_REGISTRY


class DataFolderBusy(StoreError):
    """Another process holds the data folder's claim; ``str()`` says so in the user's words."""


def busy_message(data_dir: Path) -> str:
    """The sentence a command shows when another writer holds ``data_dir``."""
    return (f"Afterview is open on the data folder {data_dir}, or another afterview command is "
            "changing its data right now. Close the window (or wait for the command to finish) "
            "and try again. Nothing has been changed.")


def _lock(path: Path):  # type: ignore[no-untyped-def]  # filelock.BaseFileLock
    from filelock import FileLock  # not on the window's first-paint path

    # thread_local=False: the window's worker threads belong to the same writer;
    # preserve_lock_file: deleting a lock file on release lets two processes lock two
    # different files of the same name; fallback_to_soft=False: a lock the kernel does
    # not release when the process dies is exactly what this module replaces.
    return FileLock(str(path), timeout=0, thread_local=False, preserve_lock_file=True,
                    fallback_to_soft=False, mode=0o600)


class _FlockedFile:
    """The data folder's lock file held with ``flock(2)`` (POSIX): the claim a window takes
    before its first paint, without loading ``filelock`` (~40 ms of imports, with logging,
    inspect and decimal) on that path.

    The very lock ``filelock.UnixFileLock`` takes (an exclusive ``flock`` on the file, not
    deleted on release), so every Afterview process, and a ``filelock`` holder, exclude
    each other as before; the kernel drops it when the process ends. The descriptor is not
    inherited by child processes (PEP 446), so a program the window starts never holds it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def take(self) -> bool:
        """Lock now or return False when another holder has it; raises ``OSError`` when the
        file cannot be made or locked at all (``ENOSYS``: a file system without ``flock``)."""
        import errno
        import fcntl

        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        """Unlock and close (safe when not held)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the only descriptor of the open file drops its flock


class _LibraryLock:
    """The data folder's lock file held through ``filelock`` (Windows: ``LockFileEx``)."""

    def __init__(self, path: Path) -> None:
        self._lock = _lock(path)

    def take(self) -> bool:
        """Lock now or return False when another holder has it; raises ``OSError`` or
        ``NotImplementedError`` when the file cannot be locked at all."""
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        self._lock.release(force=True)


def _folder_lock(path: Path) -> _FlockedFile | _LibraryLock:
    """The data folder's lock: ``flock`` where the OS has it (the lock ``filelock`` takes there
    too), else ``filelock``."""
    try:
        import fcntl  # noqa: F401 - POSIX only
    except ImportError:  # Windows
        return _LibraryLock(path)
    return _FlockedFile(path)


#: the claims this process holds, by resolved data folder (several callers in one
#: process, e.g. the window and its restore, share one claim)
_HELD: dict[Path, WriterClaim] = {}


def _key(data_dir: Path) -> Path:
    try:
        return data_dir.resolve()
    except OSError:
        return data_dir.absolute()


class WriterClaim:
    """This process's claim on one data folder (see the module's description)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._lock = _folder_lock(self.data_dir / LOCK_FILE)
        self._count = 0

    @property
    def held(self) -> bool:
        return self._count > 0

    def try_take(self) -> bool:
        """Take the claim without waiting; False when another process holds it.

        Raises :class:`StoreError` when the lock file cannot be made at all.
        """
        if not self.data_dir.is_dir():
            raise StoreError(f"Afterview cannot lock its data folder {self.data_dir}: "
                             "the folder does not exist.")
        key = _key(self.data_dir)
        other = _HELD.get(key)
        if other is not None and other is not self:
            other._count += 1
            self._count += 1
            return True
        if self._count == 0:
            try:
                if not self._lock.take():
                    return False
            except (OSError, NotImplementedError) as exc:
                raise StoreError(f"Afterview cannot lock its data folder {self.data_dir}: "
                                 f"{getattr(exc, 'strerror', None) or exc}.") from exc
            _HELD[key] = self
        self._count += 1
        return True

    def release(self) -> None:
        """Give the claim back (safe when not held)."""
        if self._count == 0:
            return
        self._count -= 1
        key = _key(self.data_dir)
        owner = _HELD.get(key)
        if owner is not None and owner is not self:
            owner.release()
            return
        if self._count == 0:
            _HELD.pop(key, None)
            with suppress(OSError):
                self._lock.release()


def take_claim(data_dir: Path) -> WriterClaim:
    """Take the claim on ``data_dir`` now or raise :class:`DataFolderBusy`; the caller releases it."""
    claim = WriterClaim(data_dir)
    if not claim.try_take():
        raise DataFolderBusy(busy_message(data_dir))
    return claim


def holds_claim(data_dir: Path) -> bool:
    """Whether this process holds the claim on ``data_dir``."""
    return _key(data_dir) in _HELD


def release_all() -> None:
    """Give back every claim this process holds (a command has finished)."""
    for claim in list(_HELD.values()):
        claim._count = 1
        claim.release()


@contextmanager
def sweeping(data_dir: Path) -> Iterator[bool]:
    """Yield True when this process may sweep ``data_dir``: it holds the claim, or took it for now.

    False: another process is writing; leave everything as it is.
    """
    claim = WriterClaim(data_dir)
    try:
        got = claim.try_take()
    except StoreError:
        got = False
    try:
        yield got
    finally:
        if got:
            claim.release()


# ---------------------------------------------------------------- registered temporary files

def _registry(data_dir: Path) -> Path:
    return data_dir / TEMPORARY_REGISTRY


@contextmanager
def registered(data_dir: Path, folder: Path, pattern: str) -> Iterator[None]:
    """Record, before they exist, the temporary files ``folder/pattern`` (a glob) this process makes.

    While the block runs the registration is held (a sweep leaves those files alone);
    if the process dies, the next sweep in ``data_dir`` removes them. Raises ``OSError``
    when the registration cannot be written (then nothing is created either).
    """
    registry = _registry(data_dir)
    registry.mkdir(mode=FOLDER_MODE, exist_ok=True)
    import secrets  # here: not on the window's first-paint path

    ident = secrets.token_hex(8)
    lock = _lock(registry / f"{ident}.lock")
    lock.acquire(timeout=0)
    entry = registry / f"{ident}.json"
    try:
        from desktop_app.files import atomic_write

        with atomic_write(entry, "w", encoding="utf-8") as fh:
            json.dump({"folder": os.fsdecode(Path(folder).absolute()), "pattern": pattern}, fh)
        yield
    finally:
        entry.unlink(missing_ok=True)
        with suppress(OSError):
            lock.release(force=True)
        (registry / f"{ident}.lock").unlink(missing_ok=True)


def live_patterns(data_dir: Path) -> list[tuple[Path, str]]:
    """What live processes have registered: (folder, glob) pairs a sweep must not touch."""
    return [(folder, pattern) for folder, pattern, live in _registrations(data_dir) if live]


def _registrations(data_dir: Path) -> list[tuple[Path, str, bool]]:
    registry = _registry(data_dir)
    entries = sorted(registry.glob("*.json")) if registry.is_dir() else []
    if not entries:
        return []  # nearly every start: filelock is not even imported before the first paint
    from filelock import Timeout

    found = []
    for entry in entries:
        try:
            content = json.loads(entry.read_text(encoding="utf-8"))
            folder, pattern = Path(str(content["folder"])), str(content["pattern"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        lock = _lock(registry / f"{entry.stem}.lock")
        try:
            lock.acquire(timeout=0)
        except Timeout:
            found.append((folder, pattern, True))
            continue
        except OSError:
            found.append((folder, pattern, True))  # in doubt: not ours to remove
            continue
        lock.release(force=True)
        found.append((folder, pattern, False))
    return found


def is_registered(path: Path, live: list[tuple[Path, str]]) -> bool:
    """Whether ``path`` is one a live process registered (see :func:`live_patterns`)."""
    return any(path.parent.absolute() == folder and fnmatch.fnmatchcase(path.name, pattern)
               for folder, pattern in live)


def sweep_registrations(data_dir: Path) -> int:
    """Remove what dead processes registered, and their registrations; returns how many files.

    Call only while holding the claim (see :func:`sweeping`).
    """
    removed = 0
    registry = _registry(data_dir)
    if not registry.is_dir():
        return 0
    live_ids = set()
    for folder, pattern, live in _registrations(data_dir):
        if live:
            continue
        if folder.is_dir():
            for path in folder.glob(pattern):
                if path.is_file() and not path.is_symlink():
                    with suppress(OSError):
                        path.unlink()
                        removed += 1
    for entry in registry.iterdir():
        ident = entry.name.split(".")[0] if not entry.name.startswith(".") else entry.name[1:].split(".")[0]
        lock = registry / f"{ident}.lock"
        if ident in live_ids:
            continue
        if _is_live(lock):
            live_ids.add(ident)
            continue
        with suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    return removed


def _is_live(lock_path: Path) -> bool:
    from filelock import Timeout

    if not lock_path.exists():
        return False
    lock = _lock(lock_path)
    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError):
        return True
    lock.release(force=True)
    return False


def part_pattern(target: Path) -> str:
    """The glob of :func:`desktop_app.files.atomic_write`'s temporary files for ``target``."""
    from desktop_app.files import _shortened

    return f".{fnmatch_escape(_shortened(Path(target).name))}.*{PART_SUFFIX}"


def fnmatch_escape(text: str) -> str:
    """``text`` with glob's special characters made literal."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


@contextmanager
def registered_write(target: Path) -> Iterator[None]:
    """Register :func:`desktop_app.files.atomic_write`'s temporary files for ``target`` with the
    data folder of the open store (nothing when no store is open), for the block's length.

    For a file the user asked for outside the data folder (a pack, a backup): if the
    process is killed half-way, the next start removes the hidden ``.part`` it left.
    """
    from desktop_app.store.db import db  # Peewee: only once a store is open anyway

    if db.obj is None:
        yield
        return
    with registered(Path(str(db.obj.database)).parent, Path(target).parent, part_pattern(target)):
        yield
