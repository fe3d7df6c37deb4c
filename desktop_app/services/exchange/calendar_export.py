"""File → Export calendar: upcoming interviews and the coming follow-ups as an ``.ics`` file.

Interviews are timed events with two reminders (the day before, and an hour before).
Follow-ups, feedback requests, last says, senior contacts and re-approaches are
all-day events on the day they become due (today, for those already due), with a
reminder at 9:00 that morning. Dismissed items are left out; snoozed ones move to
the end of their snooze. UIDs are stable, so importing a newer export updates the
events instead of doubling them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from desktop_app import clock
from desktop_app.files import atomic_write
from desktop_app.rules import follow_up as rules
from desktop_app.services.applications.people import people_of
from desktop_app.services.today.follow_ups import describe, key_of
from desktop_app.services.applications.next_step import load_facts
from desktop_app.services.core.settings import get_settings
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
                if loaded.interview_moment(iid) >= now and loaded.facts[app_id].stage not in rules.FINISHED_STAGES]
    people = people_of(sorted({a for a, _, _ in found} | {a for _, a, _ in upcoming}))

    cal = Calendar()
    cal.add("prodid", "-//Afterview//Follow-ups and interviews//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Afterview")
    stamp = now.astimezone(timezone.utc)
    rounds = dict(m.Interview.select(m.Interview.id, m.Interview.round).where(
        m.Interview.id.in_([i for i, _, _ in upcoming])).tuples()) if upcoming else {}
    for interview_id, app_id, at in sorted(upcoming, key=lambda u: u[2]):
        who = people[app_id]
        event = Event()
        event.add("uid", f"interview-{interview_id}@afterview")
        event.add("dtstamp", stamp)
        event.add("summary", f"Interview: {who.subject} (round {rounds.get(interview_id, 1)})")
        event.add("dtstart", at.astimezone(timezone.utc))
        event.add("dtend", (at + timedelta(hours=1)).astimezone(timezone.utc))
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
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not make the user busy
        event.add_component(_alarm(timedelta(hours=9), f"{_TITLES[s.kind]}: {who.subject}"))
        cal.add_component(event)
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
