"""The advice settings: defaults, and a bad value refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.core import settings
from desktop_app.services.core.validation import ValidationError


def test_settings_are_validated(store: Path) -> None:
    assert settings.save_settings({"min_follow_up_gap_days": 7}).min_follow_up_gap_days == 7
    with pytest.raises(ValidationError) as error:
        settings.save_settings({"min_follow_up_gap_days": 0})
    assert error.value.field == "min_follow_up_gap_days"
    assert settings.get_settings().min_follow_up_gap_days == 7
