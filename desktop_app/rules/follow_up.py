"""Rules 5–9 of the advice as one model of the conversation with each application.

Pure functions over plain values (no Qt, no Peewee): the services hand in what they read
from the store as :class:`ApplicationFacts` and get back what is due, and from which day.
Today, the "next step" of the Applications list, the too-soon warning and the messages
all read the conversation the same way, through :func:`read`.

The conversation, in the user's words
-------------------------------------
* **Chasing** is asking them for an answer: the application itself (the first time you
  reached out), a *feedback request*, a *follow-up*, and the *last say*. Only chasing
  counts towards "never daily": the gap (default 5 days) is between chasing contacts of
  one application. A *thank-you*, a letter to a *senior contact*, a *reference* matter,
  a *re-approach* and *other* messages are not chasing: they never get the too-soon
  question and do not move the follow-up dates.
* **An answer** is anything that shows they heard you: a contact from them (incoming),
  a reply marked on one of your messages, an interview that took place (the day after
  its day) or is booked, a stage change only the employer can cause (interviewing,
  offer, rejected), or feedback you recorded. An answer restarts the counting: a
  follow-up is polite again a gap after it, and the unanswered follow-ups are counted
  afresh.
* **A booked interview** (today or later) pauses follow-ups and the last say until it
  has taken place; then a feedback request is due (default two working days later) and
  it, not a follow-up, is the next chase.
* **Feedback recorded ends the chase**, and so does **the last say**: nothing more is
  suggested until you chase again or a new interview comes. A closed stage (rejected,
  withdrawn, no response, accepted) ends it at once, whatever was outstanding — an
  interview without feedback, or one booked after the rejection, asks for no feedback.
  After a rejection the re-approach window (from 3 to 6 months later) is shown at once,
  with the offer to write to someone senior; the re-approach stays shown until one is
  sent once its window has opened (one sent earlier is "early" and does not cancel it).
* **Same day, in order**: contacts and interviews have a time, and are ordered by it. A
  stage change and the day you applied have only a day: they count as the *start* of
  that day, because you often record a stage change after the fact (an interview on
  Friday entered on Monday), and it must not outrank a message you sent later that
  Monday. Feedback recorded counts as the *end* of its day: it answers everything sent
  that day.

A moment is ``(local day, "HH:MM:SS")``; ``""`` is the start of a day and ``"~"`` its
end, so plain tuple order is time order. Days are calendar days in the user's local
time; "working days" skip Saturdays and Sundays (bank holidays differ by country and
are left to the user's judgement). Every threshold comes from the user's settings (any
object with the attributes of :class:`Thresholds`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple, Protocol

from desktop_app.dates import day_month

#: Stages whose applications get nothing suggested any more (rule: accepted / withdrawn).
FINISHED_STAGES = frozenset({"accepted", "withdrawn"})
#: Closed stages: the chase (feedback requests, follow-ups) ends the day the stage is
#: reached, whatever was outstanding. A rejection then offers the senior contact and the
#: re-approach (rules 8 and 9); "no response" offers only the last say (rule 7, the polite
#: close when they never answered), due at once.
CLOSED_STAGES = FINISHED_STAGES | {"rejected", "no_response"}
#: Stages in which the user chases a reply (follow-ups and the last say).
CHASING_STAGES = frozenset({"applied", "interviewing", "offer"})
#: Stages in which an interview still deserves a feedback request (an offer is the best
#: feedback; after a rejection the senior contact takes its place, rule 8).
FEEDBACK_STAGES = frozenset({"applied", "interviewing"})
#: Outgoing contacts that chase an answer: the gap is kept between these (rules 5–7).
CHASING_PURPOSES = frozenset({"feedback_request", "follow_up", "last_say"})
#: Chasing contacts whose silence counts towards the last say (the last say itself does not).
CHASER_PURPOSES = frozenset({"follow_up", "feedback_request"})
#: A stage change to one of these means the employer has answered ("accepted" is the user's
#: own doing, but it finishes the application anyway; kept for the company memory).
ANSWER_STAGES = frozenset({"interviewing", "offer", "accepted", "rejected"})

#: Times of day for things that have only a day (see the module docstring).
START_OF_DAY, END_OF_DAY = "", "~"
#: When a contact or an interview has no known time (tests, old data): midday.
MIDDAY = "12:00:00"

Moment = tuple[date, str]


class Thresholds(Protocol):
    """The settings the rules read (``services.settings.AdviceSettings`` has them all)."""

    min_follow_up_gap_days: int
    feedback_request_after_working_days: int
    last_say_after_unanswered: int
    last_say_after_silence_days: int
    re_approach_after_months: int
    re_approach_window_months: int


class ContactFact(NamedTuple):
    """One logged contact, reduced to what the rules need (a tuple: tens of thousands are made at once).

    ``time`` is the local time of day, ``"HH:MM:SS"``.
    """

    on: date
    outgoing: bool
    purpose: str = "other"
    reply_received: bool = False
    time: str = MIDDAY

    @property
    def moment(self) -> Moment:
        return (self.on, self.time)


class InterviewFact(NamedTuple):
    """One interview: its id, local day and local time of day (``"HH:MM:SS"``)."""

    id: int
    on: date
    time: str = MIDDAY

    @property
    def moment(self) -> Moment:
        return (self.on, self.time)


#: The purposes whose last moment the rules need besides the chase (see :class:`ContactSummary`).
TRACKED_PURPOSES = ("feedback_request", "last_say", "senior_contact", "re_approach")


class ContactSummary(NamedTuple):
    """All the rules need from an application's logged contacts, however many there are.

    Bulk readers compute it in one pass over the rows (``services.applications.next_step``);
    :meth:`of` computes it from the contacts themselves. Every field is a moment.
    """

    #: the last chasing contact, and the last sign they heard (an incoming contact, or a reply marked)
    last_chase: Moment | None = None
    last_answer: Moment | None = None
    #: the last outgoing contact of each tracked purpose
    last_feedback_request: Moment | None = None
    last_say: Moment | None = None
    last_senior_contact: Moment | None = None
    last_re_approach: Moment | None = None
    #: every outgoing chaser (:data:`CHASER_PURPOSES`) with no reply marked, in any order
    chasers: tuple[Moment, ...] = ()

    @classmethod
    def of(cls, contacts: tuple[ContactFact, ...] | list[ContactFact]) -> "ContactSummary":
        def last(moments: list[Moment]) -> Moment | None:
            return max(moments) if moments else None

        outgoing = [c for c in contacts if c.outgoing]
        sent = {p: last([c.moment for c in outgoing if c.purpose == p]) for p in TRACKED_PURPOSES}
        return cls(
            last_chase=last([c.moment for c in outgoing if c.purpose in CHASING_PURPOSES]),
            last_answer=last([c.moment for c in contacts if not c.outgoing or c.reply_received]),
            last_feedback_request=sent["feedback_request"], last_say=sent["last_say"],
            last_senior_contact=sent["senior_contact"], last_re_approach=sent["re_approach"],
            chasers=tuple(c.moment for c in outgoing if c.purpose in CHASER_PURPOSES and not c.reply_received))


_NO_CONTACTS = ContactSummary()


@dataclass(frozen=True)
class ApplicationFacts:
    """Everything the rules know about one application.

    Give either the ``contacts`` (a summary is made from them) or, from a bulk reader,
    a ready ``summary`` through :meth:`summarised`. ``stage_changes`` are ``(stage, day)``;
    ``feedback_on`` is the day recorded feedback came (None with ``has_feedback``: undated).
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


