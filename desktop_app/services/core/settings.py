"""The advice's thresholds (DATA_FORMAT.md ``settings``), typed, with defaults.

Stored in the database so that they travel with the data file and backups.
Window geometry and other per-machine UI state live in ``ui.ui_settings`` instead.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from desktop_app.services.core.kept import kept
from desktop_app.services.core.records import SETTINGS_FIELDS, Field, clean_fields, clean_value
from desktop_app.services.core.validation import InvalidValue, ValidationError
from desktop_app.store import models as m
from desktop_app.store.db import db


@dataclass(frozen=True)
class AdviceSettings:
    min_follow_up_gap_days: int = 5
    feedback_request_after_working_days: int = 2
    last_say_after_unanswered: int = 3
    last_say_after_silence_days: int = 21
    re_approach_after_months: int = 3
    re_approach_window_months: int = 6
    briefing_valid_days: int = 90
    #: not a threshold of the advice but the user's own monthly activity target (0: none), kept
    #: here so that it travels with the data file's ``settings``; read it with get_monthly_target
    monthly_activity_target: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


_NAMES = {f.name for f in fields(AdviceSettings)}
assert _NAMES == {f.name for f in SETTINGS_FIELDS}, "settings declared twice must agree"


@kept(m.Setting)
def get_settings() -> AdviceSettings:
    """The advice's thresholds as stored, defaults for the rest (all of them when a stored value
    is bad). Kept in memory until the Setting table is written (``services.core.kept``): Today
    asks on every refresh."""
    stored: dict[str, Any] = {}
    for row in m.Setting.select().where(m.Setting.key.in_(sorted(_NAMES))):
        stored[row.key] = json.loads(row.value)
    try:
        return AdviceSettings(**clean_fields(SETTINGS_FIELDS, stored, partial=True))
    except ValueError:
        return AdviceSettings()  # a bad stored value never stops the app: fall back to defaults


def save_settings(values: dict[str, Any]) -> AdviceSettings:
    """Validate and store some or all settings; raises ``ValidationError`` on a bad one."""
    cleaned = clean_fields(SETTINGS_FIELDS, values, partial=True)
    with db.atomic():
        for key, val in cleaned.items():
            m.Setting.insert(key=key, value=json.dumps(val)).on_conflict(
                conflict_target=[m.Setting.key], update={m.Setting.value: json.dumps(val)}).execute()
    return get_settings()


def get_value(key: str, default: Any = None) -> Any:
    """A small stored value of another part of Afterview (not a threshold), by ``key``.

    Kept in the same Setting table as JSON text, so it travels with backups (not with
    the data file, whose ``settings`` hold the thresholds only). ``default`` when the
    key was never set or its text is not JSON (a bad value never stops the app).
    Keys are dotted by owner, e.g. ``reminders.told``.
    """
    row = m.Setting.get_or_none(m.Setting.key == key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def set_value(key: str, value: Any) -> None:
    """Store ``value`` (anything ``json.dumps`` takes) under ``key``; raises ValueError for a
    threshold's name or the monthly target's (those go through :func:`save_settings` or
    :func:`save_monthly_target`, which validate them)."""
    if key in _NAMES:
        raise ValueError(f"{key} is a threshold of the advice: use save_settings")
    text = json.dumps(value)
    m.Setting.insert(key=key, value=text).on_conflict(
        conflict_target=[m.Setting.key], update={m.Setting.value: text}).execute()


# ---------------------------------------------------------------- the monthly activity target
#: "20 job searches a month" (Settings → Activity; Today shows "12 of 20 this month"): how many
#: job-search activities the user means to do each calendar month; 0 means no target. Stored
#: apart from the advice's thresholds: it is the user's own commitment (often set by a benefits
#: agency: Workforce Australia's usual requirement is 20 job searches a month), not a rule of
#: the advice; declared with the thresholds (``records.SETTINGS_FIELDS``) so that it travels with
#: the data file's ``settings`` (a version 1 file, without it, imports with no target).
MONTHLY_TARGET: Field = next(f for f in SETTINGS_FIELDS if f.name == "monthly_activity_target")


@kept(m.Setting)
def get_monthly_target() -> int:
    """The monthly activity target (0: none set). A bad stored value reads as 0, never an error.
    Kept in memory until the Setting table is written (Today's target line asks on every refresh)."""
    row = m.Setting.get_or_none(m.Setting.key == MONTHLY_TARGET.name)
    if row is None:
        return 0
    try:
        value = clean_value(MONTHLY_TARGET, json.loads(row.value))
    except (ValueError, TypeError):
        return 0
    return int(value)


def save_monthly_target(value: Any) -> int:
    """Store the monthly activity target (0 to 500; 0 turns it off) and return it.

    Raises ``ValidationError`` (field ``monthly_activity_target``) for anything else; nothing is
    stored then.
    """
    try:
        cleaned = int(clean_value(MONTHLY_TARGET, value))
    except InvalidValue as exc:
        raise ValidationError(MONTHLY_TARGET.name, str(exc)) from None
    m.Setting.insert(key=MONTHLY_TARGET.name, value=json.dumps(cleaned)).on_conflict(
        conflict_target=[m.Setting.key], update={m.Setting.value: json.dumps(cleaned)}).execute()
    return cleaned
