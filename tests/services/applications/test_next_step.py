"""The next step of every application, and the cache of facts it is worked out from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.services.applications import interactions, next_step, pipeline as applications
from desktop_app.services.today import due
from tests.helpers.applications import at, kinds_for

DEMO_TODAY = date(2026, 11, 25)


def test_the_sample_next_steps(demo_store: Path) -> None:
    rows = {r.role: r.next_step for r in applications.list_application_rows(today=DEMO_TODAY)}
    assert rows["Data Analyst"] == next_step.rules.NextStep("feedback_request", date(2026, 11, 24))
    assert rows["Reporting Analyst"].kind == "last_say"
    assert rows["Commercial Analyst"].kind == "none"  # withdrawn
    assert rows["Junior Data Scientist"] == next_step.rules.NextStep("re_approach", date(2026, 11, 1))


def test_the_facts_cache_is_never_stale(via_recruiter: int) -> None:
    from desktop_app.services.core import crud

    assert kinds_for(via_recruiter, date(2026, 11, 8)) == ["follow_up"]
    # a write the cache was not told about (as a data import or another part of the app would do)
    crud.create("interactions", {"application": via_recruiter, "at": at("2026-11-07"), "channel": "phone",
                                 "direction": "incoming", "purpose": "other"})
    assert kinds_for(via_recruiter, date(2026, 11, 8)) == []
    # announced changes update one application; the result is the same as reading everything again
    for day in ("2026-11-09", "2026-11-16", "2026-11-23"):
        interactions.log_interaction({"application": via_recruiter, "at": at(day), "channel": "email",
                                      "direction": "outgoing", "purpose": "follow_up"})
    incremental = (next_step.next_steps(date(2026, 11, 28)), [i.key for i in due.due_items(date(2026, 11, 28))])
    next_step.forget()
    assert incremental == (next_step.next_steps(date(2026, 11, 28)),
                           [i.key for i in due.due_items(date(2026, 11, 28))])
    assert incremental[0][via_recruiter].kind == "last_say"


def test_another_data_folder_never_sees_the_facts_of_the_last(demo_store: Path, tmp_path: Path) -> None:
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    assert any(i.kind == "last_say" for i in due.due_items(DEMO_TODAY))
    close_database()
    open_database(tmp_path / "other")
    assert not any(i.kind in ("last_say", "follow_up") for i in due.due_items(DEMO_TODAY))
    assert next_step.next_steps(DEMO_TODAY) == {}