# ---------------------------------------------------------------- is the date right?
#: A contact may be logged up to this many hours ahead of now (another time zone, a clock
#: a little fast); any time today is accepted too. Hours.
CONTACT_AHEAD_HOURS = 6
#: An interview booked further ahead than this is probably a mistyped year. Days.
INTERVIEW_AHEAD_DAYS = 366
FIRST_YEAR, LAST_YEAR = 1900, 2100


class DateCheck(NamedTuple):
    """What is wrong with the moment of a contact or an interview: ``refusal`` (it cannot be
    recorded) or ``warning`` (ask "is the date right?"), each a sentence, or None."""

    refusal: str | None = None
    warning: str | None = None


def check_moment(kind: str, when: datetime, now: datetime, applied_on: date | None) -> DateCheck:
    """Whether ``when`` (aware) can be the moment of a ``kind`` ("contact" or "interview") recorded at ``now``.

    * Outside the years 1900–2100: refused (no real contact; a typing slip).
    * A contact in the future (a later day than today and more than
      :data:`CONTACT_AHEAD_HOURS` ahead) is refused: you cannot have talked to them yet,
      and a contact dated next year would silence every reminder until then (rule 6
      counts the gap from the last chase).
    * An interview may be in the future (it is booked), but more than a year ahead
      (:data:`INTERVIEW_AHEAD_DAYS`) is a warning.
    * Either one before the day you applied is a warning.

    Dates in the sentences carry the year when not this year's ("5 Dec 2027").
    """
    today = now.astimezone().date()
    day = when.astimezone().date()
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return DateCheck(refusal=f"Choose a date between {FIRST_YEAR} and {LAST_YEAR}.")
    if kind == "contact" and day > today and when - now > timedelta(hours=CONTACT_AHEAD_HOURS):
        return DateCheck(refusal=f"{day_month(day, today)} is in the future: a contact can be logged "
                                 "once it has happened. Is the date right?")
    if kind == "interview" and (day - today).days > INTERVIEW_AHEAD_DAYS:
        return DateCheck(warning=f"{day_month(day, today)} is more than a year ahead — is the date right?")
    if applied_on is not None and day < applied_on:
        return DateCheck(warning=f"This is before you applied on {day_month(applied_on, today)} "
                                 "— is the date right?")
    return DateCheck()


