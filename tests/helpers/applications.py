"""An application through a recruiter, the start of several service tests.

A pytest plugin (``pytest_plugins`` in ``tests/conftest.py``): the ``via_recruiter`` fixture
serves ``tests/services/applications/`` and ``tests/services/today/``."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from desktop_app.services.applications import pipeline as applications
from desktop_app.services.applications.pipeline import ApplicationForm
from desktop_app.services.today import due


def at(day: str, hour: int = 10) -> datetime:
    """10:00 (or ``hour``) UTC on ``day`` (``YYYY-MM-DD``), as an aware datetime."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=timezone.utc)


def kinds_for(app_id: int, today: date) -> list[str]:
    """The kinds of the Today items of application ``app_id`` on ``today``, in Today's order."""
    return [i.kind for i in due.due_items(today) if i.application_id == app_id]


@pytest.fixture
def via_recruiter(store: Path) -> int:
    """Data Analyst at Northwind, through Gemma at Harbour & Finch, applied on Monday 2 Nov."""
    return applications.save_application_form(ApplicationForm(
        role="Data Analyst", employer="Northwind Ltd", agency="Harbour & Finch", recruiter="Gemma Wright",
        source="Agency", applied_on=date(2026, 11, 2)), today=date(2026, 11, 2))
