"""``afterview log``: the window's too-soon question on the command line (issue 12), run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.store.db import close_database
from desktop_app.store.open import open_database
from tests.helpers.applications import log, pricing_analyst
from tests.helpers.cli import run


def _journey(folder: Path) -> int:
    """Journey 1 up to the feedback request of Mon 30 Nov 10:00 UTC, in ``folder``; returns the application id."""
    open_database(folder)
    app_id = pricing_analyst()
    log(app_id, "2026-11-30", "feedback_request")
    close_database()
    return app_id


def _contacts(folder: Path, app_id: int) -> int:
    from desktop_app.services.applications.interactions import list_interactions

    open_database(folder)
    try:
        return len(list_interactions(app_id))
    finally:
        close_database()


def test_a_too_soon_follow_up_is_refused_with_exit_3_and_nothing_changes(folder: Path) -> None:
    app_id = _journey(folder)
    done = run("log", str(app_id), "--channel", "email", "--purpose", "follow_up", "--at", "2026-12-03T11:00+00:00",
               "--today", "2026-12-03", "--data-dir", str(folder))
    assert done.returncode == 3, done.stderr
    assert "You last contacted Quayside Recruitment 3 days ago; a follow-up is polite from 5 Dec." in done.stderr
    assert "--anyway" in done.stderr and "Traceback" not in done.stderr
    assert _contacts(folder, app_id) == 1
    anyway = run("log", str(app_id), "--channel", "email", "--purpose", "follow_up",
                 "--at", "2026-12-03T11:00+00:00", "--today", "2026-12-03", "--anyway", "--data-dir", str(folder))
    assert anyway.returncode == 0, anyway.stderr
    assert _contacts(folder, app_id) == 2


def test_a_thank_you_or_a_senior_contact_letter_the_same_day_is_accepted(folder: Path) -> None:
    app_id = _journey(folder)
    for purpose in ("thank_you", "senior_contact"):
        done = run("log", str(app_id), "--channel", "linkedin", "--purpose", purpose,
                   "--at", "2026-11-30T15:00+00:00", "--data-dir", str(folder))
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("Logged contact ")
    assert _contacts(folder, app_id) == 3
    # the same service as the window: the follow-up is still polite from 5 Dec
    listed = json.loads(run("applications", "list", "--json", "--today", "2026-12-01",
                            "--data-dir", str(folder)).stdout)
    assert [(a["next_step"], a["next_step_on"]) for a in listed] == [("follow_up", "2026-12-05")]


def test_bad_input_says_why_and_changes_nothing(folder: Path) -> None:
    app_id = _journey(folder)
    missing = run("log", "999", "--channel", "email", "--purpose", "thank_you", "--data-dir", str(folder))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr == "afterview: There is no application 999. Nothing was logged.\n"  # 12b item 10
    nobody = run("log", str(app_id), "--channel", "email", "--purpose", "thank_you", "--to", "999",
                 "--data-dir", str(folder))
    assert nobody.returncode == 1 and "Traceback" not in nobody.stderr
    bad_day = run("log", str(app_id), "--channel", "email", "--purpose", "thank_you", "--at", "30/11",
                  "--data-dir", str(folder))
    assert bad_day.returncode == 2 and "is not a date and time" in bad_day.stderr
    assert _contacts(folder, app_id) == 1


def test_12b_item_1_a_contact_in_the_future_is_refused_with_exit_2(folder: Path) -> None:
    app_id = _journey(folder)
    future = run("log", str(app_id), "--channel", "email", "--purpose", "other", "--at", "2027-11-30T10:00+00:00",
                 "--today", "2026-11-30", "--data-dir", str(folder))
    assert future.returncode == 2 and "30 Nov 2027 is in the future" in future.stderr, future.stderr
    # without --today the computer's clock decides: a year from now is refused all the same
    from datetime import date, timedelta
    ahead = (date.today() + timedelta(days=400)).isoformat()
    assert run("log", str(app_id), "--channel", "email", "--purpose", "other", "--at", ahead,
               "--data-dir", str(folder)).returncode == 2
    assert _contacts(folder, app_id) == 1
    # before the application's day: logged, with the question on standard error
    before = run("log", str(app_id), "--channel", "phone", "--purpose", "other", "--direction", "incoming",
                 "--at", "2026-10-20T10:00+00:00", "--today", "2026-11-30", "--data-dir", str(folder))
    assert before.returncode == 0 and "This is before you applied on 2 Nov — is the date right?" in before.stderr
    assert _contacts(folder, app_id) == 2


def test_12b_item_8_without_to_the_person_the_next_step_names_is_used_and_said(folder: Path) -> None:
    app_id = _journey(folder)
    done = run("log", str(app_id), "--channel", "email", "--purpose", "follow_up", "--at", "2026-12-05T10:00+00:00",
               "--today", "2026-12-05", "--data-dir", str(folder))
    assert done.returncode == 0, done.stderr
    assert "With Jo Park: the person the next step names" in done.stdout
    from desktop_app.services.applications.interactions import list_interactions

    open_database(folder)
    try:
        assert [i.contact_name for i in list_interactions(app_id)][-1] == "Jo Park"
    finally:
        close_database()