# ---------------------------------------------------------------- the conversation, read
class Conversation(NamedTuple):
    """Where the conversation with one application stands on a day, worked out in one pass."""

    #: the last time the user chased (applying counts as the first)
    last_chase: Moment
    #: the last answer (a booked interview aside), if they ever answered
    last_answer: Moment | None
    #: the first interview on that day or later: it pauses the chase
    booked: date | None
    #: days of the chasers sent since the last answer, oldest first
    chasers: list[date]
    #: "last_say" or "feedback" when the chase has ended that way, else None
    ended_by: str | None
    #: the day it ended (the last say sent, the feedback received; None for undated feedback)
    ended_on: date | None

    @property
    def answered(self) -> bool:
        """They answered since the user last chased (an answer at the same moment counts)."""
        return self.last_answer is not None and self.last_answer >= self.last_chase


def _later(a: Moment | None, b: Moment | None) -> Moment | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if a >= b else b


def read(facts: ApplicationFacts, today: date) -> Conversation:
    """The conversation as it stands on ``today`` (see the module docstring for its meaning)."""
    summary = facts.summary
    last_chase = _later((facts.applied_on, START_OF_DAY), summary.last_chase)
    assert last_chase is not None
    answer = summary.last_answer
    booked: date | None = None
    last_interview: Moment | None = None
    for interview in facts.interviews:
        last_interview = _later(last_interview, interview.moment)
        if interview.on >= today:
            booked = interview.on if booked is None or interview.on < booked else booked
        else:
            answer = _later(answer, interview.moment)
    for stage, on in facts.stage_changes:
        if stage in ANSWER_STAGES:
            answer = _later(answer, (on, START_OF_DAY))
    feedback: Moment | None = None
    if facts.has_feedback and facts.feedback_on is not None:
        feedback = (facts.feedback_on, END_OF_DAY)
        answer = _later(answer, feedback)
    ended_by: str | None = None
    ended_on: date | None = None
    if facts.has_feedback and facts.feedback_on is None:
        ended_by = "feedback"
    elif feedback is not None and feedback >= last_chase and (last_interview is None or last_interview <= feedback):
        ended_by, ended_on = "feedback", feedback[0]
    elif (summary.last_say is not None and summary.last_say >= last_chase
          and (last_interview is None or last_interview <= summary.last_say)):
        ended_by, ended_on = "last_say", summary.last_say[0]
    chasers = sorted(m[0] for m in summary.chasers if answer is None or m > answer)
    return Conversation(last_chase, answer, booked, chasers, ended_by, ended_on)


