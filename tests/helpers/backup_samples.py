"""Data folders for the backup tests: the sample data plus real files in the vault.

Documents are put in the vault the way the vault keeps them (``vault/<ab>/<sha256>.pdf``,
mode 0600) with their record beside them, without going through the PDF checks: the
backup treats vault files as opaque bytes. A pytest plugin (``pytest_plugins`` in
``tests/conftest.py``): the ``rich_store`` fixture serves ``tests/services/`` and ``tests/store/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from desktop_app.store import models as m


def put_document(data_dir: Path, content: bytes, name: str = "transcript.pdf",
                 qualification: m.Qualification | None = None) -> str:
    """Store ``content`` in the vault of the open store and record it; returns its SHA-256."""
    sha = hashlib.sha256(content).hexdigest()
    folder = data_dir / "vault" / sha[:2]
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"{sha}.pdf"
    path.write_bytes(content)
    path.chmod(0o600)
    m.Document.create(kind="transcript", qualification=qualification, original_name=name,
                      sha256=sha, pages=1, size=len(content),
                      added_at=datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc))
    return sha


def fill_documents(data_dir: Path, count: int = 3) -> list[str]:
    """A few documents of different sizes (one a few MB), linked to the first qualification."""
    qual = m.Qualification.select().first()
    hashes = []
    for i in range(count):
        body = b"%PDF-1.7\n" + os.urandom(2000 * (i + 1)) + (os.urandom(3 << 20) if i == 0 else b"")
        hashes.append(put_document(data_dir, body, f"document-{i}.pdf", qual))
    return hashes


def export_json(data_dir: Path) -> dict[str, object]:
    """The data file of ``data_dir`` (opened just for this), without its time stamp."""
    from desktop_app.services.exchange import datafile
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    open_database(data_dir)
    try:
        data = datafile.export_data()
    finally:
        close_database()
    data.pop("exported_at")
    return json.loads(json.dumps(data))


def vault_hashes(data_dir: Path) -> dict[str, str]:
    """Stored file name → SHA-256 of its content, for every file in the vault."""
    found = {}
    for path in sorted((data_dir / "vault").glob("*/*.pdf")):
        found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def database_sound(data_dir: Path) -> None:
    """integrity_check ok, no broken foreign key, no record whose file is missing."""
    con = sqlite3.connect(data_dir / "afterview.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        for (sha,) in con.execute("SELECT DISTINCT sha256 FROM document"):
            assert (data_dir / "vault" / sha[:2] / f"{sha}.pdf").is_file(), sha
    finally:
        con.close()


@pytest.fixture
def rich_store(demo_store: Path) -> Path:
    """The sample data plus three documents (one of 3 MB) in the vault."""
    fill_documents(demo_store)
    return demo_store
