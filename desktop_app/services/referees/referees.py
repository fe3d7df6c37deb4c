"""Referees: the people who vouch for the user, and what they have been told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import fn

from desktop_app import vocab
from desktop_app.rules import referees as referee_rules
from desktop_app.services.core import crud
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
    """Move the referee to the Trash with their briefings and references given (30 days; undoable)."""
    from desktop_app.services.core import trash

    trash.move_to_trash("referees", referee_id)


def get_referee(referee_id: int) -> RefereeRow:
    """One referee as the form shows it; raises ``crud.NotFound`` when it has gone."""
    crud.get("referees", referee_id)
    for row in list_referee_rows():
        if row.id == referee_id:
            return row
    raise crud.NotFound("This referee no longer exists.")


def set_active(referee_id: int, active: bool) -> None:
    """Retire a referee (kept with their history, hidden from the list) or bring them back."""
    crud.update("referees", referee_id, {"active": active})


def readiness_findings() -> list[referee_rules.Finding]:
    """What is missing from the user's set of active referees (empty: the set is strong)."""
    facts = [referee_rules.RefereeFacts(name, relationship, active)
             for name, relationship, active in m.Referee.select(
                 m.Referee.name, m.Referee.relationship, m.Referee.active).tuples()]
    return referee_rules.readiness(facts)


def country_of_phone(text: str) -> str | None:
    """The country of an international number (``+61 2 …`` → ``AU``), to preselect the country."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text.strip(), None)
    except phonenumbers.NumberParseException:
        return None
    return country_of_number(number)


def country_of_number(number: Any) -> str | None:
    """The country (ISO alpha-2) of a number already parsed by ``phonenumbers.parse``, or None
    for a non-geographic one (``+800``…); as :func:`country_of_phone`, without parsing again."""
    import phonenumbers

    region = phonenumbers.region_code_for_number(number)
    if not region:
        # numbers outside the allocated ranges (Ofcom's drama numbers, brand-new ranges):
        # the calling code's main country (+44 → GB, +1 → US, +61 → AU)
        regions = phonenumbers.region_codes_for_country_code(number.country_code)
        region = regions[0] if regions else None
    return region if region and region != "001" else None


def known_emails() -> set[str]:
    """Every referee's email, case-folded (in Python: SQLite's LOWER knows only ASCII)."""
    return {e.casefold() for (e,) in m.Referee.select(m.Referee.email)
            .where(m.Referee.email.is_null(False)).tuples()}
