"""Reminders that reach the user while Afterview is closed: the daily notification and
"since you were last here".

What is due comes from the Today list (:func:`desktop_app.services.today.due.due_items`),
so a dismissed or snoozed item is never mentioned. This module decides what is *new*
since the user was last told, words it as one sentence, and keeps the "already told"
state in the Setting table, so that ``afterview remind`` (cron, a systemd timer, Task
Scheduler) and the tray of a running window share it and the user is told at most once
a day. Nothing here sends anything: the caller does, after :func:`claim_today`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app import clock
from desktop_app.services.core.settings import get_value, set_value
from desktop_app.services.today.due import DueItem, due_items
from desktop_app.services.today.follow_ups import KINDS as FOLLOW_UP_KINDS
from desktop_app.store.db import db

#: Setting keys (JSON values) of this module.
TOLD = "reminders.told"  # {"day": "YYYY-MM-DD", "keys": [item keys the user has been told of]}
ENABLED = "reminders.notifications"  # bool, default True
LAST_SEEN = "reminders.last_seen"  # "YYYY-MM-DD": the last day the window was open
AUTOSTART_OFFERED = "reminders.autostart_offered"  # bool: the one-time offer was made

#: Kinds whose ``due_on`` is the day they really became due (the others — a qualification
#: without its transcript, too few referees — are standing conditions dated "today").
TIMED_KINDS = (*FOLLOW_UP_KINDS, "brief_referee")

#: How many referee sentences are spelt out before the rest are counted.
_SPELT_OUT = 2


@dataclass(frozen=True)
class Reminder:
    """What one notification says: the new items, a title and the one-sentence body."""

    day: date
    items: tuple[DueItem, ...]
    title: str
    sentence: str
    #: the "already told" state before this reminder was claimed, for :func:`release`
    previous: Any = field(default=None, compare=False, repr=False)


# ---------------------------------------------------------------- wording

def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def word(items: Iterable[DueItem]) -> str:
    """One sentence for ``items``: ``2 follow-ups are polite again; Brief Alex Morgan before
    Northwind calls``. The advice's messages are counted per kind (PRODUCT.md rules 5-9),
    or, when a kind has just one, said in that item's own words, which name the application;
    referee briefings are named (rule 2; the first two, then counted), then the standing
    warnings (rules 1 and 4). Empty for no items."""
    by_kind: dict[str, list[DueItem]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    parts: list[str] = []

    def counted(kind: str, one: str, many: str) -> None:
        found = by_kind.get(kind, ())
        if len(found) == 1 and found[0].text:
            # just one: its own words name the application ("Ask Harbour Foods for feedback …")
            parts.append(found[0].text.rstrip("."))
        elif found:
            parts.append(_count(len(found), one, many))

    counted("feedback_request", "interview is waiting for your feedback request",
            "interviews are waiting for your feedback request")
    counted("follow_up", "follow-up is polite again", "follow-ups are polite again")
    counted("last_say", "application is ready for the last say", "applications are ready for the last say")
    counted("senior_contact", "senior contact to write to after a rejection",
            "senior contacts to write to after a rejection")
    counted("re_approach", "re-approach window is open", "re-approach windows are open")
    briefs = by_kind.get("brief_referee", [])
    parts += [b.text for b in briefs[:_SPELT_OUT]]
    if len(briefs) > _SPELT_OUT:
        parts.append(_count(len(briefs) - _SPELT_OUT, "more referee to brief", "more referees to brief"))
    counted("missing_transcript", "qualification needs its full transcript",
            "qualifications need their full transcripts")
    for kind in ("too_few_referees", "no_direct_manager", "weak_referee"):
        parts += [i.text.rstrip(".") for i in by_kind.get(kind, [])]
    known = {"brief_referee", "feedback_request", "follow_up", "last_say", "senior_contact", "re_approach",
             "missing_transcript", "too_few_referees", "no_direct_manager", "weak_referee"}
    # a kind added to the Today list later is still told, in its own words
    parts += [i.text.rstrip(".") for kind, found in by_kind.items() if kind not in known for i in found]
    if not parts:
        return ""
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:]


def title_for(items: Sequence[DueItem]) -> str:
    """The notification's title: ``Afterview: 3 new things are due``."""
    return f"Afterview: {_count(len(items), 'new thing is due', 'new things are due')}"


# ---------------------------------------------------------------- the daily notification

def notifications_enabled() -> bool:
    """Whether the user wants the daily notification (Settings; on by default)."""
    return bool(get_value(ENABLED, True))


def set_notifications_enabled(enabled: bool) -> None:
    """Turn the daily notification on or off (Settings → Reminders)."""
    set_value(ENABLED, bool(enabled))


