"""services.pack over a real store: defaults, checks, and producing a pack."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.progress import Cancelled
from desktop_app.services import pack as pack_service
from desktop_app.store import models as m
from tests.helpers.pack_samples import page_marker

TODAY = date(2026, 11, 25)


def test_defaults_for_an_application_are_the_referees_given_to_it(scenario: dict[str, int]) -> None:
    options = pack_service.pack_options(scenario["application"])

    assert [o.label for o in options.referees if o.ticked] == ["Alex Morgan", "Priya Shah"]
    assert "Old Boss" not in [o.label for o in options.referees]
    assert all(o.ticked for o in options.qualifications)
    assert options.applications == [(scenario["application"], "Data Analyst at Northwind Ltd")]


def test_defaults_for_a_general_pack_are_all_active_referees(scenario: dict[str, int]) -> None:
    options = pack_service.pack_options(None)

    assert [o.label for o in options.referees if o.ticked] == ["Alex Morgan", "Kim Lee", "Priya Shah"]


def test_checks_name_what_is_weak(scenario: dict[str, int]) -> None:
    choice = pack_service.PackChoice(scenario["application"], (scenario["alex"], scenario["priya"]),
                                     (scenario["degree"], scenario["masters"]))

    checks = pack_service.check_pack(choice, TODAY)

    assert [c.kind for c in checks] == ["brief_referee", "missing_transcript"]
    assert checks[0].text.startswith("Brief Priya Shah before Northwind calls")
    assert checks[1].text == "MSc Statistics: Only a certificate — add the full transcript."


def test_a_recent_general_briefing_counts_and_an_old_one_does_not(scenario: dict[str, int]) -> None:
    choice = pack_service.PackChoice(scenario["application"], (scenario["priya"], scenario["alex"]), ())
    m.Briefing.create(referee=scenario["priya"], application=None, on=date(2026, 8, 26))  # 91 days

    assert "brief_referee" in [c.kind for c in pack_service.check_pack(choice, TODAY)]
    m.Briefing.create(referee=scenario["priya"], application=None, on=date(2026, 8, 27))  # 90 days
    assert "brief_referee" not in [c.kind for c in pack_service.check_pack(choice, TODAY)]


def test_referee_set_checks(scenario: dict[str, int]) -> None:
    only_priya = pack_service.PackChoice(None, (scenario["priya"],), ())
    kinds = [c.kind for c in pack_service.check_pack(only_priya, TODAY)]
    assert kinds == ["too_few_referees", "no_direct_manager"]

    report = m.Referee.create(name="Rae Report", relationship="report")
    three_varied = [r.id for r in m.Referee.select().where(m.Referee.relationship != "direct_manager")]
    friend = m.Referee.create(name="Jo Friend", relationship="personal")
    varied = pack_service.PackChoice(None, (*three_varied, friend.id), ())
    assert report.id in three_varied
    assert [c.kind for c in pack_service.check_pack(varied, TODAY)] == ["weak_referee"]


def test_profile_without_email_or_phone_is_flagged(scenario: dict[str, int]) -> None:
    m.Profile.update(email=None, phone=None).execute()
    choice = pack_service.PackChoice(None, (scenario["alex"], scenario["priya"]), ())

    texts = [c.text for c in pack_service.check_pack(choice, TODAY) if c.kind == "profile_incomplete"]
    assert texts == [
        "Your profile has no email address: add one so the employer can reach you (Edit → Profile).",
        "Your profile has no phone number: add one so the employer can reach you (Edit → Profile)."]


def test_produce_pack_writes_the_pdf_and_records_it(scenario: dict[str, int], tmp_path: Path) -> None:
    choice = pack_service.PackChoice(scenario["application"], (scenario["alex"], scenario["priya"]),
                                     (scenario["degree"], scenario["masters"]))

    result = pack_service.produce_pack(choice, tmp_path / "pack.pdf", today=TODAY)

    assert [d.document.original_name for d in result.documents] == ["leeds.pdf", "leeds-cert.pdf", "york-cert.pdf"]
    texts = [page.extract_text() for page in PdfReader(tmp_path / "pack.pdf").pages]
    assert page_marker("leeds", 3) in texts[result.documents[0].last - 1]
    assert "Data Analyst" in texts[0] and "Sam Taylor" in texts[0]
    export = m.PackExport.get()
    assert export.application_id == scenario["application"]
    assert json.loads(export.referees) == ["Alex Morgan", "Priya Shah"]
    leeds = hashlib.sha256(pack_service.stored_file(result.documents[0].document.sha256).read_bytes()).hexdigest()
    assert json.loads(export.documents)[0] == {"name": "leeds.pdf", "sha256": leeds}


def test_a_cancelled_pack_leaves_no_file_and_no_record(scenario: dict[str, int], tmp_path: Path) -> None:
    choice = pack_service.PackChoice(None, (scenario["alex"],), (scenario["degree"],))

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        pack_service.produce_pack(choice, out / "pack.pdf", cancelled=lambda: True, today=TODAY)

    assert list(out.iterdir()) == []
    assert m.PackExport.select().count() == 0


def test_suggested_file_name(scenario: dict[str, int]) -> None:
    choice = pack_service.PackChoice(scenario["application"], (), ())
    assert pack_service.suggested_file_name(choice) == "Reference pack – Sam Taylor – Northwind Ltd.pdf"
    m.Profile.update(name="A/B: <C>").execute()
    assert pack_service.suggested_file_name(pack_service.PackChoice(None, (), ())) == "Reference pack – A_B_ _C_.pdf"


def test_the_pin_goes_in_only_when_chosen_for_this_pack(scenario: dict[str, int]) -> None:
    m.Qualification.update(verify="https://verify.example/share/1", verify_pin="4821", name_at_study="Sam Jones",
                           verify_expires_on=date(2027, 3, 3)).where(m.Qualification.id == scenario["degree"]).execute()
    options = pack_service.pack_options(None)
    assert options.with_pin == {scenario["degree"]}

    without = pack_service.gather_pack(pack_service.PackChoice(None, (), (scenario["degree"],)), TODAY)
    (degree,) = without.qualifications
    assert (degree.verify_pin, degree.name_at_study, degree.verify_expires_on) == ("", "Sam Jones", date(2027, 3, 3))
    chosen = pack_service.gather_pack(pack_service.PackChoice(None, (), (scenario["degree"],), print_pins=True), TODAY)
    assert chosen.qualifications[0].verify_pin == "4821"


def test_a_share_link_about_to_expire_is_weak(scenario: dict[str, int]) -> None:
    m.Qualification.update(verify_expires_on=date(2026, 12, 1)).where(
        m.Qualification.id == scenario["masters"]).execute()
    checks = pack_service.check_pack(pack_service.PackChoice(None, (), (scenario["masters"],)), TODAY)
    assert [c.text for c in checks if c.kind == "share_link_expiring"] == [
        "The share link for MSc Statistics expires in 6 days, on 1 Dec 2026: renew it, or ask the issuer for a "
        "new one."]
    later = pack_service.check_pack(pack_service.PackChoice(None, (), (scenario["masters"],)), date(2026, 11, 1))
    assert [c for c in later if c.kind == "share_link_expiring"] == []
    expired = pack_service.check_pack(pack_service.PackChoice(None, (), (scenario["masters"],)), date(2026, 12, 4))
    assert [c.text for c in expired if c.kind == "share_link_expiring"] == [
        "The share link for MSc Statistics expired 3 days ago, on 1 Dec 2026: ask the issuer for a new one before "
        "an employer tries it. The pack will say “Link expired on 1 December 2026”."]


def test_a_link_that_cannot_get_a_qr_code_is_warned_about(scenario: dict[str, int]) -> None:
    """Tester's finding (issue 16): a link stored before the dialog checked links (or from a data
    file) with a space or ``javascript:`` went into the pack with no word."""
    m.Qualification.update(verify="https://verify.example/share/abc def").where(
        m.Qualification.id == scenario["masters"]).execute()
    m.Qualification.update(verify="registry@leeds.ac.uk").where(m.Qualification.id == scenario["degree"]).execute()
    checks = pack_service.check_pack(pack_service.PackChoice(None, (), (scenario["masters"], scenario["degree"])),
                                     TODAY)
    assert [c.text for c in checks if c.kind == "verify_link_unusable"] == [
        "MSc Statistics: the verification link “https://verify.example/share/abc def” is not a web link the pack "
        "can print with a QR code: correct it (Vault → Edit qualification)."]


def test_the_documents_carry_their_signatures(scenario: dict[str, int], tmp_path: Path) -> None:
    from desktop_app.services.vault.adding import add_document
    from tests.helpers.signing import SIGNER, make_signed_pdf

    add_document(make_signed_pdf(tmp_path / "york-transcript.pdf"), kind="transcript",
                 qualification_id=scenario["masters"])
    content = pack_service.gather_pack(pack_service.PackChoice(None, (), (scenario["masters"],)), TODAY)
    signed = {d.original_name: [(s.signer, s.intact) for s in d.signatures] for d in content.documents}
    assert signed == {"york-transcript.pdf": [(SIGNER, True)], "york-cert.pdf": []}


def test_a_document_of_kind_other_linked_to_a_qualification_goes_in(scenario: dict[str, int], tmp_path: Path) -> None:
    """Issue 15: what the user linked is not left out without a word; proofs come first."""
    from desktop_app.services.vault.adding import add_document
    from tests.helpers.vault_samples import make_pdf

    add_document(make_pdf(tmp_path / "module-list.pdf", text="Modules"), kind="other",
                 qualification_id=scenario["masters"])
    content = pack_service.gather_pack(pack_service.PackChoice(None, (), (scenario["masters"],)), TODAY)
    assert [(d.original_name, d.kind) for d in content.documents] == [
        ("york-cert.pdf", "certificate"), ("module-list.pdf", "other")]


def test_a_stored_file_changed_on_disk_is_said_before_the_pack_is_made(scenario: dict[str, int]) -> None:
    """Issue 15: found when the pack dialog opens (its checks), with the next step."""
    choice = pack_service.PackChoice(None, (scenario["alex"],), (scenario["degree"],))
    assert not [c for c in pack_service.check_pack(choice, TODAY) if c.kind == "document_changed"]
    document = m.Document.get(m.Document.original_name == "leeds.pdf")
    stored = pack_service.stored_file(document.sha256)
    stored.write_bytes(stored.read_bytes() + b"% edited by another program\n")

    changed = [c.text for c in pack_service.check_pack(choice, TODAY) if c.kind == "document_changed"]
    assert len(changed) == 1
    assert changed[0].startswith("“leeds.pdf” has changed on disk since it was added to the vault")
    assert "Re-attach" in changed[0] and "Remove" in changed[0]
    assert f"afterview vault reattach {document.id} FILE" in changed[0]
    with pytest.raises(ValueError) as error:
        pack_service.produce_pack(choice, Path(stored).parent / "pack.pdf", today=TODAY)
    assert str(error.value).startswith(f"This document cannot go into a pack:\n• leeds.pdf [{document.id}]: "
                                       "changed on disk since it was added\nRe-attach each one")
    assert "no pack" not in str(error.value).lower()  # the caller says that, once
    assert not (Path(stored).parent / "pack.pdf").exists()


def test_every_unusable_document_is_named_and_can_be_left_out(scenario: dict[str, int], tmp_path: Path) -> None:
    """Issue 15, fresh eyes: two changed files, and only the first was named."""
    choice = pack_service.PackChoice(None, (scenario["alex"],), (scenario["degree"], scenario["masters"]))
    leeds = m.Document.get(m.Document.original_name == "leeds.pdf")
    york = m.Document.get(m.Document.original_name == "york-cert.pdf")
    stored = pack_service.stored_file(leeds.sha256)
    stored.write_bytes(stored.read_bytes() + b"% edited\n")
    pack_service.stored_file(york.sha256).unlink()

    found = pack_service.unusable_documents(choice)
    assert [(u.name, u.state) for u in found] == [("leeds.pdf", "changed"), ("york-cert.pdf", "missing")]
    with pytest.raises(ValueError) as error:
        pack_service.produce_pack(choice, tmp_path / "pack.pdf", today=TODAY)
    assert "These documents cannot go into a pack" in str(error.value)
    assert f"• leeds.pdf [{leeds.id}]" in str(error.value) and f"• york-cert.pdf [{york.id}]: missing" in str(error.value)

    without = pack_service.PackChoice(choice.application_id, choice.referee_ids, choice.qualification_ids,
                                      left_out=frozenset(u.sha256 for u in found))
    assert pack_service.unusable_documents(without) == []
    result = pack_service.produce_pack(without, tmp_path / "pack.pdf", today=TODAY)
    assert [d.document.original_name for d in result.documents] == ["leeds-cert.pdf"]
