"""The activities of a period as rows, their summary, the presets and the month's progress."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from desktop_app.services.core.settings import save_monthly_target
from desktop_app.services.report import activity
from desktop_app.services.report.activity import ReportRangeError, list_activities, preset_period, summarise
from tests.helpers.activity_samples import CYRILLIC_NAME, EXPECTED, FIRST, LAST, LONG_NAME, make_activities


@pytest.fixture
def scenario(store: Path) -> dict[str, int]:
    return make_activities()


def test_every_activity_of_the_period_is_listed_once_by_kind(scenario: dict[str, int]) -> None:
    rows = list_activities(FIRST, LAST)
    summary = summarise(rows)
    assert summary.counts == scenario
    assert summary.total == sum(scenario.values()) == len(rows)
    assert all(FIRST <= r.day <= LAST for r in rows)
    assert [r.day for r in rows] == sorted(r.day for r in rows)
    assert not any(r.role in ("Too early", "Too late") for r in rows)


def test_the_first_and_last_days_are_included(scenario: dict[str, int]) -> None:
    assert [r.role for r in list_activities(date(2026, 11, 1), date(2026, 11, 1))] == ["Data Analyst"]
    last_day = list_activities(date(2026, 11, 14), date(2026, 11, 14))
    assert {r.kind for r in last_day} == {"application", "contact"}


def test_a_row_names_who_what_how_and_the_outcome_so_far(scenario: dict[str, int]) -> None:
    rows = list_activities(FIRST, LAST)
    interview = next(r for r in rows if r.kind == "interview" and r.organisation == "Northwind Ltd")
    assert (interview.day, interview.how, interview.contact, interview.stage) == (
        date(2026, 11, 6), "video", CYRILLIC_NAME, "interviewing")
    agency = next(r for r in rows if r.kind == "application" and r.contact == "Priya Shah")
    assert agency.organisation.endswith("(Hays)")
    follow_up = next(r for r in rows if r.kind == "follow_up" and r.contact == "Priya Shah")
    assert follow_up.replied and follow_up.how == "email"
    incoming = next(r for r in rows if r.incoming)
    assert incoming.kind == "contact" and incoming.detail == "They said no" and not incoming.replied
    gone = next(r for r in rows if r.organisation == LONG_NAME and r.kind == "contact")
    assert gone.contact == "Gone Person"
    how = {r.role: r.how for r in rows if r.kind == "application"}
    assert how["Data Analyst"] == "linkedin" and how["Analityk danych"] == "email"


def test_only_the_kinds_asked_for_are_listed(scenario: dict[str, int]) -> None:
    rows = list_activities(FIRST, LAST, ("interview", "follow_up"))
    assert summarise(rows).counts == {"application": 0, "interview": 3, "follow_up": 4, "contact": 0}
    with pytest.raises(ValueError):
        list_activities(FIRST, LAST, ("walk",))


def test_a_period_that_ends_before_it_starts_is_refused(store: Path) -> None:
    with pytest.raises(ReportRangeError, match="after its last day"):
        list_activities(LAST, FIRST)


def test_outcomes_count_each_application_once(scenario: dict[str, int]) -> None:
    outcomes = summarise(list_activities(FIRST, LAST)).outcomes
    assert outcomes == {"interviewing": 2, "rejected": 1, "applied": 2}


@pytest.mark.parametrize(("preset", "today", "first"), [
    ("week", date(2026, 11, 30), date(2026, 11, 24)),
    ("fortnight", date(2026, 11, 30), date(2026, 11, 17)),
    ("this_month", date(2026, 11, 30), date(2026, 11, 1)),
    ("this_month", date(2026, 11, 1), date(2026, 11, 1)),
])
def test_presets_end_today(preset: str, today: date, first: date) -> None:
    assert preset_period(preset, today) == (first, today)


@pytest.mark.parametrize(("today", "first", "last"), [
    (date(2026, 11, 14), date(2026, 10, 1), date(2026, 10, 31)),
    (date(2026, 3, 31), date(2026, 2, 1), date(2026, 2, 28)),
    (date(2026, 1, 15), date(2025, 12, 1), date(2025, 12, 31)),
])
def test_last_month_is_the_previous_calendar_month(today: date, first: date, last: date) -> None:
    assert preset_period("month", today) == (first, last)


def test_a_future_interview_is_not_reported_and_the_period_ends_today(  # type: ignore[no-untyped-def]
        scenario: dict[str, int], frozen_clock) -> None:
    # the scenario's interview on 20 Nov is planned, not attended, on the 18th
    frozen_clock.set_today(date(2026, 11, 18))
    rows = list_activities(date(2026, 11, 1), date(2026, 11, 30))
    assert not any(r.day > date(2026, 11, 18) for r in rows)
    assert summarise(rows).counts["interview"] == 3
    assert activity.reported_period(date(2026, 11, 1), date(2026, 11, 30)) == (date(2026, 11, 1), date(2026, 11, 18))


def test_an_interview_later_today_is_not_reported_yet(  # type: ignore[no-untyped-def]
        scenario: dict[str, int], frozen_clock) -> None:
    frozen_clock.set_now(datetime(2026, 11, 20, 11, tzinfo=timezone.utc))  # the interview is at noon UTC
    assert summarise(list_activities(date(2026, 11, 20), date(2026, 11, 20))).counts["interview"] == 0
    frozen_clock.set_now(datetime(2026, 11, 20, 13, tzinfo=timezone.utc))
    assert summarise(list_activities(date(2026, 11, 20), date(2026, 11, 20))).counts["interview"] == 1


def test_a_period_starting_after_today_is_refused(store: Path, frozen_clock) -> None:  # type: ignore[no-untyped-def]
    frozen_clock.set_today(date(2026, 11, 18))
    with pytest.raises(ReportRangeError, match="after today"):
        list_activities(date(2026, 11, 19), date(2026, 11, 30))


@pytest.mark.parametrize(("first", "last"), [(date(1, 1, 1), date(2026, 11, 1)),
                                             (date(2026, 11, 1), date(9999, 12, 31))])
def test_days_outside_1900_to_2100_are_refused_in_plain_words(store: Path, first: date, last: date) -> None:
    with pytest.raises(ReportRangeError, match="from 1900 to 2100"):
        list_activities(first, last)


def test_the_users_text_is_kept_whole(store: Path) -> None:
    make_activities()
    from desktop_app.store import models as m

    long_summary = "word " * 200
    m.Interaction.create(application=m.Application.select().first(), at=datetime(2026, 11, 2, 12, tzinfo=timezone.utc),
                         purpose="follow_up", channel="email", direction="outgoing", summary=long_summary)
    details = [r.detail for r in list_activities(date(2026, 11, 2), date(2026, 11, 2))]
    assert details == [long_summary.strip()]


def test_custom_has_no_fixed_days() -> None:
    with pytest.raises(ValueError):
        preset_period("custom", date(2026, 11, 30))


def test_the_month_so_far_counts_what_the_report_for_this_month_lists(  # type: ignore[no-untyped-def]
        scenario: dict[str, int], frozen_clock) -> None:
    frozen_clock.set_now(datetime(2026, 11, 14, 18, tzinfo=timezone.utc))
    assert activity.month_progress(date(2026, 11, 14)).target == 0  # no target: nothing counted
    save_monthly_target(20)
    progress = activity.month_progress(date(2026, 11, 14))
    # the report for This month, every kind ticked: the Today line and the report agree
    first, last = preset_period("this_month", date(2026, 11, 14))
    listed = len(list_activities(first, last))
    assert listed == sum(EXPECTED.values())  # 5 applications, 3 interviews held, 4 follow-ups, 2 other contacts
    assert (progress.done, progress.target, progress.month) == (listed, 20, date(2026, 11, 1))