def rejected_on(facts: ApplicationFacts) -> date | None:
    """The day of the (latest) rejection, or None when the application is not rejected."""
    if facts.stage != "rejected":
        return None
    days = [on for stage, on in facts.stage_changes if stage == "rejected"]
    return max(days) if days else facts.applied_on


def unanswered_chasers(facts: ApplicationFacts, today: date) -> list[date]:
    """Days of the chasers sent since the last answer (an answer restarts the count)."""
    return read(facts, today).chasers


# ---------------------------------------------------------------- rule 5: feedback
def feedback_requests(facts: ApplicationFacts, settings: Thresholds,
                      conversation: Conversation | None = None) -> list[Suggestion]:
    """A feedback request for each interview, due N working days after its day, until covered.

    An interview is covered by a feedback request or the last say sent after it, or by
    feedback recorded on or after its day (feedback without a date covers every interview).
    """
    if facts.stage not in FEEDBACK_STAGES or not facts.interviews:
        return []
    if facts.has_feedback and facts.feedback_on is None:
        return []
    summary = facts.summary
    covered = _later(summary.last_feedback_request, summary.last_say)
    if facts.has_feedback and facts.feedback_on is not None:
        covered = _later(covered, (facts.feedback_on, END_OF_DAY))
    out = []
    for interview in sorted(facts.interviews, key=lambda i: (i.on, i.time, i.id)):
        if covered is not None and covered >= interview.moment:
            continue
        due = add_working_days(interview.on, settings.feedback_request_after_working_days)
        out.append(Suggestion("feedback_request", due, interview_id=interview.id))
    return out


# ---------------------------------------------------------------- rules 6 and 7: the chase
def _chase(facts: ApplicationFacts, settings: Thresholds, c: Conversation) -> tuple[date | None, date | None]:
    """``(follow-up polite from, last say from)``; None where nothing is to be chased.

    No chase: not a chasing stage, the chase has ended, or an interview is booked.
    After an answer the follow-up is polite a gap later and no last say is due (they did
    answer); otherwise the last say comes after K unanswered chasers (the K-th given the
    usual gap to be answered) or D days of silence after the last chase, whichever first.
    """
    if (facts.stage not in CHASING_STAGES and facts.stage != "no_response") or c.ended_by is not None \
            or c.booked is not None:
        return None, None
    gap = timedelta(days=settings.min_follow_up_gap_days)
    if c.answered:
        return _polite_from(c, settings), None
    say = c.last_chase[0] + timedelta(days=settings.last_say_after_silence_days)
    k = settings.last_say_after_unanswered
    if len(c.chasers) >= k:
        say = min(say, c.chasers[k - 1] + gap)
    return c.last_chase[0] + gap, say


def follow_up_allowed_from(facts: ApplicationFacts, settings: Thresholds, today: date,
                           conversation: Conversation | None = None) -> date | None:
    """The day a follow-up becomes polite, or None when there is nothing to chase."""
    return _chase(facts, settings, conversation or read(facts, today))[0]


def last_say_from(facts: ApplicationFacts, settings: Thresholds, today: date,
                  conversation: Conversation | None = None) -> date | None:
    """The day the closing message is suggested (rule 7), or None when it is not to come."""
    return _chase(facts, settings, conversation or read(facts, today))[1]


