"""Logged contacts (calls, emails, LinkedIn messages …) and the warning against chasing too often.

Rule 6 of the advice: a new outgoing contact inside the minimum gap since the last
one on the same application gets a warning first. :func:`gap_warning` says whether
and why; the UI asks the user, then calls :func:`log_interaction`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peewee import JOIN

from desktop_app.rules import follow_up as rules
from desktop_app.services.core import crud
from desktop_app.services.applications import next_step
from desktop_app.services.applications.next_step import local_day
from desktop_app.services.core.settings import get_settings
from desktop_app.services.core.validation import InvalidValue, ValidationError, clean_moment
from desktop_app.store import models as m


@dataclass(frozen=True)
class InteractionRow:
    id: int
    application_id: int
    contact_id: int | None
    contact_name: str
    at: datetime
    channel: str
    direction: str
    purpose: str
    summary: str
    reply_received: bool


@dataclass(frozen=True)
class GapWarning:
    """A new outgoing contact would come too soon after the last one."""

    #: the organisation (or the agency, for recruiter applications) the user contacted
    who: str
    last_contacted_on: date
    days_ago: int
    polite_from: date


def list_interactions(app_id: int) -> list[InteractionRow]:
    query = (m.Interaction.select(m.Interaction, m.Contact.name.alias("contact_name"))
             .join(m.Contact, JOIN.LEFT_OUTER, on=(m.Interaction.contact == m.Contact.id))
             .where(m.Interaction.application == app_id).order_by(m.Interaction.at, m.Interaction.id))
    return [InteractionRow(i.id, app_id, i.contact_id, getattr(i, "contact_name", None) or "", i.at, i.channel,
                           i.direction, i.purpose, i.summary, i.reply_received) for i in query.objects()]


def _facts(app_id: int, *, skip: int | None = None) -> list[rules.ContactFact]:
    query = m.Interaction.select(m.Interaction.id, m.Interaction.at, m.Interaction.direction,
                                 m.Interaction.purpose, m.Interaction.reply_received).where(
        m.Interaction.application == app_id)
    return [rules.ContactFact(local_day(at), direction == "outgoing", purpose, bool(reply))
            for iid, at, direction, purpose, reply in query.tuples() if iid != skip]


def gap_warning(app_id: int, at: datetime | str, direction: str = "outgoing") -> GapWarning | None:
    """Why an outgoing contact at ``at`` would be too soon, or None when it is polite."""
    if direction != "outgoing":
        return None
    try:
        moment = clean_moment(at)
    except InvalidValue as exc:
        raise ValidationError("at", str(exc)) from None
    assert moment is not None
    when = local_day(moment)
    found = rules.contact_too_soon(_facts(app_id), when, get_settings())
    if found is None:
        return None
    last, polite_from = found
    app = crud.get("applications", app_id)
    who = app.agency.name if app.agency_id else app.employer.name  # type: ignore[attr-defined]
    return GapWarning(who, last, (when - last).days, polite_from)


def log_interaction(values: dict[str, Any]) -> int:
    """Record a contact. Call :func:`gap_warning` first: this does not ask, it logs."""
    before = next_step.stamp()
    row = crud.create("interactions", values)
    next_step.note_changed(row.application_id, before)  # type: ignore[attr-defined]
    return row.id


def update_interaction(interaction_id: int, values: dict[str, Any]) -> None:
    before = next_step.stamp()
    row = crud.update("interactions", interaction_id, values)
    next_step.note_changed(row.application_id, before)  # type: ignore[attr-defined]


def set_reply_received(interaction_id: int, received: bool = True) -> None:
    """Mark that they answered: the counting of follow-ups starts again."""
    update_interaction(interaction_id, {"reply_received": received})


def delete_interaction(interaction_id: int) -> None:
    row = crud.get("interactions", interaction_id)
    before = next_step.stamp()
    row.delete_instance()
    next_step.note_changed(row.application_id, before)  # type: ignore[attr-defined]
