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
    # the other email and phone are kept in the notes, not dropped
    assert zoe.notes == ("Managed me at Fabrikam 2021–2023. Prefers a call before 10am, UK time; "
                         "happy to fill in online forms.\n\nFrom the address book:\n"
                         "Email: zoe@home.example\nPhone: +442079460958")
    assert (lukasz.name, lukasz.phone, lukasz.country, lukasz.time_zone) == (
        "Łukasz Nowak", "+61412345678", "AU", "Australia/Sydney")  # of several clocks: the address's NSW
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
    assert [c.name for c in readout.cards] == ["Priya Shah", "Renée Dubois", "Sam O'Neil"]
    problems = {p.number: p.message for p in readout.problems}
    assert set(problems) == {2, 4, 6}
    assert problems[2] == "the card has no name"
    assert "binary data" in problems[4]
    assert "cut short" in problems[6]
    # a file with no UTF-8 in it is a Windows code page's: read so, and said so
    renee = readout.cards[1]
    assert renee.warnings == ("line 13 (FN) does not say its character set: read as Windows-1252",)
    sam = readout.cards[2]
    assert sam.email is None and "email left out" in sam.warnings[0] and sam.phone == "+353851234567"
    created = vcard.import_cards(readout.new_cards, "colleague")
    assert len(created) == 3
    assert [r.name for r in referees.list_referee_rows()] == ["Priya Shah", "Renée Dubois", "Sam O'Neil"]


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


# ---------------------------------------------------------------- issue 15, cases 7–10
def test_case_7_bare_2_1_parameters_are_decoded(store: Path) -> None:
    """``N;CHARSET=UTF-8;QUOTED-PRINTABLE:`` (no ``ENCODING=``) is quoted-printable, soft breaks and all."""
    (card,) = vcard.read_vcard_file(CARDS / "case7-bare-quoted-printable-2.1.vcf").cards
    assert card.name == "Jürgen Müller"
    assert card.notes == "Betreuer in München, 2019–2021"
    assert (card.phone, card.phones, card.problems()) == ("+4930901820", ("+4930901820",), [])


def test_case_8_iphone_line_ends_a_fold_inside_a_character_and_odd_lines(store: Path) -> None:
    readout = vcard.read_vcard_file(CARDS / "case8-iphone-cr-cr-lf.vcf")
    assert readout.problems == []
    ivan, ann = readout.cards
    # unfolded before decoding: the fold between the bytes of "И" is harmless
    assert (ivan.name, ivan.organisation, ivan.email) == (
        "Иван Петров", "Contoso Ltd", "ivan.petrov@contoso.example")
    # the extension is kept, not a reason to refuse the card
    assert ivan.notes == "From the address book:\nSkype: ivan.petrov.work"
    # the one line that is not a property is skipped and named by its line in the file
    assert [str(s) for s in ivan.skipped] == ["line 10 was skipped: it is not a property (NAME:value)"]
    assert [(c, s.line) for c, s in readout.skipped_lines] == [(ivan, 10)]
    assert (ann.name, ann.email, ann.skipped) == ("Ann Lee", "ann.lee@example.org", ())


def test_case_8_any_line_ending_reads_the_same(store: Path) -> None:
    crlf = (CARDS / "case8-iphone-cr-cr-lf.vcf").read_bytes().replace(b"\r\r\n", b"\r\n")
    expected = [(c.name, c.email, c.notes) for c in vcard.read_vcards(crlf).cards]
    for ending in (b"\n", b"\r", b"\r\r\n"):
        readout = vcard.read_vcards(crlf.replace(b"\r\n", ending))
        assert [(c.name, c.email, c.notes) for c in readout.cards] == expected


def test_case_8_a_damaged_line_in_a_utf8_file_is_skipped_not_the_card(store: Path) -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren\xe9e Dubois\r\nN:Dubois;Ren\xc3\xa9e;;;\r\n"
            b"EMAIL:renee@example.fr\r\nEND:VCARD\r\n")
    (card,) = vcard.read_vcards(data).cards
    assert (card.name, card.email) == ("Renée Dubois", "renee@example.fr")
    assert card.problems() == ["line 3 was skipped: FN: its text is not in a readable encoding (not UTF-8); "
                               "export the address book again as UTF-8"]


