"""The next step of every application, worked out from the facts read in bulk (and kept by ``today.summary``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.services.applications import interactions, next_step, pipeline as applications
from desktop_app.services.today import due, summary
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
    summary.forget()
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


def test_a_renamed_person_shows_at_once_and_only_changed_applications_are_read_again(via_recruiter: int,
                                                                                       monkeypatch: object) -> None:
    from desktop_app.services.core import crud

    day = date(2026, 11, 8)
    [item] = [i for i in due.due_items(day) if i.application_id == via_recruiter]
    assert "Gemma Wright" in item.text
    recruiter = crud.get("applications", via_recruiter).recruiter_id  # type: ignore[attr-defined]
    crud.update("contacts", recruiter, {"name": "Gemma Wright-Lee"})
    [item] = [i for i in due.due_items(day) if i.application_id == via_recruiter]
    assert "Gemma Wright-Lee" in item.text
    # a logged contact: only its application is read again
    read: list[object] = []
    real = next_step.load_facts
    monkeypatch.setattr(next_step, "load_facts", lambda ids=None: read.append(ids) or real(ids))  # type: ignore[attr-defined]
    interactions.log_interaction({"application": via_recruiter, "at": at("2026-11-08"), "channel": "email",
                                  "direction": "incoming", "purpose": "other"})
    assert [i.kind for i in due.due_items(day) if i.application_id == via_recruiter] == []
    assert read == [[via_recruiter]]


def test_a_connection_that_may_not_write_is_read_afresh_every_time(via_recruiter: int) -> None:
    from desktop_app.store.db import db

    summary.forget()
    db.obj.execute_sql("PRAGMA query_only = ON")
    try:
        assert kinds_for(via_recruiter, date(2026, 11, 8)) == ["follow_up"]
        assert kinds_for(via_recruiter, date(2026, 11, 8)) == ["follow_up"]
    finally:
        db.obj.execute_sql("PRAGMA query_only = OFF")


def test_a_rejected_application_never_reads_interview_on(demo_store: Path) -> None:
    from datetime import datetime, timezone

    from desktop_app.services.applications import interviews

    today = date(2026, 11, 25)
    app_id = next(r.id for r in applications.list_application_rows() if r.role == "Insights Analyst")
    interviews.create_interview({"application": app_id, "at": datetime(2026, 12, 1, 14, tzinfo=timezone.utc),
                                 "round": 1, "format": "video", "interviewers": []}, today=today)
    assert next_step.next_steps(today, only=[app_id])[app_id].kind == "interview"
    applications.update_application(app_id, {"stage": "rejected"}, today=today)
    step = next_step.next_steps(today, only=[app_id])[app_id]
    assert step.kind != "interview"
    assert next_step.next_steps(today)[app_id].kind == step.kind  # the whole list agrees


def test_the_next_steps_of_a_few_agree_with_the_whole_list(demo_store: Path) -> None:
    app_id = next(r.id for r in applications.list_application_rows(today=DEMO_TODAY) if r.role == "Data Analyst")
    interactions.log_interaction({"application": app_id, "channel": "email", "at": at("2026-11-25"),
                                  "direction": "outgoing", "purpose": "feedback_request"})
    every = next_step.next_steps(DEMO_TODAY)
    assert next_step.next_steps(DEMO_TODAY, only=[app_id]) == {app_id: every[app_id]}
    assert {r.id: r.next_step for r in applications.list_application_rows(today=DEMO_TODAY)} == every
