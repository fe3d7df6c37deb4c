"""The vault's files: stored by their content, privately; a source that cannot be read is refused
with nothing left behind."""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

import pytest

from desktop_app.progress import Cancelled
from desktop_app.services.vault import files as vault_files
from desktop_app.services.vault.adding import add_document
from desktop_app.services.vault.pdf import VaultFileError
from desktop_app.store import models as m
from tests.helpers.vault_checks import _assert_nothing_changed, _vault_contents
from tests.helpers.vault_samples import make_big_pdf, make_pdf


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


def test_a_missing_file_and_a_folder_are_refused(store: Path, tmp_path: Path) -> None:
    with pytest.raises(VaultFileError, match="There is no file “gone.pdf”"):
        add_document(tmp_path / "gone.pdf")
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(VaultFileError, match="is a folder"):
        add_document(folder)
    _assert_nothing_changed(store)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="permissions do not stop root (tests/cli/test_vault.py covers root by "
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
