"""What the in-app preview shows for a stored document: the page as the pack prints it.

QtPdf (pdfium, as Qt builds it) does not draw form fields' appearances, so a transcript
whose grade is a filled field shows an empty box in the preview, although the pack draws
the value (``pack.appending.flatten_fields``). For such a document the preview is fed a
rendering made by the pack's own appending — the same reading, flattening and scaling —
kept in a cache beside the vault (one file per fingerprint, written with
:func:`desktop_app.files.atomic_write`, so a crash leaves no half file). Preview and print
then agree. A document without filled fields is shown from the vault as it is.

A cached copy never outlives its document (it is a copy of the user's transcript): it goes
when the document is removed (moved to the Trash: :func:`forget_unless_used`), when the
vault lets the file go (``files.discard_file``: the Trash emptied or purged, Verify vault),
and when a restore replaces the data (:func:`clear`); whatever a crash or another process
left behind is swept at start-up (:func:`sweep_orphans`). The cache is never in a backup or
a data export (they take the database and ``vault/`` only); it is made again when needed.
"""

from __future__ import annotations

import io
from pathlib import Path

from desktop_app.files import atomic_write
from desktop_app.services.vault import files as vault_files

def cache_path(sha256: str) -> Path:
    """Where the flattened rendering of the file with this fingerprint is kept
    (``<data>/cache/preview/<sha256>.pdf``, user-only like the vault)."""
    return vault_files.preview_path(sha256)


def has_field_appearances(handle: io.BufferedIOBase | io.BytesIO) -> bool:
    """Whether any page of this PDF has a form field (widget annotation, PDF 32000-1:2008
    §12.5.6.19) with an appearance to draw, or fields the viewer is asked to draw from their
    values (``pack.appending.needs_appearances``). Reads only the page tree and the annotations;
    False for a file pypdf cannot read (the preview then shows it as it is)."""
    from pypdf import PdfReader

    from desktop_app.pack.appending import needs_appearances, quiet_pypdf

    try:
        with quiet_pypdf():
            reader = PdfReader(handle, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return False
            if needs_appearances(reader):  # fields the viewer must draw itself (Evince, LibreOffice)
                return True
            for page in reader.pages:
                for reference in page.get("/Annots") or ():
                    annotation = reference.get_object()
                    if annotation.get("/Subtype") == "/Widget" and "/AP" in annotation:
                        return True
    except Exception:  # a damaged file: the vault's own check judged it; here it is shown as stored
        return False
    return False


def preview_file(sha256: str, name: str = "document.pdf") -> Path:
    """The file the preview should show for the stored document ``sha256``.

    The vault's own file when it has no filled form fields; otherwise its flattened
    rendering (made once, then taken from the cache). Falls back to the vault's file when
    the rendering cannot be made (a file that changed on disk, a full disk): the preview
    then shows what QtPdf can. Raises nothing. ``name`` is used in no message the user sees.
    """
    stored = vault_files.stored_path(sha256)
    cached = cache_path(sha256)
    if cached.exists():
        return cached
    try:
        with stored.open("rb") as handle:
            if not has_field_appearances(handle):
                return stored
            handle.seek(0)
            rendering = _flattened(handle, name)
        cached.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with atomic_write(cached) as out:
            out.write(rendering)
    except (OSError, ValueError):
        return stored
    return cached


def _flattened(handle: io.BufferedIOBase, name: str) -> bytes:
    """The document appended as the pack appends it (fields drawn into the page), as bytes.
    Raises ``ValueError`` (``UnreadableOriginal``) for a file the pack could not use."""
    from pypdf import PdfWriter

    from desktop_app.pack.appending import append_original, open_original, quiet_pypdf

    reader = open_original(handle, name)
    writer = PdfWriter()
    append_original(writer, reader, name)
    out = io.BytesIO()
    with quiet_pypdf():
        writer.write(out)
    return out.getvalue()


def forget(sha256: str) -> None:
    """Drop the cached rendering of a file (when the vault lets the file go). Raises nothing."""
    try:
        cache_path(sha256).unlink(missing_ok=True)
    except OSError:
        pass


def _live_fingerprints() -> set[str]:
    # Documents in the Trash are not live: the preview shows none of them, so none keeps a copy.
    from desktop_app.store import models as m

    return {sha for (sha,) in m.Document.select(m.Document.sha256).distinct().tuples()}


def forget_unless_used(sha256: str) -> None:
    """Drop the cached rendering of ``sha256`` unless a document not in the Trash still uses
    that file (the same file may be stored under two records). Called when a document is
    moved to the Trash; restoring it makes the rendering again when it is next shown. Raises
    nothing (a copy held open is swept at the next start)."""
    from desktop_app.store import models as m

    if not m.Document.select().where(m.Document.sha256 == sha256).exists():
        forget(sha256)


def sweep_orphans(base: Path | None = None) -> int:
    """Remove every cached rendering whose document is gone (not in the vault's records, or
    only in the Trash), and anything else in the cache that is not one. Returns how many
    entries went. Cheap: one listing and one query, and nothing at all when there is no
    cache (the usual case). Files still being written (``atomic_write``'s hidden ``.part``
    files) are left to the leftovers clean-up. Raises nothing: run at start-up after the
    first paint."""
    import shutil

    try:
        entries = list(vault_files.preview_cache_folder(base).iterdir())
    except (OSError, RuntimeError):
        return 0  # no cache (nothing was ever previewed flattened), it cannot be read, or no store is open
    try:
        live = _live_fingerprints()
    except Exception:  # the store is not open or cannot be read: keep everything for now
        return 0
    removed = 0
    for entry in entries:
        name = entry.name
        if name.startswith(".") and name.endswith(".part"):
            continue
        if name.endswith(".pdf") and name[:-4] in live and entry.is_file() and not entry.is_symlink():
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            continue  # held open (Windows): the next start tries again
        removed += 1
    return removed


def clear(base: Path | None = None) -> None:
    """Remove every cached rendering of the data folder ``base`` (default: the open one), as
    when a restore has replaced the data: the cache belonged to the data that went. Raises
    nothing."""
    import shutil

    shutil.rmtree(vault_files.preview_cache_folder(base), ignore_errors=True)
