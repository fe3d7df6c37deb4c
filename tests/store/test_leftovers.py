"""What an interrupted vault import leaves behind is cleared when the store opens; a complete file is never deleted."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop_app.services.vault import files as vault_files
from desktop_app.store.layout import VAULT_TEMP_PREFIX
from tests.helpers.vault_checks import _vault_contents
from tests.helpers.vault_samples import make_pdf


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
