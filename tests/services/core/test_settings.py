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


def test_the_monthly_activity_target_is_kept_apart_and_checked(store) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.core.validation import ValidationError

    assert settings.get_monthly_target() == 0  # no target until the user sets one
    assert settings.save_monthly_target(20) == 20
    assert settings.get_monthly_target() == 20
    for bad in (-1, 501, "20", 2.5):
        with pytest.raises(ValidationError, match="monthly_activity_target"):
            settings.save_monthly_target(bad)
    assert settings.get_monthly_target() == 20
    # it travels with the data file's settings
    assert settings.get_settings().as_dict()["monthly_activity_target"] == 20


def test_the_monthly_target_travels_in_the_data_file_and_a_version_1_file_imports(  # type: ignore[no-untyped-def]
        store, tmp_path) -> None:
    import json

    from desktop_app.services.exchange import datafile

    settings.save_monthly_target(20)
    out = tmp_path / "data.json"
    datafile.export_to_file(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["settings"]["monthly_activity_target"] == 20
    settings.save_monthly_target(0)
    datafile.import_from_file(out)
    assert settings.get_monthly_target() == 20
    data["version"] = 1
    del data["settings"]["monthly_activity_target"]
    out.write_text(json.dumps(data), encoding="utf-8")
    datafile.import_from_file(out)
    assert settings.get_monthly_target() == 0
