"""The kept answers of the follow-up rules (``application_summary``) always equal a full recomputation.

Every kind of row the answers are made from is changed — through the services, through
raw SQL on another connection, and through the command line in another process — and
then the answers Today and the Applications list use are compared with the rules worked
out afresh from the records.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.applications import interactions, interviews, next_step, pipeline
from desktop_app.services.core import crud
from desktop_app.services.core.settings import get_settings, save_settings
from desktop_app.services.today import due, summary
from desktop_app.store.db import close_database, database_path, db
from desktop_app.store.open import open_database
from tests.helpers.applications import at
from tests.helpers.cli import run

DAY = date(2026, 11, 25)


def _reference(today: date) -> dict[int, Any]:
    """Every application's answers worked out from the records now (nothing kept is read)."""
    ids = [i for (i,) in db.obj.execute_sql("SELECT id FROM application")]
    return summary._work_out(ids, today, get_settings())


def _kept(today: date) -> dict[int, Any]:
    answers = summary.current(today, get_settings())
    return {i: (answers.next_steps[i], answers.items[i]) for i in answers.next_steps}


def _agree(today: date = DAY) -> None:
    """The answers in memory, those read back from the database, and a recomputation all agree."""
    expected = _reference(today)
    assert expected  # not vacuous: the sample has applications
    assert _kept(today) == expected
    summary.forget()
    assert _kept(today) == expected
    rows = pipeline.list_application_rows(today=today)  # the Applications list's next steps
    assert {r.id: r.next_step for r in rows} == next_step.next_steps(today)


def _ids(role: str) -> int:
    return next(r.id for r in pipeline.list_application_rows(today=DAY) if r.role == role)


def _stored() -> int:
    return db.obj.execute_sql("SELECT count(*) FROM application_summary WHERE basis <> ''").fetchone()[0]


def test_answers_are_kept_in_the_database_and_read_back(demo_store: Path) -> None:
    items = [i.key for i in due.due_items(DAY)]
    assert _stored() == len(_reference(DAY))
    summary.forget()
    read: list[object] = []
    real = next_step.load_facts
    try:
        next_step.load_facts = lambda ids=None: read.append(ids) or real(ids)  # type: ignore[assignment]
        assert [i.key for i in due.due_items(DAY)] == items
    finally:
        next_step.load_facts = real  # type: ignore[assignment]
    assert read == []  # nothing worked out again: every answer came from the table


def test_each_kind_of_change_through_the_services(demo_store: Path) -> None:
    _agree()
    analyst = _ids("Data Analyst")
    interactions.log_interaction({"application": analyst, "channel": "email", "at": at("2026-11-25"),
                                  "direction": "outgoing", "purpose": "feedback_request"})
    _agree()
    logged = interactions.list_interactions(analyst)[0]
    crud.update("interactions", logged.id, {"reply_received": True})
    _agree()
    crud.delete("interactions", logged.id)
    _agree()
    pipeline.update_application(analyst, {"stage": "rejected"}, today=DAY)
    _agree()
    pipeline.record_feedback(_ids("Reporting Analyst"), "Strong SQL, weaker on stakeholders", "2026-11-24", today=DAY)
    _agree()
    interview = interviews.create_interview({"application": _ids("Reporting Analyst"),
                                             "at": datetime(2026, 12, 1, 14, tzinfo=timezone.utc), "round": 2,
                                             "format": "video", "interviewers": []}, today=DAY)
    _agree()
    crud.update("interviews", interview, {"at": datetime(2026, 11, 20, 9, tzinfo=timezone.utc)})
    _agree()
    recruiter = next(a.recruiter_id for a in pipeline.list_application_rows(today=DAY) if a.recruiter_id)
    crud.update("contacts", recruiter, {"name": "Renamed Recruiter"})
    _agree()
    assert any("Renamed Recruiter" in i.text for i in due.every_item(DAY))
    employer = pipeline.list_application_rows(today=DAY)[0].employer_id
    crud.update("organisations", employer, {"name": "Renamed Employer Ltd"})
    _agree()
    pipeline.delete_application(_ids("Junior Data Scientist"))
    _agree()
    save_settings({"min_follow_up_gap_days": 9})
    _agree()
    _agree(date(2026, 12, 9))  # another day


