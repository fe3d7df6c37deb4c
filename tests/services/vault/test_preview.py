"""The preview is fed the page as the pack prints it: filled fields drawn in (issue 15)."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader

from desktop_app import clock
from desktop_app.services import backup
from desktop_app.services.core import trash
from desktop_app.services.exchange import datafile
from desktop_app.services.vault import files as vault_files
from desktop_app.services.vault import preview, verify
from desktop_app.services.vault import qualifications as vault
from desktop_app.services.vault.adding import add_document
from desktop_app.store import models as m
from desktop_app.store.db import close_database
from desktop_app.store.open import open_database

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


# ---------------------------------------------------------------- a cached copy never outlives its document

def _previewed(tmp_path: Path, name: str = "transcript.pdf") -> str:
    """A stored filled form whose flattened copy is now in the cache; its fingerprint."""
    sha = _stored(shutil.copy(PDFS / "filled-form.pdf", tmp_path / name))
    assert preview.preview_file(sha) == preview.cache_path(sha) and preview.cache_path(sha).is_file()
    return sha


def _document(sha: str) -> int:
    return m.Document.get(m.Document.sha256 == sha).id


def test_removing_a_document_drops_its_cached_copy_at_once(store: Path, tmp_path: Path) -> None:
    sha = _previewed(tmp_path)
    vault.remove_document(_document(sha))  # to the Trash: the file stays in the vault, the copy goes
    assert vault_files.stored_path(sha).is_file() and not preview.cache_path(sha).exists()
    trash.restore(trash.list_trash()[0].id)  # back again: made again when next shown
    assert preview.preview_file(sha) == preview.cache_path(sha)


def test_a_copy_another_record_still_shows_is_kept(store: Path, tmp_path: Path) -> None:
    first, second = (vault.create_qualification({"title": title}) for title in ("BSc", "MSc"))
    sha = _stored(shutil.copy(PDFS / "filled-form.pdf", tmp_path / "form.pdf"))
    vault.link_document(_document(sha), qualification_id=first)
    again = add_document(tmp_path / "form.pdf", qualification_id=second).document_id  # same file, second record
    preview.preview_file(sha)
    vault.remove_document(again)
    assert preview.cache_path(sha).is_file()  # the first record still shows it
    vault.remove_document(_document(sha))
    assert not preview.cache_path(sha).exists()


def test_a_copy_left_while_in_the_trash_goes_when_the_trash_lets_the_file_go(store: Path, tmp_path: Path) -> None:
    sha = _previewed(tmp_path)
    trash.move_to_trash("documents", _document(sha))  # as an older Afterview did: the copy stayed
    assert preview.cache_path(sha).is_file()
    assert trash.empty(backup=lambda: None) == 1
    assert not vault_files.stored_path(sha).exists() and not preview.cache_path(sha).exists()


def test_purging_expired_trash_removes_the_copy(store: Path, tmp_path: Path) -> None:
    sha = _previewed(tmp_path)
    trash.move_to_trash("documents", _document(sha))
    later = clock.utc_now() + timedelta(days=trash.KEEP_DAYS + 1)
    assert trash.purge_expired(now=later) == 1
    assert not preview.cache_path(sha).exists()


def test_deleting_for_good_and_verify_vault_remove_the_copy(store: Path, tmp_path: Path) -> None:
    sha = _previewed(tmp_path)
    vault.remove_document_for_good(_document(sha))
    assert not preview.cache_path(sha).exists()
    # a file Verify vault finds unused (its record went without it): the copy goes with the file
    sha = _previewed(tmp_path)
    m.Document.delete().where(m.Document.sha256 == sha).execute()
    assert verify.remove_unreferenced(verify.verify_vault()) == 1
    assert not preview.cache_path(sha).exists()


def test_the_start_up_sweep_keeps_only_copies_of_documents_still_shown(store: Path, tmp_path: Path) -> None:
    assert preview.sweep_orphans() == 0  # no cache at all: nothing to do
    kept = _previewed(tmp_path, "kept.pdf")
    folder = preview.cache_path(kept).parent
    gone = "ab" * 32  # a document removed by a process that crashed before its copy went
    (folder / f"{gone}.pdf").write_bytes(b"%PDF-1.7 a copy of a removed transcript")
    (folder / "notes.txt").write_bytes(b"anything else")
    (folder / "stray").mkdir()
    in_trash = _stored(_filled_variant(tmp_path))
    preview.preview_file(in_trash)
    trash.move_to_trash("documents", _document(in_trash))
    writing = folder / f".{kept}.pdf.x1y2.part"  # atomic_write's file being written: not ours to take
    writing.write_bytes(b"")
    assert preview.sweep_orphans() == 4
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{kept}.pdf", writing.name])


def _filled_variant(tmp_path: Path) -> Path:
    """The filled form with one more byte after its end: another fingerprint, the same pages."""
    path = tmp_path / "variant.pdf"
    path.write_bytes((PDFS / "filled-form.pdf").read_bytes() + b"\n")
    return path


def test_a_restore_removes_every_cached_copy(store: Path, tmp_path: Path) -> None:
    archive = tmp_path / "before.afterview-backup"
    backup.create_backup(store, archive)  # made before the document was added
    sha = _previewed(tmp_path)
    close_database()
    backup.restore_backup(store, archive)
    open_database(store)
    assert not preview.cache_path(sha).exists() and not preview.cache_path(sha).parent.exists()


def test_backups_and_the_data_file_never_hold_the_cache(store: Path, tmp_path: Path) -> None:
    sha = _previewed(tmp_path)
    archive = tmp_path / "with-cache.afterview-backup"
    backup.create_backup(store, archive)
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert f"vault/{sha[:2]}/{sha}.pdf" in names and not [n for n in names if n.startswith("cache")]
    exported = json.dumps(datafile.export_data())
    assert sha in exported and "cache" not in exported


def test_a_form_that_asks_the_viewer_to_draw_its_fields_is_previewed_with_the_values(
        store: Path, tmp_path: Path) -> None:
    """Issue 15, fresh eyes 1: Evince/LibreOffice save /NeedAppearances true and no /AP; QtPdf
    draws nothing there, so the preview must show the pack's drawing of the values."""
    from tests.pack.test_appending import need_appearances_form

    sha = _stored(need_appearances_form(tmp_path / "evince-form.pdf"))
    shown = preview.preview_file(sha, "evince-form.pdf")
    assert shown == preview.cache_path(sha)
    page = PdfReader(shown).pages[0]
    assert "/Annots" not in page and "Grade: First" in page.extract_text() and "Bravo" in page.extract_text()
