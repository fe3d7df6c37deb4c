"""Logged contacts: the warning when a new one would come too soon after the last."""

from __future__ import annotations

from datetime import date

from desktop_app.services.applications import interactions
from tests.helpers.applications import at


def test_gap_warning_names_the_agency_and_the_polite_day(via_recruiter: int) -> None:
    interactions.log_interaction({"application": via_recruiter, "at": at("2026-11-27"), "channel": "email",
                                  "direction": "outgoing", "purpose": "follow_up"})
    warning = interactions.gap_warning(via_recruiter, at("2026-11-29"))
    assert warning == interactions.GapWarning("Harbour & Finch", date(2026, 11, 27), 2, date(2026, 12, 2))
    assert interactions.gap_warning(via_recruiter, at("2026-12-02")) is None
    assert interactions.gap_warning(via_recruiter, at("2026-11-29"), "incoming") is None
    first = interactions.list_interactions(via_recruiter)[0]
    interactions.set_reply_received(first.id)
    assert interactions.gap_warning(via_recruiter, at("2026-11-29")) is None
