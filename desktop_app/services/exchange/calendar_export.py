"""File → Export calendar: upcoming interviews and the coming follow-ups as an ``.ics`` file.

Interviews are timed events with two reminders (the day before, and an hour before).
Follow-ups, feedback requests, last says, senior contacts and re-approaches are
all-day events on the day they become due (today, for those already due), with a
reminder at 9:00 that morning. Dismissed items are left out; snoozed ones move to
the end of their snooze. A re-approach after a rejection spans its whole window
(PRODUCT.md rule 9), so the calendar shows until when it stays open. Interviews are
written in the user's own time zone (``TZID`` with its ``VTIMEZONE``, RFC 5545
3.2.19 and 3.6.5) where the system names one, in UTC otherwise. UIDs are stable, so
importing a newer export updates the events instead of doubling them.

The *live* calendar (:func:`write_live_calendar`) is the same file kept current at a
place the user chooses (default: ``afterview.ics`` in the data folder), rewritten whole
after every change, so a calendar app that subscribes to a local file (Thunderbird,
Evolution, Outlook) reminds the user too.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from desktop_app import clock, vocab
from desktop_app.files import atomic_write
from desktop_app.rules import follow_up as rules
from desktop_app.services.applications.people import people_of
from desktop_app.services.today.follow_ups import describe, key_of
from desktop_app.services.applications.next_step import CLOSED_STAGES, load_facts
from desktop_app.services.core.settings import get_settings, get_value, set_value
from desktop_app.store.layout import LIVE_CALENDAR
from desktop_app.store import models as m

_TITLES = {
    "feedback_request": "Ask for feedback",
    "follow_up": "Follow up",
    "last_say": "Have the last say",
    "senior_contact": "Write to a senior contact",
    "re_approach": "Re-approach",
}


def _alarm(trigger: timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm


def local_zone() -> tzinfo:
    """The user's time zone by its IANA name (``TZ``, else the ``/etc/localtime`` link), else UTC.

    A named zone lets calendar apps move the interview correctly across a change of
    summer time; Windows names no IANA zone, so its calendar gets UTC (still exact).
    """
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        link = os.readlink("/etc/localtime")
        candidates.append(link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else "")
    except OSError:
        pass
    for name in candidates:
        if name and not name.startswith("/") and name not in ("UTC", "Etc/UTC", "Etc/Universal"):
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return timezone.utc


def build_calendar(today: date | None = None, *, now: datetime | None = None) -> tuple[bytes, int]:
    """The calendar as ``.ics`` bytes, and how many events it holds."""
    today = today or clock.today()
    now = now or clock.utc_now()
    settings = get_settings()
    loaded = load_facts()
    states = {s.key: s for s in m.DueState.select()}
    found: list[tuple[int, rules.Suggestion, date]] = []
    for app_id, facts in loaded.facts.items():
        for s in rules.suggestions(facts, settings, today):
            state = states.get(key_of(app_id, s))
            if state is not None and state.dismissed:
                continue
            day = max(s.due_on, today)
            if state is not None and state.snoozed_until is not None and state.snoozed_until > day:
                day = state.snoozed_until
            if s.until is None or day <= s.until:
                found.append((app_id, s, day))
    upcoming = [(iid, app_id, loaded.interview_moment(iid)) for iid, (app_id, _day, _at) in loaded.interviews.items()
                if loaded.interview_moment(iid) >= now and loaded.facts[app_id].stage not in CLOSED_STAGES]
    people = people_of(sorted({a for a, _, _ in found} | {a for _, a, _ in upcoming}))

    zone = local_zone()
    cal = Calendar()
    cal.add("prodid", "-//Afterview//Follow-ups and interviews//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Afterview")
    stamp = now.astimezone(timezone.utc)
    ids = [i for i, _, _ in upcoming]
    rounds: dict[int, int] = {}
    formats: dict[int, str] = {}
    panel: dict[int, list[str]] = {}
    if ids:
        for iid, round_, format_ in m.Interview.select(m.Interview.id, m.Interview.round, m.Interview.format).where(
                m.Interview.id.in_(ids)).tuples():
            rounds[iid], formats[iid] = round_, format_
        for iid, name, title in (m.InterviewInterviewer.select(m.InterviewInterviewer.interview, m.Contact.name,
                                                               m.Contact.title)
                                 .join(m.Contact).where(m.InterviewInterviewer.interview.in_(ids))
                                 .order_by(m.Contact.name).tuples()):
            panel.setdefault(iid, []).append(f"{name} ({title})" if title else name)
    for interview_id, app_id, at in sorted(upcoming, key=lambda u: u[2]):
        who = people[app_id]
        event = Event()
        event.add("uid", f"interview-{interview_id}@afterview")
        event.add("dtstamp", stamp)
        event.add("summary", f"Interview: {who.subject} (round {rounds.get(interview_id, 1)})")
        event.add("dtstart", at.astimezone(zone))
        event.add("dtend", (at + timedelta(hours=1)).astimezone(zone))
        # what the user needs on the day: how it is held and who asks the questions
        details = [f"Format: {vocab.INTERVIEW_FORMATS.get(formats.get(interview_id, ''), 'not recorded')}"]
        details.append("Interviewers: " + (", ".join(panel[interview_id]) if panel.get(interview_id)
                                           else "not recorded"))
        event.add("description", "\n".join(details))
        event.add_component(_alarm(timedelta(days=-1), f"Tomorrow: interview for {who.subject}"))
        event.add_component(_alarm(timedelta(hours=-1), f"In an hour: interview for {who.subject}"))
        cal.add_component(event)
    for app_id, s, day in sorted(found, key=lambda f: (f[2], f[0])):
        who = people[app_id]
        interview_day = None
        if s.interview_id is not None:
            interview_day = loaded.interviews[s.interview_id][1]
        event = Event()
        event.add("uid", f"{key_of(app_id, s).replace(':', '-')}@afterview")
        event.add("dtstamp", stamp)
        event.add("summary", f"{_TITLES[s.kind]}: {who.subject}")
        event.add("description", describe(s, who, interview_day))
        event.add("dtstart", day)
        # a re-approach window stays open until its last day (DTEND is exclusive, RFC 5545 3.6.1)
        last = s.until if s.kind == "re_approach" and s.until is not None and s.until >= day else day
        event.add("dtend", last + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not make the user busy
        event.add_component(_alarm(timedelta(hours=9), f"{_TITLES[s.kind]}: {who.subject}"))
        cal.add_component(event)
    if zone is not timezone.utc:
        cal.add_missing_timezones()  # the VTIMEZONE each TZID refers to
    return cal.to_ical(), len(upcoming) + len(found)


def export_to_file(target: Path, *, today: date | None = None) -> int:
    """Write the calendar to ``target`` (replacing it whole, mode 0600); returns the number of events.

    On any error (``OSError``, or one while the calendar is built) ``target`` is as it
    was and no temporary file is left.
    """
    with atomic_write(Path(target)) as handle:
        data, count = build_calendar(today)
        handle.write(data)
    return count


# ---------------------------------------------------------------- the live calendar

#: Setting key: the live calendar's path chosen by the user (JSON text; null: the default).
LIVE_PATH = "calendar.live_path"


def live_calendar_path(data_dir: Path) -> Path:
    """Where the live calendar of the data folder ``data_dir`` is kept: the user's choice,
    else ``afterview.ics`` inside the data folder."""
    chosen = get_value(LIVE_PATH, None)
    if isinstance(chosen, str) and chosen:
        return Path(chosen)
    return Path(data_dir) / LIVE_CALENDAR


def set_live_calendar_path(target: Path | None) -> None:
    """Keep the live calendar at ``target`` from now on (None: back to the default place).

    Raises ValueError, in the user's words, for a path that is not absolute, does not end
    in ``.ics``, whose folder does not exist, or that cannot be written (a read-only disk or
    folder, :func:`writable_problem`); nothing is changed then.
    """
    if target is None:
        set_value(LIVE_PATH, None)
        return
    target = Path(target)
    if not target.is_absolute():
        raise ValueError(f"{target} is not a full path: choose the calendar file's place again")
    if target.suffix.lower() != ".ics":
        raise ValueError(f"{target.name} does not end in .ics: calendar apps look for that ending")
    if not target.parent.is_dir():
        raise ValueError(f"the folder {target.parent} does not exist")
    problem = writable_problem(target)
    if problem is not None:
        raise ValueError(f"the calendar cannot be kept there: {problem}")
    set_value(LIVE_PATH, str(target))


class CalendarNotWritten(OSError):
    """The live calendar could not be written; ``str()`` says where and why in plain words."""


def plain_reason(exc: OSError) -> str:
    """Why a file could not be written, in the user's words (no ``[Errno 30]``)."""
    import errno

    words = {
        errno.EROFS: "that disk or folder is read-only",
        errno.EACCES: "you are not allowed to write in that folder",
        errno.EPERM: "you are not allowed to write in that folder",
        errno.ENOENT: "that folder no longer exists",
        errno.ENOTDIR: "that folder no longer exists",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "your disk quota is full",
    }
    if exc.errno in words:
        return words[exc.errno]
    if exc.errno is None and exc.args:
        return str(exc.args[0])
    return (exc.strerror or str(exc)).lower()


def writable_problem(target: Path) -> str | None:
    """Why a calendar could not be kept at ``target`` (plain words), or None if it can.

    Tries for real: creates and removes a temporary file beside ``target``, as the
    atomic rewrite will (a permission check alone misses read-only mounts).
    """
    import tempfile

    folder = Path(target).parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if Path(target).exists() and not os.access(target, os.W_OK):
        return f"{Path(target).name} is read-only"
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".afterview-check-", suffix=".part"):
            pass
    except OSError as exc:
        return f"it cannot be written in {folder}: {plain_reason(exc)}"
    return None


def write_live_calendar(data_dir: Path, *, today: date | None = None) -> Path:
    """Rewrite the live calendar whole (atomically, 0600); returns its path.

    Raises :class:`CalendarNotWritten` (an ``OSError``, saying where and why in plain
    words) when it cannot be written; the previous file is then as it was.
    """
    target = live_calendar_path(data_dir)
    try:
        export_to_file(target, today=today)
    except CalendarNotWritten:
        raise
    except OSError as exc:
        raise CalendarNotWritten(f"{target} could not be written: {plain_reason(exc)}") from exc
    return target
