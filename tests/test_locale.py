"""Dates under a Turkish or French desktop: generated text stays English, the window goes local.

Qt sets the C library's locale from the user's when the application starts
(``setlocale(LC_ALL, "")``), so ``strftime("%b")`` then says "Kas" or "nov." and
``strptime("%d %b %Y")`` refuses "3 Nov 2026". The tests do what Qt does, in-process,
and put the locale back afterwards. The locales must be installed (``.ci/run`` does
it with ``locale-gen``); where they are not, the tests skip and say so.
"""

from __future__ import annotations

import locale
import re
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale

from tests.conftest import DEMO_TODAY

#: (C library locale, Qt locale, November abbreviated there (strftime and QLocale agree), a list date)
LOCALES = {
    "tr_TR.UTF-8": ("tr_TR", "Kas", "25 Kas 2026"),
    "fr_FR.UTF-8": ("fr_FR", "nov.", "25 nov. 2026"),
}
#: A day and an English month abbreviation: "20 Nov", "1 Feb".
ENGLISH_DAY = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


@pytest.fixture(params=sorted(LOCALES))
def desktop_locale(request: pytest.FixtureRequest) -> Iterator[str]:
    """The C library locale set for the whole process, as Qt sets it on start-up; restored after."""
    name = request.param
    before = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, name)
    except locale.Error:
        pytest.skip(f"the {name} locale is not installed here (enable it in /etc/locale.gen and run "
                    f"locale-gen, as .ci/run does)")
    try:
        # Not vacuous: strftime really speaks the other language now.
        assert date(2026, 11, 25).strftime("%b") == LOCALES[name][1]
        yield name
    finally:
        locale.setlocale(locale.LC_ALL, before)


@pytest.fixture
def window_locale(desktop_locale: str) -> Iterator[str]:
    """The same locale for Qt (what ``QLocale()`` formats with); restored after."""
    before = QLocale()
    QLocale.setDefault(QLocale(LOCALES[desktop_locale][0]))
    try:
        yield desktop_locale
    finally:
        QLocale.setDefault(before)


# ---------------------------------------------------------------- generated text: English
def test_the_thank_you_draft_dates_the_interview_in_english(desktop_locale: str, store: Path) -> None:
    from desktop_app.services.applications import drafts
    from desktop_app.store import models as m

    employer = m.Organisation.create(name="Northwind Ltd")
    app = m.Application.create(role="Data Analyst", employer=employer, applied_on=date(2026, 11, 1),
                               stage="interviewing")
    m.Interview.create(application=app, at=datetime(2026, 11, 25, 10, tzinfo=timezone.utc))
    draft = drafts.draft_message(app.id, "thank_you", today=date(2026, 11, 26))
    assert "25 November" in draft.body
    assert "Kasım" not in draft.body and "novembre" not in draft.body


def test_the_pack_is_dated_in_english(desktop_locale: str, demo_store: Path, frozen_clock: ModuleType,
                                      tmp_path: Path) -> None:
    from desktop_app.pack import wording
    from desktop_app.services import pack as pack_service
    from desktop_app.store import models as m

    assert wording.date_in_words(date(2026, 11, 25)) == "25 November 2026"
    assert wording.month_in_words(date(2026, 11, 25)) == "November 2026"
    frozen_clock.set_today(DEMO_TODAY)
    referees = tuple(r.id for r in m.Referee.select().where(m.Referee.active == True))  # noqa: E712
    choice = pack_service.PackChoice(None, referees, ())
    result = pack_service.produce_pack(choice, tmp_path / "pack.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(result.path).pages)
    assert "25 November 2026" in text  # the cover
    assert "UTC offsets are as on 25 November 2026" in " ".join(text.split())  # the referees' calling hours
    assert "Kasım" not in text and "novembre" not in text


def test_csv_export_then_import_reads_every_date(desktop_locale: str, demo_store: Path, tmp_path: Path) -> None:
    from desktop_app.services.exchange import applications_csv as csv_service
    from desktop_app.store import models as m

    target = tmp_path / "applications.csv"
    exported = csv_service.export_csv(target)
    table = csv_service.read_csv(target)
    check = csv_service.check_rows(table, csv_service.guess_mapping(table.headers), today=DEMO_TODAY)
    # every date read back as written: so every row is found to be an application already kept
    assert check.bad == [] and check.good == [] and len(check.duplicates) == exported
    kept = {(a.role, a.applied_on) for a in m.Application.select()}
    assert {(form.role, form.applied_on) for _line, form, *_ in check.duplicates} == kept


def test_csv_import_reads_english_month_names_whatever_the_locale(desktop_locale: str, store: Path,
                                                                  tmp_path: Path) -> None:
    """In the window this used to refuse "3 Nov 2026", while the command line took it."""
    from desktop_app.services.exchange import applications_csv as csv_service

    source = tmp_path / "mine.csv"
    source.write_text("role,company,date applied\nAnalyst,Northwind Ltd,3 Nov 2026\n"
                      "Scientist,Contoso plc,3 NOVEMBER 2026\nTester,Fabrikam,3 Kasım 2026\n", encoding="utf-8")
    table = csv_service.read_csv(source)
    check = csv_service.check_rows(table, csv_service.guess_mapping(table.headers), today=DEMO_TODAY)
    assert [(line, form.applied_on) for line, form in check.good] == [(2, date(2026, 11, 3)), (3, date(2026, 11, 3))]
    assert check.bad == [(4, "'3 Kasım 2026' is not a date (use YYYY-MM-DD, 31/12/2025 or 12/31/2025)")]


def test_afterview_due_prints_english_dates(desktop_locale: str, demo_store: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.__main__ import main

    assert main(["due", "--today", "2026-11-25", "--data-dir", str(demo_store)]) == 0
    out = capsys.readouterr().out
    assert "is fine from 15 Nov." in out and "the window is open until 1 Feb 2027." in out
    assert "on your interview on 20 Nov." in out
    assert "Kas " not in out and "nov." not in out


# ---------------------------------------------------------------- the window: the user's language
def test_the_window_shows_dates_in_the_users_language(window_locale: str, demo_store: Path) -> None:
    from desktop_app.services.applications.pipeline import list_application_rows
    from desktop_app.ui import formatting
    from desktop_app.ui.models.applications_model import ApplicationsModel

    local = LOCALES[window_locale][2]
    assert formatting.short_date(date(2026, 11, 25)) == local
    rows = list_application_rows(today=DEMO_TODAY)
    model = ApplicationsModel()
    model.set_rows(rows)
    november = [(model.index(i, ApplicationsModel.APPLIED).data(), row.applied_on) for i, row in enumerate(rows)
                if row.applied_on.month == 11]
    assert november  # the sample has applications made in November
    for text, day in november:
        assert text == f"{day.day} {LOCALES[window_locale][1]} {day.year}"
    # ... while the next step, a sentence in the app's English, keeps English month names
    steps = [model.index(r, ApplicationsModel.NEXT_STEP).data() for r in range(model.rowCount())]
    assert any(ENGLISH_DAY.search(step) for step in steps)


def test_the_referees_local_time_is_in_the_users_language(window_locale: str) -> None:
    from desktop_app.rules import referees as referee_rules
    from desktop_app.ui.models.referees_model import local_time_text

    tuesday_noon = datetime(2026, 12, 1, 12, 5, tzinfo=timezone.utc)
    found = referee_rules.local_time(tuesday_noon, "Europe/London")
    text: Any = local_time_text(found)
    assert text.startswith("12:05 " + QLocale().dayName(2, QLocale.FormatType.ShortFormat))
    assert "Tue" not in text
