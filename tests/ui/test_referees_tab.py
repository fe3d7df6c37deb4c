"""The Referees tab as the user drives it: add referees until the banner is happy, give them
to an application, see Today ask for a briefing, brief through the email app in two clicks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.services.applications import pipeline as applications, organisations

from desktop_app.services.referees import briefings
from desktop_app.services.referees import referees as referee_service
from desktop_app.ui.dialogs.briefing_dialog import BriefingDialog
from desktop_app.ui.dialogs.give_referees_dialog import GiveRefereesDialog
from desktop_app.ui.dialogs.referee_dialog import RefereeDialog
from tests.scripted_prompts import ScriptedPrompts

CARDS = Path(__file__).resolve().parent.parent / "data" / "vcards"


def drive(tab: Any, monkeypatch: pytest.MonkeyPatch, steps: Callable[[Any], bool]) -> None:
    """The next dialog the tab opens is handled by ``steps`` instead of waiting for a person."""
    monkeypatch.setattr(tab, "run_dialog", lambda dialog: steps(dialog))


def fill_referee(qtbot: Any, dialog: RefereeDialog, *, name: str, relationship: str, email: str = "",
                 country: str | None = None, phone: str = "", zone: str | None = None) -> bool:
    dialog.name_edit.setText(name)  # setText: keyClicks cannot type non-ASCII
    dialog.relationship_combo.setCurrentIndex(dialog.relationship_combo.findData(relationship))
    qtbot.keyClicks(dialog.email_edit, email)
    dialog.set_country(country)
    qtbot.keyClicks(dialog.phone_edit, phone)
    if zone:
        dialog.set_time_zone(zone)
    return dialog.save()


def banner(tab: Any) -> str:
    return tab.banner.text()


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
    assert banner(tab).startswith("Your referees are ready: 3 active")
    assert tab.panel.visible_count() == 3
    tab.show_retired.setChecked(True)
    assert tab.panel.visible_count() == 4
    assert "Retired" in [tab.model.index(r, tab.model.ACTIVE).data() for r in range(4)]


def test_give_two_referees_see_today_and_brief_in_two_clicks(qtbot: Any, main_window: Any,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
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

    opened: list[str] = []
    monkeypatch.setattr(BriefingDialog, "open_url", lambda self, url: opened.append(url) or True)

    def click_open_in_email_app(dialog: BriefingDialog) -> bool:
        assert dialog.application_combo.currentData() == app  # the application they were given to
        assert "Data Analyst at Northwind Ltd" in dialog.subject_edit.text()
        qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)  # click 2
        return dialog.result() == QDialog.DialogCode.Accepted

    tab.select_referee(alex)
    drive(tab, monkeypatch, click_open_in_email_app)
    qtbot.mouseClick(tab.brief_button, Qt.MouseButton.LeftButton)  # click 1
    (url,) = opened
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


def test_copy_puts_the_message_on_the_clipboard_and_records_nothing(qtbot: Any, demo_store: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    zoe = next(r.id for r in referee_service.list_referee_rows() if r.name == "Zoë Fraser")
    dialog = BriefingDialog(zoe, None)
    qtbot.addWidget(dialog)
    assert dialog.application_combo.currentText() == "Data Analyst (Fixed term) at Adatum Insurance"
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("A reference request may come your way") and "Dear Zoë," in copied
    assert dialog.briefed_id is None and "Copied" in dialog.status_label.text()
    dialog.application_combo.setCurrentIndex(dialog.application_combo.count() - 1)  # in general
    assert "applying for new roles" in dialog.body_edit.toPlainText()


def test_local_time_column_with_a_fixed_now(qtbot: Any, main_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, zone in [("London", "Europe/London"), ("New York", "America/New_York"),
                       ("Kolkata", "Asia/Kolkata"), ("Sydney", "Australia/Sydney"), ("Nowhere", None)]:
        referee_service.create_referee({"name": name, "relationship": "colleague", "time_zone": zone})
    tab = main_window.show_tab(2)
    monkeypatch.setattr(tab, "now", lambda: datetime(2026, 11, 24, 14, 5, tzinfo=timezone.utc))
    tab.tick()
    shown = {tab.model.index(r, 0).data(): tab.model.index(r, tab.model.LOCAL_TIME).data()
             for r in range(tab.model.rowCount())}
    assert shown == {"London": "14:05 Tue, a good time to call", "New York": "09:05 Tue, a good time to call",
                     "Kolkata": "19:35 Tue, outside working hours", "Sydney": "01:05, too early",
                     "Nowhere": "time zone not set"}
    row = next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 0).data() == "Kolkata")
    assert tab.model.index(row, tab.model.LOCAL_TIME).data(Qt.ItemDataRole.ToolTipRole) == \
        "Asia/Kolkata (UTC+05:30)"


def test_the_referee_form_checks_in_place_and_saves_nothing_until_fixed(qtbot: Any, store: Path) -> None:
    dialog = RefereeDialog()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Priya Shah")
    qtbot.keyClicks(dialog.email_edit, "priya@")
    dialog.email_edit.editingFinished.emit()
    assert "Not a valid email address" in dialog.errors.text("email") or \
        "not a valid email address" in dialog.errors.text("email")
    qtbot.keyClicks(dialog.phone_edit, "07700 900123")
    dialog.phone_edit.editingFinished.emit()
    assert "country code" in dialog.errors.text("phone") and "choose the referee's country" in dialog.errors.text("phone")
    assert not dialog.save()
    assert referee_service.list_referee_rows() == []
    # the country gives the phone its code, shows it formatted, and preselects the only time zone
    dialog.set_country("GB")
    assert dialog.errors.text("phone") == ""
    assert dialog.phone_edit.text() == "+44 7700 900123"
    assert dialog.time_zone() == "Europe/London"
    assert "UTC+00:00" in dialog.zone_preview.text() or "UTC+01:00" in dialog.zone_preview.text()
    dialog.email_edit.setText("priya@example.org")
    dialog.zone_combo.setEditText("Europe/Londres")
    assert not dialog.save()
    assert "not a time zone" in dialog.errors.text("time_zone")
    dialog.set_time_zone("Europe/London")
    assert dialog.save()
    (row,) = referee_service.list_referee_rows()
    assert (row.email, row.phone, row.country, row.time_zone) == ("priya@example.org", "+447700900123", "GB",
                                                                 "Europe/London")


def test_time_zone_type_to_search_finds_part_of_a_name(qtbot: Any, store: Path) -> None:
    dialog = RefereeDialog()
    qtbot.addWidget(dialog)
    completer = dialog.zone_combo.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    completer.setCompletionPrefix("kolk")
    assert completer.currentCompletion() == "Asia/Kolkata"
    dialog.set_country("US")  # several clocks: no guess
    assert dialog.time_zone() == ""
    dialog.set_country("IN")
    assert dialog.time_zone() == "Asia/Kolkata" and "UTC+05:30" in dialog.zone_preview.text()
    dialog.set_country("AU")  # the zone India chose goes: Australia has several
    assert dialog.time_zone() == ""


def test_editing_keeps_what_the_user_chose(qtbot: Any, store: Path) -> None:
    ref = referee_service.create_referee({"name": "Łukasz Nowak", "relationship": "colleague", "country": "AU",
                                          "phone": "+61 2 9374 4000", "time_zone": "Australia/Perth",
                                          "consent_on": "2026-10-05"})
    dialog = RefereeDialog(ref)
    qtbot.addWidget(dialog)
    assert dialog.phone_edit.text() == "+61 2 9374 4000" and dialog.time_zone() == "Australia/Perth"
    assert dialog.consent_check.isChecked()
    dialog.set_country("GB")  # moved country, but the zone was chosen by hand: only the user changes it
    assert dialog.time_zone() == "Australia/Perth"
    dialog.set_country("AU")
    dialog.name_edit.setText("Łukasz Nowak-Kowalski")
    assert dialog.save()
    assert referee_service.get_referee(ref).name == "Łukasz Nowak-Kowalski"


def test_weak_relationship_is_explained_in_the_form(qtbot: Any, store: Path) -> None:
    dialog = RefereeDialog()
    qtbot.addWidget(dialog)
    dialog.relationship_combo.setCurrentIndex(dialog.relationship_combo.findData("personal"))
    assert "little weight" in dialog.relationship_hint.text()


def test_employer_contacted_questionnaire_done_and_take_back(qtbot: Any, main_window: Any,
                                                             prompts: ScriptedPrompts) -> None:
    org = organisations.find_or_create_organisation("Adatum")
    app = applications.create_application({"role": "Analyst", "employer": org, "applied_on": date.today()})
    alex = referee_service.create_referee({"name": "Alex Morgan", "relationship": "direct_manager"})
    briefings.give_referees(app, [alex], date.today())
    tab = main_window.show_tab(2)
    tab.refresh()
    tab.select_referee(alex)
    tab.references_table.setCurrentIndex(tab.references_model.index(0, 0))
    contacted = date.today() - timedelta(days=1)
    prompts.script("ask_date", contacted)
    qtbot.mouseClick(tab.contacted_button, Qt.MouseButton.LeftButton)
    [asked] = prompts.asked_of("ask_date")
    assert asked.text == "When did Adatum contact Alex Morgan?" and asked.details["initial"] == tab.today()
    tab.references_table.setCurrentIndex(tab.references_model.index(0, 0))
    qtbot.mouseClick(tab.questionnaire_button, Qt.MouseButton.LeftButton)
    (row,) = tab.references_model.rows()
    assert row.employer_contacted_on == contacted and row.questionnaire_done
    tab.references_table.setCurrentIndex(tab.references_model.index(0, 0))
    qtbot.mouseClick(tab.take_back_button, Qt.MouseButton.LeftButton)
    assert tab.references_model.rows() == []


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


def test_vcard_import_previews_then_creates(qtbot: Any, main_window: Any, monkeypatch: pytest.MonkeyPatch,
                                            prompts: ScriptedPrompts) -> None:
    tab = main_window.show_tab(2)
    prompts.script("open_path", CARDS / "mixed-good-and-bad.vcf")
    seen: dict[str, Any] = {}

    def review(dialog: Any) -> bool:
        from PySide6.QtCore import QCoreApplication, QThread

        assert QThread.currentThread() is QCoreApplication.instance().thread()  # the preview is in the GUI thread
        seen["summary"] = dialog.summary.text()
        seen["problems"] = dialog.problems.toPlainText()
        assert referee_service.list_referee_rows() == []  # nothing created before Import
        dialog.model.setData(dialog.model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
        assert dialog.import_button.text() == "Import 1 referee(s)"
        return dialog.import_ticked()

    drive(tab, monkeypatch, review)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "summary" in seen)  # read off the GUI thread, then previewed
    assert tab.import_button.isEnabled()
    assert "2 contact(s) can be added" in seen["summary"] and "4 could not be read" in seen["summary"]
    assert "Card 2: the card has no name" in seen["problems"]
    assert [r.name for r in tab.model.rows()] == ["Priya Shah"]
    assert tab.model.rows()[0].relationship == "colleague"


def test_a_file_that_is_not_a_vcard_is_refused_with_a_message(qtbot: Any, main_window: Any,
                                                              prompts: ScriptedPrompts) -> None:
    tab = main_window.show_tab(2)
    prompts.script("open_path", CARDS / "not-a-vcard.vcf")
    assert tab.import_vcard()
    qtbot.waitUntil(lambda: bool(prompts.told()))
    [(text, problem)] = prompts.told()
    assert problem and "Nothing was imported" in text and "holds no contacts" in text
    assert tab.model.rowCount() == 0


def test_export_selected_referees(qtbot: Any, main_window: Any, prompts: ScriptedPrompts,
                                  tmp_path: Path) -> None:
    for name in ("Zoë Fraser", "王伟", "Alex Morgan"):
        referee_service.create_referee({"name": name, "relationship": "colleague"})
    tab = main_window.show_tab(2)
    tab.refresh()
    target = tmp_path / "out.vcf"
    prompts.script("save_path", target)
    table = tab.panel.table
    table.selectRow(1)
    table.selectionModel().select(tab.panel.proxy.index(2, 0),
                                  table.selectionModel().SelectionFlag.Select
                                  | table.selectionModel().SelectionFlag.Rows)
    names = sorted(r.name for r in tab.selected_referees())
    assert len(names) == 2
    assert tab.export_vcard() == 2
    text = target.read_bytes().decode("utf-8")
    assert all(f"FN:{n}" in text for n in names)


def test_referee_models_pass_the_model_tester(qtmodeltester: Any, demo_store: Path) -> None:
    from desktop_app.ui.models.referees_model import RefereesModel

    model = RefereesModel()
    model.set_rows(referee_service.list_referee_rows())
    qtmodeltester.check(model)


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


def test_brief_without_any_application_is_a_general_briefing(qtbot: Any, main_window: Any,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QKeySequence

    alex = referee_service.create_referee({"name": "Alex Morgan", "relationship": "direct_manager",
                                           "email": "alex@contoso.example"})
    tab = main_window.show_tab(2)
    assert tab.brief_button.shortcut() == QKeySequence("Ctrl+B")
    assert tab.select_referee(alex)
    opened: list[BriefingDialog] = []
    drive(tab, monkeypatch, lambda dialog: opened.append(dialog) or False)
    qtbot.mouseClick(tab.brief_button, Qt.MouseButton.LeftButton)
    assert [d.referee.name for d in opened] == ["Alex Morgan"]
    assert opened[0].application_combo.currentData() is None  # given to nothing yet: in general
    assert "applying for new roles" in opened[0].body_edit.toPlainText()
    assert referee_service.get_referee(alex).last_briefed_on is None  # closed without marking


def test_markup_in_a_name_is_shown_as_typed(qtbot: Any, main_window: Any) -> None:
    name = "<b>Bold</b> & <i>Co</i>"
    ref = referee_service.create_referee({"name": name, "relationship": "colleague"})
    tab = main_window.show_tab(2)
    tab.refresh()
    tab.select_referee(ref)
    assert tab.detail.title.textFormat() == Qt.TextFormat.PlainText
    assert tab.detail.title.text().startswith(name)
    assert tab.banner.textFormat() == Qt.TextFormat.PlainText
