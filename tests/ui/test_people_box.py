"""The offer to write to someone senior after a rejection: inline, naming them when known."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.applications_tab import ApplicationsTab
from tests.helpers.applications_tab import tab  # noqa: F401 (the fixture)


def test_a_known_senior_contact_is_offered_by_name(qtbot: Any, tab: ApplicationsTab,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # the sample's Contoso application was rejected, and Helen Marsh is Contoso's HR Director
    assert tab.select_application(next(r.id for r in tab.model.rows() if r.role == "Senior Data Analyst"))
    banner = tab.detail.senior_banner
    assert not banner.isHidden()
    assert banner.write_button.text() == "Write to Helen Marsh…"
    addressed: list[Any] = []
    monkeypatch.setattr(ApplicationsTab, "run_dialog", lambda _tab, dialog: addressed.append(dialog) or False)
    qtbot.mouseClick(banner.write_button, Qt.MouseButton.LeftButton)
    assert addressed[0].to_label.text() == "Helen Marsh <helen.marsh@contoso.example>"
    assert addressed[0].draft.purpose == "senior_contact"
    qtbot.mouseClick(banner.dismiss_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden()
    tab.context.events.applications_changed.emit()
    assert banner.isHidden()  # not now: not again for this application in this session


def test_no_offer_on_a_live_application(tab: ApplicationsTab) -> None:
    assert tab.select_application(next(r.id for r in tab.model.rows() if r.role == "Data Analyst"))
    assert tab.detail.senior_banner.isHidden()
