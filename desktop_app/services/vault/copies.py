"""Taking a document out of the vault: a saved copy, or a read-only copy for the system viewer.

What leaves the vault is checked against its fingerprint on the way out: a file that
has changed since it was added is not handed out, as the user would be vouching for
a document that is not the one recorded.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop_app.files import atomic_write
from desktop_app.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.services.vault.files import CHUNK_SIZE, data_folder, stored_path
from desktop_app.store.layout import FOLDER_MODE, OPENED, VIEWER_COPY_MODE
from desktop_app.services.vault.pdf import VaultFileError, display_name


def copy_out(sha256: str, target: Path, *, progress: ProgressFn = no_progress,
             cancelled: CancelledFn = never_cancelled) -> None:
    """Write the stored file to ``target`` (atomically, mode 0600), checking its fingerprint on the way.

    A stored file that no longer matches its fingerprint is not handed out: the user
    would be vouching for a document that has changed. Raises :class:`VaultFileError`
    (the stored file is missing or changed, or ``target``'s folder does not exist),
    :class:`~desktop_app.progress.Cancelled`, or ``OSError``; in every case ``target``
    is as it was and no temporary file is left.
    """
    source = stored_path(sha256)
    target = Path(target)
    try:
        total = source.stat().st_size
    except FileNotFoundError:
        raise VaultFileError("This document's file is missing from the vault. "
                             "Run Verify vault, then add the file again.") from None
    if not target.parent.is_dir():
        raise VaultFileError(f"The folder {target.parent} does not exist.")
    with atomic_write(target) as out, source.open("rb") as handle:
        digest = hashlib.sha256()
        done = 0
        while chunk := handle.read(CHUNK_SIZE):
            if cancelled():
                raise Cancelled()
            digest.update(chunk)
            out.write(chunk)
            done += len(chunk)
            progress(done, total)
        if digest.hexdigest() != sha256:
            raise VaultFileError("This document's file has changed since it was added to the vault, "
                                 "so Afterview will not hand it out. Run Verify vault.")


def viewable_copy(sha256: str, name: str) -> Path:
    """A read-only copy, under the document's own name, for the system's PDF viewer.

    The viewer gets a copy, not the vault's file, so nothing it does can change what
    the vault vouches for. Copies live in the data folder (private) until the next start.
    """
    import tempfile

    opened = data_folder() / OPENED
    opened.mkdir(mode=FOLDER_MODE, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=opened))
    stem = Path(display_name(name)).stem.replace("/", "_").replace("\\", "_") or "document"
    target = folder / f"{stem}.pdf"
    copy_out(sha256, target)
    target.chmod(VIEWER_COPY_MODE)
    return target
