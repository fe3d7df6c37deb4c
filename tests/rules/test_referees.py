"""The referee advice at its boundaries: readiness, briefing validity, local time to call."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from desktop_app.rules import referees as r

F = r.RefereeFacts


def kinds(findings: list[r.Finding]) -> list[str]:
    return [f.kind for f in findings]


# --------------------------------------------------------------------------- readiness
def test_no_referees_says_add_two_and_nothing_else() -> None:
    findings = r.readiness([])
    assert kinds(findings) == ["too_few_referees"]
    assert "no active referees" in findings[0].sentence() and "at least two" in findings[0].sentence()


def test_one_direct_manager_is_too_few() -> None:
    findings = r.readiness([F("Alex Morgan", "direct_manager")])
    assert kinds(findings) == ["too_few_referees"]
    assert "only 1 active referee" in findings[0].sentence()


def test_two_referees_of_which_one_direct_manager_is_ready() -> None:
    assert r.readiness([F("Alex Morgan", "direct_manager"), F("Łukasz Nowak", "colleague")]) == []


def test_three_colleagues_have_no_direct_manager() -> None:
    findings = r.readiness([F("A", "colleague"), F("B", "colleague"), F("C", "colleague")])
    assert kinds(findings) == ["no_direct_manager"]
    assert "Add a former direct manager" in findings[0].sentence()


def test_three_different_relationships_are_the_accepted_exception() -> None:
    assert r.readiness([F("A", "colleague"), F("B", "report"), F("C", "senior_manager")]) == []


def test_two_different_relationships_are_not_enough_variety() -> None:
    assert kinds(r.readiness([F("A", "colleague"), F("B", "report")])) == ["no_direct_manager"]


def test_a_friend_only_is_too_few_not_a_manager_and_weak() -> None:
    findings = r.readiness([F("Jo Bloggs", "personal")])
    assert kinds(findings) == ["too_few_referees", "no_direct_manager", "weak_referee"]
    assert findings[2].name == "Jo Bloggs" and "personal referee" in findings[2].sentence()


def test_a_friend_does_not_make_up_the_variety() -> None:
    findings = r.readiness([F("A", "colleague"), F("B", "report"), F("C", "personal")])
    assert kinds(findings) == ["no_direct_manager", "weak_referee"]


def test_retired_referees_do_not_count() -> None:
    findings = r.readiness([F("Alex", "direct_manager", active=False), F("B", "colleague"),
                            F("C", "colleague", active=False)])
    assert kinds(findings) == ["too_few_referees", "no_direct_manager"]


# --------------------------------------------------------------------------- briefings
TODAY = date(2026, 11, 25)


def test_a_general_briefing_90_days_old_is_valid_and_91_is_not() -> None:
    at_90 = [r.BriefingFacts(None, date(2026, 8, 27))]
    at_91 = [r.BriefingFacts(None, date(2026, 8, 26))]
    assert (TODAY - at_90[0].on).days == 90
    assert r.briefed_for(7, at_90, today=TODAY, valid_days=90)
    assert not r.briefed_for(7, at_91, today=TODAY, valid_days=90)
    assert r.briefed_for(7, at_91, today=TODAY, valid_days=91)


def test_a_briefing_for_the_application_never_expires() -> None:
    assert r.briefed_for(7, [r.BriefingFacts(7, date(2025, 1, 1))], today=TODAY, valid_days=90)


def test_a_briefing_for_another_application_does_not_count() -> None:
    assert not r.briefed_for(7, [r.BriefingFacts(8, TODAY)], today=TODAY, valid_days=90)
    assert not r.briefed_for(7, [], today=TODAY, valid_days=90)


def test_the_today_sentence_names_the_employer_as_people_say_it() -> None:
    assert r.brief_before_call_text("Alex Morgan", "Northwind Ltd") == "Brief Alex Morgan before Northwind calls"
    assert r.spoken_organisation("Contoso plc") == "Contoso"
    assert r.spoken_organisation("Acme Pty Ltd") == "Acme"
    assert r.spoken_organisation("Ltd") == "Ltd"


# --------------------------------------------------------------------------- local time
def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.mark.parametrize(("now", "zone", "text"), [
    # Tuesday 24 Nov 2026: London is on GMT
    (utc(2026, 11, 24, 14, 5), "Europe/London", "14:05 Tue, a good time to call"),
    (utc(2026, 11, 24, 3, 10), "Europe/London", "03:10, too early"),
    # New York is five hours behind in November
    (utc(2026, 11, 24, 19, 5), "America/New_York", "14:05 Tue, a good time to call"),
    (utc(2026, 11, 24, 8, 10), "America/New_York", "03:10, too early"),
    # Kolkata is 5:30 ahead, all year: the half hour shows
    (utc(2026, 11, 24, 8, 35), "Asia/Kolkata", "14:05 Tue, a good time to call"),
    (utc(2026, 11, 24, 16, 0), "Asia/Kolkata", "21:30, too late"),
    # Sydney in summer (AEDT, +11): 14:05 UTC Tuesday is 01:05 Wednesday
    (utc(2026, 11, 24, 14, 5), "Australia/Sydney", "01:05, too early"),
    (utc(2026, 11, 24, 3, 5), "Australia/Sydney", "14:05 Tue, a good time to call"),
    # Sydney in winter (AEST, +10): the same UTC moment is an hour earlier there
    (utc(2026, 6, 16, 3, 5), "Australia/Sydney", "13:05 Tue, a good time to call"),
    # the weekend and the evening
    (utc(2026, 11, 28, 11, 0), "Europe/London", "11:00 Sat, the weekend, better to email"),
    (utc(2026, 11, 24, 18, 30), "Europe/London", "18:30 Tue, outside working hours"),
])
def test_local_time_text(now: datetime, zone: str, text: str) -> None:
    assert r.local_time_text(now, zone) == text


def test_across_the_daylight_saving_change_in_london() -> None:
    # clocks go forward on Sunday 29 March 2026 at 01:00 UTC
    assert r.local_time_text(utc(2026, 3, 27, 13, 0), "Europe/London") == "13:00 Fri, a good time to call"
    assert r.local_time_text(utc(2026, 3, 30, 13, 0), "Europe/London") == "14:00 Mon, a good time to call"


def test_across_the_daylight_saving_change_in_sydney() -> None:
    # Sydney's clocks go back on Sunday 5 April 2026 at 16:00 UTC (03:00 AEDT → 02:00 AEST)
    assert r.local_time_text(utc(2026, 4, 2, 23, 0), "Australia/Sydney") == "10:00 Fri, a good time to call"
    assert r.local_time_text(utc(2026, 4, 6, 23, 0), "Australia/Sydney") == "09:00 Tue, a good time to call"


def test_the_boundaries_of_a_good_time() -> None:
    london = "Europe/London"
    assert r.local_time(utc(2026, 11, 24, 8, 59), london).verdict == r.OUT_OF_HOURS  # type: ignore[union-attr]
    assert r.local_time(utc(2026, 11, 24, 9, 0), london).verdict == r.GOOD  # type: ignore[union-attr]
    assert r.local_time(utc(2026, 11, 24, 17, 59), london).verdict == r.GOOD  # type: ignore[union-attr]
    assert r.local_time(utc(2026, 11, 24, 18, 0), london).verdict == r.OUT_OF_HOURS  # type: ignore[union-attr]
    assert r.local_time(utc(2026, 11, 24, 7, 59), london).verdict == r.EARLY  # type: ignore[union-attr]
    assert r.local_time(utc(2026, 11, 24, 21, 0), london).verdict == r.LATE  # type: ignore[union-attr]


def test_no_or_unknown_zone_gives_no_text() -> None:
    assert r.local_time_text(utc(2026, 11, 24, 14, 5), None) == ""
    assert r.local_time_text(utc(2026, 11, 24, 14, 5), "Mars/Olympus_Mons") == ""
    with pytest.raises(ValueError):
        r.local_time(datetime(2026, 11, 24, 14, 5), "Europe/London")
