"""The advice's thresholds (DATA_FORMAT.md ``settings``), typed, with defaults.

Stored in the database so that they travel with the data file and backups.
Window geometry and other per-machine UI state live in ``ui.ui_settings`` instead.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from desktop_app.services.core.records import SETTINGS_FIELDS, clean_fields
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

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


_NAMES = {f.name for f in fields(AdviceSettings)}
assert _NAMES == {f.name for f in SETTINGS_FIELDS}, "settings declared twice must agree"


def get_settings() -> AdviceSettings:
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
