"""Dismiss, snooze, bring back: what the user did with Today's items, and the list of items put aside."""

from __future__ import annotations

from datetime import date

from desktop_app.services.core import undo
from desktop_app.services.today import due, due_state
from tests.helpers.applications import kinds_for


def test_dismiss_snooze_and_bring_back(via_recruiter: int) -> None:
    day = date(2026, 11, 10)
    item = next(i for i in due.due_items(day) if i.application_id == via_recruiter)
    due_state.dismiss(item.key)
    assert kinds_for(via_recruiter, day) == []
    [aside] = due.put_aside(day)
    assert (aside.key, aside.dismissed, aside.snoozed_until, aside.item) == (item.key, True, None, item)
    assert due_state.bring_back(item.key) is True
    assert kinds_for(via_recruiter, day) == ["follow_up"]
    assert due.put_aside(day) == []
    assert due_state.bring_back(item.key) is False  # nothing to bring back: nothing changed
    due_state.snooze(item.key, date(2026, 11, 12))
    assert [(a.dismissed, a.snoozed_until) for a in due.put_aside(day)] == [(False, date(2026, 11, 12))]
    assert due.put_aside(date(2026, 11, 12)) == []  # the snooze is over: it is on Today again
    assert kinds_for(via_recruiter, date(2026, 11, 12)) == ["follow_up"]


def test_dismiss_through_today_can_be_undone_from_the_edit_menu(via_recruiter: int) -> None:
    day = date(2026, 11, 10)
    item = next(i for i in due.due_items(day) if i.application_id == via_recruiter)
    due.dismiss(item.key, f"{item.subject}")
    assert kinds_for(via_recruiter, day) == []
    assert undo.next_label() == "Dismiss “Data Analyst at Northwind Ltd”"
    undo.undo_last()
    assert kinds_for(via_recruiter, day) == ["follow_up"]


def test_coming_up_lists_the_next_two_weeks(via_recruiter: int) -> None:
    lists = due.today_lists(date(2026, 11, 3))
    assert [i.kind for i in lists.due if i.application_id == via_recruiter] == []
    assert [(i.kind, i.due_on) for i in lists.coming if i.application_id == via_recruiter] == [
        ("follow_up", date(2026, 11, 7))]
    # the last say from 23 Nov is beyond the fortnight on 3 Nov, inside it on 10 Nov
    assert [(i.kind, i.due_on) for i in due.coming_up(date(2026, 11, 10)) if i.application_id == via_recruiter] == [
        ("last_say", date(2026, 11, 23))]
