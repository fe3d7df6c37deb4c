"""Referees and applications made through the services, for the referee service tests."""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.services.applications import organisations, pipeline as applications
from desktop_app.services.referees import referees as service

TODAY = date(2026, 11, 25)


def add_referee(name: str = "Alex Morgan", relationship: str = "direct_manager", **values: object) -> int:
    """A referee made through the service with ``values`` added; returns its id. Raises ValidationError as the
    service does."""
    return service.create_referee({"name": name, "relationship": relationship, **values})


def add_application(role: str = "Data Analyst", employer: str = "Northwind Ltd", stage: str = "interviewing",
                    recruiter: str | None = None) -> int:
    """An application applied for 20 days before TODAY (the employer found or made, a recruiter made if
    named); returns its id."""
    org = organisations.find_or_create_organisation(employer)
    values: dict[str, object] = {"role": role, "employer": org, "applied_on": TODAY - timedelta(days=20),
                                 "stage": stage}
    if recruiter:
        values["recruiter"] = organisations.create_contact({"name": recruiter, "organisation": org,
                                                            "kind": "recruiter"})
    return applications.create_application(values, today=TODAY - timedelta(days=20))