def too_soon(facts: ApplicationFacts, settings: Thresholds, purpose: str,
             when: Moment) -> tuple[date, date] | None:
    """``(last_day, polite_from)`` when sending a ``purpose`` contact at ``when`` is chasing too soon.

    The same model as the next step (rule 6, "follow up politely, never daily"): the gap
    (``min_follow_up_gap_days``) counts from the later of the last chase and the last
    answer — after they reply on 2 Dec to a request of 30 Nov, a follow-up is polite from
    7 Dec, whichever of the two asks. ``last_day`` is that later day.

    Only chasing contacts are ever too soon; a thank-you, a senior contact, a reference, a
    re-approach never are. Nor is the first feedback request after an interview (rule 5
    has its own timing), nor anything while an interview is booked (the chase is paused).
    The contacts in ``facts`` logged at or after ``when`` are left out (the question is
    about the moment of the new contact).
    """
    if purpose not in CHASING_PURPOSES:
        return None
    earlier = ApplicationFacts(
        stage=facts.stage, applied_on=facts.applied_on,
        stage_changes=tuple(s for s in facts.stage_changes if s[1] <= when[0]),
        interviews=facts.interviews, contacts=tuple(c for c in facts.contacts if c.moment < when),
        feedback_on=facts.feedback_on if facts.feedback_on is None or facts.feedback_on <= when[0] else None,
        has_feedback=facts.has_feedback and (facts.feedback_on is None or facts.feedback_on <= when[0]))
    c = read(earlier, when[0])
    if c.booked is not None:
        return None
    if purpose == "feedback_request" and _uncovered_interview(earlier, when):
        return None
    last = _later(c.last_chase, c.last_answer)
    assert last is not None
    polite_from = _polite_from(c, settings)
    return (last[0], polite_from) if when[0] < polite_from else None


def _uncovered_interview(facts: ApplicationFacts, when: Moment) -> bool:
    """An interview before ``when`` that no feedback request, last say or feedback has covered yet."""
    summary = facts.summary
    covered = _later(summary.last_feedback_request, summary.last_say)
    if facts.has_feedback:
        covered = _later(covered, (facts.feedback_on or date.max, END_OF_DAY))
    return any(i.moment < when and (covered is None or covered < i.moment) for i in facts.interviews)


def _polite_from(c: Conversation, settings: Thresholds) -> date:
    """Rule 6: the day a follow-up is polite again, the gap after the later of the last chase and the last answer."""
    last = _later(c.last_chase, c.last_answer)
    assert last is not None
    return last[0] + timedelta(days=settings.min_follow_up_gap_days)


def contact_too_soon(previous: list[ContactFact], when: date, settings: Thresholds) -> tuple[date, date] | None:
    """:func:`too_soon` for a follow-up on ``when`` with only the logged ``previous`` contacts known
    (no application day, stage or interview): kept for callers that have nothing else."""
    known = [c for c in previous if c.on <= when]
    if not any(c.outgoing and c.purpose in CHASING_PURPOSES for c in known):
        return None
    facts = ApplicationFacts(stage="applied", applied_on=min(c.on for c in known), contacts=tuple(known))
    return too_soon(facts, settings, "follow_up", (when, END_OF_DAY))


# ---------------------------------------------------------------- rules 8 and 9: after a rejection
def re_approach_window(facts: ApplicationFacts, settings: Thresholds) -> tuple[date, date] | None:
    """``(from, until)`` of the re-approach after a rejection, both days included."""
    rejected = rejected_on(facts)
    if rejected is None:
        return None
    start = add_months(rejected, settings.re_approach_after_months)
    end = max(start, add_months(rejected, settings.re_approach_window_months))
    return start, end


def _done_since(last: Moment | None, since: date) -> bool:
    return last is not None and last[0] >= since


def senior_contact(facts: ApplicationFacts, settings: Thresholds) -> Suggestion | None:
    """Offered once, from the rejection until the re-approach takes over (rule 8)."""
    window = re_approach_window(facts, settings)
    rejected = rejected_on(facts)
    if window is None or rejected is None or _done_since(facts.summary.last_senior_contact, rejected):
        return None
    return Suggestion("senior_contact", rejected, until=window[0] - timedelta(days=1))


def early_re_approach(facts: ApplicationFacts, settings: Thresholds) -> date | None:
    """The day of a re-approach sent after the rejection but before its window opened, or None.

    Such a message is "early": it does not take the place of the re-approach of rule 9
    (three months on, the employer's needs have changed; a note on the rejection day has not).
    """
    window = re_approach_window(facts, settings)
    rejected = rejected_on(facts)
    last = facts.summary.last_re_approach
    if window is None or rejected is None or last is None or not rejected <= last[0] < window[0]:
        return None
    return last[0]


