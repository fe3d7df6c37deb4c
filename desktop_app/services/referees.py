"""Referees: the people who vouch for the user, and what they have been told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import fn

from desktop_app import vocab
from desktop_app.services import crud
from desktop_app.store import models as m


@dataclass(frozen=True)
class RefereeRow:
    id: int
    name: str
    title: str
    organisation: str
    relationship: str
    worked_together: str
    email: str | None
    phone: str | None
    country: str | None
    time_zone: str | None
    preferred_channel: str
    online_questionnaire: bool
    consent_on: date | None
    active: bool
    notes: str
    last_briefed_on: date | None
    live_applications: int


def list_referee_rows(*, include_retired: bool = True) -> list[RefereeRow]:
    """Every referee with the last briefing date and how many live applications have them."""
    last_briefed = dict(m.Briefing.select(m.Briefing.referee, fn.MAX(m.Briefing.on))
                        .group_by(m.Briefing.referee).tuples())
    live = dict(m.ReferenceGiven.select(m.ReferenceGiven.referee, fn.COUNT(m.ReferenceGiven.id))
                .join(m.Application)
                .where(m.Application.stage.in_(sorted(vocab.LIVE_STAGES)))
                .group_by(m.ReferenceGiven.referee).tuples())
    query = m.Referee.select().order_by(m.Referee.name, m.Referee.id)
    if not include_retired:
        query = query.where(m.Referee.active == True)  # noqa: E712 (peewee expression)
    rows = []
    for r in query:
        briefed = last_briefed.get(r.id)
        rows.append(RefereeRow(
            id=r.id, name=r.name, title=r.title, organisation=r.organisation,
            relationship=r.relationship, worked_together=r.worked_together, email=r.email,
            phone=r.phone, country=r.country, time_zone=r.time_zone,
            preferred_channel=r.preferred_channel, online_questionnaire=r.online_questionnaire,
            consent_on=r.consent_on, active=r.active, notes=r.notes,
            last_briefed_on=date.fromisoformat(briefed) if isinstance(briefed, str) else briefed,
            live_applications=live.get(r.id, 0)))
    return rows


def create_referee(values: dict[str, Any]) -> int:
    return crud.create("referees", values).id


def update_referee(referee_id: int, values: dict[str, Any]) -> None:
    crud.update("referees", referee_id, values)


def delete_referee(referee_id: int) -> None:
    crud.delete("referees", referee_id)
