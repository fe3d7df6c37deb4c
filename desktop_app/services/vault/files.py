"""The vault's files: stored by content, written so that a crash never leaves half a file.

Layout, inside the data folder::

    vault/<first two hex digits>/<sha256>.pdf     every file user-only (0600)

Adding a file streams it in chunks (never the whole file in memory): each chunk is
hashed and written to a temporary ``.incoming-…`` file in the vault folder, the copy
is ``fsync``-ed, checked, and renamed atomically onto its content address. Only then
does the caller commit the database row. So a crash at any point leaves either
nothing or a complete file; leftover temporary files are removed at the next start
(``store.leftovers.clean_leftovers``, called when the store opens). A temporary file in use is
held under an advisory lock, so a second Afterview process starting meanwhile (a
command-line call) leaves it alone.

The records (which document is which file) are ``vault.py``'s; this module knows only
files and fingerprints. No Qt here.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop_app.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.services.vault.pdf import VaultFileError, cannot_read, check_pdf, display_name, image_to_pdf, sniff
from desktop_app.files import fsync_folder
from desktop_app.store.layout import CACHE, FILE_MODE, FOLDER_MODE, PART_SUFFIX, VAULT, VAULT_TEMP_PREFIX
from desktop_app.store.db import db

CHUNK_SIZE = 1 << 20  # 1 MiB: large enough to run at disk speed, small enough to cancel promptly


@dataclass(frozen=True)
class StoredFile:
    """A file now in the vault. ``already_stored``: the same content was there before.
    ``kind``: what the file given really was, by its content — ``"pdf"``, ``"png"`` or ``"jpeg"``
    (a scan, kept as a PDF made from it), whatever its name said."""

    sha256: str
    size: int
    pages: int
    already_stored: bool
    kind: str = "pdf"


# ---------------------------------------------------------------- where things are

def data_folder() -> Path:
    """The open data folder (where the database is; the vault sits beside it)."""
    database = db.obj
    if database is None:
        raise RuntimeError("the store is not open")
    return Path(database.database).parent


def vault_folder(base: Path | None = None) -> Path:
    return (base or data_folder()) / VAULT


def stored_path(sha256: str, base: Path | None = None) -> Path:
    """Where the vault keeps the file with this fingerprint."""
    return vault_folder(base) / sha256[:2] / f"{sha256}.pdf"


def preview_cache_folder(base: Path | None = None) -> Path:
    """Where the flattened previews of stored files are kept (``<data>/cache/preview``,
    :mod:`desktop_app.services.vault.preview`). Here, beside the vault's own paths, so that
    :func:`discard_file` removes a file's preview with the file."""
    return (base or data_folder()) / CACHE / "preview"


def preview_path(sha256: str, base: Path | None = None) -> Path:
    """Where the flattened preview of the stored file with this fingerprint is kept."""
    return preview_cache_folder(base) / f"{sha256}.pdf"


