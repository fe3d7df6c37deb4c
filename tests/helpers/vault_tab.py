"""Driving the Vault tab: files dropped from the desktop, the qualification form filled in.

A pytest plugin (``pytest_plugins`` in ``tests/conftest.py``): the ``told`` fixture (the
messages shown so far) serves ``tests/ui/`` and ``tests/journeys/``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.helpers.scripted_prompts import ScriptedPrompts

TIMEOUT = 20_000


Told = Callable[[], list[tuple[str, str, bool]]]


@pytest.fixture
def told(prompts: ScriptedPrompts) -> Told:
    """The messages shown so far, as (title, text, was it a problem)."""
    return lambda: [(a.title, a.text, a.kind == "warn") for a in prompts.asked_of("inform", "warn")]


def drop(qtbot: Any, tab: Any, paths: list[Path]) -> None:
    """Drag files from the desktop onto the tab and let go, then wait for the import to end."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPointF(tab.width() / 2, tab.height() / 2)
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tab, enter)
    assert enter.isAccepted() and "let go to add them" in tab.drop_hint.text()
    with qtbot.waitSignal(tab.job.ended, timeout=TIMEOUT):
        event = QDropEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(tab, event)
        assert event.isAccepted() and tab.drop_hint.text().startswith("— drop PDFs")


def fill_qualification(dialog: Any) -> bool:
    """Fill in the qualification form with the Leeds degree and press Save; True if it saved."""
    dialog.edits["title"].setText("BSc (Hons) Mathematics")
    dialog.edits["institution"].setText("University of Leeds")
    dialog.level.setCurrentText("Bachelor's degree")
    dialog.edits["started_on"].setText("2015-09-21")
    dialog.edits["awarded_on"].setText("2018-07-13")
    return dialog.save()
