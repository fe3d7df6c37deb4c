"""The preview is fed the page as the pack prints it: filled fields drawn in (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader

from desktop_app.services.vault import files as vault_files
from desktop_app.services.vault import preview
from desktop_app.services.vault.adding import add_document
from desktop_app.store import models as m

PDFS = Path(__file__).resolve().parents[2] / "data" / "real_files" / "pdfs"


def _stored(source: Path) -> str:
    return m.Document.get_by_id(add_document(source).document_id).sha256


def test_a_filled_form_is_previewed_flattened_from_a_private_cache(store: Path, tmp_path: Path) -> None:
    sha = _stored(shutil.copy(PDFS / "filled-form.pdf", tmp_path / "transcript.pdf"))
    shown = preview.preview_file(sha, "transcript.pdf")
    assert shown == preview.cache_path(sha) != vault_files.stored_path(sha)
    page = PdfReader(shown).pages[0]
    assert "/Annots" not in page and "Grade: First" in page.extract_text()
    assert shown.stat().st_mode & 0o077 == 0  # user-only, as every file Afterview writes
    before = shown.stat().st_mtime_ns
    assert preview.preview_file(sha, "transcript.pdf") == shown and shown.stat().st_mtime_ns == before  # made once


def test_a_document_without_fields_is_shown_as_stored(store: Path, tmp_path: Path) -> None:
    sha = _stored(shutil.copy(PDFS / "plain.pdf", tmp_path / "plain.pdf"))
    assert preview.preview_file(sha) == vault_files.stored_path(sha)
    assert not preview.cache_path(sha).exists()


def test_a_rendering_that_cannot_be_made_falls_back_to_the_stored_file(store: Path, tmp_path: Path) -> None:
    sha = _stored(shutil.copy(PDFS / "filled-form.pdf", tmp_path / "form.pdf"))
    stored = vault_files.stored_path(sha)
    stored.write_bytes(stored.read_bytes()[:200])  # changed on disk: cut short
    assert preview.preview_file(sha) == stored
    preview.forget(sha)  # nothing cached: nothing to forget, and no error
    assert not preview.cache_path(sha).exists()
