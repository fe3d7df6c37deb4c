"""One Afterview per data folder: lock, wake-up of the first window, stale locks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from filelock import FileLock

from desktop_app.single_instance import (
    ClaimOutcome,
    DataFolderClaim,
    bring_to_front,
    server_name,
)
from desktop_app.store.layout import LOCK_FILE

REPO_ROOT = Path(__file__).resolve().parent.parent
WAIT_S = 30  # upper bound for a child process; the tests normally take well under 1 s

# A tiny Afterview stand-in: claims the folder given as argv[1]; in "serve" mode it
# stays open until a second launch asks it to come forward, in "crash" mode it dies
# holding the lock, in "once" mode it only reports what happened.
CHILD = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from desktop_app.single_instance import ClaimOutcome, DataFolderClaim

app = QCoreApplication(sys.argv)
claim = DataFolderClaim(Path(sys.argv[1]))
outcome = claim.claim()
print(outcome.value, flush=True)
mode = sys.argv[2]
if mode == "crash":
    os._exit(0)
if mode == "serve" and outcome is ClaimOutcome.PRIMARY:
    def on_raise():
        print("raised", flush=True)
        app.quit()
    claim.raise_requested.connect(on_raise)
    QTimer.singleShot(20000, lambda: app.exit(3))
    code = app.exec()
    claim.release()
    sys.exit(code)
claim.release()
"""


def start_child(data_dir: Path, mode: str) -> subprocess.Popen[str]:
    """Run the stand-in against ``data_dir``, offscreen, from this checkout."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO_ROOT,
    )


def read_line(process: subprocess.Popen[str]) -> str:
    """The child's next output line, waiting at most WAIT_S seconds."""
    assert process.stdout is not None
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(process.stdout.readline)
        try:
            return future.result(timeout=WAIT_S).strip()
        except TimeoutError:
            process.kill()
            raise


@pytest.fixture
def claims(qapp):
    """Claims made in this process (whose sockets need the app's event loop), released after."""
    made: list[DataFolderClaim] = []
    yield made
    for claim in made:
        claim.release()


def test_server_name_is_short_safe_and_per_folder(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "data")
    name = server_name(tmp_path / "data")
    assert name == server_name(tmp_path / "link")
    assert name == server_name(tmp_path / "data" / ".." / "data")
    assert name != server_name(tmp_path)
    assert len(name) <= 32 and name.replace("-", "").isalnum()


def test_first_claim_is_primary_and_holds_lock_file(tmp_path: Path, claims) -> None:
    claim = DataFolderClaim(tmp_path)
    claims.append(claim)
    assert claim.claim() is ClaimOutcome.PRIMARY
    assert (tmp_path / LOCK_FILE).exists()
    assert claim.message == ""
    claim.release()
    # given back: another process (here another open file) can take it at once
    other = FileLock(str(tmp_path / LOCK_FILE), timeout=0, thread_local=False)
    other.acquire()
    other.release()


def test_second_launch_raises_the_first_process(tmp_path: Path) -> None:
    first = start_child(tmp_path, "serve")
    try:
        assert read_line(first) == "primary"
        second = start_child(tmp_path, "once")
        out, _ = second.communicate(timeout=WAIT_S)
        assert out.strip() == "raised_other"
        assert second.returncode == 0
        assert read_line(first) == "raised"
        assert first.wait(timeout=WAIT_S) == 0
    finally:
        first.kill()
        first.wait(timeout=WAIT_S)
        first.stdout.close()


def test_second_launch_signals_this_process(tmp_path: Path, qtbot, claims) -> None:
    claim = DataFolderClaim(tmp_path)
    claims.append(claim)
    assert claim.claim() is ClaimOutcome.PRIMARY
    with qtbot.waitSignal(claim.raise_requested, timeout=WAIT_S * 1000):
        second = start_child(tmp_path, "once")
    out, _ = second.communicate(timeout=WAIT_S)
    assert out.strip() == "raised_other"


def test_lock_held_but_no_answer_says_already_open(tmp_path: Path, claims) -> None:
    # Another writer holds the lock but is not listening (e.g. an older build).
    holder = FileLock(str(tmp_path / LOCK_FILE), timeout=0, thread_local=False)
    holder.acquire()
    try:
        claim = DataFolderClaim(tmp_path)
        claims.append(claim)
        assert claim.claim() is ClaimOutcome.ALREADY_OPEN
        assert claim.message.startswith("Afterview is already open for this data folder")
    finally:
        holder.release()


