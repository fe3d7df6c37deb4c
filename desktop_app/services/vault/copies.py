"""Taking a document out of the vault: a saved copy, or a read-only copy for the system viewer.

What leaves the vault is checked against its fingerprint on the way out: a file that
has changed since it was added is not handed out, as the user would be vouching for
a document that is not the one recorded.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from pathlib import Path

from desktop_app.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.services.vault.files import CHUNK_SIZE, FOLDER_MODE, data_folder, stored_path
from desktop_app.store.leftovers import OPENED_FOLDER
from desktop_app.services.vault.pdf import VaultFileError, display_name


def copy_out(sha256: str, target: Path, *, progress: ProgressFn = no_progress,
             cancelled: CancelledFn = never_cancelled) -> None:
    """Write the stored file to ``target`` (atomically), checking its fingerprint on the way.

    A stored file that no longer matches its fingerprint is not handed out: the user
    would be vouching for a document that has changed.
    """
    source = stored_path(sha256)
    target = Path(target)
    import tempfile

    try:
        total = source.stat().st_size
        fd, temp_name = tempfile.mkstemp(prefix=".afterview-", suffix=".part", dir=target.parent)
    except FileNotFoundError as exc:
        if not source.exists():
            raise VaultFileError("This document's file is missing from the vault. "
                                 "Run Verify vault, then add the file again.") from None
        raise VaultFileError(f"The folder {target.parent} does not exist.") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as handle:
            digest = hashlib.sha256()
            done = 0
            while chunk := handle.read(CHUNK_SIZE):
                if cancelled():
                    raise Cancelled()
                digest.update(chunk)
                out.write(chunk)
                done += len(chunk)
                progress(done, total)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise VaultFileError("This document's file has changed since it was added to the vault, "
                                 "so Afterview will not hand it out. Run Verify vault.")
        os.replace(temp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            temp.unlink()
        raise


def viewable_copy(sha256: str, name: str) -> Path:
    """A read-only copy, under the document's own name, for the system's PDF viewer.

    The viewer gets a copy, not the vault's file, so nothing it does can change what
    the vault vouches for. Copies live in the data folder (private) until the next start.
    """
    import tempfile

    opened = data_folder() / OPENED_FOLDER
    opened.mkdir(mode=FOLDER_MODE, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=opened))
    stem = Path(display_name(name)).stem.replace("/", "_").replace("\\", "_") or "document"
    target = folder / f"{stem}.pdf"
    copy_out(sha256, target)
    target.chmod(0o400)
    return target
