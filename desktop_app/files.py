"""Writing a file the user keeps so that it is never half-written: :func:`atomic_write`.

Every export, backup, pack, launcher and marker file goes through here. The data is
written to a uniquely named temporary file *in the target's own folder* (so the final
step is a rename on one disk, never a copy), synced, given its mode, and only then
renamed onto the target. A crash, an error or a cancel at any point leaves the old
target as it was; only a crash (the process killed) can leave the temporary file,
a dot-file named ``.<target name>.<random>.part`` that no later write collides with.

Kept light (no zipfile, hashlib or peewee): the store imports it on every start.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal, TextIO, overload

from desktop_app.store.layout import FILE_MODE, PART_SUFFIX

#: Mode of a file written with ``private=False`` (a launcher or an icon the desktop reads).
SHARED_FILE_MODE = 0o644


def fsync_folder(folder: Path) -> None:
    """Make a rename (or a new file) in ``folder`` survive a power cut.

    POSIX only; a no-op elsewhere (Windows cannot open a folder to sync it).
    Raises ``OSError`` when the folder cannot be opened.
    """
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@overload
def atomic_write(target: Path, mode: Literal["wb"] = "wb", *,
                 private: bool = True) -> AbstractContextManager[BinaryIO]: ...


@overload
def atomic_write(target: Path, mode: Literal["w"], *, private: bool = True, encoding: str = "utf-8",
                 newline: str | None = None) -> AbstractContextManager[TextIO]: ...


def atomic_write(target: Path, mode: Literal["wb", "w"] = "wb", *, private: bool = True,
                 encoding: str = "utf-8", newline: str | None = None) -> AbstractContextManager[IO[Any]]:
    """A context manager giving a new, empty file; on a clean exit it replaces ``target``.

    ``mode``: ``"wb"`` yields a binary file, ``"w"`` a text file in ``encoding`` with
    ``newline`` translation as for :func:`open`. ``private``: the result is user-only
    (0600: every data-folder file and every export of the user's data); otherwise
    0644 (a launcher or icon the desktop reads). Modes are set on POSIX only.

    On a clean exit the file is flushed and ``fsync``-ed, given its mode, renamed onto
    ``target`` (replacing it whole) and the rename is synced. On *any* exception inside
    the block (``KeyboardInterrupt`` and :class:`desktop_app.progress.Cancelled` too) or
    while finishing, the temporary file is closed and removed, ``target`` is left as it
    was, and the exception propagates.

    Raises ``OSError`` (its ``filename`` the target) when the temporary file cannot be
    created: ``FileNotFoundError`` when the folder does not exist, ``PermissionError``
    when it cannot be written to. Raises ``ValueError`` for any other ``mode``.
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_write writes new files only ('wb' or 'w'), not {mode!r}")
    return _atomic_write(Path(target), mode, private, encoding, newline)


@contextmanager
def _atomic_write(target: Path, mode: str, private: bool, encoding: str,
                  newline: str | None) -> Iterator[IO[Any]]:
    import tempfile  # 10+ ms (shutil, random): only when a file is written, not at start-up

    try:
        fd, name = tempfile.mkstemp(prefix=f".{_shortened(target.name)}.", suffix=PART_SUFFIX,
                                    dir=target.parent)
    except OSError as exc:
        # name the file the caller asked for, not the temporary one nobody has heard of
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    temporary = Path(name)
    handle: IO[Any] | None = None
    try:
        if mode == "wb":
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        if os.name == "posix":
            os.chmod(temporary, FILE_MODE if private else SHARED_FILE_MODE)
        os.replace(temporary, target)
    except BaseException:
        if handle is None:
            os.close(fd)
        else:
            with suppress(OSError):
                handle.close()
        with suppress(OSError):
            temporary.unlink()
        raise
    fsync_folder(target.parent)


def _shortened(name: str, limit: int = 200) -> str:
    """``name`` cut to at most ``limit`` bytes in UTF-8, so that a target whose own name is
    near the system's limit (255 bytes) still leaves room for the temporary file's."""
    return name.encode("utf-8", "surrogateescape")[:limit].decode("utf-8", "ignore")
