"""Rules 5–9 of the advice: feedback, polite follow-ups, the last say, senior contact, re-approach.

Pure functions over plain values (no Qt, no Peewee): the services hand in what they
read from the store as :class:`ApplicationFacts`, and get back what is due and from
which day. Every threshold comes from the user's settings (any object with the
attributes of :class:`Thresholds`).

Days are calendar days in the user's local time; "working days" skip Saturdays and
Sundays (bank holidays differ by country and are left to the user's judgement).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple, Protocol

#: Stages whose applications get nothing suggested any more (rule: accepted / withdrawn).
FINISHED_STAGES = frozenset({"accepted", "withdrawn"})
#: Stages in which the user chases a reply (follow-ups and the last say).
CHASING_STAGES = frozenset({"applied", "interviewing", "offer", "no_response"})
#: Stages in which an interview still deserves feedback (an offer is the best feedback).
FEEDBACK_STAGES = frozenset({"applied", "interviewing", "rejected", "no_response"})
#: Outgoing messages that ask for an answer, so that their silence counts towards the last say.
CHASER_PURPOSES = frozenset({"follow_up", "feedback_request"})
#: A stage change to one of these means the employer has answered.
ANSWER_STAGES = frozenset({"interviewing", "offer", "accepted", "rejected"})


class Thresholds(Protocol):
    """The settings the rules read (``services.settings.AdviceSettings`` has them all)."""

    min_follow_up_gap_days: int
    feedback_request_after_working_days: int
    last_say_after_unanswered: int
    last_say_after_silence_days: int
    re_approach_after_months: int
    re_approach_window_months: int


class ContactFact(NamedTuple):
    """One logged contact, reduced to what the rules need (a tuple: tens of thousands are made at once)."""

    on: date
    outgoing: bool
    purpose: str = "other"
    reply_received: bool = False


class InterviewFact(NamedTuple):
    id: int
    on: date


#: The purposes whose last day the rules need (see :class:`ContactSummary`).
TRACKED_PURPOSES = ("feedback_request", "last_say", "senior_contact", "re_approach")


class ContactSummary(NamedTuple):
    """All the rules need from an application's logged contacts, however many there are.

    Bulk readers compute it in one pass over the rows; :meth:`of` computes it from the
    contacts themselves (tests, one application). A tuple: ten thousand are made at once.
    """

    #: the last outgoing contact, and the last sign they heard (incoming, or a reply marked)
    last_outgoing: date | None = None
    last_answer: date | None = None
    #: the last outgoing contact of each tracked purpose
    last_feedback_request: date | None = None
    last_say: date | None = None
    last_senior_contact: date | None = None
    last_re_approach: date | None = None
    #: every outgoing chaser with no reply marked, in any order
    chasers: tuple[date, ...] = ()

    @classmethod
    def of(cls, contacts: tuple[ContactFact, ...] | list[ContactFact]) -> "ContactSummary":
        def last(days: list[date]) -> date | None:
            return max(days) if days else None

        outgoing = [c for c in contacts if c.outgoing]
        sent = {p: last([c.on for c in outgoing if c.purpose == p]) for p in TRACKED_PURPOSES}
        return cls(
            last_outgoing=last([c.on for c in outgoing]),
            last_answer=last([c.on for c in contacts if not c.outgoing or c.reply_received]),
            last_feedback_request=sent["feedback_request"], last_say=sent["last_say"],
            last_senior_contact=sent["senior_contact"], last_re_approach=sent["re_approach"],
            chasers=tuple(c.on for c in outgoing if c.purpose in CHASER_PURPOSES and not c.reply_received))


_NO_CONTACTS = ContactSummary()


@dataclass(frozen=True)
class ApplicationFacts:
    """Everything the rules know about one application.

    Give either the ``contacts`` (a summary is made from them) or, from a bulk reader,
    a ready ``summary`` through :meth:`summarised`.
    """

    stage: str
    applied_on: date
    stage_changes: tuple[tuple[str, date], ...] = ()
    interviews: tuple[InterviewFact, ...] = ()
    contacts: tuple[ContactFact, ...] = ()
    feedback_on: date | None = None
    has_feedback: bool = False
    summary: ContactSummary = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "summary", ContactSummary.of(self.contacts) if self.contacts else _NO_CONTACTS)

    @classmethod
    def summarised(cls, summary: ContactSummary, **values: object) -> "ApplicationFacts":
        """Facts from a bulk reader, with the summary it computed (``contacts`` stays empty).

        Built without ``__init__``: the bulk readers make ten thousand at once, and the
        generated frozen ``__init__`` costs more than reading them from the database.
        """
        facts = object.__new__(cls)
        facts.__dict__.update(_FACT_DEFAULTS, **values, summary=summary)
        return facts


#: ApplicationFacts' defaults, for :meth:`ApplicationFacts.summarised`.
_FACT_DEFAULTS: dict[str, object] = {"stage_changes": (), "interviews": (), "contacts": (), "feedback_on": None,
                                     "has_feedback": False}


@dataclass(frozen=True)
class Suggestion:
    """Something the user should do, from ``due_on`` (and until ``until``, when it expires)."""

    kind: str  # feedback_request, follow_up, last_say, senior_contact, re_approach
    due_on: date
    until: date | None = None
    interview_id: int | None = None


# ---------------------------------------------------------------- calendar helpers
def add_working_days(start: date, days: int) -> date:
    """The day ``days`` working days (Monday–Friday) after ``start``; ``start`` itself for 0."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def add_months(start: date, months: int) -> date:
    """Same day of the month ``months`` later, clamped to the month's end (31 Aug + 3 = 30 Nov)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


# ---------------------------------------------------------------- the facts, read
class Reading(NamedTuple):
    """What every rule needs to know about one application, worked out in one pass over its facts."""

    #: the last day the user reached out (sending the application counts as the first time)
    last_out: date
    #: the last day the employer (or recruiter) showed they had heard the user, if ever
    answered: date | None
    #: the day the last say was sent, if it was
    last_say: date | None
    #: days of the outgoing chasers sent after the last answer, oldest first
    chasers: list[date]


def read(facts: ApplicationFacts, today: date) -> Reading:
    """What the rules need, worked out once. An answer is an incoming contact, a reply marked
    on an outgoing one, an interview that has taken place, or a stage change only the
    employer can cause."""
    summary = facts.summary
    last_out = facts.applied_on
    if summary.last_outgoing is not None and summary.last_outgoing > last_out:
        last_out = summary.last_outgoing
    answered = summary.last_answer
    for interview in facts.interviews:
        if interview.on <= today and (answered is None or interview.on > answered):
            answered = interview.on
    for stage, on in facts.stage_changes:
        if stage in ANSWER_STAGES and (answered is None or on > answered):
            answered = on
    chasers = sorted(d for d in summary.chasers if answered is None or d > answered)
    return Reading(last_out, answered, summary.last_say, chasers)


def last_say_sent(facts: ApplicationFacts) -> date | None:
    return facts.summary.last_say


def rejected_on(facts: ApplicationFacts) -> date | None:
    """The day of the (latest) rejection, or None when the application is not rejected."""
    if facts.stage != "rejected":
        return None
    days = [on for stage, on in facts.stage_changes if stage == "rejected"]
    return max(days) if days else facts.applied_on


def unanswered_chasers(facts: ApplicationFacts, today: date) -> list[date]:
    """Days of the outgoing chasers sent after the last answer (a reply restarts the count)."""
    return read(facts, today).chasers


# ---------------------------------------------------------------- rule 5: feedback
def feedback_requests(facts: ApplicationFacts, settings: Thresholds,
                      reading: Reading | None = None) -> list[Suggestion]:
    """A feedback request for each interview, due N working days later, until asked or answered.

    An interview is covered by a feedback request logged on or after its day, or by
    feedback recorded on or after it (feedback without a date covers every interview).
    """
    if facts.stage not in FEEDBACK_STAGES or not facts.interviews:
        return []
    sent = reading.last_say if reading is not None else last_say_sent(facts)
    if sent is not None or (facts.has_feedback and facts.feedback_on is None):
        return []
    asked = facts.summary.last_feedback_request
    out = []
    for interview in sorted(facts.interviews, key=lambda i: (i.on, i.id)):
        if asked is not None and asked >= interview.on:
            continue
        if facts.has_feedback and facts.feedback_on is not None and facts.feedback_on >= interview.on:
            continue
        due = add_working_days(interview.on, settings.feedback_request_after_working_days)
        out.append(Suggestion("feedback_request", due, interview_id=interview.id))
    return out


# ---------------------------------------------------------------- rule 6: follow up politely
def follow_up_allowed_from(facts: ApplicationFacts, settings: Thresholds, today: date,
                           reading: Reading | None = None) -> date | None:
    """The day a follow-up becomes polite, or None when there is nothing to chase.

    Nothing to chase: the application is not in a chasing stage, the last say has been
    sent, or the employer has answered since the user last reached out.
    """
    if facts.stage not in CHASING_STAGES:
        return None
    r = reading or read(facts, today)
    if r.last_say is not None or (r.answered is not None and r.answered >= r.last_out):
        return None
    return r.last_out + timedelta(days=settings.min_follow_up_gap_days)


def contact_too_soon(previous: list[ContactFact], when: date, settings: Thresholds) -> tuple[date, date] | None:
    """``(last_outgoing_day, polite_from)`` when a new outgoing contact on ``when`` comes too soon.

    ``previous`` are the contacts already logged on the application. A reply on or after
    the last outgoing contact restarts the counting, so nothing is too soon then.
    """
    earlier = [c for c in previous if c.on <= when]
    outgoing = [c.on for c in earlier if c.outgoing]
    if not outgoing:
        return None
    last = max(outgoing)
    if any((not c.outgoing or c.reply_received) and c.on >= last for c in earlier):
        return None
    polite_from = last + timedelta(days=settings.min_follow_up_gap_days)
    return (last, polite_from) if when < polite_from else None


# ---------------------------------------------------------------- rule 7: the last say
def last_say_from(facts: ApplicationFacts, settings: Thresholds, today: date,
                  reading: Reading | None = None) -> date | None:
    """When the closing message is suggested: after K unanswered chasers or D days of silence.

    K chasers: the K-th one is given the usual gap to be answered. Silence: D days
    after the user last reached out with no answer since. None once it has been sent.
    """
    if facts.stage not in CHASING_STAGES:
        return None
    r = reading or read(facts, today)
    if r.last_say is not None:
        return None
    candidates = []
    if r.answered is None or r.answered < r.last_out:
        candidates.append(r.last_out + timedelta(days=settings.last_say_after_silence_days))
    k = settings.last_say_after_unanswered
    if len(r.chasers) >= k:
        candidates.append(r.chasers[k - 1] + timedelta(days=settings.min_follow_up_gap_days))
    return min(candidates) if candidates else None


# ---------------------------------------------------------------- rules 8 and 9: after a rejection
def re_approach_window(facts: ApplicationFacts, settings: Thresholds) -> tuple[date, date] | None:
    """``(from, until)`` of the re-approach after a rejection, both days included."""
    rejected = rejected_on(facts)
    if rejected is None:
        return None
    start = add_months(rejected, settings.re_approach_after_months)
    end = max(start, add_months(rejected, settings.re_approach_window_months))
    return start, end


def _done_since(facts: ApplicationFacts, purpose: str, since: date) -> bool:
    last = facts.summary.last_senior_contact if purpose == "senior_contact" else facts.summary.last_re_approach
    return last is not None and last >= since


def senior_contact(facts: ApplicationFacts, settings: Thresholds) -> Suggestion | None:
    """Offered once, from the rejection until the re-approach takes over."""
    window = re_approach_window(facts, settings)
    rejected = rejected_on(facts)
    if window is None or rejected is None or last_say_sent(facts) is not None:
        return None
    if _done_since(facts, "senior_contact", rejected):
        return None
    return Suggestion("senior_contact", rejected, until=window[0] - timedelta(days=1))


def re_approach(facts: ApplicationFacts, settings: Thresholds) -> Suggestion | None:
    window = re_approach_window(facts, settings)
    rejected = rejected_on(facts)
    if window is None or rejected is None or last_say_sent(facts) is not None:
        return None
    if _done_since(facts, "re_approach", rejected):
        return None
    return Suggestion("re_approach", window[0], until=window[1])


# ---------------------------------------------------------------- all together
def suggestions(facts: ApplicationFacts, settings: Thresholds, today: date) -> list[Suggestion]:
    """Everything suggested for one application, due or not yet due, in the order to show it.

    Items whose window closed before ``today`` are left out. Once the last say is due,
    it replaces the follow-up: the user should close politely, not chase again.
    """
    if facts.stage in FINISHED_STAGES:
        return []
    r = read(facts, today)
    out = feedback_requests(facts, settings, r)
    if facts.stage in CHASING_STAGES:
        say = last_say_from(facts, settings, today, r)
        follow = follow_up_allowed_from(facts, settings, today, r)
        if say is not None and say <= today:
            out.append(Suggestion("last_say", say))
        elif follow is not None:
            out.append(Suggestion("follow_up", follow))
    elif facts.stage == "rejected":
        for item in (senior_contact(facts, settings), re_approach(facts, settings)):
            if item is not None and (item.until is None or item.until >= today):
                out.append(item)
    return out


def due_suggestions(facts: ApplicationFacts, settings: Thresholds, today: date) -> list[Suggestion]:
    """What is due on ``today`` (due on or before it, window still open)."""
    return [s for s in suggestions(facts, settings, today) if s.due_on <= today]


@dataclass(frozen=True)
class NextStep:
    """The "next step" of an application, for its row in the list."""

    kind: str  # interview, feedback_request, last_say, follow_up, senior_contact, re_approach,
    #            last_say_sent, waiting, none
    on: date | None = None


def next_step(facts: ApplicationFacts, settings: Thresholds, today: date,
              next_interview: date | None = None) -> NextStep:
    """The one thing to show in the list: the most pressing suggestion, or what is awaited."""
    if facts.stage in FINISHED_STAGES:
        return NextStep("none")
    sent = last_say_sent(facts)
    if sent is not None:
        return NextStep("last_say_sent", sent)
    if next_interview is not None and next_interview >= today:
        return NextStep("interview", next_interview)
    found = suggestions(facts, settings, today)
    for kind in ("feedback_request", "last_say", "senior_contact", "follow_up", "re_approach"):
        matching = [s for s in found if s.kind == kind]
        if matching:
            return NextStep(kind, min(s.due_on for s in matching))
    if facts.stage == "rejected":
        return NextStep("none")
    return NextStep("waiting")
