"""The readers' columns and words: every set turns a row into its own cells."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services.report.activity import ActivityRow
from desktop_app.services.report.column_sets import COLUMN_SETS, DEFAULT_SET, FIELDS, column_set

ROW = ActivityRow(date(2026, 11, 3), "follow_up", "Northwind Ltd", "Data Analyst", "phone", "Priya Shah", "rejected",
                  1, detail="Asked for an update", replied=True)


@pytest.mark.parametrize("key", list(COLUMN_SETS))
def test_every_set_has_every_field_once_and_widths_that_fill_the_table(key: str) -> None:
    chosen = COLUMN_SETS[key]
    assert sorted(f for _h, f in chosen.columns) == sorted(FIELDS)
    assert len(chosen.widths) == len(chosen.columns)
    assert sum(chosen.widths) == pytest.approx(1)
    cells = chosen.cells(ROW)
    assert len(cells) == len(chosen.headings) == 7
    assert "Northwind Ltd" in cells and "Data Analyst" in cells and "Priya Shah" in cells


def test_generic_is_the_default_and_reads_in_plain_english() -> None:
    assert DEFAULT_SET == "generic"
    assert COLUMN_SETS["generic"].cells(ROW) == [
        "3 Nov 2026", "Northwind Ltd", "Data Analyst", "Follow-up: Asked for an update", "Phone", "Priya Shah",
        "Replied; Unsuccessful"]


def test_the_bewerbungsnachweis_uses_the_job_centres_german_words() -> None:
    ba = column_set("ba-de")
    assert ba.headings == ["Datum", "Name des Unternehmens", "Stellenbezeichnung", "Tätigkeit",
                           "Art der Bewerbung", "Ansprechpartner", "Status"]
    assert ba.cells(ROW) == ["03.11.2026", "Northwind Ltd", "Data Analyst", "Nachfrage: Asked for an update",
                             "telefonisch", "Priya Shah", "Antwort erhalten; Absage"]


def test_universal_credit_and_workforce_australia_use_their_own_headings() -> None:
    assert column_set("uc-uk").headings[:2] == ["Date", "What I did"]
    assert column_set("uc-uk").cells(ROW)[0] == "03/11/2026"
    assert column_set("workforce-au").headings[1:3] == ["Employer name", "Position title"]
    incoming = ActivityRow(date(2026, 11, 3), "contact", "Contoso", "Analyst", "email", "", "applied", 2,
                           incoming=True)
    assert column_set("workforce-au").cells(incoming)[3] == "Employer contacted me"


def test_an_unknown_reader_is_named_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="generic, workforce-au, uc-uk, ba-de"):
        column_set("dole")


def test_an_application_names_where_it_went_and_an_interview_its_round() -> None:
    applied = ActivityRow(date(2026, 11, 3), "application", "Contoso", "Analyst", "linkedin", "", "applied", 2,
                          detail="LinkedIn")
    second = ActivityRow(date(2026, 11, 4), "interview", "Contoso", "Analyst", "video", "", "interviewing", 2,
                         round=2)
    assert COLUMN_SETS["generic"].cells(applied)[3] == "Applied (LinkedIn)"
    assert COLUMN_SETS["generic"].cells(second)[3:5] == ["Interview (round 2)", "Online (video)"]
    assert column_set("ba-de").cells(second)[3:5] == ["Vorstellungsgespräch (2. Runde)", "online (Video)"]
