"""The referees' part of the Today list (and of ``afterview due``).

Kinds (DATA_FORMAT.md): ``brief_referee`` — a referee given to a live application has
not been told they may be called; ``too_few_referees`` and ``no_direct_manager`` — the
set of referees is not ready. The last two appear once the user has any application
(live or closed: the search goes on): a new, empty data folder should open on a calm
Today, and the Referees tab's banner says the same thing at all times.
"""

from __future__ import annotations

from datetime import date

from desktop_app.rules import referees as referee_rules
from desktop_app.services.referees import briefings
from desktop_app.services.today.item import DueItem
from desktop_app.services.referees.referees import readiness_findings
from desktop_app.services.core.kept import kept
from desktop_app.services.core.settings import AdviceSettings
from desktop_app.store import models as m

#: Readiness findings that belong on Today (a weak referee is shown on the Referees tab only).
_TODAY_KINDS = ("too_few_referees", "no_direct_manager")


@kept(m.Referee, m.ReferenceGiven, m.Briefing, m.Application, m.Organisation)
def referee_due_items(today: date, settings: AdviceSettings) -> list[DueItem]:
    """The referees' items on ``today`` (kinds above). Read from the tables named on the decorator
    only, and kept in memory until one of them is written (``services.core.kept``, issue 12)."""
    items = [
        DueItem(kind="brief_referee", due_on=ref.on, subject=ref.referee_name,
                text=referee_rules.brief_before_call_text(ref.referee_name, ref.employer),
                key=f"brief_referee:{ref.referee_id}:{ref.application_id}",
                application_id=ref.application_id, referee_id=ref.referee_id)
        for ref in briefings.unbriefed(today=today, valid_days=settings.briefing_valid_days)
    ]
    # once the user has applied anywhere (even if every application is closed now: the search goes
    # on, and the next employer will ask), an unready set of referees is worth a line (issue 12, case 5)
    if m.Application.select().exists():
        for finding in readiness_findings():
            if finding.kind in _TODAY_KINDS:
                items.append(DueItem(kind=finding.kind, due_on=today, subject="Referees",
                                     text=finding.sentence(), key=finding.kind))
    return items

