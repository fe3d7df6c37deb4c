"""Copies out of the vault: a checked copy saved elsewhere, and a read-only copy for the viewer."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.vault import copies as vault_copies, files as vault_files
from desktop_app.services.vault.adding import add_document
from desktop_app.services.vault.pdf import VaultFileError
from desktop_app.store import models as m
from tests.helpers.vault_samples import make_pdf


def test_copy_out_refuses_a_changed_file_and_leaves_no_partial_copy(store: Path, tmp_path: Path) -> None:
    added = add_document(make_pdf(tmp_path / "t.pdf"))
    sha = m.Document.get_by_id(added.document_id).sha256
    out = tmp_path / "out" / "copy.pdf"
    out.parent.mkdir()
    vault_copies.copy_out(sha, out)
    assert out.read_bytes() == (tmp_path / "t.pdf").read_bytes()
    stored = vault_files.stored_path(sha)
    stored.write_bytes(stored.read_bytes() + b"tampered")
    out.unlink()
    with pytest.raises(VaultFileError, match="has changed since it was added"):
        vault_copies.copy_out(sha, out)
    assert list(out.parent.iterdir()) == []


def test_the_viewer_gets_a_read_only_copy_removed_at_next_start(store: Path, tmp_path: Path) -> None:
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    added = add_document(make_pdf(tmp_path / "Zeugnis Müller.pdf"))
    sha = m.Document.get_by_id(added.document_id).sha256
    copy = vault_copies.viewable_copy(sha, "Zeugnis Müller.pdf")
    assert copy.name == "Zeugnis Müller.pdf" and copy.read_bytes() == (tmp_path / "Zeugnis Müller.pdf").read_bytes()
    assert store in copy.parents
    close_database()
    open_database(store)
    assert not copy.exists()
