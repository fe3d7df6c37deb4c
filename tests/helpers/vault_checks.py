"""What the vault folder holds, for the tests that check a refused or cancelled file left nothing behind."""

from __future__ import annotations

from pathlib import Path

from desktop_app.store import models as m


def _vault_contents(data_dir: Path) -> list[Path]:
    """Every file under vault/, temporary ones included."""
    vault = data_dir / "vault"
    return sorted(p for p in vault.rglob("*") if p.is_file()) if vault.exists() else []


def _assert_nothing_changed(data_dir: Path) -> None:
    """No file in the vault (not even a temporary one) and no document record."""
    assert _vault_contents(data_dir) == []
    assert m.Document.select().count() == 0
