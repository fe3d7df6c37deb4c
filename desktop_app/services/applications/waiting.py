"""How long an application has waited: the day of the last thing that happened in its conversation.

The board's cards say "waiting N days" (issue #18). N counts from the latest of: applying,
the last chaser sent, the last answer (an incoming contact or a reply marked, an interview
that has taken place, a stage such as Interviewing or Offer that only an answer brings,
feedback received), and any other contact logged either way. The conversation is read by
:func:`desktop_app.rules.follow_up.read` over the facts the next step is worked out from
(:func:`desktop_app.services.applications.next_step.load_facts`), so the card and the
next step never disagree on what happened. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from desktop_app import clock
from desktop_app.rules import follow_up as rules
from desktop_app.services.applications import next_step
from desktop_app.services.applications.pipeline import ApplicationRow


def last_happened(rows: Iterable[ApplicationRow], today: date | None = None) -> dict[int, date]:
    """The local day of the last thing that happened, by application id, for each of ``rows``;
    for a closed application (rejected, withdrawn, no response, accepted...), the day it closed.

    ``today`` (default: :func:`desktop_app.clock.today`) decides which interviews have taken
    place: one on ``today`` or later is booked, not yet happened. An application whose facts
    cannot be read (deleted since the rows were made) counts from its last contact, else from
    the day it was applied for. Raises nothing for unknown ids. Reads the facts of ``rows``
    only, in a few queries: the board asks for the few hundred cards it shows, not every row.
    """
    today = today or clock.today()
    rows = list(rows)
    loaded = next_step.load_facts([row.id for row in rows])
    days: dict[int, date] = {}
    for row in rows:
        since = row.applied_on
        facts = loaded.facts.get(row.id)
        if facts is not None and facts.stage in rules.CLOSED_STAGES:
            # nothing is awaited once it closed: the day it closed (the board says "closed N days ago")
            days[row.id] = min(today, max((on for stage, on in facts.stage_changes if stage == facts.stage),
                                          default=since))
            continue
        if facts is not None:
            conversation = rules.read(facts, today)
            since = max(since, conversation.last_chase[0])
            if conversation.last_answer is not None:
                since = max(since, conversation.last_answer[0])
        if row.last_contact_at is not None:  # a contact of any purpose (a thank-you note too)
            since = max(since, next_step.local_day(row.last_contact_at))
        days[row.id] = min(since, today)  # a contact logged for later has not happened yet
    return days


def waited_days(since: date, today: date) -> int:
    """Whole days from ``since`` to ``today``; 0 when ``since`` is today or later."""
    return max(0, (today - since).days)


__all__ = ["last_happened", "waited_days"]