def test_a_windows_unicode_export_in_utf16_is_read(store: Path) -> None:
    text = (CARDS / "apple-contacts-3.0.vcf").read_bytes().decode("utf-8")
    readout = vcard.read_vcards(b"\xff\xfe" + text.encode("utf-16-le"))
    assert [c.name for c in readout.cards] == ["Zoë Fraser", "Łukasz Nowak", "王伟"]


def test_case_9_a_national_number_takes_the_country_of_the_cards_address(store: Path) -> None:
    from desktop_app.services.core.profile import save_profile

    save_profile({"name": "Me", "country": "GB"})
    dana, oliver, priya = vcard.read_vcard_file(CARDS / "case9-phones.vcf").cards
    # Toronto, not the user's United Kingdom: +1, and the preview says why
    # Canada has several zones: the address's Toronto, Ontario says which, and the preview says so
    assert (dana.phone, dana.country, dana.time_zone) == ("+19055550123", "CA", "America/Toronto")
    assert dana.warnings == ("phone '(905) 555-0123' has no country code: read as a number in Canada "
                             "(the card's address is in Canada)",
                             "time zone America/Toronto taken from the card's address (Toronto, ON)")
    # an extension is kept in the referee's phone itself, not only in the notes
    assert (oliver.phone, oliver.phones) == ("+442079460000 ext. 1234", ("+442079460000 ext. 1234",))
    assert oliver.notes == ""
    # no address: the profile's country, said so
    assert priya.phone == "+447700900123"
    assert priya.warnings == ("phone '07700 900123' has no country code: read as a number in Britain (UK) "
                              "(the country in your profile)",)


def test_case_9_without_an_address_or_a_profile_country_the_number_is_not_guessed(store: Path) -> None:
    *_, priya = vcard.read_vcard_file(CARDS / "case9-phones.vcf").cards
    assert priya.phone is None and priya.phones == ()
    assert "no country code" in priya.warnings[0] and "set your country in your profile" in priya.warnings[0]
    assert priya.notes == "From the address book:\nPhone as written: 07700 900123"


def test_case_10_the_same_file_twice_adds_nothing_even_without_emails(store: Path) -> None:
    first = vcard.read_vcard_file(CARDS / "case10-no-emails.vcf")
    assert [c.name for c in first.new_cards] == ["Tom Baker", "Sara Kim", "Alex Quinn"]
    assert len(vcard.import_cards(first.new_cards)) == 3
    again = vcard.read_vcard_file(CARDS / "case10-no-emails.vcf")
    assert [c.duplicate_of for c in again.cards] == [
        "same phone as your referee Tom Baker",
        "same name at the same organisation as your referee Sara Kim", ""]
    # a name alone (no organisation, email or phone) may be someone else: said, not skipped
    [alex] = again.new_cards
    assert alex.problems()[-1] == ("possible duplicate: same name as your referee Alex Quinn, and no "
                                   "organisation to tell them apart (imported unless you leave it out)")
    assert len(vcard.import_cards(again.cards)) == 1
    assert len(referees.list_referee_rows()) == 4