def is_fingerprint(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


# ---------------------------------------------------------------- temporary files

class _Incoming:
    """A locked temporary file in the vault folder; removed unless :meth:`commit` moved it.

    Not :func:`desktop_app.files.atomic_write`, though it does the same at its core: the
    file is read back (checked as a PDF; an image's wrapped PDF is hashed) before it is
    kept; it is kept only when the vault lacks an intact copy (otherwise discarded, not
    renamed over a good file); it is locked while written so that a second Afterview's
    start-up clean-up leaves it alone; and its name only becomes known (the fingerprint)
    once it is written, where ``atomic_write`` needs the target up front.
    """

    def __init__(self, folder: Path) -> None:
        import tempfile

        fd, name = tempfile.mkstemp(prefix=VAULT_TEMP_PREFIX, suffix=PART_SUFFIX, dir=folder)
        self.path = Path(name)
        self.handle: BinaryIO = os.fdopen(fd, "w+b")
        _lock(self.handle)
        self.committed = False

    def sync(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def commit(self, target: Path) -> None:
        """Atomically put the (synced) file at ``target`` and make the rename durable."""
        target.parent.mkdir(mode=FOLDER_MODE, exist_ok=True)
        os.chmod(self.path, FILE_MODE)
        if sys.platform == "win32":
            self.handle.close()  # Windows cannot rename a file that is open; POSIX keeps the lock to the end
        os.replace(self.path, target)
        self.committed = True
        fsync_folder(target.parent)

    def discard(self) -> None:
        self.handle.close()
        if not self.committed:
            with suppress(FileNotFoundError):
                self.path.unlink()


@contextmanager
def _incoming(folder: Path) -> Iterator[_Incoming]:
    temp = _Incoming(folder)
    try:
        yield temp
    finally:
        temp.discard()


def _lock(handle: BinaryIO) -> None:
    if sys.platform == "win32":
        return  # Windows cannot delete a file another process holds open: no lock needed
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


# ---------------------------------------------------------------- adding a file

def _open_source(source: Path) -> BinaryIO:
    name = display_name(source.name)
    try:
        if source.is_dir():
            raise VaultFileError(f"“{name}” is a folder, not a file.")
        return source.open("rb")
    except FileNotFoundError:
        raise VaultFileError(f"There is no file “{name}” (it may have been moved or deleted).") from None
    except PermissionError:
        raise VaultFileError(f"Afterview is not allowed to read “{name}”. Check that the file "
                             "belongs to you, or copy it somewhere you own first.") from None
    except OSError as exc:
        raise VaultFileError(cannot_read(name, exc)) from None


def _read(handle: BinaryIO, size: int, name: str) -> bytes:
    try:
        return handle.read(size)
    except OSError as exc:
        raise VaultFileError(cannot_read(name, exc)) from None


def store_file(source: Path, *, expected_sha256: str | None = None,
               progress: ProgressFn = no_progress, cancelled: CancelledFn = never_cancelled) -> StoredFile:
    """Check ``source`` and put its PDF (a scan wrapped into one) into the vault.

    Raises :class:`VaultFileError` (nothing stored) or :class:`Cancelled` (nothing
    stored). ``expected_sha256``: refuse unless the stored PDF has this fingerprint.
    """
    source = Path(source)
    name = display_name(source.name)
    with _open_source(source) as handle:
        try:
            total = os.fstat(handle.fileno()).st_size
        except OSError:
            total = 0
        kind = sniff(_read(handle, 4096, name), name)
        handle.seek(0)
        folder = vault_folder()
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        with _incoming(folder) as temp:
            if kind == "pdf":
                digest, size = _copy_and_hash(handle, temp.handle, name, total, progress, cancelled)
            else:
                image_to_pdf(handle, name, kind, temp.handle)
                digest, size = _hash_written(temp.handle)
                progress(total, total)
            temp.sync()
            if cancelled():
                raise Cancelled()
            pages = check_pdf(temp.handle, name)
            if expected_sha256 is not None and digest != expected_sha256:
                raise VaultFileError(f"“{name}” does not match the fingerprint given for it "
                                     f"({expected_sha256[:12]}…); it is not the same file.")
            target = stored_path(digest)
            already = _holds_intact_copy(target, size, digest)
            if not already:
                temp.commit(target)  # a missing or damaged stored copy is replaced by the good one
    return StoredFile(digest, size, pages, already, kind)


def _copy_and_hash(source: BinaryIO, target: BinaryIO, name: str, total: int,
                   progress: ProgressFn, cancelled: CancelledFn) -> tuple[str, int]:
    digest = hashlib.sha256()
    done = 0
    buffer = bytearray(CHUNK_SIZE)
    view = memoryview(buffer)
    progress(0, total)
    while True:
        if cancelled():
            raise Cancelled()
        try:
            count = source.readinto(view)  # type: ignore[attr-defined]
        except OSError as exc:
            raise VaultFileError(cannot_read(name, exc)) from None
        if not count:
            break
        chunk = view[:count]
        digest.update(chunk)
        target.write(chunk)
        done += count
        progress(done, max(total, done))
    if done == 0:
        raise VaultFileError(f"“{name}” is empty (0 bytes); there is nothing to keep.")
    return digest.hexdigest(), done


def _hash_written(handle: BinaryIO) -> tuple[str, int]:
    handle.flush()
    handle.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(CHUNK_SIZE):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _holds_intact_copy(target: Path, size: int, sha256: str) -> bool:
    """True when ``target`` is there with this size (bytes) and content (SHA-256). The content is
    read too: a stored copy damaged without changing its size (a flipped bit) must be replaced
    when the good file is added or re-attached again (issue 15, fresh eyes)."""
    try:
        return target.stat().st_size == size and hash_file(target) == sha256
    except OSError:
        return False


def discard_file(sha256: str) -> bool:
    """Remove a stored file (the caller checked that no record uses it); True if it was there.

    Its flattened preview (:func:`preview_path`) goes first, whether or not the file is still
    there: a copy of a document must never outlive it (one that cannot go now, held open by
    the preview on Windows, is swept at the next start: ``preview.sweep_orphans``). Raises
    ``ValueError`` for a text that is not a fingerprint, ``OSError`` when the stored file
    cannot be removed.
    """
    if not is_fingerprint(sha256):
        raise ValueError(f"{sha256!r} is not a fingerprint")
    with suppress(OSError):
        preview_path(sha256).unlink(missing_ok=True)
    try:
        stored_path(sha256).unlink()
    except FileNotFoundError:
        return False
    return True


# ---------------------------------------------------------------- hashing and copying out

def hash_file(path: Path, *, progress: ProgressFn = no_progress, cancelled: CancelledFn = never_cancelled,
              done_before: int = 0, grand_total: int = 0) -> str:
    """SHA-256 of a file, read in chunks; progress counts on from ``done_before``."""
    digest = hashlib.sha256()
    done = done_before
    with path.open("rb") as handle:
        buffer = bytearray(CHUNK_SIZE)
        view = memoryview(buffer)
        while count := handle.readinto(view):
            if cancelled():
                raise Cancelled()
            digest.update(view[:count])
            done += count
            progress(done, max(grand_total, done))
    return digest.hexdigest()


def stored_files(base: Path | None = None) -> dict[str, Path]:
    """Every file in the vault by fingerprint (temporary files excluded)."""
    found: dict[str, Path] = {}
    vault = vault_folder(base)
    if not vault.is_dir():
        return found
    for folder in vault.iterdir():
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path in folder.iterdir():
            if path.suffix == ".pdf" and is_fingerprint(path.stem) and path.is_file():
                found[path.stem] = path
    return found
