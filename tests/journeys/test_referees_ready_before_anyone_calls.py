"""Journey 3, referees ready before anyone calls (JOURNEYS.md): referees added until the banner is
happy; two given to an application; Today asks to brief them; each briefed, by email in two
clicks or by phone."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.services.applications import organisations, pipeline as applications
from desktop_app.services.referees import referees as referee_service
from desktop_app.ui.dialogs.briefing_dialog import BriefingDialog
from desktop_app.ui.dialogs.give_referees_dialog import GiveRefereesDialog
from tests.helpers.fake_opener import install_fake_opener
from tests.helpers.referees_tab import banner, drive, fill_referee


def test_four_referees_one_overseas_until_the_banner_is_happy(qtbot: Any, main_window: Any,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    tab = main_window.show_tab(2)
    assert "You have no active referees" in banner(tab)
    additions = [
        dict(name="Łukasz Nowak", relationship="colleague", email="lukasz@tailspin.example", country="AU",
             phone="0412 345 678", zone="Australia/Sydney"),
        dict(name="Dr Nguyễn Thị Minh", relationship="academic", email="n.minh@leeds.example", country="GB"),
        dict(name="Jo Bloggs", relationship="personal", email="jo@example.org"),
        dict(name="Alex Morgan", relationship="direct_manager", email="alex@contoso.example", country="GB",
             phone="0113 496 0000"),
    ]
    expected = [
        ["You have only one active referee", "None of your referees is a direct manager"],
        ["None of your referees is a direct manager"],
        ["None of your referees is a direct manager", "Jo Bloggs is a personal referee"],
        ["Jo Bloggs is a personal referee"],
    ]
    for values, sentences in zip(additions, expected):
        drive(tab, monkeypatch, lambda dialog, v=values: fill_referee(qtbot, dialog, **v))
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        assert banner(tab).count("\n") == len(sentences) - 1, banner(tab)
        for sentence in sentences:
            assert sentence in banner(tab)
    assert tab.panel.visible_count() == 4
    lukasz = next(r for r in tab.model.rows() if r.name == "Łukasz Nowak")
    assert (lukasz.phone, lukasz.country, lukasz.time_zone) == ("+61412345678", "AU", "Australia/Sydney")
    # the friend is retired: the set is strong, and the friend disappears from the list
    tab.select_referee(next(r.id for r in tab.model.rows() if r.name == "Jo Bloggs"))
    qtbot.mouseClick(tab.retire_button, Qt.MouseButton.LeftButton)
    # strong, but nobody has agreed or been briefed yet: not "ready" (issue #18)
    assert banner(tab).startswith("Your set of referees is strong (3 active), but none has yet agreed")
    assert tab.panel.visible_count() == 3
    tab.show_retired.setChecked(True)
    assert tab.panel.visible_count() == 4
    assert "Retired" in [tab.model.index(r, tab.model.ACTIVE).data() for r in range(4)]


def test_give_two_referees_see_today_and_brief_in_two_clicks(qtbot: Any, main_window: Any,
                                                             monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    today = date.today()
    org = organisations.find_or_create_organisation("Northwind Ltd")
    app = applications.create_application({"role": "Data Analyst", "employer": org, "applied_on": today,
                                           "stage": "interviewing"}, today=today)
    alex = referee_service.create_referee({"name": "Alex Morgan", "relationship": "direct_manager",
                                           "email": "alex@contoso.example", "online_questionnaire": True})
    zoe = referee_service.create_referee({"name": "Zoë Fraser", "relationship": "senior_manager",
                                          "phone": "+44 20 7946 0958", "preferred_channel": "phone"})
    main_window.context.events.referees_changed.emit()
    tab = main_window.show_tab(2)
    assert tab.select_referee(alex)

    def give(dialog: GiveRefereesDialog) -> bool:
        assert dialog.application_combo.currentText() == "Data Analyst at Northwind Ltd"
        dialog.tick(zoe)
        return dialog.save()

    drive(tab, monkeypatch, give)
    qtbot.mouseClick(tab.give_button, Qt.MouseButton.LeftButton)
    assert {r.name: r.live_applications for r in tab.model.rows()} == {"Alex Morgan": 1, "Zoë Fraser": 1}
    today_tab = main_window.today_tab
    texts = [i.text for i in today_tab.items()]
    assert "Brief Alex Morgan before Northwind calls" in texts and "Brief Zoë Fraser before Northwind calls" in texts
    assert "Not yet briefed for a live application: Alex Morgan, Zoë Fraser" in banner(tab)

    fake = install_fake_opener(tmp_path / "opener", monkeypatch)  # an email app answers

    def click_open_in_email_app(dialog: BriefingDialog) -> bool:
        assert dialog.application_combo.currentData() == app  # the application they were given to
        assert "Data Analyst at Northwind Ltd" in dialog.subject_edit.text()
        qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)  # click 2
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
        return True

    tab.select_referee(alex)
    drive(tab, monkeypatch, click_open_in_email_app)
    qtbot.mouseClick(tab.brief_button, Qt.MouseButton.LeftButton)  # click 1
    (url,) = fake.opened()
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "alex@contoso.example"
    body = parse_qs(parts.query)["body"][0]
    assert "Northwind Ltd" in body and "online questionnaire" in body and "Thank you" in body
    texts = [i.text for i in today_tab.items()]
    assert "Brief Alex Morgan before Northwind calls" not in texts
    assert "Brief Zoë Fraser before Northwind calls" in texts
    assert next(r for r in tab.model.rows() if r.id == alex).last_briefed_on == today
    assert [b.channel for b in tab.briefings_model.rows()] == ["email"]

    # Zoë has no email: she is briefed by phone and marked by hand
    tab.select_referee(zoe)

    def by_phone(dialog: BriefingDialog) -> bool:
        assert not dialog.email_button.isEnabled()
        assert dialog.channel_combo.currentData() == "phone"
        dialog.notes_edit.setPlainText("Rang Zoë: Northwind's HR may call this week")
        qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    drive(tab, monkeypatch, by_phone)
    qtbot.mouseClick(tab.brief_button, Qt.MouseButton.LeftButton)
    assert not [i for i in today_tab.items() if i.kind == "brief_referee"]
    assert banner(tab).startswith("Your referees are ready")
