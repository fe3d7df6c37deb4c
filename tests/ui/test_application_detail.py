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


def test_at_1024_by_640_nothing_in_the_detail_is_cut_on_the_right(qtbot: Any, window: Any) -> None:
    """Issue #18 (fresh eyes): at 1024×640 the detail pane was cut on the right with no sideways
    scroll ("Senior Data Analyst at Contoso p", "Feedb", "Not"): the senior-contact offer's
    buttons sat in a fixed row wider than the pane."""
    from PySide6.QtWidgets import QLabel, QPushButton

    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    tab = window.show_tab(1)
    # the longest heading of the sample data, with the offer to write to someone senior (rule 8)
    assert tab.panel.select_row(lambda r: getattr(r.next_step, "kind", None) == "senior_contact")
    pane = tab.detail
    qtbot.waitUntil(pane.isVisible)  # (the tab is built into its page on first show)
    assert pane.senior_banner.isVisible()
    qtbot.waitUntil(lambda: pane.widget().width() <= pane.viewport().width())
    right = pane.viewport().width()
    shown = [w for kind in (QPushButton, QLabel) for w in pane.widget().findChildren(kind) if w.isVisible()]
    assert {w.objectName() for w in shown} >= {"detail_title", "detail_feedback", "senior_banner_not_now"}
    for widget in shown:
        edge = widget.mapTo(pane.widget(), widget.rect().topRight()).x()
        assert edge <= right, f"{widget.objectName()} {widget.text()!r} is cut at the right"
        assert widget.width() >= widget.minimumSizeHint().width()  # a button whole, its text not squeezed


def test_another_application_is_shown_from_its_top(qtbot: Any, window: Any) -> None:
    """Issue #18 (fresh eyes): the pane kept the scroll position of the last application, so the
    new one's heading was cut off at the top. The same application refreshed keeps its place."""
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    tab = window.show_tab(1)
    assert tab.panel.select_row(lambda r: r.role == "Senior Data Analyst")
    qtbot.waitUntil(tab.detail.isVisible)
    bar = tab.detail.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    tab.refresh()  # the same application again: left where the user was
    assert bar.value() == bar.maximum() > 0
    assert tab.panel.select_row(lambda r: r.role == "Data Analyst")
    assert bar.value() == 0
