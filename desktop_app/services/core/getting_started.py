"""The first-start checklist of the Today tab (issue #18): what a new user sets up first.

Four steps, in the order the advice needs them: your profile (every message ends with your
name), two referees (an employer usually asks for two), a transcript in the vault (a
certificate alone is not enough; advice on qualifications), and your first application. The
checklist is shown until every step is done.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.services.core.kept import kept
from desktop_app.store import models as m

#: The number of active referees the checklist asks for (employers usually ask for two).
REFEREES_WANTED = 2


@dataclass(frozen=True)
class Step:
    """One line of the checklist: ``key`` (profile, referees, transcript, application), the
    sentence shown, and whether it is done."""

    key: str
    text: str
    done: bool


@kept(m.Profile, m.Referee, m.Document, m.Application)
def steps() -> list[Step]:
    """The four steps, in order, each with whether it is done (reads the open store; kept in
    memory until one of the four tables is written: Today asks after every change, issue 12)."""
    profile = m.Profile.select().first()
    named = profile is not None and bool((profile.name or "").strip())
    referees = m.Referee.select().where(m.Referee.active == True).count()  # noqa: E712 (Peewee)
    transcripts = m.Document.select().where(m.Document.kind == "transcript").count()
    applications = m.Application.select().count()
    return [
        Step("profile", "Your profile: your name ends every message", named),
        Step("referees", f"Two referees (you have {min(referees, REFEREES_WANTED)} of {REFEREES_WANTED})",
             referees >= REFEREES_WANTED),
        Step("transcript", "A transcript in the vault (a certificate alone is not enough)", transcripts > 0),
        Step("application", "Your first application", applications > 0),
    ]


def all_done() -> bool:
    """True once every step is done: the checklist is then no longer shown."""
    return all(step.done for step in steps())
