"""The detail of one application, under the Applications list: what its buttons open."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.referees import briefings, referees as referee_service
from desktop_app.ui.dialogs.give_referees_dialog import GiveRefereesDialog
from desktop_app.ui.pack_dialog import PackDialog


def tick_labels(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [o.label for o in model.options if o.id in model.ticked]


def test_the_application_detail_opens_the_dialog_for_that_application(  # type: ignore[no-untyped-def]
        qtbot, main_window, scenario: dict[str, int]) -> None:
    tab = main_window.show_tab(1)
    assert not tab.detail.pack_button.isEnabled()  # nothing selected yet
    assert tab.select_application(scenario["application"])
    assert tab.detail.pack_button.isEnabled()

    qtbot.mouseClick(tab.detail.pack_button, Qt.MouseButton.LeftButton)

    dialog = tab.findChild(PackDialog, "pack_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.application_id() == scenario["application"]
    assert tick_labels(dialog.referees) == ["Alex Morgan", "Priya Shah"]
    dialog.reject()


def test_give_referees_button_on_the_application_detail(qtbot: Any, context: Any, monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    from desktop_app.services.exchange.demo import load_demo
    from desktop_app.ui.main_window import MainWindow

    load_demo(date.today())
    window = MainWindow(context)
    qtbot.addWidget(window)
    apps = window.show_tab(1)
    app = next(c.id for c in briefings.application_choices() if c.employer == "Adatum Insurance")
    assert apps.select_application(app)
    lukasz = next(r.id for r in referee_service.list_referee_rows() if r.name == "Łukasz Nowak")

    def tick_lukasz(dialog: GiveRefereesDialog) -> bool:
        dialog.tick(lukasz)
        return dialog.save()

    monkeypatch.setattr(apps, "run_dialog", tick_lukasz)
    qtbot.mouseClick(apps.detail.referees_button, Qt.MouseButton.LeftButton)
    assert [r.referee_name for r in briefings.references(today=date.today(), application_id=app)] == [
        "Alex Morgan", "Zoë Fraser", "Łukasz Nowak"]
    # Łukasz had a general briefing weeks ago (within 90 days): Today needs nothing new for him
    texts = [i.text for i in window.today_tab.items()]
    assert "Brief Łukasz Nowak before Adatum Insurance calls" not in texts
    assert next(r for r in window.referees_tab.model.rows() if r.id == lukasz).live_applications == 1
