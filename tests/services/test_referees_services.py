"""Referee services: validation of what the form sends, references given, briefings, Today items."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.services.applications import pipeline as applications, organisations

from desktop_app.services.referees import briefings

from desktop_app.services.today import due

from desktop_app.services.core import messages, profile
from desktop_app.services.referees import referees as service
from desktop_app.services.referees import time_zones
from desktop_app.services.core.records import ValidationError
from desktop_app.services.core.settings import save_settings

TODAY = date(2026, 11, 25)


def add_referee(name: str = "Alex Morgan", relationship: str = "direct_manager", **values: object) -> int:
    return service.create_referee({"name": name, "relationship": relationship, **values})


def add_application(role: str = "Data Analyst", employer: str = "Northwind Ltd", stage: str = "interviewing",
                    recruiter: str | None = None) -> int:
    org = organisations.find_or_create_organisation(employer)
    values: dict[str, object] = {"role": role, "employer": org, "applied_on": TODAY - timedelta(days=20),
                                 "stage": stage}
    if recruiter:
        values["recruiter"] = organisations.create_contact({"name": recruiter, "organisation": org,
                                                            "kind": "recruiter"})
    return applications.create_application(values, today=TODAY - timedelta(days=20))


# --------------------------------------------------------------------------- validation
@pytest.mark.parametrize(("phone", "country", "e164"), [
    ("07700 900123", "GB", "+447700900123"),
    ("(212) 555-0134", "US", "+12125550134"),
    ("098765 43210", "IN", "+919876543210"),
    ("0412 345 678", "AU", "+61412345678"),
    ("030 1234567", "DE", "+49301234567"),
    ("+61 2 9374 4000", "GB", "+61293744000"),  # an international number ignores the country
])
def test_phone_numbers_in_several_countries_are_stored_in_e164(store: Path, phone: str, country: str,
                                                               e164: str) -> None:
    referee = add_referee(phone=phone, country=country)
    assert service.get_referee(referee).phone == e164


@pytest.mark.parametrize(("phone", "words"), [
    ("12", "not a valid phone number"),
    ("call me", "not a phone number"),
])
def test_a_bad_phone_number_is_refused_and_nothing_saved(store: Path, phone: str, words: str) -> None:
    with pytest.raises(ValidationError) as error:
        add_referee(phone=phone, country="GB")
    assert error.value.field == "phone" and words in error.value.message
    assert service.list_referee_rows() == []


def test_a_local_number_without_a_country_asks_for_the_code(store: Path) -> None:
    with pytest.raises(ValidationError, match=r"needs its country code"):
        add_referee(phone="07700 900123")


@pytest.mark.parametrize(("email", "ok"), [
    ("alex.morgan@contoso.example", True),
    ("zoë@fabrikam.example", True),
    ("alex@", False),
    ("alex morgan@contoso.example", False),
    ("alex@@contoso.example", False),
])
def test_emails_are_checked_without_looking_anything_up(store: Path, email: str, ok: bool) -> None:
    if ok:
        assert service.get_referee(add_referee(email=email)).email == email
    else:
        with pytest.raises(ValidationError) as error:
            add_referee(email=email)
        assert error.value.field == "email" and "not a valid email address" in error.value.message


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"])
def test_time_zones_are_iana_names(store: Path, zone: str) -> None:
    assert zone in time_zones.all_zones()
    assert service.get_referee(add_referee(time_zone=zone)).time_zone == zone


def test_an_unknown_time_zone_is_refused(store: Path) -> None:
    with pytest.raises(ValidationError, match="not a time zone"):
        add_referee(time_zone="Europe/Londn")


@pytest.mark.parametrize(("country", "zone"), [
    ("GB", "Europe/London"), ("IN", "Asia/Kolkata"), ("DE", "Europe/Berlin"), ("gb", "Europe/London"),
    ("US", None), ("AU", None), (None, None), ("ZZ", None),
])
def test_default_zone_only_where_the_country_has_one_clock(country: str | None, zone: str | None) -> None:
    assert time_zones.default_zone(country) == zone


def test_zone_list_leaves_out_legacy_aliases_and_offsets_show_the_half_hour() -> None:
    zones = time_zones.all_zones()
    assert "US/Eastern" not in zones and "Etc/GMT+5" not in zones and zones[-1] == "UTC"
    assert time_zones.utc_offset_text("Asia/Kolkata") == "UTC+05:30"


def test_country_of_an_international_number(store: Path) -> None:
    assert service.country_of_phone("+61 2 9374 4000") == "AU"
    assert service.country_of_phone("+44 7700 900123") == "GB"  # a drama number: no range, still GB
    assert service.country_of_phone("07700 900123") is None


# --------------------------------------------------------------------------- references and briefings
def test_giving_referees_records_the_date_once(store: Path) -> None:
    app = add_application()
    alex, zoe = add_referee(), add_referee("Zoë Fraser", "senior_manager")
    assert briefings.give_referees(app, [alex, zoe, alex], TODAY) == 2
    assert briefings.give_referees(app, [alex], TODAY + timedelta(days=3)) == 0
    rows = briefings.references(today=TODAY, application_id=app)
    assert [(r.referee_name, r.on, r.briefed) for r in rows] == [("Alex Morgan", TODAY, False),
                                                                 ("Zoë Fraser", TODAY, False)]
    assert {r.name: r.live_applications for r in service.list_referee_rows()} == {"Alex Morgan": 1,
                                                                                  "Zoë Fraser": 1}


def test_employer_contacted_and_questionnaire_done_are_kept(store: Path) -> None:
    app, alex = add_application(), add_referee()
    briefings.give_referees(app, [alex], TODAY)
    briefings.set_employer_contacted(alex, app, TODAY + timedelta(days=2))
    briefings.set_questionnaire_done(alex, app, True)
    (row,) = briefings.references(today=TODAY, referee_id=alex)
    assert row.employer_contacted_on == TODAY + timedelta(days=2) and row.questionnaire_done
    with pytest.raises(ValidationError):
        briefings.set_employer_contacted(alex, app, "yesterday")  # type: ignore[arg-type]
    briefings.take_back(alex, app)
    assert briefings.references(today=TODAY) == []


def test_today_says_brief_the_referee_until_they_are_briefed(store: Path) -> None:
    app, alex = add_application(), add_referee()
    add_referee("Łukasz Nowak", "colleague")
    briefings.give_referees(app, [alex], TODAY - timedelta(days=1))
    items = [i for i in due.due_items(TODAY) if i.kind == "brief_referee"]
    assert [(i.subject, i.text, i.due_on) for i in items] == [
        ("Alex Morgan", "Brief Alex Morgan before Northwind calls", TODAY - timedelta(days=1))]
    assert items[0].as_json()["kind"] == "brief_referee"
    briefings.record_briefing(alex, app, TODAY, "phone", "Told Alex that Northwind may call")
    assert [i for i in due.due_items(TODAY) if i.kind == "brief_referee"] == []
    assert service.get_referee(alex).last_briefed_on == TODAY


def test_a_general_briefing_covers_for_briefing_valid_days(store: Path) -> None:
    app, alex = add_application(), add_referee()
    add_referee("Zoë Fraser", "senior_manager")
    briefings.give_referees(app, [alex], TODAY)
    briefings.record_briefing(alex, None, TODAY - timedelta(days=90))
    assert briefings.unbriefed(today=TODAY) == []
    assert [r.referee_name for r in briefings.unbriefed(today=TODAY + timedelta(days=1))] == ["Alex Morgan"]
    save_settings({"briefing_valid_days": 120})
    assert briefings.unbriefed(today=TODAY + timedelta(days=1)) == []


def test_closed_applications_and_retired_referees_need_no_briefing(store: Path) -> None:
    live, closed, alex, zoe = add_application(), add_application("Analyst", "Adatum", "rejected"), add_referee(), \
        add_referee("Zoë Fraser", "senior_manager")
    briefings.give_referees(closed, [alex], TODAY)
    briefings.give_referees(live, [zoe], TODAY)
    assert [r.referee_name for r in briefings.unbriefed(today=TODAY)] == ["Zoë Fraser"]
    service.set_active(zoe, False)
    assert briefings.unbriefed(today=TODAY) == []
    assert [r.name for r in service.list_referee_rows(include_retired=False)] == ["Alex Morgan"]


def test_readiness_items_on_today_only_while_job_hunting(store: Path) -> None:
    add_referee("Łukasz Nowak", "colleague")
    assert due.due_items(TODAY) == []  # no live application: a calm Today
    add_application()
    items = {i.kind: i for i in due.due_items(TODAY)}
    assert set(items) == {"too_few_referees", "no_direct_manager"}
    assert items["too_few_referees"].subject == "Referees"
    assert "Add at least one more" in items["too_few_referees"].text
    add_referee()
    assert due.due_items(TODAY) == []


def test_briefing_message_names_role_organisation_who_and_how(store: Path) -> None:
    profile.save_profile({"name": "Sam Taylor", "phone": "+44 7700 900123"})
    app = add_application(recruiter="Priya Shah")
    alex = add_referee(email="alex@contoso.example", phone="+44 113 496 0000", preferred_channel="either",
                       online_questionnaire=True)
    message = briefings.compose_briefing(alex, app)
    assert message.subject == "A reference request may come your way — Data Analyst at Northwind Ltd"
    assert message.body.startswith("Dear Alex,")
    assert "Priya Shah at Northwind Ltd may contact you by phone or email, or through an online questionnaire" \
        in message.body
    assert "Thank you" in message.body and "Sam Taylor" in message.body and "+44 7700 900123" in message.body
    general = briefings.compose_briefing(alex, None)
    assert "applying for new roles" in general.body and "{" not in general.body
    # the user's own wording wins
    messages.save_template("referee_briefing", "Heads-up: {role}", "Hi {referee_first_name}, {who_may_call} may call.")
    assert briefings.compose_briefing(alex, app).body == "Hi Alex, Priya Shah at Northwind Ltd may call.\n"


def test_briefing_message_without_a_recruiter_and_by_email_only(store: Path) -> None:
    app = add_application(employer="Adatum Insurance")
    minh = add_referee("Dr Nguyễn Thị Minh", "academic", email="n.minh@leeds.example", preferred_channel="email")
    body = briefings.compose_briefing(minh, app).body
    assert body.startswith("Dear Nguyễn,") and "Someone from Adatum Insurance may contact you by email " in body


def test_briefings_of_a_referee_newest_first(store: Path) -> None:
    app, alex = add_application(), add_referee()
    briefings.record_briefing(alex, None, TODAY - timedelta(days=10), "email", "General")
    briefings.record_briefing(alex, app, TODAY, "phone", "For Northwind")
    rows = briefings.briefings_of(alex)
    assert [(b.application_label, b.channel) for b in rows] == [("Data Analyst at Northwind Ltd", "phone"),
                                                               (None, "email")]


def test_application_choices_are_the_live_ones(store: Path) -> None:
    add_application()
    add_application("Analyst", "Adatum", "rejected")
    assert [c.label for c in briefings.application_choices()] == ["Data Analyst at Northwind Ltd"]
    assert len(briefings.application_choices(live_only=False)) == 2


def test_demo_data_has_one_referee_to_brief(demo_store: Path) -> None:
    items = [i.as_json() for i in due.due_items(TODAY) if i.kind.endswith("referee") or "referees" in i.kind]
    assert items == [{"kind": "brief_referee", "due_on": "2026-11-20", "subject": "Zoë Fraser",
                      "text": "Brief Zoë Fraser before Adatum Insurance calls"}]


def test_afterview_due_lists_the_referee_items_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from desktop_app.__main__ import main
    from desktop_app.services.exchange.demo import load_demo
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    folder = tmp_path / "data"
    open_database(folder)
    load_demo(TODAY)
    alex = next(r.id for r in service.list_referee_rows() if r.name == "Alex Morgan")
    service.set_active(alex, False)  # one direct manager fewer: the set still has three kinds
    close_database()
    try:
        assert main(["due", "--today", TODAY.isoformat(), "--json", "--data-dir", str(folder)]) == 0
    finally:
        close_database()
    items = [i for i in json.loads(capsys.readouterr().out) if "referee" in i["kind"]]
    assert items == [{"kind": "brief_referee", "due_on": "2026-11-20", "subject": "Zoë Fraser",
                      "text": "Brief Zoë Fraser before Adatum Insurance calls"}]