def _told() -> dict[str, Any]:
    state = get_value(TOLD, None)
    if not isinstance(state, dict) or not isinstance(state.get("keys"), list):
        return {"day": None, "keys": []}
    return state


def told_today(today: date | None = None) -> bool:
    """Whether the user has been sent the notification on ``today`` already."""
    today = today or clock.today()
    return _told().get("day") == today.isoformat()


def pending(today: date | None = None) -> Reminder | None:
    """What a notification on ``today`` would say (nothing is recorded), or None if nothing
    became due since the user was last told."""
    today = today or clock.today()
    told = set(_told()["keys"])
    new = tuple(i for i in due_items(today) if i.key not in told)
    if not new:
        return None
    return Reminder(day=today, items=new, title=title_for(new), sentence=word(new))


def claim_today(today: date | None = None) -> Reminder | None:
    """The reminder to send now, recorded as told; None if notifications are off, the user
    was told already on ``today``, or nothing new is due.

    Check and record happen in one write transaction (``BEGIN IMMEDIATE``), so a tray and
    an ``afterview remind`` running at the same moment never both send. If sending then
    fails, :func:`release` puts the state back so a later try can tell the user.
    """
    today = today or clock.today()
    with db.atomic(lock_type="IMMEDIATE"):
        if not notifications_enabled() or told_today(today):
            return None
        previous = _told()
        current = due_items(today)
        told = set(previous["keys"])
        new = tuple(i for i in current if i.key not in told)
        if not new:
            return None
        # only what is still due is kept: an item snoozed and due again later is told again
        set_value(TOLD, {"day": today.isoformat(), "keys": sorted(i.key for i in current)})
    return Reminder(day=today, items=new, title=title_for(new), sentence=word(new), previous=previous)


def release(reminder: Reminder) -> None:
    """Undo :func:`claim_today` for a reminder that could not be shown."""
    set_value(TOLD, reminder.previous if reminder.previous is not None else {"day": None, "keys": []})


# ---------------------------------------------------------------- the running window reminds itself

def _reminding_lock(data_dir: Path) -> Any:
    from filelock import FileLock

    from desktop_app.store.layout import REMINDING_LOCK

    # as the data folder's claim (store/claim.py): a kernel lock, released however the window ends
    return FileLock(str(Path(data_dir) / REMINDING_LOCK), timeout=0, thread_local=False,
                    preserve_lock_file=True, mode=0o600)


def hold_window_mark(data_dir: Path) -> Any:
    """Mark ``data_dir`` as having a running window that reminds the user itself (its tray,
    or its own notification), for as long as the returned lock is kept (or the process
    lives); None when the mark cannot be made (another window has it, or the folder is
    not writable): ``afterview remind`` then simply runs as usual."""
    from filelock import Timeout

    lock = _reminding_lock(data_dir)
    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError, NotImplementedError):
        return None
    return lock


def window_is_reminding(data_dir: Path) -> bool:
    """Whether a running window holds the mark of :func:`hold_window_mark` on ``data_dir``
    (so ``afterview remind`` has nothing to do). False for a folder that does not exist."""
    from filelock import Timeout

    if not Path(data_dir).is_dir():
        return False
    lock = _reminding_lock(data_dir)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    except (OSError, NotImplementedError):
        return False
    lock.release(force=True)
    return False


# ---------------------------------------------------------------- since you were last here

def came_due_while_away(today: date | None = None) -> list[DueItem]:
    """The items that became due after the last day the window was open and up to ``today``;
    empty on the first start ever, or when the window was already open earlier on ``today``.
    Only items with a real due day count (:data:`TIMED_KINDS`). Changes nothing."""
    today = today or clock.today()
    last = get_value(LAST_SEEN, None)
    try:
        last_seen = date.fromisoformat(last) if isinstance(last, str) else None
    except ValueError:
        last_seen = None
    if last_seen is None or last_seen >= today:
        return []
    return [i for i in due_items(today) if i.kind in TIMED_KINDS and last_seen < i.due_on <= today]


def mark_seen(today: date | None = None) -> None:
    """Record that the window is open on ``today`` (at start-up, and each new day while open)."""
    set_value(LAST_SEEN, (today or clock.today()).isoformat())


# ---------------------------------------------------------------- the one-time offer to start at login

def should_offer_autostart() -> bool:
    """True once: the first time there is an application and the offer was never made."""
    from desktop_app.store import models as m

    return not get_value(AUTOSTART_OFFERED, False) and m.Application.select().exists()


def mark_autostart_offered() -> None:
    """Record that the one-time offer to start at login was made (whatever the answer)."""
    set_value(AUTOSTART_OFFERED, True)
