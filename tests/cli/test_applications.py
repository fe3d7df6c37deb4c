"""``afterview applications list`` and ``afterview due`` on the journeys of issue 12, run as a user would."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from desktop_app.store.db import close_database
from desktop_app.store.open import open_database
from tests.helpers.applications import at, log, pricing_analyst
from tests.helpers.cli import run


def _due(folder: Path, day: str) -> list[tuple[str, str]]:
    done = run("due", "--json", "--today", day, "--data-dir", str(folder))
    assert done.returncode == 0, done.stderr
    return [(i["kind"], i["due_on"]) for i in json.loads(done.stdout) if "Analyst" in i["subject"]]


def test_case_1_due_gives_the_follow_up_from_5_dec_and_the_last_say_from_21_dec(folder: Path) -> None:
    open_database(folder)
    app_id = pricing_analyst()
    log(app_id, "2026-11-30", "thank_you", hour=9)
    log(app_id, "2026-11-30", "feedback_request", hour=10)
    close_database()
    assert _due(folder, "2026-12-01") == []
    assert _due(folder, "2026-12-04") == []
    assert _due(folder, "2026-12-05") == [("follow_up", "2026-12-05")]
    assert _due(folder, "2026-12-20") == [("follow_up", "2026-12-05")]
    assert _due(folder, "2026-12-21") == [("last_say", "2026-12-21")]
    assert _due(folder, "2027-01-15") == [("last_say", "2026-12-21")]
    listed = json.loads(run("applications", "list", "--json", "--today", "2026-12-01", "--data-dir", str(folder)).stdout)
    assert listed == [{"id": app_id, "role": "Pricing Analyst", "organisation": "Harbour Foods via Quayside Recruitment",
                       "stage": "interviewing", "next_step": "follow_up", "next_step_on": "2026-12-05"}]
    text = run("applications", "list", "--today", "2026-12-01", "--data-dir", str(folder))
    assert text.returncode == 0
    assert "Pricing Analyst — Harbour Foods via Quayside Recruitment  [Interviewing]  Follow-up polite from 2026-12-05" \
        in text.stdout


def test_case_4_no_last_say_while_an_interview_is_booked(folder: Path) -> None:
    from desktop_app.services.applications import interviews, pipeline
    from desktop_app.services.applications.pipeline import ApplicationForm

    open_database(folder)
    app_id = pipeline.save_application_form(ApplicationForm(role="Data Analyst", employer="Contoso plc",
                                                            applied_on=date(2026, 11, 2)), today=date(2026, 11, 2))
    interviews.create_interview({"application": app_id, "at": at("2026-11-27"), "round": 1, "format": "video",
                                 "interviewers": []}, today=date(2026, 11, 20))
    pipeline.update_application(app_id, {"stage": "applied"}, today=date(2026, 11, 20))  # left at "applied"
    close_database()
    assert _due(folder, "2026-11-23") == []  # 21 days after applying: no last say, the interview is booked
    assert _due(folder, "2026-11-26") == []
    listed = json.loads(run("applications", "list", "--json", "--today", "2026-11-23", "--data-dir", str(folder)).stdout)
    assert (listed[0]["stage"], listed[0]["next_step"], listed[0]["next_step_on"]) == ("applied", "interview", "2026-11-27")
    assert _due(folder, "2026-12-01") == [("feedback_request", "2026-12-01")]


def test_an_empty_folder_lists_nothing(folder: Path) -> None:
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    open_database(folder)  # Afterview data, with no application yet (a folder without it: test_common)
    close_database()
    done = run("applications", "list", "--data-dir", str(folder))
    assert done.returncode == 0 and done.stdout == "No applications yet.\n"
    assert json.loads(run("applications", "list", "--json", "--data-dir", str(folder)).stdout) == []


def test_12b_item_2_a_rejection_after_an_interview_without_feedback_shows_the_re_approach(folder: Path) -> None:
    """Rejected on Fri 4 Dec, no feedback recorded, the feedback request never sent: the chase ends at
    once; the list names the senior contact and the re-approach day, and keeps the day after the senior
    letter is written and after an interview booked later has passed."""
    from desktop_app.services.applications import interviews, pipeline

    open_database(folder)
    app_id = pricing_analyst()
    pipeline.update_application(app_id, {"stage": "rejected"}, today=date(2026, 12, 4))
    close_database()

    def listed(day: str) -> tuple[str, str | None]:
        done = run("applications", "list", "--json", "--today", day, "--data-dir", str(folder))
        assert done.returncode == 0, done.stderr
        row = json.loads(done.stdout)[0]
        return row["next_step"], row["next_step_on"]

    assert listed("2026-12-04") == ("senior_contact", "2027-03-04")
    assert _due(folder, "2026-12-04") == [("senior_contact", "2026-12-04")]  # no feedback request
    text = run("applications", "list", "--today", "2026-12-04", "--data-dir", str(folder)).stdout
    assert "Write to a senior contact; re-approach from 2027-03-04" in text
    open_database(folder)
    interviews.create_interview({"application": app_id, "at": at("2026-12-10"), "round": 2, "format": "video",
                                 "interviewers": []}, today=date(2026, 12, 5))
    log(app_id, "2026-12-07", "senior_contact")
    close_database()
    assert listed("2026-12-08") == ("re_approach", "2027-03-04")
    assert listed("2026-12-20") == ("re_approach", "2027-03-04")
    assert [k for k, _ in _due(folder, "2026-12-20")] == []  # the later interview asks for no feedback
