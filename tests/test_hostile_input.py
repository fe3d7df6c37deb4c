"""Arbitrary text through everything that keeps text: it is stored exactly, or refused by name.

Property-based (hypothesis): markup and format characters, control characters,
right-to-left text, emoji with joiners, combining marks, 10,000-character strings and
empty strings, through every service that stores text, through the data file
export/import round trip, the message templates, and the reference pack builder.
Example counts stay modest so the suite stays fast.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from desktop_app.services.applications import organisations
from desktop_app.services.core import crud, profile
from desktop_app.services.core.records import ValidationError
from desktop_app.services.core.validation import NAME_MAX
from desktop_app.services.exchange import datafile
from desktop_app.services.referees import referees
from desktop_app.services.vault import qualifications as vault
from desktop_app.store import models as m

#: hand-picked troublemakers, mixed in with random text
NASTY = [
    "", " ", "<b>bold</b>", "<script>alert('x')</script>", "&amp; &lt;&gt; &#0;", "{name} {{x}} %s %(x)s {0}",
    "'; DROP TABLE organisation; --", "\\", '"quoted"', "[link](javascript:alert(1))", "*not bold* _x_",
    "\u202eevil\u202c", "مرحبا بالعالم", "שלום עולם", "👩🏽‍💻🇬🇧🏳️‍⚧️", "\t\r\n\x0b\x0c", "\x1b[31mred\x1b[0m",
    "\ufeffBOM", "zero\u200bwidth", "e\u0301", "Z̴̡̛a̶l̷g̸o̵", "\x7f\x01\x02", "ÿ\u00a0\u2028\u2029", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
]
ANY_CHAR = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be stored as UTF-8 by anyone
hostile = st.one_of(
    st.text(ANY_CHAR, max_size=60),
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=5).map("".join),
    st.text(ANY_CHAR, min_size=1, max_size=12).map(lambda s: (s * 10_000)[:10_000]),
)
FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def acceptable_refusal(exc: ValidationError, text: str, required: set[str]) -> bool:
    """A refusal is fine only for a NUL character, a blank required field, or a name or
    title longer than :data:`validation.NAME_MAX` characters (it would push the window wide)."""
    too_long = len(text.strip()) > NAME_MAX and "at most" in exc.message
    return "\x00" in text or (exc.field in required and not text.strip()) or too_long


def stores_exactly(write: Any, read: Any, fields: list[str], text: str, required: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    try:
        record_id = write({f: text for f in fields})
    except ValidationError as exc:
        assert acceptable_refusal(exc, text, required), exc
        return
    stored = read(record_id)
    for f in fields:
        assert getattr(stored, f) == text, f


@pytest.fixture
def app_id(store: Path) -> int:
    from desktop_app.services.applications import pipeline as applications

    org = organisations.create_organisation({"name": "Northwind Ltd"})
    return applications.create_application({"role": "Analyst", "employer": org, "applied_on": date(2026, 11, 1)},
                                           today=date(2026, 11, 25))


@FAST
@given(text=hostile)
def test_every_service_that_stores_text(app_id: int, text: str) -> None:
    from desktop_app.services.applications import pipeline as applications, interactions, interviews

    stores_exactly(organisations.create_organisation, organisations.get_organisation, ["name", "notes"], text,
                   {"name"})
    stores_exactly(organisations.create_contact, organisations.get_contact, ["name", "title", "notes"], text,
                   {"name"})
    stores_exactly(lambda v: applications.create_application(
        {**v, "employer": m.Organisation.select().first().id, "applied_on": date(2026, 11, 2)},
        today=date(2026, 11, 25)), lambda i: crud.get("applications", i),
        ["role", "source", "notes", "feedback"], text, {"role"})
    stores_exactly(lambda v: referees.create_referee({**v, "relationship": "colleague"}),
                   lambda i: crud.get("referees", i),
                   ["name", "title", "organisation", "worked_together", "notes"], text, {"name"})
    stores_exactly(vault.create_qualification, lambda i: crud.get("qualifications", i),
                   ["title", "institution", "level", "grade"], text, {"title"})
    # "How to verify" is kept as typed unless it is a link: then made a valid web link, or refused (issue 16)
    from desktop_app.rules.qualifications import BadLink, clean_verify_link

    try:
        expected = clean_verify_link(text) if "\x00" not in text else None
    except BadLink:
        expected = None
    try:
        verify_id = vault.create_qualification({"title": "Degree", "verify": text})
    except ValidationError as exc:
        assert exc.field == "verify" and (expected is None or "too long" in exc.message), exc
    else:
        assert expected is not None and crud.get("qualifications", verify_id).verify == expected
    at = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)
    stores_exactly(lambda v: interactions.log_interaction(
        {**v, "application": app_id, "at": at, "channel": "email", "direction": "outgoing"}),
        lambda i: crud.get("interactions", i), ["summary"], text)
    stores_exactly(lambda v: interviews.create_interview({**v, "application": app_id, "at": at}),
                   lambda i: crud.get("interviews", i), ["notes"], text)
    from desktop_app.services.referees import briefings

    referee = referees.create_referee({"name": "Dr Ada Byron", "relationship": "colleague"})
    stores_exactly(lambda v: briefings.record_briefing(referee, app_id, date(2026, 11, 20), notes=v["notes"]),
                   lambda i: crud.get("briefings", i), ["notes"], text)
    try:
        applications.record_feedback(app_id, text, date(2026, 11, 21), today=date(2026, 11, 25))
    except ValidationError as exc:
        assert "\x00" in text, exc
    else:
        # feedback is kept without surrounding blanks; none at all clears it
        assert crud.get("applications", app_id).feedback in (text.strip(), None)
    try:
        profile.save_profile({"name": text, "location": text})
    except ValidationError as exc:
        assert acceptable_refusal(exc, text, set()), exc
    else:
        assert profile.get_profile().name == text and profile.get_profile().location == text


file_name = st.text(ANY_CHAR, min_size=1, max_size=60).filter(
    lambda t: "/" not in t and "\x00" not in t and len((t + ".pdf").encode()) <= 250)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=file_name)
def test_documents_keep_any_file_name(store: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    from desktop_app.services.vault import adding as vault_import
    from desktop_app.services.vault.pdf import display_name
    from tests.helpers.vault_samples import make_pdf

    # content unique to the name: the same content twice is one vault record under its first name
    marker = hashlib.sha256(name.encode()).hexdigest()
    source = make_pdf(tmp_path_factory.mktemp("names") / f"{name}.pdf", text=marker)
    added = vault_import.add_document(source, kind="transcript")
    assert crud.get("documents", added.document_id).original_name == display_name(source.name)
    assert vault.get_document_row(added.document_id).original_name == display_name(source.name)


@FAST
@given(text=hostile)
def test_message_templates_keep_or_refuse_text(store: Path, text: str) -> None:
    from desktop_app.services.core import messages

    body = f"Dear {{contact_first_name}},\n{text}\n"
    try:
        messages.save_template("thank_you", text, body)
    except ValidationError as exc:
        assert exc.field in ("subject", "body") and ("{" in text or "}" in text or "\x00" in text), exc
        return
    assert messages.get_template("thank_you") == messages.Message(text, body)
    messages.render("thank_you", {"contact_first_name": text})  # never crashes on the values either
    assert messages.mailto_url("sam@example.org", text, body).startswith("mailto:")


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=st.lists(hostile.filter(lambda t: "\x00" not in t and t.strip()), min_size=3, max_size=3))
def test_the_data_file_round_trips_any_text(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    a, b, c = (t[:NAME_MAX] for t in texts)  # names and titles: at most NAME_MAX characters
    first = tmp_path_factory.mktemp("hostile") / "first"
    open_database(first)
    try:
        org = organisations.create_organisation({"name": a, "notes": b})
        referees.create_referee({"name": c, "relationship": "colleague", "worked_together": a, "notes": b})
        vault.create_qualification({"title": b, "institution": c, "grade": a})
        profile.save_profile({"name": a, "location": c})
        organisations.create_contact({"name": b, "organisation": org, "title": c})
        exported = datafile.export_data()
    finally:
        close_database()
    # through the file on disk, as a user would move it
    target = first.parent / "data.json"
    datafile.write_json_atomically(exported, target)
    second = first.parent / "second"
    open_database(second)
    try:
        datafile.import_from_file(target)
        again = datafile.export_data()
    finally:
        close_database()
    exported.pop("exported_at")
    again.pop("exported_at")
    assert json.loads(json.dumps(again)) == json.loads(json.dumps(exported))


def _build_pack(tmp_path: Path, texts: list[str]) -> None:
    pack = pytest.importorskip("desktop_app.pack")
    from pypdf import PdfReader

    a, b, c, d = texts
    content = pack.PackContent(
        profile=pack.PackProfile(a or "Sam", location=b),
        role=c, organisation=d, made_on=date(2026, 11, 25),
        referees=(pack.PackReferee(b or "Ref", "colleague", worked_together=c, title=d, organisation=a),),
        qualifications=(pack.PackQualification(c or "Degree", institution=d, grade=a, verify=b),),
    )
    out = tmp_path / "pack.pdf"
    pack.build_pack(content, out)
    assert len(PdfReader(out).pages) >= 1


#: the same troublemakers, long strings kept to 300 characters and 20 lines to keep
#: the examples quick (the very long fields have their own test below)
pack_text = st.one_of(st.text(ANY_CHAR, max_size=60), st.sampled_from(NASTY),
                      st.lists(st.sampled_from(NASTY), min_size=2, max_size=5).map("".join),
                      st.text(ANY_CHAR, min_size=1, max_size=8).map(lambda s: (s * 300)[:300]),
                      ).filter(lambda t: len(t.splitlines()) <= 20)


def test_the_pack_builder_takes_any_text(tmp_path: Path) -> None:
    pytest.importorskip("desktop_app.pack")

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(texts=st.lists(pack_text.filter(lambda t: "\x00" not in t), min_size=4, max_size=4))
    def build(texts: list[str]) -> None:
        _build_pack(tmp_path, texts)

    build()


_PROSE = "Lorem ipsum dolor sit amet, " * 358  # 10,024 characters of ordinary words
#: each of these once made a row taller than a page (ReportLab LayoutError); the pack
#: now lays such tables out as stacked rows that can break anywhere


def _with(where: int, text: str) -> list[str]:
    texts = ["Sam", "Leeds", "Analyst", "Northwind"]
    texts[where] = text  # the user's name, location, role or employer, reused in referee/qualification cells
    return texts


@pytest.mark.parametrize("texts", [
    *[pytest.param(_with(w, "0" * 10_000), id=f"one-word-{w}") for w in range(4)],
    pytest.param(_with(0, _PROSE), id="words-0"),
    pytest.param(_with(1, _PROSE), id="words-1"),
    pytest.param(_with(2, _PROSE), id="words-2"),
    pytest.param(_with(3, _PROSE), id="words-3"),
    pytest.param(_with(3, "0\r" * 750), id="750-lines-3"),
    pytest.param(_with(2, "line\n" * 200), id="200-lines-2"),
    # found by hypothesis: two 1,500-character cells without a space in one qualification row
    pytest.param(["", "<script>alert('x')</script><b>bold</b>", "\x1bç" * 750, "000AW" * 300],
                 id="two-long-cells"),
])
def test_the_pack_builder_takes_very_long_fields(tmp_path: Path, texts: list[str]) -> None:
    _build_pack(tmp_path, texts)
