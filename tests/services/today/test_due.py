"""The Today list as a whole: dismissed and snoozed items stay hidden."""

from __future__ import annotations

from datetime import date

from desktop_app.services.today import due
from tests.helpers.applications import kinds_for


def test_dismiss_and_snooze_hide_an_item(via_recruiter: int) -> None:
    item = next(i for i in due.due_items(date(2026, 11, 10)) if i.application_id == via_recruiter)
    assert item.kind == "follow_up"
    due.snooze(item.key, date(2026, 11, 12))
    assert kinds_for(via_recruiter, date(2026, 11, 11)) == []
    assert kinds_for(via_recruiter, date(2026, 11, 12)) == ["follow_up"]
    due.dismiss(item.key)
    assert kinds_for(via_recruiter, date(2026, 11, 13)) == []


def test_case_7_the_feedback_request_of_tomorrow_is_in_coming_up(store: object) -> None:
    from tests.helpers.applications import pricing_analyst

    app_id = pricing_analyst()
    lists = due.today_lists(date(2026, 11, 30))
    assert [i for i in lists.due if i.application_id == app_id] == []
    [coming] = [i for i in lists.coming if i.application_id == app_id]
    assert (coming.kind, coming.due_on) == ("feedback_request", date(2026, 12, 1))
    assert coming.text == "Ask Jo Park for feedback on your interview on 27 Nov."


def test_12b_item_9_coming_up_shows_snoozed_items_and_booked_interviews(store: object) -> None:
    """Journey 1 on Mon 23 Nov: the interview of Fri 27 Nov is in Coming up itself; a follow-up snoozed
    until 30 Nov is in Coming up on that day, marked "snoozed until 30 Nov"."""
    from desktop_app.services.applications import interviews, pipeline
    from desktop_app.services.applications.pipeline import ApplicationForm
    from tests.helpers.applications import at

    app_id = pipeline.save_application_form(ApplicationForm(
        role="Pricing Analyst", employer="Harbour Foods", applied_on=date(2026, 11, 10)), today=date(2026, 11, 10))
    follow_up = [i for i in due.due_items(date(2026, 11, 20)) if i.application_id == app_id]
    assert [i.kind for i in follow_up] == ["follow_up"]
    due.snooze(follow_up[0].key, date(2026, 11, 30))
    other = pipeline.save_application_form(ApplicationForm(
        role="Data Analyst", employer="Bay Ltd", applied_on=date(2026, 11, 16)), today=date(2026, 11, 16))
    interviews.create_interview({"application": other, "at": at("2026-11-27"), "round": 1, "format": "video"},
                                today=date(2026, 11, 23))
    lists = due.today_lists(date(2026, 11, 23))
    assert [i for i in lists.due if i.application_id == app_id] == []
    assert [(i.kind, i.due_on) for i in lists.coming if i.application_id == app_id] == \
        [("follow_up", date(2026, 11, 30)), ("last_say", date(2026, 12, 1))]
    assert [(i.kind, i.due_on) for i in lists.coming if i.application_id == other] == \
        [("interview", date(2026, 11, 27)), ("feedback_request", date(2026, 12, 1))]
    snoozed = next(i for i in lists.coming if i.kind == "follow_up")
    assert snoozed.text.endswith("(snoozed until 30 Nov)") and snoozed.key == follow_up[0].key
    assert next(i for i in lists.coming if i.kind == "interview").text.startswith(
        "Interview for Data Analyst at Bay Ltd on 27 Nov at ")
    # once rejected, the booked interview is no longer coming
    pipeline.update_application(other, {"stage": "rejected"}, today=date(2026, 11, 24))
    assert "interview" not in [i.kind for i in due.today_lists(date(2026, 11, 24)).coming]
