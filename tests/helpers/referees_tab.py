"""Driving the Referees tab: its dialogs handled by the test, the referee form filled in, the banner read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from desktop_app.ui.dialogs.referee_dialog import RefereeDialog


def drive(tab: Any, monkeypatch: pytest.MonkeyPatch, steps: Callable[[Any], bool]) -> None:
    """The next dialog the tab opens is handled by ``steps`` instead of waiting for a person."""
    monkeypatch.setattr(tab, "run_dialog", lambda dialog: steps(dialog))


def fill_referee(qtbot: Any, dialog: RefereeDialog, *, name: str, relationship: str, email: str = "",
                 country: str | None = None, phone: str = "", zone: str | None = None) -> bool:
    """Fill in the referee form as a user would and press Save; True if it saved."""
    dialog.name_edit.setText(name)  # setText: keyClicks cannot type non-ASCII
    dialog.relationship_combo.setCurrentIndex(dialog.relationship_combo.findData(relationship))
    qtbot.keyClicks(dialog.email_edit, email)
    dialog.set_country(country)
    qtbot.keyClicks(dialog.phone_edit, phone)
    if zone:
        dialog.set_time_zone(zone)
    return dialog.save()


def banner(tab: Any) -> str:
    """The readiness banner of the Referees tab, as shown."""
    return tab.banner.text()
