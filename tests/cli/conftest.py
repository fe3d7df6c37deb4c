"""Fixtures of the command-line tests (``tests/cli/``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.store.db import close_database


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A data folder for ``--data-dir`` (not made yet); the store is closed after the test."""
    yield tmp_path / "data"
    close_database()
