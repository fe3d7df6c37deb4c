"""Test set-up: headless Qt, and a fresh data folder for every test.

``QT_QPA_PLATFORM=offscreen`` is set here, once, before anything imports Qt. The
real user data folder is never touched: ``AFTERVIEW_DATA_DIR`` points into a
temporary folder for the whole session, and every fixture takes its own folder.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["AFTERVIEW_DATA_DIR"] = tempfile.mkdtemp(prefix="afterview-tests-default-")
# Reminders: no test reaches the desktop's real notification service or writes a real
# start-at-login entry (tests that need a bus start their own, see tests/cli/test_remind.py).
os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="afterview-tests-config-")

import pytest  # noqa: E402

# The helper modules assert too: their failures read as well as a test's own.
pytest.register_assert_rewrite("tests.helpers")

from desktop_app.store.db import close_database  # noqa: E402
from desktop_app.store.open import open_database  # noqa: E402

#: Fixtures that tests in several folders use (``tests/<package>/`` mirrors ``desktop_app/``):
#: the sample pack contents, a store with documents to back up, an application through a
#: recruiter, and the messages the Vault tab showed.
pytest_plugins = [
    "tests.helpers.pack_samples",
    "tests.helpers.backup_samples",
    "tests.helpers.applications",
    "tests.helpers.vault_tab",
    "tests.helpers.fake_opener",
]

#: The fixed "today" of the sample data in tests.
DEMO_TODAY = date(2026, 11, 25)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def frozen_clock():  # type: ignore[no-untyped-def]
    """``desktop_app.clock``, for the test to stop: ``frozen_clock.set_today(day)`` or
    ``frozen_clock.set_now(moment)``; every reader of the time then agrees, windows and
    dialogs included. The clock runs again after the test."""
    from desktop_app import clock

    yield clock
    clock.set_now(None)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Path]:
    """An open, empty store in a fresh data folder; yields the folder."""
    open_database(data_dir)
    yield data_dir
    close_database()


@pytest.fixture
def demo_store(store: Path) -> Path:
    """The store filled with the sample data, dated as if today were 25 Nov 2026."""
    from desktop_app.services.exchange.demo import load_demo

    load_demo(DEMO_TODAY)
    return store


@pytest.fixture
def prompts():  # type: ignore[no-untyped-def]
    """The questions and file pickers of the ``context`` fixture: scripted, never shown."""
    from tests.helpers.scripted_prompts import ScriptedPrompts

    return ScriptedPrompts()


@pytest.fixture
def context(store: Path, prompts):  # type: ignore[no-untyped-def]
    from desktop_app.ui.context import AppContext

    return AppContext.create(store, prompts=prompts)


@pytest.fixture
def main_window(qtbot, context):  # type: ignore[no-untyped-def]
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def london() -> Iterator[None]:
    """The machine's zone set to Europe/London for the test (as ``TZ`` does), then put back."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
