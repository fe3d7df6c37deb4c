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


def pricing_analyst() -> int:
    """Journey 1 (issue 12, case 1): Pricing Analyst at Harbour Foods through Quayside Recruitment,
    recruiter Jo Park, applied Mon 2 Nov; an interview on Fri 27 Nov at 10:00 with Sam Reid (hiring
    manager), entered on Mon 30 Nov. Needs an open store; returns the application's id."""
    from desktop_app.services.applications import interviews
    from desktop_app.services.applications.organisations import create_contact, find_or_create_organisation

    app_id = applications.save_application_form(ApplicationForm(
        role="Pricing Analyst", employer="Harbour Foods", agency="Quayside Recruitment", recruiter="Jo Park",
        source="Agency", applied_on=date(2026, 11, 2)), today=date(2026, 11, 2))
    sam = create_contact({"name": "Sam Reid", "kind": "hiring_manager",
                          "organisation": find_or_create_organisation("Harbour Foods")})
    interviews.create_interview({"application": app_id, "at": at("2026-11-27"), "round": 1, "format": "video",
                                 "interviewers": [sam]}, today=date(2026, 11, 30))
    return app_id


def log(app_id: int, day: str, purpose: str, hour: int = 10, direction: str = "outgoing", **more: object) -> int:
    """Log a contact through the service (no question asked); returns its id."""
    from desktop_app.services.applications import interactions

    return interactions.log_interaction({"application": app_id, "at": at(day, hour), "channel": "email",
                                         "direction": direction, "purpose": purpose, **more})
