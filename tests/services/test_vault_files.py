"""The vault's files: stored by content, privately, and every bad file refused with nothing left behind.

Each bad input is a real file written into the test's folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.services.vault import files as vault_files
from desktop_app.progress import Cancelled
from desktop_app.store.layout import VAULT_TEMP_PREFIX
from desktop_app.services.vault.adding import add_document, add_documents
from desktop_app.services.vault.pdf import PASSWORD_PROTECTED, VaultFileError
from desktop_app.store import models as m
from tests.services.vault_samples import (
    make_big_pdf,
    make_encrypted_pdf,
    make_image,
    make_pdf,
    make_zero_page_pdf,
)


def _vault_contents(data_dir: Path) -> list[Path]:
    """Every file under vault/, temporary ones included."""
    vault = data_dir / "vault"
    return sorted(p for p in vault.rglob("*") if p.is_file()) if vault.exists() else []


def _assert_nothing_changed(data_dir: Path) -> None:
    assert _vault_contents(data_dir) == []
    assert m.Document.select().count() == 0


def test_a_pdf_is_stored_by_its_content_privately(store: Path, tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "leeds-transcript.pdf", pages=3)
    added = add_document(source, kind="transcript")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    target = store / "vault" / sha[:2] / f"{sha}.pdf"
    assert target.read_bytes() == source.read_bytes()
    assert _vault_contents(store) == [target]
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    doc = m.Document.get_by_id(added.document_id)
    assert (doc.sha256, doc.pages, doc.size, doc.original_name, doc.kind) == (
        sha, 3, source.stat().st_size, "leeds-transcript.pdf", "transcript")
    assert added.message == "Added leeds-transcript.pdf (3 pages)."
    assert source.exists()  # the user's own file is left where it was


@pytest.mark.parametrize("name, content, words", [
    ("notes.pdf", b"Dear Sir or Madam,\nplease find my transcript attached.\n", "is not a PDF, although its name ends in .pdf"),
    ("empty.pdf", b"", "is empty (0 bytes)"),
    ("letter.docx", b"PK\x03\x04 not really a document", "is not a PDF or a PNG or JPEG scan"),
])
def test_files_that_are_not_pdfs_are_refused(store: Path, tmp_path: Path, name: str, content: bytes,
                                             words: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(VaultFileError, match=re.escape(words)):
        add_document(source)
    _assert_nothing_changed(store)


def test_a_truncated_pdf_is_refused(store: Path, tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", pages=4).read_bytes()
    for cut in (len(whole) // 2, len(whole) - 30):
        source = tmp_path / "transcript (cut off).pdf"
        source.write_bytes(whole[:cut])
        with pytest.raises(VaultFileError, match="incomplete PDF"):
            add_document(source)
        _assert_nothing_changed(store)


def test_a_damaged_pdf_with_an_end_marker_is_refused(store: Path, tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", pages=2).read_bytes()
    source = tmp_path / "damaged.pdf"
    # the middle of the file overwritten with noise, the end intact
    middle = len(whole) // 3
    source.write_bytes(whole[:middle] + b"\x00garbage" * 60 + whole[middle + 480:])
    with pytest.raises(VaultFileError, match="damaged PDF"):
        add_document(source)
    _assert_nothing_changed(store)


def test_a_password_protected_pdf_is_refused_with_what_to_do(store: Path, tmp_path: Path) -> None:
    source = make_encrypted_pdf(tmp_path / "transcript.pdf")
    with pytest.raises(VaultFileError) as error:
        add_document(source)
    assert "This PDF is password-protected; save an unprotected copy" in str(error.value)
    assert PASSWORD_PROTECTED in str(error.value)
    _assert_nothing_changed(store)


def test_a_pdf_locked_only_against_printing_opens_and_is_accepted(store: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf", pages=2)
    writer = PdfWriter(clone_from=plain)
    writer.encrypt(user_password="", owner_password="registry-only")
    source = tmp_path / "official-transcript.pdf"
    with source.open("wb") as out:
        writer.write(out)
    assert add_document(source, kind="transcript").pages == 2


def test_a_pdf_with_no_pages_is_refused(store: Path, tmp_path: Path) -> None:
    source = make_zero_page_pdf(tmp_path / "blank.pdf")
    with pytest.raises(VaultFileError, match="no pages"):
        add_document(source)
    _assert_nothing_changed(store)


def test_an_image_that_is_not_an_image_is_refused(store: Path, tmp_path: Path) -> None:
    fake = tmp_path / "certificate.jpg"
    fake.write_text("this is a text file named like a photo", encoding="utf-8")
    with pytest.raises(VaultFileError, match="is not really a JPG image"):
        add_document(fake)
    broken = tmp_path / "certificate.png"
    good = make_image(tmp_path / "good.png").read_bytes()
    broken.write_bytes(good[:64] + os.urandom(512))  # a PNG signature, then noise
    with pytest.raises(VaultFileError, match="damaged PNG image"):
        add_document(broken)
    _assert_nothing_changed(store)


def test_a_missing_file_and_a_folder_are_refused(store: Path, tmp_path: Path) -> None:
    with pytest.raises(VaultFileError, match="There is no file “gone.pdf”"):
        add_document(tmp_path / "gone.pdf")
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(VaultFileError, match="is a folder"):
        add_document(folder)
    _assert_nothing_changed(store)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="permissions do not stop root (tests/cli/test_vault_cli.py covers root by "
                           "dropping the capability that lets root read anything)")
def test_a_file_the_user_cannot_read_is_refused(store: Path, tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "locked.pdf")
    source.chmod(0)
    try:
        with pytest.raises(VaultFileError, match="not allowed to read “locked.pdf”"):
            add_document(source)
    finally:
        source.chmod(0o600)
    _assert_nothing_changed(store)


def test_names_with_other_alphabets_spaces_and_newlines_are_kept_readable(store: Path, tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "Zeugnis Müller –\nÉcole «final»  王伟.pdf")
    added = add_document(source, kind="certificate")
    assert added.name == "Zeugnis Müller – École «final» 王伟.pdf"
    assert m.Document.get_by_id(added.document_id).original_name == added.name


def test_a_png_scan_becomes_a_one_page_a4_pdf_with_the_image_aspect(store: Path, tmp_path: Path) -> None:
    added = add_document(make_image(tmp_path / "certificate-photo.png", size=(1500, 1000)), kind="certificate")
    doc = m.Document.get_by_id(added.document_id)
    with vault_files.stored_path(doc.sha256).open("rb") as handle:
        reader = PdfReader(handle)
        assert len(reader.pages) == 1
        page = reader.pages[0]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)  # A4, landscape for a wide scan
        (image,) = page.images
        assert abs(image.image.width / image.image.height - 1.5) < 0.01
    assert doc.pages == 1 and doc.original_name == "certificate-photo.png"


def test_a_sideways_phone_photo_is_stood_upright(store: Path, tmp_path: Path) -> None:
    # stored 1200×800 with "rotate 90°" in EXIF: the certificate is really portrait
    photo = make_image(tmp_path / "IMG_2041.jpg", size=(1200, 800), fmt="JPEG", exif_orientation=6)
    doc = m.Document.get_by_id(add_document(photo).document_id)
    with vault_files.stored_path(doc.sha256).open("rb") as handle:
        page = PdfReader(handle).pages[0]
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_the_same_scan_twice_is_recognised(store: Path, tmp_path: Path) -> None:
    photo = make_image(tmp_path / "cert.png")
    first = add_document(photo, kind="certificate")
    second = add_document(photo, kind="certificate")
    assert second.duplicate and second.document_id == first.document_id
    assert second.message == "Already in the vault as cert.png."
    assert len(_vault_contents(store)) == 1


def test_a_large_pdf_reports_progress_and_cancelling_leaves_nothing(store: Path, tmp_path: Path) -> None:
    source = make_big_pdf(tmp_path / "big transcript.pdf", 24 << 20)
    total = source.stat().st_size
    seen: list[tuple[int, int]] = []
    cancel_after = 8 << 20

    def progress(done: int, whole: int) -> None:
        seen.append((done, whole))

    with pytest.raises(Cancelled):
        add_document(source, progress=progress, cancelled=lambda: bool(seen) and seen[-1][0] >= cancel_after)
    assert seen[-1][0] == cancel_after and all(whole == total for _, whole in seen)
    _assert_nothing_changed(store)

    seen.clear()
    added = add_document(source, kind="transcript", progress=progress)
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and dones[-1] == total and len(dones) > 20
    assert added.pages == 1
    assert vault_files.stored_path(m.Document.get_by_id(added.document_id).sha256).stat().st_size == total


def test_cancelling_a_batch_keeps_the_files_already_added(store: Path, tmp_path: Path) -> None:
    small = make_pdf(tmp_path / "a-transcript.pdf")
    big = make_big_pdf(tmp_path / "b.pdf", 4 << 20)
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 4  # mid-way through the second file

    with pytest.raises(Cancelled):
        add_documents([small, big], cancelled=cancelled)
    assert [d.original_name for d in m.Document.select()] == ["a-transcript.pdf"]
    assert len(_vault_contents(store)) == 1


def test_a_batch_goes_on_past_a_refused_file(store: Path, tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "leeds-transcript.pdf")
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf", encoding="utf-8")
    photo = make_image(tmp_path / "degree-certificate.jpg", fmt="JPEG")
    report = add_documents([good, bad, photo])
    assert [a.name for a in report.added] == ["leeds-transcript.pdf", "degree-certificate.jpg"]
    assert [m.Document.get_by_id(a.document_id).kind for a in report.added] == ["transcript", "certificate"]
    assert report.refused[0][0] == "notes.pdf" and "is not a PDF" in report.refused[0][1]
    assert not report.ok


def test_if_the_record_cannot_be_written_the_new_file_is_taken_out(store: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services.core import crud

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(crud, "create", fail)
    with pytest.raises(OSError):
        add_document(make_pdf(tmp_path / "t.pdf"))
    _assert_nothing_changed(store)


def test_leftover_temporary_files_are_removed_at_start_but_not_one_in_use(store: Path) -> None:
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    vault = store / "vault"
    (vault / "ab").mkdir(parents=True)
    leftover = vault / f"{VAULT_TEMP_PREFIX}crashed.part"
    leftover.write_bytes(b"%PDF-1.7 half a file")
    with vault_files._incoming(vault) as live:  # another import still writing
        close_database()
        open_database(store)
        if sys.platform != "win32":
            assert live.path.exists()
    assert not leftover.exists()
    assert _vault_contents(store) == []


def test_a_file_left_without_its_record_is_kept_and_reported_never_deleted_at_start(store: Path,
                                                                                   tmp_path: Path) -> None:
    # A crash between the rename and the commit leaves a complete file with no record. It
    # might also be the only copy of a transcript whose database was lost: start-up never
    # deletes it; Verify vault reports it and lets the user decide.
    from desktop_app.services.vault.verify import verify_vault
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    orphan = vault_files.store_file(make_pdf(tmp_path / "old.pdf", text="old"))  # the crash came before the row
    day_ago = os.path.getmtime(vault_files.stored_path(orphan.sha256)) - 86400
    os.utime(vault_files.stored_path(orphan.sha256), (day_ago, day_ago))
    close_database()
    open_database(store)
    assert vault_files.stored_path(orphan.sha256).exists()
    assert [p.sha256 for p in verify_vault().unreferenced] == [orphan.sha256]