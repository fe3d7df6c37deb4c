"""What a writer leaves behind: the file alone in its folder and private (0600); and a source of
rows that fails half way, as a disk that went away."""

from __future__ import annotations

import stat
import sys
from collections.abc import Iterator
from pathlib import Path


def _mode(path: Path) -> int:
    """The permission bits of ``path`` (``0o600`` for a private file)."""
    return stat.S_IMODE(path.stat().st_mode)


def _names(folder: Path) -> list[str]:
    """The names in ``folder``, sorted."""
    return sorted(p.name for p in folder.iterdir())


def _fail_after_first(rows: Iterator[object] | list[object]) -> Iterator[object]:
    """``rows`` as an iterator that yields the first row, then raises RuntimeError (a disk gone half way)."""
    iterator = iter(rows)
    yield next(iterator)
    raise RuntimeError("the disk went away half way")


def _assert_private_and_alone(target: Path) -> None:
    """``target`` is the only file in its folder (no temporary file beside it) and, on POSIX, private."""
    assert _names(target.parent) == [target.name]
    if sys.platform != "win32":
        assert _mode(target) == 0o600
