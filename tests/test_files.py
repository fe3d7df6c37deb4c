"""The one safe writer (``desktop_app.files.atomic_write``), and what it leaves when a process dies.

Whatever happens part-way (an error, a cancel, Ctrl+C) the old file is left exactly as
it was and no temporary file is left beside it; what is written is private (0600).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.files import atomic_write
from desktop_app.progress import Cancelled
from desktop_app.store.backup.automatic import folder as backups_folder, remove_leftovers
from desktop_app.store.backup.swap import finish_interrupted_work
from desktop_app.store.layout import RESTORE_MARKER
from tests.helpers.private_files import _mode, _names

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


# ---------------------------------------------------------------- the writer itself

def test_writes_a_new_file_then_replaces_it_whole(tmp_path: Path) -> None:
    target = tmp_path / "export.bin"
    with atomic_write(target) as handle:
        handle.write(b"first")
    assert target.read_bytes() == b"first"
    with atomic_write(target) as handle:
        handle.write(b"second, longer")
    assert target.read_bytes() == b"second, longer"
    assert _names(tmp_path) == ["export.bin"]


def test_text_mode_keeps_the_encoding_and_line_ends_asked_for(tmp_path: Path) -> None:
    target = tmp_path / "cards.vcf"
    with atomic_write(target, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write("Zoë\r\nŁukasz\r\n")
    assert target.read_bytes() == "\ufeffZoë\r\nŁukasz\r\n".encode()


@POSIX
def test_what_is_written_is_private_unless_asked_otherwise(tmp_path: Path) -> None:
    private, shared = tmp_path / "private.json", tmp_path / "launcher.desktop"
    shared.write_bytes(b"old")
    shared.chmod(0o600)
    with atomic_write(private) as handle:
        handle.write(b"{}")
    with atomic_write(shared, private=False) as handle:
        handle.write(b"[Desktop Entry]\n")
    assert _mode(private) == 0o600
    assert _mode(shared) == 0o644


@pytest.mark.parametrize("error", [ValueError("bad row"), Cancelled(), KeyboardInterrupt()],
                         ids=["error", "cancel", "ctrl-c"])
def test_an_exception_mid_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path,
                                                                           error: BaseException) -> None:
    target = tmp_path / "applications.csv"
    target.write_bytes(b"the old export")
    with pytest.raises(type(error)):
        with atomic_write(target) as handle:
            handle.write(b"half of the new")
            handle.flush()
            assert len(_names(tmp_path)) == 2  # the temporary file is there while writing
            raise error
    assert target.read_bytes() == b"the old export"
    assert _names(tmp_path) == ["applications.csv"]


def test_a_failed_first_write_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        with atomic_write(tmp_path / "new.ics") as handle:
            handle.write(b"BEGIN:VCALENDAR")
            raise RuntimeError("stop")
    assert _names(tmp_path) == []


def test_a_name_with_a_hash_and_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "My #1 folder"
    folder.mkdir()
    target = folder / "Reference pack #2 – Zoë Fraser.pdf"
    with atomic_write(target) as handle:
        handle.write(b"%PDF-1.7")
    assert target.read_bytes() == b"%PDF-1.7"
    assert _names(folder) == [target.name]


def test_a_name_near_the_length_limit_still_gets_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("é" * 120 + ".csv")  # 244 bytes: the temporary name must be shorter
    with atomic_write(target) as handle:
        handle.write(b"x")
    assert target.read_bytes() == b"x"


def test_a_missing_folder_names_the_target(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "export.json"
    with pytest.raises(FileNotFoundError) as caught:
        with atomic_write(target):
            pytest.fail("the block must not run")
    assert caught.value.filename == str(target)


_CHILD = """
import sys
from pathlib import Path
from desktop_app.files import atomic_write
target = Path(sys.argv[1])
try:
    with atomic_write(target) as handle:
        handle.write(b"new")
except OSError as exc:
    print(type(exc).__name__, exc.filename, sep="\\n")
    sys.exit(3)
"""


@POSIX
def test_a_read_only_folder_gives_a_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    """Run in a child process: as root it runs without the capability that lets root
    write anywhere (as in ``tests/cli/test_vault.py``), the position of an ordinary user."""
    from tests.helpers.permissions import _can_drop, _drop_read_override

    folder = tmp_path / "read-only"
    folder.mkdir()
    target = folder / "export.csv"
    target.write_bytes(b"old")
    preexec = None
    if os.geteuid() == 0:
        probe = subprocess.run(["true"], preexec_fn=_drop_read_override, check=False) if _can_drop() else None
        if probe is None or probe.returncode != 0:
            pytest.skip("running as root without the right to drop capabilities: root writes anywhere")
        preexec = _drop_read_override
    folder.chmod(0o500)
    try:
        result = subprocess.run([sys.executable, "-c", _CHILD, str(target)], capture_output=True, text=True,
                                timeout=60, preexec_fn=preexec, check=False,
                                cwd=Path(__file__).resolve().parents[1])
    finally:
        folder.chmod(0o700)
    assert result.returncode == 3, result.stderr
    assert result.stdout.splitlines() == ["PermissionError", str(target)]
    assert _names(folder) == ["export.csv"]
    assert target.read_bytes() == b"old"


# ---------------------------------------------------------------- after a crash in the data folder

def _leftover_of(folder: Path, name: str) -> Path:
    """The temporary file ``atomic_write`` had made for ``name`` when the process died."""
    before = set(folder.iterdir())
    with pytest.raises(KeyboardInterrupt):
        with atomic_write(folder / name) as handle:
            (temporary,) = set(folder.iterdir()) - before
            handle.write(b"half")
            raise KeyboardInterrupt
    temporary.write_bytes(b"half")  # what a killed process leaves behind
    return temporary


def test_start_up_sweeps_up_a_half_written_backup_and_restore_marker(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    backups = backups_folder(data_dir)
    backups.mkdir(parents=True)
    half_backup = _leftover_of(backups, "daily-20261125T090000000000Z.afterview-backup")
    half_marker = _leftover_of(data_dir, RESTORE_MARKER)
    finish_interrupted_work(data_dir)
    remove_leftovers(data_dir)
    assert not half_backup.exists()
    assert not half_marker.exists()
    assert not (data_dir / RESTORE_MARKER).exists()