_RAW_CHANGES = (
    "INSERT INTO interaction (application_id, at, channel, direction, purpose, summary, reply_received, contact_name) "
    "VALUES ({app}, '2026-11-24T15:00:00+00:00', 'email', 'incoming', 'other', '', 0, '')",
    "UPDATE interaction SET purpose = 'follow_up', direction = 'outgoing' WHERE application_id = {app}",
    "DELETE FROM interaction WHERE application_id = {app}",
    "INSERT INTO stage_change (application_id, stage, \"on\") VALUES ({app}, 'interviewing', '2026-11-20')",
    "UPDATE application SET stage = 'no_response' WHERE id = {app}",
    "UPDATE application SET feedback = 'Good', feedback_on = '2026-11-23' WHERE id = {app}",
    "INSERT INTO interview (application_id, at, round, format, notes) "
    "VALUES ({app}, '2026-11-18T10:00:00+00:00', 1, 'phone', '')",
    "UPDATE interview SET at = '2026-12-02T10:00:00+00:00' WHERE application_id = {app}",
    "INSERT INTO interview_interviewer (interview_id, contact_id) "
    "SELECT i.id, c.id FROM interview i, contact c WHERE i.application_id = {app} AND NOT EXISTS "
    "(SELECT 1 FROM interview_interviewer l WHERE l.interview_id = i.id AND l.contact_id = c.id) LIMIT 1",
    "UPDATE contact SET name = 'Someone Else'",
    "UPDATE organisation SET name = name || ' (renamed)'",
    "DELETE FROM interview WHERE application_id = {app}",
    "DELETE FROM stage_change WHERE application_id = {app} AND stage = 'interviewing'",
    "UPDATE application SET stage = 'applied', applied_on = '2026-11-02' WHERE id = {app}",
    # the statement's own conflict clause overrides a trigger's: the marks must not depend on one
    "INSERT OR IGNORE INTO interaction (application_id, at, channel, direction, purpose, summary, reply_received, "
    "contact_name) VALUES ({app}, '2026-11-24T15:00:00+00:00', 'phone', 'incoming', 'other', '', 0, '')",
    # a REPLACE deletes the old row without its DELETE triggers: a logged contact moved to another application
    "INSERT OR REPLACE INTO interaction (id, application_id, at, channel, direction, purpose, summary, "
    "reply_received, contact_name) SELECT id, {other}, at, channel, direction, purpose, summary, reply_received, "
    "contact_name FROM interaction WHERE application_id = {app} ORDER BY at DESC LIMIT 1",
    "INSERT OR REPLACE INTO interview (id, application_id, at, round, format, notes) SELECT id, {other}, at, round, "
    "format, notes FROM interview WHERE application_id = {app} LIMIT 1",
)


@pytest.mark.parametrize("statement", _RAW_CHANGES)
def test_each_kind_of_change_by_raw_sql_on_another_connection(demo_store: Path, statement: str) -> None:
    app, other_app = _ids("Data Analyst"), _ids("Reporting Analyst")
    _agree()
    _kept(DAY)  # held in memory: the other connection's write must still be seen
    other = sqlite3.connect(database_path(demo_store))
    try:
        other.execute("PRAGMA foreign_keys = ON")
        with other:
            assert other.execute(statement.format(app=app, other=other_app)).rowcount > 0  # it changed something
    finally:
        other.close()
    _agree()


def test_a_change_by_the_command_line_in_another_process(demo_store: Path) -> None:
    app = _ids("Reporting Analyst")
    before = {i.key for i in due.due_items(DAY) if i.application_id == app}
    assert any(k.startswith("last_say") for k in before)
    close_database()
    done = run("log", str(app), "--channel", "email", "--purpose", "last_say", "--at", "2026-11-25T09:00+00:00",
               "--today", "2026-11-25", "--data-dir", str(demo_store))
    assert done.returncode == 0, done.stderr
    open_database(demo_store)
    assert not any(i.key.startswith("last_say") for i in due.due_items(DAY) if i.application_id == app)
    _agree()


def test_a_change_rolled_back_leaves_no_answer_behind(demo_store: Path) -> None:
    app = _ids("Data Analyst")
    _agree()

    class Undone(Exception):
        pass

    with pytest.raises(Undone):
        with db.atomic():
            pipeline.update_application(app, {"stage": "withdrawn"}, today=DAY)
            assert not [i for i in due.due_items(DAY) if i.application_id == app]  # seen inside
            raise Undone
    assert [i for i in due.due_items(DAY) if i.application_id == app]
    _agree()