def test_stale_lock_from_crashed_run_is_taken_over(tmp_path: Path, claims) -> None:
    crashed = start_child(tmp_path, "crash")
    assert read_line(crashed) == "primary"
    assert crashed.wait(timeout=WAIT_S) == 0
    crashed.stdout.close()
    assert (tmp_path / LOCK_FILE).exists()
    claim = DataFolderClaim(tmp_path)
    claims.append(claim)
    assert claim.claim() is ClaimOutcome.PRIMARY


def test_lock_file_naming_a_live_process_does_not_fool_the_claim(tmp_path: Path, claims) -> None:
    # Case 3 of issue 14: after a crash (or a reboot) the old lock file names a process
    # number that now belongs to another live process; only the kernel's lock counts.
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / LOCK_FILE).write_text(f"{other.pid}\nAfterview\n{os.uname().nodename}\n")
        claim = DataFolderClaim(tmp_path)
        claims.append(claim)
        assert claim.claim() is ClaimOutcome.PRIMARY
    finally:
        other.kill()
        other.wait(timeout=WAIT_S)


def test_unlockable_folder_reports_lock_failure(tmp_path: Path, claims) -> None:
    claim = DataFolderClaim(tmp_path / "missing")
    claims.append(claim)
    assert claim.claim() is ClaimOutcome.LOCK_FAILED
    assert "cannot lock" in claim.message


class FakeWindow:
    """Records what bring_to_front asks of a window (offscreen Qt cannot raise one)."""

    def __init__(self, minimised: bool) -> None:
        self.minimised = minimised
        self.calls: list[str] = []

    def isMinimized(self) -> bool:  # noqa: N802 - Qt's naming
        return self.minimised

    def showNormal(self) -> None:  # noqa: N802
        self.calls.append("showNormal")

    def show(self) -> None:
        self.calls.append("show")

    def raise_(self) -> None:
        self.calls.append("raise")

    def activateWindow(self) -> None:  # noqa: N802
        self.calls.append("activate")


@pytest.mark.parametrize(("minimised", "first_call"), [(True, "showNormal"), (False, "show")])
def test_bring_to_front_restores_raises_and_focuses(minimised: bool, first_call: str) -> None:
    window = FakeWindow(minimised)
    bring_to_front(window)
    assert window.calls == [first_call, "raise", "activate"]


def run_afterview(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    """Start the real app on ``data_dir``, offscreen."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO_ROOT,
    )


@pytest.mark.slow
def test_second_afterview_on_the_same_folder_opens_no_second_window(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = run_afterview(data_dir)
    try:
        # Bounded wait for the first app to hold the lock (no fixed sleep).
        deadline = time.monotonic() + WAIT_S
        while not (data_dir / LOCK_FILE).exists() and first.poll() is None:
            assert time.monotonic() < deadline, "first Afterview never took the lock"
            time.sleep(0.05)
        second = run_afterview(data_dir, "--quit-after-startup")
        out, err = second.communicate(timeout=WAIT_S)
        assert second.returncode == 0, err
        assert "startup_ms=" not in out  # it handed over to the first and left
        assert first.poll() is None  # the first one is still open
    finally:
        first.kill()
        first.communicate(timeout=WAIT_S)


def test_afterview_says_already_open_when_the_holder_does_not_answer(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    holder = FileLock(str(data_dir / LOCK_FILE), timeout=0, thread_local=False)
    holder.acquire()
    try:
        app = run_afterview(data_dir, "--quit-after-startup")
        out, err = app.communicate(timeout=WAIT_S)
    finally:
        holder.release()
    assert app.returncode == 3
    assert "Afterview is already open for this data folder" in err
    assert not (data_dir / "afterview.sqlite3").exists()  # it wrote nothing


def test_a_command_that_changes_data_is_refused_while_the_window_holds_the_folder(tmp_path: Path, claims) -> None:
    """Issue 14, case 1: the window's claim is the one every writing command needs."""
    claim = DataFolderClaim(tmp_path)
    claims.append(claim)
    assert claim.claim(listen=False) is ClaimOutcome.PRIMARY
    source = tmp_path / "x.json"
    source.write_text('{"format": "afterview", "version": 2, "organisations": [{"id": "o1", "name": "A"}]}',
                      encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    refused = subprocess.run([sys.executable, "-m", "desktop_app", "data", "import", str(source),
                              "--data-dir", str(tmp_path)], capture_output=True, text=True, env=env,
                             cwd=REPO_ROOT, timeout=WAIT_S, check=False)
    assert refused.returncode != 0 and "Afterview is open on the data folder" in refused.stderr
    assert "Traceback" not in refused.stderr and not (tmp_path / "afterview.sqlite3").exists()
    claim.release()
