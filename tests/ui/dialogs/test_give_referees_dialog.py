"""Giving referees to an application: those already given cannot be ticked again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.referees import briefings, referees as referee_service
from desktop_app.ui.dialogs.give_referees_dialog import GiveRefereesDialog


def test_give_referees_from_the_application(qtbot: Any, demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.ui.dialogs import give_referees_dialog as module
    from desktop_app.ui.events import DataEvents

    app = next(c.id for c in briefings.application_choices() if c.employer == "Adatum Insurance")
    minh = next(r.id for r in referee_service.list_referee_rows() if r.name.startswith("Dr Nguy"))

    def exec_(dialog: GiveRefereesDialog) -> int:
        assert not dialog.application_combo.isEnabled()
        given = [dialog.referee_list.item(i) for i in range(dialog.referee_list.count())]
        disabled = [it.text() for it in given if not it.flags() & Qt.ItemFlag.ItemIsEnabled]
        assert disabled == ["Alex Morgan — Direct manager", "Zoë Fraser — Senior manager"]  # already given
        dialog.tick(minh)
        return int(dialog.save())

    monkeypatch.setattr(module.GiveRefereesDialog, "exec", exec_)
    events = DataEvents()
    with qtbot.waitSignal(events.referees_changed):
        assert module.give_referees_to_application(None, app, events) == 1
