"""References given and briefings: the dates kept, who still needs a briefing, the message that briefs them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.services.core import messages, profile
from desktop_app.services.core.records import ValidationError
from desktop_app.services.core.settings import save_settings
from desktop_app.services.referees import briefings, referees as service
from tests.helpers.referees import TODAY, add_application, add_referee


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
