"""The job-search activities of a period, as plain rows, and their summary (PRODUCT.md, "Proof of the search").

An *activity* is an application sent (its ``applied_on`` day), an interview (its
day in the user's time zone) or a logged contact (an interaction: outgoing
follow-ups of the advice, and every other contact, incoming ones included). Each
becomes one :class:`ActivityRow` in our own words; ``column_sets`` turns it into a
reader's cells. Also the month's progress towards the user's target
(:func:`month_progress`, Today's "12 of 20 this month").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from desktop_app import clock
from desktop_app.dates import as_date, local_start_of_day
from desktop_app.services.report.column_sets import KINDS
from desktop_app.store import models as m

#: Purposes of an outgoing contact that are a follow-up in the advice's sense (rules 5–9);
#: other outgoing contacts (a reference, "other") and every incoming one are "contact".
FOLLOW_UP_PURPOSES: frozenset[str] = frozenset(
    {"thank_you", "feedback_request", "follow_up", "last_say", "senior_contact", "re_approach"})
#: An interview's format as the report's "how".
_INTERVIEW_HOW = {"phone": "phone", "video": "video", "in_person": "in_person"}
#: Said wherever a report's end is brought back to today (the dialog, ``afterview report``).
ENDS_TODAY = "The report ends today: activities after today have not happened yet."
#: The days a report may name: a calendar's typing slip (0001, 9999) is refused in plain words.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2100, 12, 31)


class ReportRangeError(ValueError):
    """The period asked for cannot be reported; the message says why, in the user's words."""


@dataclass(frozen=True)
class ActivityRow:
    """One activity. ``kind`` is one of ``column_sets.KINDS``; ``how`` one of ``column_sets.HOWS``;
    ``stage`` the application's stage now (its outcome so far); ``detail`` the user's own text
    (where an application was found or sent, the summary of a contact), ``replied`` whether an outgoing
    contact got its reply; ``incoming`` whether the other side made the contact."""

    day: date
    kind: str
    organisation: str
    role: str
    how: str
    contact: str
    stage: str
    application_id: int
    detail: str = ""
    replied: bool = False
    incoming: bool = False
    #: an interview's round (1 for the first, and for everything else)
    round: int = 1
    #: orders the rows of one day: applications (no time) first, then by the moment
    order: str = ""


@dataclass(frozen=True)
class ActivitySummary:
    """How many activities of each kind (``counts`` by ``KINDS`` word), in all, and the outcome so
    far of the applications the report names (``outcomes``: stage -> applications)."""

    counts: dict[str, int]
    total: int
    outcomes: dict[str, int] = field(default_factory=dict)


def check_period(first: date, last: date) -> None:
    """Raise :class:`ReportRangeError` unless ``first`` is on or before ``last`` and both lie in
    1900–2100 (:data:`EARLIEST_DAY`, :data:`LATEST_DAY`)."""
    for day in (first, last):
        if not EARLIEST_DAY <= day <= LATEST_DAY:
            raise ReportRangeError(f"{day.isoformat()} is not a day a report can cover: choose days from "
                                   f"{EARLIEST_DAY.year} to {LATEST_DAY.year}.")
    if first > last:
        raise ReportRangeError(f"The report cannot start on {first.isoformat()}: that is after its last day, "
                               f"{last.isoformat()}.")


def reported_period(first: date, last: date, today: date | None = None) -> tuple[date, date]:
    """The days a report really covers: ``last`` brought back to ``today`` (the clock's day when
    None), since what comes after today has not happened (a planned interview is not one attended).

    Raises :class:`ReportRangeError` as :func:`check_period` does, and when ``first`` is after today.
    """
    check_period(first, last)
    today = today or clock.today()
    if first > today:
        raise ReportRangeError(f"The report cannot start on {first.isoformat()}: that is after today, "
                               f"{today.isoformat()}, and activities after today have not happened yet.")
    return first, min(last, today)


