"""vCard import and export with real-world cards (tests/data/vcards); the export written privately and whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from desktop_app.services.exchange import vcard
from desktop_app.services.referees import referees
from tests.helpers.private_files import _assert_private_and_alone, _fail_after_first

CARDS = Path(__file__).resolve().parents[2] / "data" / "vcards"


def test_apple_contacts_3_0_with_photo_folded_lines_and_non_ascii_names(store: Path) -> None:
    readout = vcard.read_vcard_file(CARDS / "apple-contacts-3.0.vcf", default_region="GB")
    assert readout.problems == []
    zoe, lukasz, wang = readout.cards
    assert (zoe.name, zoe.organisation, zoe.title) == ("Zoë Fraser", "Fabrikam Health", "Operations Director")
    # the preferred email and phone win over the others
    assert (zoe.email, zoe.phone, zoe.country, zoe.time_zone) == (
        "zoe.fraser@fabrikam.example", "+447700900456", "GB", "Europe/London")
    # a folded NOTE comes back whole, with its escaped comma
    assert zoe.notes == ("Managed me at Fabrikam 2021–2023. Prefers a call before 10am, UK time; "
                         "happy to fill in online forms.")
    assert (lukasz.name, lukasz.phone, lukasz.country, lukasz.time_zone) == (
        "Łukasz Nowak", "+61412345678", "AU", None)  # Australia has several clocks: the user picks
    assert (wang.name, wang.organisation, wang.title) == ("王伟", "Contoso 上海", "数据经理")


def test_android_2_1_quoted_printable_with_soft_line_breaks(store: Path) -> None:
    (minh,) = vcard.read_vcard_file(CARDS / "android-2.1-quoted-printable.vcf", default_region="GB").cards
    assert minh.name == "Dr Nguyễn Thị Minh"
    assert minh.notes == "Dissertation supervisor — Leeds, 2015–2018"
    # a national number takes the user's own country
    assert (minh.phone, minh.country, minh.time_zone) == ("+447700900789", "GB", "Europe/London")


def test_vcard_4_0_with_uri_phone_pref_email_and_time_zone(store: Path) -> None:
    (alex,) = vcard.read_vcard_file(CARDS / "outlook-4.0.vcf").cards
    assert (alex.email, alex.phone, alex.country, alex.time_zone) == (
        "alex.morgan@contoso.example", "+12125550134", "US", "America/New_York")


def test_bad_cards_are_reported_one_by_one_and_the_good_ones_import(store: Path) -> None:
    readout = vcard.read_vcard_file(CARDS / "mixed-good-and-bad.vcf")
    assert [c.name for c in readout.cards] == ["Priya Shah", "Sam O'Neil"]
    problems = {p.number: p.message for p in readout.problems}
    assert problems[2] == "the card has no name"
    assert "not in a readable encoding" in problems[3]
    assert "binary data" in problems[4]
    assert "cut short" in problems[6]
    sam = readout.cards[1]
    assert sam.email is None and "email left out" in sam.warnings[0] and sam.phone == "+353851234567"
    created = vcard.import_cards(readout.new_cards, "colleague")
    assert len(created) == 2
    assert [r.name for r in referees.list_referee_rows()] == ["Priya Shah", "Sam O'Neil"]


def test_a_file_that_is_not_an_address_book_changes_nothing(store: Path, tmp_path: Path) -> None:
    with pytest.raises(vcard.VCardError, match="holds no contacts"):
        vcard.read_vcard_file(CARDS / "not-a-vcard.vcf")
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"")
    with pytest.raises(vcard.VCardError, match="holds no contacts"):
        vcard.read_vcard_file(empty)
    with pytest.raises(vcard.VCardError, match="could not read"):
        vcard.read_vcard_file(tmp_path / "missing.vcf")
    assert referees.list_referee_rows() == []


def test_duplicates_by_email_are_skipped(store: Path) -> None:
    referees.create_referee({"name": "Zoe Fraser", "relationship": "senior_manager",
                             "email": "ZOE.FRASER@fabrikam.example"})
    readout = vcard.read_vcard_file(CARDS / "apple-contacts-3.0.vcf", default_region="GB")
    assert [c.name for c in readout.duplicates] == ["Zoë Fraser"]
    vcard.import_cards(readout.cards, "colleague")  # duplicates are skipped even if passed in
    assert sorted(r.name for r in referees.list_referee_rows()) == ["Zoe Fraser", "Łukasz Nowak", "王伟"]
    # importing the same file again creates nothing new
    again = vcard.read_vcard_file(CARDS / "apple-contacts-3.0.vcf", default_region="GB")
    assert again.new_cards == [] and vcard.import_cards(again.new_cards) == []


def test_stray_text_between_cards_is_mentioned(store: Path) -> None:
    data = (CARDS / "outlook-4.0.vcf").read_bytes() + b"Exported by MyPhone 2.0\r\n"
    readout = vcard.read_vcards(data)
    assert len(readout.cards) == 1 and readout.problems[0].number == 0


def test_export_then_import_round_trips_names_and_details(store: Path, tmp_path: Path) -> None:
    ids = [referees.create_referee({"name": name, "relationship": "colleague", "email": email, "phone": phone,
                                    "title": "Lead, Data", "organisation": "Contoso; Ltd",
                                    "notes": "Line one\nLine two", "time_zone": "Asia/Kolkata"})
           for name, email, phone in [("Zoë Fraser", "zoe@example.org", "+447700900123"),
                                      ("王伟", "wang@example.cn", "+8613910998888"),
                                      ("Skip Me", "skip@example.org", None)]]
    target = tmp_path / "referees.vcf"
    assert vcard.export_to_file(ids[:2], target) == 2
    text = target.read_bytes().decode("utf-8")
    assert "FN:Zoë Fraser\r\n" in text and "Skip Me" not in text
    for row in referees.list_referee_rows():
        referees.delete_referee(row.id)
    readout = vcard.read_vcard_file(target)
    assert readout.problems == []
    assert [(c.name, c.email, c.phone, c.title, c.organisation, c.notes, c.time_zone) for c in readout.cards] == [
        ("Zoë Fraser", "zoe@example.org", "+447700900123", "Lead, Data", "Contoso; Ltd", "Line one\nLine two",
         "Asia/Kolkata"),
        ("王伟", "wang@example.cn", "+8613910998888", "Lead, Data", "Contoso; Ltd", "Line one\nLine two",
         "Asia/Kolkata")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=300), where=st.integers(min_value=0, max_value=400))
def test_junk_anywhere_in_a_file_never_crashes_the_reader(store: Path, junk: bytes, where: int) -> None:
    good = (CARDS / "apple-contacts-3.0.vcf").read_bytes()
    data = good[:where] + junk + good[where:]
    try:
        readout = vcard.read_vcards(data)
    except vcard.VCardError:
        return  # the whole file was refused with a message
    for card in readout.cards:
        assert card.name and "\x00" not in card.name
    assert all(p.message for p in readout.problems)


def test_the_vcard_export_is_private_and_a_failure_half_way_leaves_the_old_file(
        demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services.exchange import vcard

    ids = [r.id for r in vcard.referee_service.list_referee_rows()]
    assert len(ids) > 1
    out = tmp_path / "out"
    out.mkdir()
    target = out / "referees.vcf"
    assert vcard.export_to_file(ids, target) == len(ids)
    _assert_private_and_alone(target)
    before = target.read_bytes()
    real = vcard.referee_service.list_referee_rows
    monkeypatch.setattr(vcard.referee_service, "list_referee_rows", lambda *a, **kw: _fail_after_first(real(*a, **kw)))
    with pytest.raises(RuntimeError):
        vcard.export_to_file(ids, target)
    assert target.read_bytes() == before
    _assert_private_and_alone(target)