def test_the_same_name_at_another_organisation_is_someone_else(store: Path) -> None:
    vcard.import_cards(vcard.read_vcard_file(CARDS / "case10-no-emails.vcf").new_cards)
    other = vcard.read_vcards(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sara Kim\r\nORG:Contoso\r\nEND:VCARD\r\n"
                              b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sara Kim\r\nEND:VCARD\r\n")
    assert [(c.duplicate, c.warnings) for c in other.cards] == [
        (False, ()),
        (False, ("possible duplicate: same name as your referee Sara Kim, and no organisation to tell them apart "
                 "(imported unless you leave it out)",))]


def test_case_10_reimporting_our_own_export_adds_nothing(store: Path, tmp_path: Path) -> None:
    vcard.import_cards(vcard.read_vcard_file(CARDS / "case10-no-emails.vcf").new_cards)
    target = tmp_path / "referees.vcf"
    vcard.export_to_file([r.id for r in referees.list_referee_rows()], target)
    readout = vcard.read_vcard_file(target)
    # Alex Quinn is a name alone: only a possible duplicate (said in the preview)
    assert len(readout.cards) == 3 and [c.name for c in readout.new_cards] == ["Alex Quinn"]
    assert "possible duplicate" in readout.new_cards[0].problems()[-1]


def test_a_card_repeated_in_one_file_is_a_duplicate_of_the_first(store: Path) -> None:
    one = (CARDS / "case10-no-emails.vcf").read_bytes()
    readout = vcard.read_vcards(one + one)
    # the second Alex Quinn (a name alone) is only a possible duplicate
    assert len(readout.new_cards) == 4 and readout.new_cards[-1].possible_duplicate
    assert readout.duplicates[0].duplicate_of == "same phone as card 1 of this file (Tom Baker)"


def test_a_vcard_2_1_agent_card_inside_a_card_is_left_out(store: Path) -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss Person\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
            b"FN:Their Assistant\r\nEND:VCARD\r\nEMAIL:boss@example.org\r\nEND:VCARD\r\n")
    readout = vcard.read_vcards(data)
    assert [(c.name, c.email) for c in readout.cards] == [("Boss Person", "boss@example.org")]
    assert readout.problems == []


def test_the_compatibility_sweep_of_vcards_counts_every_file_and_finds_no_crash() -> None:
    """scripts/compat/vcards.py (called by scripts/compat_sweep.py) on these small files."""
    from scripts.compat import vcards

    paths = sorted(CARDS.iterdir())
    out = vcards.sweep(paths + [CARDS.parent / "csv" / "case12-us-dates.csv"])  # not a vCard: not counted
    assert (out["kind"], out["files"], out["crashed"], out["changed"]) == ("vCard", len(paths), 0, 0)
    assert out["refused"] == 1 and any("not-a-vcard.vcf holds no contacts" in d for d in out["details"])
    assert out["lines_skipped"] >= 1 and out["cards_refused"] == 3


def test_a_number_the_referee_form_would_refuse_is_left_out_not_a_failed_import(store: Path, tmp_path: Path) -> None:
    """The sweep found Android cards whose '+1 555 1234' passed the preview and then failed the import."""
    card = tmp_path / "short-number.vcf"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Doe\r\nTEL;TYPE=CELL:+1 555 1234\r\nEND:VCARD\r\n")
    (john,) = vcard.read_vcard_file(card).cards
    assert john.phone is None and "too short" in john.warnings[0]
    assert len(vcard.import_cards([john])) == 1


REFUSED_CARDS = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Good\r\nEND:VCARD\r\n"
                 b"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:anon@example.com\r\nEND:VCARD\r\n"
                 b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\nTEL:+442079460000\r\n")


def test_refused_cards_are_identified_by_whatever_they_have(store: Path) -> None:
    readout = vcard.read_vcards(REFUSED_CARDS, default_region="GB")
    assert [str(p) for p in readout.problems] == [
        "Card 2 (anon@example.com): the card has no name",
        "Card 3 (Cut Short): the card is cut short (it has no END:VCARD line)"]


def test_a_linkedin_profile_is_kept_like_a_skype_name(store: Path) -> None:
    readout = vcard.read_vcards(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lopez\r\nX-SKYPE:ana.lopez\r\n"
        b"X-SOCIALPROFILE;type=linkedin;x-user=analopez:http://www.linkedin.com/in/analopez\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Ode\r\nURL:https://uk.linkedin.com/in/benode\r\n"
        b"URL:https://benode.example\r\nEND:VCARD\r\n", default_region="GB")
    ana, ben = readout.cards
    assert ana.notes == ("From the address book:\nSkype: ana.lopez\n"
                         "LinkedIn: http://www.linkedin.com/in/analopez")
    assert ben.notes == ("From the address book:\nLinkedIn: https://uk.linkedin.com/in/benode\n"
                         "Web: https://benode.example")