def how_of_source(source: str) -> str:
    """How an application was sent, read from its free-text source ("LinkedIn", "by email" …).

    Anything not naming another way is an online application: that is how nearly all are sent.
    """
    text = source.casefold()
    if "linkedin" in text:
        return "linkedin"
    if "mail" in text:
        return "email"
    if "phone" in text or "call" in text:
        return "phone"
    if "person" in text or "walk" in text or "hand" in text:
        return "in_person"
    return "online"


def _one_line(text: str) -> str:
    # the whole text, its line breaks made spaces: a cell is one line in both formats
    return " ".join(text.split())


def _moment_range(first: date, last: date) -> tuple[datetime, datetime]:
    # local midnight to local midnight, each with its own day's offset (summer time)
    return local_start_of_day(first), local_start_of_day(last + timedelta(days=1))


def list_activities(first: date, last: date, kinds: Collection[str] = KINDS) -> list[ActivityRow]:
    """Every activity of the kinds ``kinds`` from ``first`` to ``last`` (both included), oldest first.

    Days are the user's own (the machine's time zone). Only what has happened counts: the
    period ends today at the latest (:func:`reported_period`) and an interview later today is
    not listed until its time has come. The user's text is kept whole (the PDF shortens it).
    Raises :class:`ReportRangeError` when ``first`` is after ``last`` or after today, or a day
    is outside 1900–2100, and ValueError for a kind not in ``KINDS``.
    """
    first, last = reported_period(first, last)
    now = clock.now()
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown activity kinds: {sorted(unknown)}")
    organisations = dict(m.Organisation.select(m.Organisation.id, m.Organisation.name).tuples())
    contacts = dict(m.Contact.select(m.Contact.id, m.Contact.name).tuples())
    applications: dict[int, tuple[str, str, str, str]] = {}  # id -> organisation, role, stage, recruiter

    def application(app_id: int) -> tuple[str, str, str, str]:
        if app_id not in applications:
            a = (m.Application.select(m.Application.role, m.Application.employer, m.Application.agency,
                                      m.Application.recruiter, m.Application.stage)
                 .where(m.Application.id == app_id).tuples().get())
            applications[app_id] = _application_facts(a, organisations, contacts)
        return applications[app_id]

    rows: list[ActivityRow] = []
    start, end = _moment_range(first, last)
    if "application" in kinds:
        query = (m.Application.select(m.Application.id, m.Application.role, m.Application.employer,
                                      m.Application.agency, m.Application.recruiter, m.Application.stage,
                                      m.Application.applied_on, m.Application.source)
                 .where(m.Application.applied_on.between(first, last)).tuples())
        for app_id, role, employer, agency, recruiter, stage, applied_on, source in query:
            facts = _application_facts((role, employer, agency, recruiter, stage), organisations, contacts)
            applications[app_id] = facts
            rows.append(ActivityRow(as_date(applied_on), "application", facts[0], facts[1], how_of_source(source),
                                    facts[3], facts[2], app_id, detail=_one_line(source)))
    if "interview" in kinds:
        interviewers: dict[int, list[str]] = {}
        query = (m.Interview.select(m.Interview.id, m.Interview.application, m.Interview.at, m.Interview.format,
                                    m.Interview.round)
                 .where((m.Interview.at >= start) & (m.Interview.at < min(end, now))).tuples())
        found = list(query)
        if found:
            for interview_id, contact_id in (m.InterviewInterviewer
                                             .select(m.InterviewInterviewer.interview, m.InterviewInterviewer.contact)
                                             .where(m.InterviewInterviewer.interview.in_([f[0] for f in found]))
                                             .tuples()):
                interviewers.setdefault(interview_id, []).append(contacts.get(contact_id, ""))
        for interview_id, app_id, at, form, round_number in found:
            organisation, role, stage, _recruiter = application(app_id)
            moment = at if isinstance(at, datetime) else datetime.fromisoformat(at)
            rows.append(ActivityRow(moment.astimezone().date(), "interview", organisation, role,
                                    _INTERVIEW_HOW.get(form, "other"),
                                    ", ".join(n for n in interviewers.get(interview_id, []) if n), stage, app_id,
                                    round=round_number,
                                    order=moment.astimezone().isoformat()))
    wanted_contacts = {"follow_up", "contact"} & set(kinds)
    if wanted_contacts:
        query = (m.Interaction.select(m.Interaction.application, m.Interaction.contact, m.Interaction.contact_name,
                                      m.Interaction.at, m.Interaction.channel, m.Interaction.direction,
                                      m.Interaction.purpose, m.Interaction.summary, m.Interaction.reply_received)
                 .where((m.Interaction.at >= start) & (m.Interaction.at < end)).tuples())
        for app_id, contact_id, kept_name, at, channel, direction, purpose, summary, replied in query:
            incoming = direction == "incoming"
            kind = "follow_up" if not incoming and purpose in FOLLOW_UP_PURPOSES else "contact"
            if kind not in wanted_contacts:
                continue
            organisation, role, stage, _recruiter = application(app_id)
            moment = at if isinstance(at, datetime) else datetime.fromisoformat(at)
            # the contact's name today; the name kept when it was logged once the contact is gone (schema v2)
            person = (contacts.get(contact_id) if contact_id is not None else None) or kept_name or ""
            rows.append(ActivityRow(moment.astimezone().date(), kind, organisation, role, channel, person, stage,
                                    app_id, detail=_one_line(summary), replied=bool(replied) and not incoming,
                                    incoming=incoming, order=moment.astimezone().isoformat()))
    rows.sort(key=lambda r: (r.day, r.order, KINDS.index(r.kind), r.organisation.casefold(), r.application_id))
    return rows


