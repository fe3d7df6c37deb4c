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

from desktop_app import clock
from desktop_app.dates import as_date, day_month
from desktop_app.rules import follow_up as rules
from desktop_app.services.core import crud
from desktop_app.services.applications import next_step
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

    def sentence(self) -> str:
        """The warning in English, as the window words it (``afterview log`` prints it)."""
        ago = {0: "earlier today", 1: "yesterday"}.get(self.days_ago, f"{self.days_ago} days ago")
        return f"You last contacted {self.who} {ago}; a follow-up is polite from {day_month(self.polite_from)}."


def list_interactions(app_id: int) -> list[InteractionRow]:
    # the contact's name today; the name kept when it was logged once the contact is removed
    query = (m.Interaction.select(m.Interaction, m.Contact.name.alias("current_name"))
             .join(m.Contact, JOIN.LEFT_OUTER, on=(m.Interaction.contact == m.Contact.id))
             .where(m.Interaction.application == app_id).order_by(m.Interaction.at, m.Interaction.id))
    return [InteractionRow(i.id, app_id, i.contact_id, getattr(i, "current_name", None) or i.contact_name or "", i.at, i.channel,
                           i.direction, i.purpose, i.summary, i.reply_received) for i in query.objects()]


def gap_warning(app_id: int, at: datetime | str, direction: str = "outgoing",
                purpose: str = "follow_up") -> GapWarning | None:
    """Why logging an outgoing ``purpose`` contact at ``at`` would be chasing too soon, or None.

    The same reading of the conversation as Today and the next step
    (:func:`desktop_app.rules.follow_up.too_soon`): only chasing contacts (feedback
    request, follow-up, last say) can be too soon, and only when nobody has answered since
    the user last chased. Raises :class:`ValidationError` (field ``at``) for a moment that
    is not one, and ``crud.NotFound`` for an application that does not exist.
    """
    if direction != "outgoing":
        return None
    try:
        moment = clean_moment(at)
    except InvalidValue as exc:
        raise ValidationError("at", str(exc)) from None
    assert moment is not None
    local = moment.astimezone()
    facts = next_step.facts_of(app_id)
    if facts is None:
        crud.get("applications", app_id)  # raises the usual "not found"
        return None
    found = rules.too_soon(facts, get_settings(), purpose, (local.date(), local.strftime("%H:%M:%S")))
    if found is None:
        return None
    last, polite_from = found
    app = crud.get("applications", app_id)
    who = app.agency.name if app.agency_id else app.employer.name  # type: ignore[attr-defined]
    return GapWarning(who, last, (local.date() - last).days, polite_from)


def date_warning(app_id: int, at: datetime | str, kind: str = "contact", now: datetime | None = None) -> str | None:
    """Whether ``at`` can be the moment of a ``kind`` ("contact" or "interview") of the application.

    Returns a warning sentence to ask "is the date right?" (before the day you applied;
    an interview more than a year ahead), or None. Raises :class:`ValidationError`
    (field ``at``) when it cannot be recorded at all: a contact in the future, a year
    outside 1900–2100 (:func:`desktop_app.rules.follow_up.check_moment`), and
    ``crud.NotFound`` when the application does not exist. ``now``: the moment to check
    against (default: the clock's).
    """
    try:
        moment = clean_moment(at)
    except InvalidValue as exc:
        raise ValidationError("at", str(exc)) from None
    assert moment is not None
    app = crud.get("applications", app_id)
    found = rules.check_moment(kind, moment, now or clock.now(), as_date(app.applied_on))  # type: ignore[attr-defined]
    if found.refusal:
        raise ValidationError("at", found.refusal)
    return found.warning


def log_interaction(values: dict[str, Any]) -> int:
    """Record a contact. The windows and ``afterview log`` call :func:`date_warning` (a contact in
    the future is refused there) and :func:`gap_warning` first: this does not ask, it logs."""
    row = crud.create("interactions", values)
    return row.id


def update_interaction(interaction_id: int, values: dict[str, Any]) -> None:
    crud.update("interactions", interaction_id, values)


def set_reply_received(interaction_id: int, received: bool = True) -> None:
    """Mark that they answered: the counting of follow-ups starts again."""
    update_interaction(interaction_id, {"reply_received": received})


def delete_interaction(interaction_id: int) -> None:
    row = crud.get("interactions", interaction_id)
    row.delete_instance()
