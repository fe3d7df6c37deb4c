"""The referee advice as pure functions: is the set ready, is a referee briefed, is it a good time to call.

Plain values in, plain values out: no Qt, no Peewee. The services feed these from the
store; the Referees tab and the Today list show what they decide.

The advice (PRODUCT.md rules 1–3): keep at least two referees ready, normally former
direct managers — a spread of three or more different relationships is the accepted
exception; friends are weak referees; tell a referee before an employer calls them;
overseas referees are fine, but call them at a sensible hour of *their* day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop_app.dates import WEEKDAYS_SHORT

#: At least this many active referees.
MIN_REFEREES = 2
#: This many different (professional) relationships make a set strong without a direct manager.
VARIETY_EXCEPTION = 3
#: Relationships employers give little weight to.
WEAK_RELATIONSHIPS = frozenset({"personal"})


@dataclass(frozen=True)
class RefereeFacts:
    """What the readiness rule needs to know about one referee."""

    name: str
    relationship: str
    active: bool = True


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the set of referees.

    ``kind`` is ``too_few_referees``, ``no_direct_manager`` or ``weak_referee``;
    ``count`` is the number of active referees; ``name`` the weak referee's name.
    """

    kind: str
    count: int = 0
    name: str = ""

    def sentence(self) -> str:
        """The advice in plain British English (the UI translates its own copy of these)."""
        if self.kind == "too_few_referees":
            if self.count == 0:
                return ("You have no active referees. Add at least two people who will vouch for you, "
                        "ideally former direct managers.")
            return (f"You have only {self.count} active referee. Add at least one more, "
                    "ideally a former direct manager.")
        if self.kind == "no_direct_manager":
            return ("None of your referees is a direct manager. Add a former direct manager, "
                    "or have three referees of different relationships (a manager above you, "
                    "a colleague, someone you managed).")
        if self.kind == "weak_referee":
            return (f"{self.name} is a personal referee: employers give these little weight. "
                    "Prefer someone you worked with.")
        raise AssertionError(f"unknown finding {self.kind}")


def readiness(referees: Iterable[RefereeFacts]) -> list[Finding]:
    """What is missing from the user's referees; an empty list means the set is strong.

    Retired referees do not count. The "no direct manager" warning is skipped when
    there are no referees at all (the "too few" sentence already says what to do) and
    when at least three active referees have three different relationships. Personal
    referees do not count towards that variety: a friend is a weak referee (the advice
    says a referee is "not a colleague or a friend"), so a friend cannot make a set strong.
    """
    active = [r for r in referees if r.active]
    findings: list[Finding] = []
    if len(active) < MIN_REFEREES:
        findings.append(Finding("too_few_referees", count=len(active)))
    has_manager = any(r.relationship == "direct_manager" for r in active)
    varied = {r.relationship for r in active if r.relationship not in WEAK_RELATIONSHIPS}
    if active and not has_manager and len(varied) < VARIETY_EXCEPTION:
        findings.append(Finding("no_direct_manager", count=len(active)))
    for r in active:
        if r.relationship in WEAK_RELATIONSHIPS:
            findings.append(Finding("weak_referee", count=len(active), name=r.name))
    return findings


def is_weak(relationship: str) -> bool:
    return relationship in WEAK_RELATIONSHIPS


@dataclass(frozen=True)
class BriefingFacts:
    """One briefing: for an application (its id), or in general (``None``), on a day."""

    application_id: int | None
    on: date


def briefed_for(application_id: int, briefings: Iterable[BriefingFacts], *, today: date,
                valid_days: int) -> bool:
    """Has the referee been told they may be contacted about this application?

    Yes when a briefing names this application (at any date: it was about this very
    role), or when a general briefing is at most ``valid_days`` old — 90 days old is
    still fine with the default 90, 91 is not.
    """
    for b in briefings:
        if b.application_id == application_id:
            return True
        if b.application_id is None and (today - b.on).days <= valid_days:
            return True
    return False


# --------------------------------------------------------------------------- local time
#: The verdicts on an hour of the referee's day, and their words.
GOOD, EARLY, LATE, OUT_OF_HOURS, WEEKEND = "good", "early", "late", "out_of_hours", "weekend"
VERDICT_WORDS: dict[str, str] = {
    GOOD: "a good time to call",
    EARLY: "too early",
    LATE: "too late",
    OUT_OF_HOURS: "outside working hours",
    WEEKEND: "the weekend, better to email",
}
#: English day names, fixed so the text does not change with the machine's locale.
WEEKDAYS: Sequence[str] = WEEKDAYS_SHORT

#: Working hours in the referee's day: a call is welcome from 09:00 to 17:59 on weekdays.
WORK_STARTS, WORK_ENDS = 9, 18
#: Before 08:00 and from 21:00 a call would wake or disturb them, whatever the day.
DAY_STARTS, DAY_ENDS = 8, 21


@dataclass(frozen=True)
class LocalTime:
    """The time now where the referee lives, and whether it suits a call."""

    clock: str  # "14:05"
    weekday: str  # "Tue"
    verdict: str  # one of the verdicts above
    moment: datetime

    def text(self) -> str:
        """``14:05 Tue, a good time to call`` or ``03:10, too early``."""
        words = VERDICT_WORDS[self.verdict]
        if self.verdict in (EARLY, LATE):
            return f"{self.clock}, {words}"  # the day adds nothing at 3 a.m.
        return f"{self.clock} {self.weekday}, {words}"


def call_verdict(local: datetime) -> str:
    """Whether ``local`` (the referee's wall-clock time) is a sensible moment to phone."""
    hour = local.hour
    if hour < DAY_STARTS:
        return EARLY
    if hour >= DAY_ENDS:
        return LATE
    if local.weekday() >= 5:
        return WEEKEND
    if WORK_STARTS <= hour < WORK_ENDS:
        return GOOD
    return OUT_OF_HOURS


def local_time(now: datetime, zone: str | None) -> LocalTime | None:
    """The referee's local time at the moment ``now`` (an aware datetime), or None.

    None when the referee has no time zone or an unknown one: the list then says so
    instead of guessing from the user's own zone.
    """
    if not zone:
        return None
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    try:
        local = now.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return LocalTime(clock=f"{local:%H:%M}", weekday=WEEKDAYS[local.weekday()],
                     verdict=call_verdict(local), moment=local)


def local_time_text(now: datetime, zone: str | None) -> str:
    """``14:05 Tue, a good time to call``; empty when the time zone is not known."""
    found = local_time(now, zone)
    return found.text() if found else ""


#: Legal-form words dropped when a sentence names an employer ("before Northwind calls").
_LEGAL_FORMS = frozenset({"ltd", "ltd.", "limited", "plc", "inc", "inc.", "llc", "llp", "gmbh", "ag",
                          "sa", "s.a.", "bv", "b.v.", "pty", "co", "co.", "corp", "corp.", "nv", "srl"})


def spoken_organisation(name: str) -> str:
    """``Northwind Ltd`` → ``Northwind``: how people say an employer's name in a sentence."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(",") in _LEGAL_FORMS:
        words.pop()
    return " ".join(words).rstrip(",") or name


def brief_before_call_text(referee_name: str, employer: str) -> str:
    """The Today sentence: ``Brief Alex Morgan before Northwind calls``."""
    return f"Brief {referee_name} before {spoken_organisation(employer)} calls"
