"""Fixtures of the journeys (``tests/journeys/``)."""

from __future__ import annotations

import pytest

from tests.journeys.steps import Calendar


@pytest.fixture
def calendar(monkeypatch: pytest.MonkeyPatch) -> Calendar:
    """The day the window believes it is: Mon 2 Nov 2026 until the journey moves it (``calendar.set``)."""
    return Calendar(monkeypatch)
