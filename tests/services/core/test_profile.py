"""The profile: empty in an empty store (the settings at their defaults), saved normalised, a bad value refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.core import profile, settings
from desktop_app.services.core.validation import ValidationError


def test_an_empty_store_has_an_empty_profile_and_default_settings(store: Path) -> None:
    assert profile.get_profile() == profile.ProfileData()
    assert settings.get_settings().min_follow_up_gap_days == 5
    assert settings.get_settings().briefing_valid_days == 90


def test_the_profile_is_saved_normalised(store: Path) -> None:
    saved = profile.save_profile({"name": "Sam Taylor", "email": "sam@example.org",
                                  "phone": "07700 900123", "linkedin": "https://www.linkedin.com/in/sam",
                                  "location": "Leeds, UK"}, region="GB")
    assert saved.phone == "+447700900123"
    assert profile.get_profile().name == "Sam Taylor"


@pytest.mark.parametrize("field, value", [("email", "sam@"), ("phone", "12"), ("linkedin", "linkedin.com/in/sam")])
def test_a_bad_profile_value_names_its_field_and_changes_nothing(store: Path, field: str, value: str) -> None:
    profile.save_profile({"name": "Sam"})
    with pytest.raises(ValidationError) as error:
        profile.save_profile({"name": "Changed", field: value}, region="GB")
    assert error.value.field == field
    assert profile.get_profile().name == "Sam"
