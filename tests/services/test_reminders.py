"""What the daily notification says, and the "already told" record it shares with the tray."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from desktop_app.services import reminders
from desktop_app.services.applications import pipeline
from desktop_app.services.today import due
from desktop_app.services.today.item import DueItem

DEMO_TODAY = date(2026, 11, 25)


def _item(kind: str, key: str, text: str = "", day: date = DEMO_TODAY) -> DueItem:
    return DueItem(kind=kind, due_on=day, subject="s", text=text, key=key)


def test_the_sentence_counts_the_advice_and_names_the_referees() -> None:
    items = [_item("follow_up", "a"), _item("follow_up", "b"),
             _item("brief_referee", "c", "Brief Alex Morgan before Northwind calls")]
    assert reminders.word(items) == "2 follow-ups are polite again; Brief Alex Morgan before Northwind calls"
    # one of a kind is named: the user sees which application it is about
    one = _item("feedback_request", "d", "Ask Harbour Foods for feedback on your interview on 20 Nov.")
    assert reminders.word([one]) == "Ask Harbour Foods for feedback on your interview on 20 Nov"
    assert reminders.word([_item("follow_up", "e", "A polite follow-up to Jo is fine from 25 Nov."), one,
                           _item("follow_up", "f")]).startswith(
        "Ask Harbour Foods for feedback on your interview on 20 Nov; 2 follow-ups are polite again")
    many = [_item("brief_referee", str(i), f"Brief R{i} before X calls") for i in range(4)]
    assert reminders.word(many) == "Brief R0 before X calls; Brief R1 before X calls; 2 more referees to brief"
    assert reminders.word([]) == ""
    assert reminders.title_for(items) == "Afterview: 3 new things are due"


def test_told_once_a_day_and_only_what_is_new(demo_store: Path) -> None:
    first = reminders.claim_today(DEMO_TODAY)
    assert first is not None
    assert {i.key for i in first.items} == {i.key for i in due.due_items(DEMO_TODAY)}
    assert reminders.told_today(DEMO_TODAY)
    assert reminders.claim_today(DEMO_TODAY) is None  # never twice the same day
    later = DEMO_TODAY + timedelta(days=7)
    second = reminders.claim_today(later)
    assert second is not None
    told = {i.key for i in first.items}
    assert second.items and not any(i.key in told for i in second.items)


def test_dismissed_and_snoozed_items_are_never_told(demo_store: Path) -> None:
    items = due.due_items(DEMO_TODAY)
    due.dismiss(items[0].key)
    due.snooze(items[1].key, DEMO_TODAY + timedelta(days=3))
    reminder = reminders.pending(DEMO_TODAY)
    assert reminder is not None
    keys = {i.key for i in reminder.items}
    assert items[0].key not in keys and items[1].key not in keys


def test_a_reminder_that_could_not_be_shown_is_released(demo_store: Path) -> None:
    reminder = reminders.claim_today(DEMO_TODAY)
    assert reminder is not None
    reminders.release(reminder)
    assert not reminders.told_today(DEMO_TODAY)
    again = reminders.claim_today(DEMO_TODAY)
    assert again is not None and again.sentence == reminder.sentence


def test_turned_off_nothing_is_claimed(demo_store: Path) -> None:
    reminders.set_notifications_enabled(False)
    assert not reminders.notifications_enabled()
    assert reminders.claim_today(DEMO_TODAY) is None
    reminders.set_notifications_enabled(True)
    assert reminders.claim_today(DEMO_TODAY) is not None


def test_since_you_were_last_here(demo_store: Path) -> None:
    assert reminders.came_due_while_away(DEMO_TODAY) == []  # first start: nothing to compare with
    away_from = DEMO_TODAY - timedelta(days=10)
    reminders.mark_seen(away_from)
    came = reminders.came_due_while_away(DEMO_TODAY)
    assert came
    assert all(away_from < i.due_on <= DEMO_TODAY and i.kind in reminders.TIMED_KINDS for i in came)
    expected = [i for i in due.due_items(DEMO_TODAY)
                if i.kind in reminders.TIMED_KINDS and away_from < i.due_on <= DEMO_TODAY]
    assert came == expected
    reminders.mark_seen(DEMO_TODAY)
    assert reminders.came_due_while_away(DEMO_TODAY) == []  # once


def test_start_at_login_is_offered_once_after_the_first_application(store: Path) -> None:
    assert not reminders.should_offer_autostart()  # nothing added yet
    pipeline.save_application_form(pipeline.ApplicationForm(role="Analyst", employer="Northwind Ltd",
                                                            applied_on=DEMO_TODAY), today=DEMO_TODAY)
    assert pipeline.count_applications() == 1
    assert reminders.should_offer_autostart()
    reminders.mark_autostart_offered()
    assert not reminders.should_offer_autostart()
