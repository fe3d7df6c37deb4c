"""What the in-app preview shows for a stored document: the page as the pack prints it.

QtPdf (pdfium, as Qt builds it) does not draw form fields' appearances, so a transcript
whose grade is a filled field shows an empty box in the preview, although the pack draws
the value (``pack.appending.flatten_fields``). For such a document the preview is fed a
rendering made by the pack's own appending — the same reading, flattening and scaling —
kept in a cache beside the vault (one file per fingerprint, written with
:func:`desktop_app.files.atomic_write`, so a crash leaves no half file). Preview and print
then agree. A document without filled fields is shown from the vault as it is.
"""

from __future__ import annotations

import io
from pathlib import Path

from desktop_app.files import atomic_write
from desktop_app.services.vault import files as vault_files

#: Where flattened renderings are kept, inside the data folder (user-only, like the vault).
PREVIEW_CACHE = Path("cache") / "preview"


def cache_path(sha256: str) -> Path:
    """Where the flattened rendering of the file with this fingerprint is kept."""
    return vault_files.data_folder() / PREVIEW_CACHE / f"{sha256}.pdf"


def has_field_appearances(handle: io.BufferedIOBase | io.BytesIO) -> bool:
    """Whether any page of this PDF has a form field (widget annotation, PDF 32000-1:2008
    §12.5.6.19) with an appearance to draw. Reads only the page tree and the annotations;
    False for a file pypdf cannot read (the preview then shows it as it is)."""
    from pypdf import PdfReader

    from desktop_app.pack.appending import quiet_pypdf

    try:
        with quiet_pypdf():
            reader = PdfReader(handle, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return False
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
