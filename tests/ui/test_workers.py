"""Workers: progress arrives in the GUI thread, then exactly one ending; cancelling works."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop_app.progress import Cancelled
from desktop_app.ui.workers import Worker


def test_progress_and_result_arrive(qtbot) -> None:
    seen: list[tuple[int, int]] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        for i in range(3):
            progress(i + 1, 3)
        return "done"

    worker = Worker(work)
    worker.signals.progress.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(worker.signals.finished, timeout=5000) as blocker:
        worker.start()
    assert blocker.args == ["done"]
    qtbot.waitUntil(lambda: len(seen) == 3)


def test_a_user_facing_error_is_passed_on_as_it_is(qtbot) -> None:
    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        raise ValueError("This PDF is password-protected; save an unprotected copy.")

    worker = Worker(work)
    with qtbot.waitSignal(worker.signals.failed, timeout=5000) as blocker:
        worker.start()
    assert blocker.args == ["This PDF is password-protected; save an unprotected copy."]


def test_cancel_stops_the_work(qtbot) -> None:
    started = threading.Event()

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        while not cancelled():
            threading.Event().wait(0.005)
        raise Cancelled

    worker = Worker(work)
    with qtbot.waitSignal(worker.signals.cancelled, timeout=5000):
        worker.start()
        assert started.wait(5)
        worker.cancel()


def test_a_worker_uses_its_own_database_connection_and_closes_it(qtbot, store: Path) -> None:
    from desktop_app.services.core import profile

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        return profile.save_profile({"name": "Sam"}).name

    worker = Worker(work)
    with qtbot.waitSignal(worker.signals.finished, timeout=5000) as blocker:
        worker.start()
    assert blocker.args == ["Sam"]
    assert worker.done.wait(5)
    assert profile.get_profile().name == "Sam"
