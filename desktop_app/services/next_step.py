"""The facts the follow-up rules need, read for every application at once, and the "next step".

A handful of whole-table queries (applications, stage changes, interviews, logged
contacts), never one query per application: the Applications list and the Today list
both need the facts of thousands of applications in well under a second. Raw SQL
tuples on purpose: building Peewee model objects for 40,000 contacts would cost more
than all the rules together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from desktop_app.rules import follow_up as rules
from desktop_app.services.settings import AdviceSettings, get_settings
from desktop_app.store.db import db


def local_day(moment: str | datetime) -> date:
    """The calendar day of a stored moment in the user's own time zone."""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return value.astimezone().date()


def _as_date(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _where_ids(column: str, app_ids: list[int] | None) -> tuple[str, list[int]]:
    if app_ids is None:
        return "", []
    marks = ",".join("?" * len(app_ids))
    return f" WHERE {column} IN ({marks})", list(app_ids)


@dataclass(frozen=True)
class LoadedFacts:
    """The rules' facts per application id, plus the moments of the interviews."""

    facts: dict[int, rules.ApplicationFacts]
    #: interview id -> (application id, moment)
    interviews: dict[int, tuple[int, datetime]]


def load_facts(app_ids: Iterable[int] | None = None) -> LoadedFacts:
    """The rules' view of the given applications (all of them when ``app_ids`` is None)."""
    ids = None if app_ids is None else sorted(set(app_ids))
    if ids is not None and not ids:
        return LoadedFacts({}, {})
    database = db.obj
    where, params = _where_ids("id", ids)
    apps = database.execute_sql(
        f"SELECT id, stage, applied_on, feedback, feedback_on FROM application{where}", params).fetchall()
    where, params = _where_ids("application_id", ids)
    changes: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for app_id, stage, on in database.execute_sql(
            f"SELECT application_id, stage, \"on\" FROM stage_change{where}", params):
        changes[app_id].append((stage, _as_date(on)))
    interviews: dict[int, list[rules.InterviewFact]] = defaultdict(list)
    moments: dict[int, tuple[int, datetime]] = {}
    for interview_id, app_id, at in database.execute_sql(
            f"SELECT id, application_id, at FROM interview{where}", params):
        moment = datetime.fromisoformat(at)
        moments[interview_id] = (app_id, moment)
        interviews[app_id].append(rules.InterviewFact(interview_id, moment.astimezone().date()))
    contacts: dict[int, list[rules.ContactFact]] = defaultdict(list)
    for app_id, at, direction, purpose, reply in database.execute_sql(
            f"SELECT application_id, at, direction, purpose, reply_received FROM interaction{where}", params):
        contacts[app_id].append(rules.ContactFact(
            datetime.fromisoformat(at).astimezone().date(), direction == "outgoing", purpose, bool(reply)))
    facts = {}
    for app_id, stage, applied_on, feedback, feedback_on in apps:
        facts[app_id] = rules.ApplicationFacts(
            stage=stage, applied_on=_as_date(applied_on), stage_changes=tuple(changes.get(app_id, ())),
            interviews=tuple(interviews.get(app_id, ())), contacts=tuple(contacts.get(app_id, ())),
            feedback_on=_as_date(feedback_on) if feedback_on else None,
            has_feedback=bool(feedback and feedback.strip()))
    return LoadedFacts(facts, moments)


def next_interview_days(loaded: LoadedFacts, today: date) -> dict[int, date]:
    """The first interview on or after ``today`` for each application that has one."""
    upcoming: dict[int, date] = {}
    for app_id, moment in loaded.interviews.values():
        day = moment.astimezone().date()
        if day >= today and (app_id not in upcoming or day < upcoming[app_id]):
            upcoming[app_id] = day
    return upcoming


def next_steps(today: date | None = None, settings: AdviceSettings | None = None,
               loaded: LoadedFacts | None = None) -> dict[int, rules.NextStep]:
    """The next step of every application, by id."""
    today = today or date.today()
    settings = settings or get_settings()
    loaded = loaded or load_facts()
    upcoming = next_interview_days(loaded, today)
    return {app_id: rules.next_step(facts, settings, today, upcoming.get(app_id))
            for app_id, facts in loaded.facts.items()}
