"""Verify vault: missing, changed and unreferenced files are found; only the unreferenced may be removed."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services.vault import files as vault_files
from desktop_app.services.vault.adding import add_document
from desktop_app.services.vault.verify import remove_unreferenced, verify_vault
from desktop_app.store import models as m
from tests.helpers.vault_samples import make_pdf


def test_verify_finds_missing_changed_and_unreferenced_files(store: Path, tmp_path: Path) -> None:
    a = add_document(make_pdf(tmp_path / "a-transcript.pdf", text="A"))
    b = add_document(make_pdf(tmp_path / "b-certificate.pdf", text="B"))
    c = add_document(make_pdf(tmp_path / "c.pdf", text="C"))
    seen: list[tuple[int, int]] = []
    report = verify_vault(progress=lambda d, t: seen.append((d, t)))
    assert report.ok and report.checked == 3
    assert report.lines() == ["All is well: 3 files checked, each matches its fingerprint."]
    assert seen[-1][0] == seen[-1][1] > 0

    sha = {x.document_id: m.Document.get_by_id(x.document_id).sha256 for x in (a, b, c)}
    vault_files.stored_path(sha[a.document_id]).unlink()
    changed = vault_files.stored_path(sha[b.document_id])
    changed.write_bytes(changed.read_bytes().replace(b"B", b"X"))
    stray = make_pdf(tmp_path / "stray.pdf", text="stray")
    import hashlib

    stray_sha = hashlib.sha256(stray.read_bytes()).hexdigest()
    target = vault_files.stored_path(stray_sha)
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(stray.read_bytes())

    report = verify_vault()
    assert not report.ok
    assert [p.names for p in report.missing] == [("a-transcript.pdf",)]
    assert [p.names for p in report.changed] == [("b-certificate.pdf",)]
    assert [p.sha256 for p in report.unreferenced] == [stray_sha]
    text = "\n".join(report.lines())
    assert "Missing: a-transcript.pdf" in text and "Changed: b-certificate.pdf" in text
    assert "Unreferenced:" in text
    assert remove_unreferenced(report) == 1 and not target.exists()


def test_one_documents_file_is_checked_with_the_next_step(store: Path, tmp_path: Path) -> None:
    from desktop_app.services.vault.verify import CHANGED, MISSING, OK, file_problem, stored_file_state

    sha = m.Document.get_by_id(add_document(make_pdf(tmp_path / "t.pdf", text="T")).document_id).sha256
    assert stored_file_state(sha) == OK and file_problem("t.pdf", sha) == ""
    path = vault_files.stored_path(sha)
    path.write_bytes(path.read_bytes() + b"\n% changed\n")
    assert stored_file_state(sha) == CHANGED  # found although it was found intact before
    assert file_problem("t.pdf", sha).startswith("“t.pdf” has changed on disk since it was added to the vault")
    path.unlink()
    assert stored_file_state(sha) == MISSING
    assert "Re-attach it from your own copy, or remove it" in file_problem("t.pdf", sha)
