"""The data file: export → import → export round trip, and every kind of bad input refused;
documents that carry a path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.exchange import datafile
from desktop_app.services.exchange.demo import demo_data
from desktop_app.services.vault import files as vault_files, qualifications as vault
from desktop_app.store import models as m
from desktop_app.store.db import close_database
from desktop_app.store.open import open_database
from tests.conftest import DEMO_TODAY
from tests.helpers.vault_samples import make_pdf


def _sample() -> dict[str, Any]:
    return demo_data(DEMO_TODAY)


def _counts() -> dict[str, int]:
    from desktop_app.services.core.crud import MODELS

    return {name: model.select().count() for name, model in MODELS.items()}


def test_export_import_export_gives_the_same_file(demo_store: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    datafile.export_to_file(first)
    close_database()
    open_database(tmp_path / "empty")
    datafile.import_from_file(first)
    second = tmp_path / "second.json"
    datafile.export_to_file(second)
    a, b = json.loads(first.read_text("utf-8")), json.loads(second.read_text("utf-8"))
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b
    assert a["referees"][2]["name"] == "Łukasz Nowak"


def test_export_follows_the_format(demo_store: Path) -> None:
    data = datafile.export_data()
    assert data["format"] == "afterview" and data["version"] == 2
    assert list(data) == ["format", "version", "exported_at", "profile", "settings"] + list(datafile.COLLECTIONS)
    app = data["applications"][0]
    assert set(app) == {"id", "role", "employer", "agency", "recruiter", "source", "applied_on", "stage",
                        "stage_history", "feedback", "notes"}
    assert data["interviews"][0]["at"].endswith("+00:00")


def test_the_example_of_the_format_document_imports(store: Path) -> None:
    text = (Path(__file__).parents[3] / "docs" / "DATA_FORMAT.md").read_text("utf-8")
    example = json.loads(text.split("```json", 1)[1].split("```", 1)[0])
    example["documents"] = []  # its document names a file that is not here
    report = datafile.import_data(example)
    assert report.counts["applications"] == 1
    assert m.Referee.get().phone == "+441134960000"
    assert [h.stage for h in m.StageChange.select().order_by(m.StageChange.on)] == ["applied", "interviewing"]


def _refused(data: dict[str, Any], message: str) -> None:
    before = _counts()
    with pytest.raises(datafile.DataFileError) as error:
        datafile.import_data(data)
    assert message in str(error.value)
    assert _counts() == before


@pytest.mark.parametrize("change, message", [
    (lambda d: d["applications"][3].update(stage="maybe"), "The 4th application's stage: 'maybe' is not one of applied"),
    (lambda d: d["applications"][0].update(colour="red"), "The 1st application has an unknown key 'colour'"),
    (lambda d: d.update(extras=[]), "The data file has an unknown key 'extras'"),
    (lambda d: d["contacts"][1].update(kind="friend"), "The 2nd contact's kind: 'friend' is not one of"),
    (lambda d: d["interviews"][0].update(application="a99"), "The 1st interview's application: 'a99' is not an id in applications"),
    (lambda d: d["interviews"][0].update(interviewers=["c1", "c77"]), "The 1st interview's interviewers: 'c77' is not an id"),
    (lambda d: d["applications"][2].update(applied_on="2026-02-30"), "The 3rd application's date applied: '2026-02-30' is not a date"),
    (lambda d: d["applications"][0]["stage_history"][0].update(on="yesterday"), "The 1st stage change of the 1st application's date: 'yesterday' is not a date"),
    (lambda d: d["interactions"][0].update(at="2026-11-21T09:30:00"), "The 1st logged contact's date: '2026-11-21T09:30:00' needs a time zone offset"),
    (lambda d: d["referees"][0].update(email="alex@"), "The 1st referee's email: 'alex@' is not a valid email"),
    (lambda d: d["referees"][0].update(phone="12"), "The 1st referee's phone: '12' is not a valid phone number"),
    (lambda d: d["organisations"][0].update(website="northwind.example"), "The 1st organisation's website: 'northwind.example' is not a web address"),
    (lambda d: d["organisations"][1].update(id="o1"), "The 2nd organisation's id: 'o1' is used twice"),
    (lambda d: d["references_given"].append(dict(d["references_given"][0])), "already given to this application"),
    (lambda d: d["settings"].update(min_follow_up_gap_days="five"), "The settings' min follow up gap days must be a whole number"),
    (lambda d: d.update(version=3), "version: 3 is not supported"),
    (lambda d: d.update(format="something"), "The data file's format must be"),
    (lambda d: d["applications"][0].pop("role"), "The 1st application's role is required"),
    (lambda d: d.update(applications={}), "The applications must be a list"),
    (lambda d: d["documents"].append({"id": "d1", "kind": "transcript", "original_name": "t.pdf",
                                      "sha256": "a" * 64}), "The 1st document's fingerprint (SHA-256): no file with this fingerprint"),
])
def test_bad_records_are_refused_by_name_and_nothing_is_imported(store: Path, change: Any, message: str) -> None:
    data = _sample()
    change(data)
    _refused(data, message)


def test_a_bad_last_record_still_imports_nothing(store: Path) -> None:
    data = _sample()
    data["qualifications"][-1]["started_on"] = "soon"
    _refused(data, "The 2nd qualification's start date: 'soon' is not a date")
    assert m.Organisation.select().count() == 0


def test_bad_json_is_refused_with_its_line(store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "afterview",\n "version": 1,,}', encoding="utf-8")
    with pytest.raises(datafile.DataFileError, match="not valid JSON \\(line 2"):
        datafile.import_from_file(bad)


def test_a_binary_file_is_refused(store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "photo.json"
    bad.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    with pytest.raises(datafile.DataFileError, match="not a text file"):
        datafile.import_from_file(bad)


def test_a_top_level_list_is_refused(store: Path) -> None:
    with pytest.raises(datafile.DataFileError, match="JSON object"):
        datafile.import_data([])  # type: ignore[arg-type]


def test_markup_and_unicode_survive(store: Path) -> None:
    data = _sample()
    data["applications"][0]["notes"] = "<script>alert('x')</script> & \"quotes\" — 王伟 🎉"
    datafile.import_data(copy.deepcopy(data))
    exported = datafile.export_data()
    assert exported["applications"][0]["notes"] == data["applications"][0]["notes"]


def test_the_data_file_stores_documents_that_carry_a_path(store: Path, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "files" / "leeds-transcript.pdf", pages=3) if (tmp_path / "files").mkdir() is None else None
    assert pdf is not None
    data = {"format": "afterview", "version": 1,
            "qualifications": [{"id": "q1", "title": "BSc"}],
            "documents": [{"id": "d1", "kind": "transcript", "qualification": "q1",
                           "original_name": "leeds-transcript.pdf", "path": "files/leeds-transcript.pdf"}]}
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    datafile.import_from_file(source)
    doc = m.Document.get()
    assert (doc.pages, doc.size) == (3, pdf.stat().st_size)
    assert vault_files.stored_path(doc.sha256).read_bytes() == pdf.read_bytes()
    assert vault.list_qualification_rows()[0].flag is None
    exported = datafile.export_data()["documents"][0]
    assert "path" not in exported and exported["sha256"] == doc.sha256


def test_the_data_file_refuses_a_bad_document_and_imports_nothing(store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.pdf"
    bad.write_text("hello", encoding="utf-8")
    good = make_pdf(tmp_path / "good.pdf")
    for documents in (
        [{"id": "d1", "original_name": "notes.pdf", "path": bad.name}],
        [{"id": "d1", "original_name": "good.pdf", "path": good.name, "sha256": "0" * 64}],
    ):
        data = {"format": "afterview", "version": 1, "qualifications": [{"id": "q1", "title": "BSc"}],
                "documents": documents}
        with pytest.raises(datafile.DataFileError) as error:
            datafile.import_data(data, base_dir=tmp_path)
        assert "is not a PDF" in str(error.value) or "does not match the fingerprint" in str(error.value)
        assert m.Qualification.select().count() == 0 and m.Document.select().count() == 0
        assert vault_files.stored_files() == {}


def test_version_2_keeps_countries_and_the_names_on_logged_contacts(demo_store: Path) -> None:
    from desktop_app.services.applications.contacts import remove_contact
    from desktop_app.services.core.profile import save_profile

    save_profile({"country": "GB"})
    m.Organisation.update(country="CA").where(m.Organisation.name == "Northwind Ltd").execute()
    priya = m.Contact.get(m.Contact.name == "Priya Shah")
    remove_contact(priya.id)
    data = datafile.export_data()
    assert data["profile"]["country"] == "GB"
    assert next(o for o in data["organisations"] if o["name"] == "Northwind Ltd")["country"] == "CA"
    kept = next(x for x in data["interactions"] if x["summary"].startswith("Thanked Priya"))
    assert kept["contact"] is None and kept["contact_name"] == "Priya Shah"


def test_a_version_1_file_still_imports_and_its_logged_contacts_get_their_names(store: Path) -> None:
    text = (Path(__file__).parents[3] / "docs" / "DATA_FORMAT.md").read_text("utf-8")
    example = json.loads(text.split("```json", 1)[1].split("```", 1)[0])
    example["documents"] = []
    example["version"] = 1
    for key in ("country",):
        example["profile"].pop(key, None)
        for org in example["organisations"]:
            org.pop(key, None)
    for x in example["interactions"]:
        x.pop("contact_name", None)
    datafile.import_data(example)
    assert m.Interaction.get().contact_name == "Priya Shah"
    assert m.Profile.get().country is None