def re_approach(facts: ApplicationFacts, settings: Thresholds) -> Suggestion | None:
    """The re-approach, 3 to 6 months after the rejection (rule 9), until one is logged inside
    that window (one logged before it opens is early: :func:`early_re_approach`)."""
    window = re_approach_window(facts, settings)
    rejected = rejected_on(facts)
    if window is None or rejected is None or _done_since(facts.summary.last_re_approach, window[0]):
        return None
    return Suggestion("re_approach", window[0], until=window[1])


# ---------------------------------------------------------------- all together
def suggestions(facts: ApplicationFacts, settings: Thresholds, today: date) -> list[Suggestion]:
    """Everything suggested for one application, due or not yet due, in the order to show it.

    Items whose window closed before ``today`` are left out. While a feedback request is
    outstanding it is the chase (no follow-up beside it). Once the last say is due it
    replaces the follow-up: the user should close politely, not chase again; before
    that, both are listed (the last say with its future day, for "Coming up").
    """
    if facts.stage in FINISHED_STAGES:
        return []
    c = read(facts, today)
    out = feedback_requests(facts, settings, c)
    if facts.stage in CHASING_STAGES:
        if out:
            return out
        follow, say = _chase(facts, settings, c)
        if say is not None and say <= today:
            out.append(Suggestion("last_say", say))
        elif follow is not None:
            out.append(Suggestion("follow_up", follow))
            if say is not None:
                out.append(Suggestion("last_say", say))
    elif facts.stage == "no_response":
        # the user has given up on an answer: the last say is due at once (from the day the
        # stage was set), unless it is sent already or feedback came
        if c.ended_by is None:
            say = _chase(facts, settings, c)[1]
            closed = max((on for stage, on in facts.stage_changes if stage == "no_response"), default=None)
            due = min(d for d in (say, closed) if d is not None) if (say or closed) else c.last_chase[0]
            out.append(Suggestion("last_say", due))
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
    """The "next step" of an application, for its row in the list.

    ``kind``: interview, feedback_request, last_say, follow_up, senior_contact (``on``: the
    day the re-approach opens), re_approach, last_say_sent, feedback_received, waiting, none.
    """

    kind: str
    on: date | None = None


#: Which due suggestion the next step names first.
_DUE_ORDER = ("feedback_request", "last_say", "senior_contact", "follow_up", "re_approach")


def next_step(facts: ApplicationFacts, settings: Thresholds, today: date,
              next_interview: date | None = None) -> NextStep:
    """The one thing to show in the list: a booked interview, the most pressing due
    suggestion, the next one to come, or how the chase ended. Never a stop without a day
    while something is still to be chased."""
    if facts.stage in FINISHED_STAGES:
        return NextStep("none")
    if facts.stage in CLOSED_STAGES:
        next_interview = date.min  # a rejection cancels what was booked: the re-approach is the next step
    if next_interview is None:
        next_interview = min((i.on for i in facts.interviews if i.on >= today), default=None)
    if next_interview is not None and next_interview >= today:
        return NextStep("interview", next_interview)
    found = suggestions(facts, settings, today)
    window = re_approach_window(facts, settings)
    for kind in _DUE_ORDER:
        due = [s.due_on for s in found if s.kind == kind and s.due_on <= today]
        if due:
            if kind == "senior_contact" and window is not None:
                return NextStep(kind, window[0])
            return NextStep(kind, min(due))
    coming = sorted(found, key=lambda s: (s.due_on, _DUE_ORDER.index(s.kind)))
    if coming:
        return NextStep(coming[0].kind, coming[0].due_on)
    c = read(facts, today)
    if c.ended_by == "feedback":
        return NextStep("feedback_received", c.ended_on)
    if c.ended_by == "last_say" and facts.stage != "rejected":
        return NextStep("last_say_sent", c.ended_on)
    if facts.stage == "rejected":
        return NextStep("none")
    return NextStep("waiting")