def _application_facts(values: tuple[str, int, int | None, int | None, str], organisations: dict[int, str],
                       contacts: dict[int, str]) -> tuple[str, str, str, str]:
    role, employer, agency, recruiter, stage = values
    organisation = organisations.get(employer, "")
    if agency is not None and organisations.get(agency):
        organisation = f"{organisation} ({organisations[agency]})"
    return organisation, role, stage, contacts.get(recruiter, "") if recruiter is not None else ""


def summarise(rows: list[ActivityRow]) -> ActivitySummary:
    """The counts of ``rows`` by kind, in all, and the outcome so far of each application named once."""
    counts = Counter(r.kind for r in rows)
    stages: dict[int, str] = {}
    for row in rows:
        stages.setdefault(row.application_id, row.stage)
    return ActivitySummary({kind: counts.get(kind, 0) for kind in KINDS}, len(rows), dict(Counter(stages.values())))


@dataclass(frozen=True)
class MonthProgress:
    """The job-search activities of the month so far (``done``) against the monthly ``target``
    (0: no target set); ``month`` is the month's first day."""

    done: int
    target: int
    month: date


def count_month_activities(today: date) -> int:
    """Activities from the first of ``today``'s month to ``today``: exactly the rows the activity
    report lists for *This month* with every kind ticked (applications sent, interviews held,
    follow-ups and other logged contacts), so that Today's line and the report never disagree."""
    return len(list_activities(today.replace(day=1), today, KINDS))


def month_progress(today: date | None = None) -> MonthProgress:
    """The month's progress towards the monthly target (Settings); counts nothing when none is set."""
    from desktop_app.services.core.settings import get_monthly_target

    today = today or clock.today()
    target = get_monthly_target()
    done = count_month_activities(today) if target else 0
    return MonthProgress(done, target, today.replace(day=1))


#: The dialog's ready-made periods: (key, label). All but ``month`` end today.
PRESETS: tuple[tuple[str, str], ...] = (
    ("week", "Last 7 days"), ("fortnight", "Last fortnight"), ("this_month", "This month"),
    ("month", "Last month"), ("custom", "Custom"))


def preset_period(preset: str, today: date) -> tuple[date, date]:
    """The days (first, last) of a preset, both included.

    ``week``: the 7 days ending today; ``fortnight``: the 14 days ending today; ``this_month``:
    the calendar month so far (the 1st to today, what Today's target line counts); ``month``:
    the previous calendar month, whole (on 14 Nov: 1–31 Oct). Raises ValueError for ``custom``
    or an unknown preset: those have no fixed days.
    """
    if preset == "week":
        return today - timedelta(days=6), today
    if preset == "fortnight":
        return today - timedelta(days=13), today
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    raise ValueError(f"the preset {preset!r} has no fixed days")