def test_a_connection_that_may_not_write_still_answers_right(demo_store: Path) -> None:
    db.obj.execute_sql("DELETE FROM application_summary")
    summary.forget()
    db.obj.execute_sql("PRAGMA query_only = ON")
    try:
        assert _kept(DAY) == _reference(DAY)
        assert _kept(DAY) == _reference(DAY)
    finally:
        db.obj.execute_sql("PRAGMA query_only = OFF")
    assert _stored() == 0  # nothing could be kept


def test_after_one_change_only_that_application_is_worked_out_again(demo_store: Path) -> None:
    token, _ = pipeline.application_changes(None, today=DAY)
    app = _ids("Data Analyst")
    worked: list[list[int]] = []
    real = summary._work_out
    try:
        summary._work_out = lambda ids, *a: worked.append(list(ids)) or real(ids, *a)  # type: ignore[assignment]
        interactions.log_interaction({"application": app, "channel": "email", "at": at("2026-11-25"),
                                      "direction": "outgoing", "purpose": "feedback_request"})
        due.due_items(DAY)
        token, changed = pipeline.application_changes(token, today=DAY)
    finally:
        summary._work_out = real  # type: ignore[assignment]
    assert worked == [[app]]
    assert changed == {app}
    _agree()


def test_the_summary_is_never_in_the_data_file(demo_store: Path) -> None:
    from desktop_app.services.exchange.datafile import export_data

    due.due_items(DAY)
    assert _stored() > 0
    assert "summary" not in " ".join(export_data().keys())
    assert "application_summary" not in str(export_data())


def test_a_backup_with_kept_answers_restores_and_they_still_agree(demo_store: Path, tmp_path: Path) -> None:
    """The summary travels inside a backup's database (a cache never blocks a restore); restored
    elsewhere, what it holds is checked against the records like any other."""
    from desktop_app.services import backup

    due.due_items(DAY)
    assert _stored() > 0
    backup.create_backup(demo_store, tmp_path / "with-summary")
    target = tmp_path / "with-summary.afterview-backup"
    assert target.is_file()
    close_database()
    elsewhere = tmp_path / "elsewhere"
    backup.restore_backup(elsewhere, target)
    open_database(elsewhere)
    _agree()


def _twin(app: int) -> int:
    """A copy of application ``app`` with its history and logged contacts: its items tie with
    the original's in Today's order (same day, kind and subject)."""
    def copy(table: str, where: str, **fixed: object) -> int:
        columns = [c[1] for c in db.obj.execute_sql(f'PRAGMA table_info("{table}")') if c[1] != "id"]
        picked = ", ".join(str(fixed[c]) if c in fixed else f'"{c}"' for c in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        return db.obj.execute_sql(f'INSERT INTO "{table}" ({names}) SELECT {picked} FROM "{table}" WHERE {where}',
                                  ()).lastrowid

    twin = copy("application", f"id = {app}")
    copy("stage_change", f"application_id = {app}", application_id=twin)
    copy("interaction", f"application_id = {app}", application_id=twin)
    return twin


def test_lists_kept_up_to_date_are_in_the_order_made_from_scratch(demo_store: Path) -> None:
    analyst = _ids("Reporting Analyst")
    _twin(analyst)
    answers = summary.current(DAY, get_settings())
    answers.follow_up_items(), answers.interview_items()  # made once, then kept up to date
    for app in (analyst, _twin(analyst), _ids("Data Analyst")):
        interactions.log_interaction({"application": app, "channel": "email", "at": at("2026-11-25", 8),
                                      "direction": "incoming", "purpose": "other"})
        summary.current(DAY, get_settings())
    pipeline.update_application(analyst, {"notes": "rang"}, today=DAY)
    kept = summary.current(DAY, get_settings())
    ties = [i.order for i in kept.follow_up_items()]
    assert len(ties) > len(set(ties))  # not vacuous: some items tie
    summary.forget()
    fresh = summary.current(DAY, get_settings())
    assert [i.key for i in kept.follow_up_items()] == [i.key for i in fresh.follow_up_items()]
    assert [i.key for i in kept.interview_items()] == [i.key for i in fresh.interview_items()]