def test_an_extension_is_kept_in_the_referees_phone_and_exported_as_a_tel_uri(store: Path) -> None:
    """RFC 6350 §6.4.1: a tel: URI with RFC 3966's ;ext=, read back as the same referee."""
    data = b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Lee\r\nTEL;VALUE=uri:tel:+44-20-7946-0000;ext=1234\r\nEND:VCARD\r\n"
    ids = vcard.import_cards(vcard.read_vcards(data).new_cards)
    row = referees.list_referee_rows()[0]
    assert (row.phone, row.country, row.time_zone) == ("+442079460000 ext. 1234", "GB", "Europe/London")
    text = vcard.export_vcards(ids)
    assert "TEL;TYPE=VOICE;VALUE=uri:tel:+44-20-7946-0000;ext=1234\r\n" in text
    again = vcard.read_vcards(text.encode()).cards[0]
    assert (again.phone, again.duplicate) == ("+442079460000 ext. 1234", True)


def test_a_country_of_several_zones_without_a_telling_address_leaves_the_zone_unset(store: Path) -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Cole\r\nTEL:+1 408 555 0100\r\nEND:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim Park\r\nTEL:+1 408 555 0101\r\n"
            b"ADR;TYPE=WORK:;;1 Infinite Loop;Cupertino;CA;95014;USA\r\nEND:VCARD\r\n")
    sam, kim = vcard.read_vcards(data, default_region="GB").cards
    assert (sam.country, sam.time_zone) == ("US", None)
    assert sam.problems() == ["time zone left unset: United States has several and the card's address "
                              "does not say which (choose it with Edit)"]
    assert (kim.country, kim.time_zone) == ("US", "America/Los_Angeles")


def test_each_phone_is_parsed_once_and_time_zone_files_are_read_once(store: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading 10,000 cards took ~11 s of CPU (bench/vcards.py): every phone was parsed three
    times, and the zone files of the card's country were read again for every card."""
    import phonenumbers

    from desktop_app.services.referees import time_zones

    parses: list[str] = []
    real_parse = phonenumbers.parse
    monkeypatch.setattr(phonenumbers, "parse", lambda text, *a, **k: parses.append(text) or real_parse(text, *a, **k))
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg {n}\r\nTEL;TYPE=CELL:+44 7700 900{n:03d}\r\n"
            "TEL;TYPE=WORK:0113 496 0{n:03d}\r\nADR:;;1 Park Row;Leeds;;LS1 5AB;United Kingdom\r\nEND:VCARD\r\n")
    zone_reads: list[str] = []
    real_zone_info = time_zones.ZoneInfo
    monkeypatch.setattr(time_zones, "ZoneInfo", lambda key: zone_reads.append(key) or real_zone_info(key))
    time_zones._same_clock_in.cache_clear()
    readout = vcard.read_vcards("".join(card.format(n=n) for n in range(20)).encode())
    assert len(readout.new_cards) == 20
    assert [(c.phone, c.country, c.time_zone) for c in readout.cards[:1]] == [
        ("+447700900000", "GB", "Europe/London")]
    assert readout.cards[0].phones == ("+447700900000", "+441134960000")
    assert len(parses) == 40  # two phones a card, once each
    # Germany's two zones keep one clock: the files are read for the first card only
    german = card.replace("United Kingdom", "Germany").replace("+44 7700 900", "+49 30 901820").replace(
        "TEL;TYPE=WORK:0113 496 0{n:03d}\r\n", "")
    vcard.read_vcards("".join(german.format(n=n) for n in range(20)).encode())
    assert 0 < len(zone_reads) <= 4 * len(time_zones.zones_of_country("DE"))


def test_outlook_2_1_notes_and_every_text_lose_their_cr_lf_line_endings(store: Path) -> None:
    """Outlook writes a 2.1 NOTE as quoted-printable with ``=0D=0A`` (and an escaped 3.0 one may
    carry a bare CR): the referee's notes had ``\\r\\n`` in them (issue #15, fresh eyes)."""
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Baker;Tom\r\nFN:Tom Baker\r\n"
            b"NOTE;ENCODING=QUOTED-PRINTABLE:First line=0D=0ASecond=0Dthird=\r\n=0D=0Afourth\r\n"
            b"END:VCARD\r\n")
    (tom,) = vcard.read_vcards(data, default_region="GB").cards
    assert tom.notes == "First line\nSecond\nthird\nfourth"
    (kept,) = vcard.import_cards([tom])
    assert "\r" not in referees.get_referee(kept).notes
