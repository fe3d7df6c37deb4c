"""Errors the store raises, each with a message written for the user."""

from __future__ import annotations


class StoreError(Exception):
    """The data folder or database cannot be used; ``str(error)`` is the user's message."""


class DataFolderError(StoreError):
    """The data folder is missing, not a folder, or not writable."""


class NotAnAfterviewDatabase(StoreError):
    """The database file exists but is not an SQLite database (or is damaged)."""


class NewerDatabase(StoreError):
    """The database was written by a newer Afterview than this one."""


class MigrationFailed(StoreError):
    """A schema step would have left the data inconsistent; that step was rolled back."""


class DamagedDatabase(NotAnAfterviewDatabase):
    """The database file is damaged (truncated, overwritten, not SQLite); it is never overwritten."""


class DiskFull(StoreError):
    """The disk (or the user's quota) is full: nothing is damaged, and nothing was changed."""


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) says the disk is full rather than that data is damaged.

    ``OSError`` with ``ENOSPC`` / ``EDQUOT``, or SQLite's ``SQLITE_FULL`` ("database or
    disk is full", https://www.sqlite.org/rescode.html#full), however it was wrapped
    (Peewee re-raises SQLite's errors as its own).
    """
    import errno

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return True
        if getattr(current, "sqlite_errorcode", None) == 13:  # SQLITE_FULL
            return True
        if "database or disk is full" in str(current) or "No space left on device" in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False


#: Free space (bytes) under which an I/O error of SQLite is taken for a full disk: it needs
#: room for its ``-wal`` and ``-shm`` files (32 KB and up) before it can read anything.
NEARLY_FULL = 1 << 20


def disk_nearly_full(folder: object) -> bool:
    """Whether the disk holding ``folder`` has less than :data:`NEARLY_FULL` bytes free."""
    import shutil

    try:
        return shutil.disk_usage(str(folder)).free < NEARLY_FULL
    except OSError:
        return False


def disk_full_message(folder: object, needed: int | None = None) -> str:
    """The user's sentence for a full disk under ``folder``; ``needed``: bytes wanted, if known."""
    import shutil

    try:
        free = shutil.disk_usage(str(folder)).free
    except OSError:
        free = None
    amounts = ""
    if needed is not None:
        amounts = f" It needs about {_size(needed)}"
        amounts += f"; free space left: {_size(free)}." if free is not None else "."
    elif free is not None:
        amounts = f" Free space left: {_size(free)}."
    return (f"The disk holding {folder} is full, so Afterview could not finish.{amounts} "
            "Your data is not damaged and nothing has been changed. Free some space and try again.")


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000  # type: ignore[assignment]
    return str(size)  # pragma: no cover
