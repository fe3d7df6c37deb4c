"""The pack read back with pypdf: pages, outline, index, fingerprints, footers."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from desktop_app.pack import PackError, build_pack, footer_text
from desktop_app.progress import Cancelled
from tests.helpers.pack_samples import MakePdf, page_marker, sample_content

FOOTER = re.compile(r"Reference pack · page (\d+) of (\d+)")


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.fixture
def three_documents(make_pdf: MakePdf) -> tuple:
    return (make_pdf("leeds", 3), make_pdf("certificate", 1, kind="certificate"),
            make_pdf("masters", 2, qualification="MSc Data & <AI>"))


def test_page_count_is_generated_plus_appended(tmp_path: Path, three_documents: tuple) -> None:
    result = build_pack(sample_content(three_documents), tmp_path / "pack.pdf")

    reader = PdfReader(tmp_path / "pack.pdf")
    assert len(reader.pages) == result.pages == result.generated_pages + 6
    assert result.generated_pages >= 2


def test_outline_has_sections_and_one_entry_per_document(tmp_path: Path, three_documents: tuple) -> None:
    result = build_pack(sample_content(three_documents), tmp_path / "pack.pdf")

    reader = PdfReader(tmp_path / "pack.pdf")
    top = [item for item in reader.outline if not isinstance(item, list)]
    children = next(item for item in reader.outline if isinstance(item, list))
    assert [item.title for item in top] == ["Cover", "Referees", "Qualifications", "Document index",
                                            "Attached documents"]
    assert [reader.get_destination_page_number(item) + 1 for item in children] == [
        placed.first for placed in result.documents]
    assert "MSc Data & <AI> (masters.pdf)" in children[2].title


def test_appended_pages_keep_their_text_and_gain_the_footer(tmp_path: Path, three_documents: tuple) -> None:
    result = build_pack(sample_content(three_documents), tmp_path / "pack.pdf")

    texts = page_texts(tmp_path / "pack.pdf")
    for placed in result.documents:
        source = PdfReader(placed.document.path)
        for offset, source_page in enumerate(source.pages):
            pack_text = texts[placed.first - 1 + offset]
            assert source_page.extract_text() in pack_text
            assert pack_text.replace(source_page.extract_text(), "").strip() == footer_text(
                "Zoë Taylor", placed.first + offset, result.pages)


def test_index_page_ranges_point_at_the_documents(tmp_path: Path, three_documents: tuple) -> None:
    result = build_pack(sample_content(three_documents), tmp_path / "pack.pdf")

    texts = page_texts(tmp_path / "pack.pdf")
    # the index may run onto the next page (each qualification's QR code takes room above it)
    index = " ".join(texts[result.sections["index"] - 1:result.generated_pages])
    printed = re.findall(r"\bpp?\. (\d+)(?:–(\d+))?", index)
    assert len(printed) == 3
    for (first, last), document in zip(printed, three_documents):
        first_page, last_page = int(first), int(last or first)
        stem = document.path.stem
        assert page_marker(stem, 1) in texts[first_page - 1]
        assert page_marker(stem, document.pages) in texts[last_page - 1]
        assert last_page - first_page + 1 == document.pages


def test_index_prints_each_files_sha256(tmp_path: Path, three_documents: tuple) -> None:
    result = build_pack(sample_content(three_documents), tmp_path / "pack.pdf")

    index = " ".join(page_texts(tmp_path / "pack.pdf")[result.sections["index"] - 1:result.generated_pages])
    for document in three_documents:
        assert hashlib.sha256(document.path.read_bytes()).hexdigest() in index


def test_every_page_carries_its_footer(tmp_path: Path, three_documents: tuple) -> None:
    result = build_pack(sample_content(three_documents), tmp_path / "pack.pdf")

    texts = page_texts(tmp_path / "pack.pdf")
    for number, text in enumerate(texts, start=1):
        assert footer_text("Zoë Taylor", number, result.pages) in text, number


def test_cover_contents_give_the_section_pages(tmp_path: Path, three_documents: tuple) -> None:
    result = build_pack(sample_content(three_documents), tmp_path / "pack.pdf")

    cover = page_texts(tmp_path / "pack.pdf")[0]
    assert f"p. {result.sections['referees']}" in cover
    assert f"pp. {result.documents[0].first}–{result.documents[-1].last}" in cover
    assert "25 November 2026" in cover
    assert "Data Analyst" in cover and "Northwind Ltd" in cover


def test_markup_characters_and_international_names_come_back_exactly(tmp_path: Path) -> None:
    from desktop_app.pack import PackProfile, PackReferee

    names = ["Zoë & <Partners>", "Łukasz Ærøskøbing", "Nguyễn Thị Minh", "Ğökçe <b>bold</b>", "王伟"]
    referees = tuple(PackReferee(name, "colleague", "", "A & B <Ltd>", "", None, None) for name in names[1:])
    content = sample_content(profile=PackProfile(names[0], "a&b@example.org"), referees=referees,
                             organisation="Smith & Sons <UK>")
    result = build_pack(content, tmp_path / "pack.pdf")

    text = "\n".join(page_texts(tmp_path / "pack.pdf"))
    for name in names:
        assert name in text
    assert "Smith & Sons <UK>" in text
    assert "A & B <Ltd>" in text
    assert result.unprintable == ""


def test_characters_no_font_has_are_replaced_and_named(tmp_path: Path) -> None:
    from desktop_app.pack import PackReferee

    referees = (PackReferee("Sam \U0001F600 Lee", "colleague"),)
    result = build_pack(sample_content(referees=referees), tmp_path / "pack.pdf")

    text = "\n".join(page_texts(tmp_path / "pack.pdf"))
    assert "Sam ? Lee" in text
    assert "U+1F600" in text and "U+1F600" in result.unprintable


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    from desktop_app.pack import PackReferee

    referees = (PackReferee("Ann\x00 Bell\x1b", "colleague", "", "Head\tof\x07 Data"),)
    build_pack(sample_content(referees=referees), tmp_path / "pack.pdf")

    text = "\n".join(page_texts(tmp_path / "pack.pdf"))
    assert "Ann Bell" in text and "Head of Data" in text


def test_metadata(tmp_path: Path) -> None:
    build_pack(sample_content(), tmp_path / "pack.pdf")

    metadata = PdfReader(tmp_path / "pack.pdf").metadata
    assert metadata.title == "Reference pack – Zoë Taylor"
    assert metadata.author == "Zoë Taylor"
    assert metadata.subject == "Referees and qualifications for the role of Data Analyst at Northwind Ltd"


def test_general_pack_without_documents(tmp_path: Path) -> None:
    result = build_pack(sample_content(role=None, organisation=None, referees=(), qualifications=()),
                        tmp_path / "pack.pdf")

    text = "\n".join(page_texts(tmp_path / "pack.pdf"))
    assert result.documents == ()
    assert "No referees are included" in text and "No documents are attached" in text


def test_long_lists_paginate_and_repeat_the_header(tmp_path: Path) -> None:
    from tests.helpers.pack_samples import QUALIFICATIONS, REFEREES

    content = sample_content(referees=REFEREES * 7, qualifications=QUALIFICATIONS * 15)
    result = build_pack(content, tmp_path / "pack.pdf")

    texts = page_texts(tmp_path / "pack.pdf")
    referee_pages = [text for text in texts if "Alex Morgan" in text]
    qualification_pages = [text for text in texts if "Bachelor's degree" in text]
    assert len(referee_pages) >= 2 and len(qualification_pages) >= 2
    assert all("REFEREE" in text and "HOW TO REACH" in text for text in referee_pages)
    assert all("QUALIFICATION" in text and "HOW TO VERIFY" in text for text in qualification_pages)
    assert result.sections["qualifications"] > result.sections["referees"]
    assert sum(text.count("Alex Morgan") for text in texts) == 7
    assert sum(text.count("Bachelor's degree") for text in texts) == 15


def test_rotated_and_odd_sized_pages_get_an_upright_footer(tmp_path: Path, make_pdf: MakePdf) -> None:
    documents = (make_pdf("turned", 1, rotate=90), make_pdf("small", 1, size=(300, 200)))
    result = build_pack(sample_content(documents), tmp_path / "pack.pdf")

    reader = PdfReader(tmp_path / "pack.pdf")
    turned = reader.pages[result.documents[0].first - 1]
    assert turned.rotation == 90
    assert footer_text("Zoë Taylor", result.documents[0].first, result.pages) in turned.extract_text()
    assert footer_text("Zoë Taylor", result.pages, result.pages) in reader.pages[-1].extract_text()


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_no_errors(tmp_path: Path, three_documents: tuple, make_pdf: MakePdf) -> None:
    documents = (*three_documents, make_pdf("turned", 1, rotate=270))
    build_pack(sample_content(documents), tmp_path / "pack.pdf")

    check = subprocess.run(["qpdf", "--check", str(tmp_path / "pack.pdf")], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "WARNING" not in check.stdout + check.stderr


def test_progress_runs_to_the_end(tmp_path: Path, three_documents: tuple) -> None:
    seen: list[tuple[int, int]] = []
    build_pack(sample_content(three_documents), tmp_path / "pack.pdf", progress=lambda d, t: seen.append((d, t)))

    assert seen[-1][0] == seen[-1][1]
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def only_file(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize("stop_after", [1, 3, 6])
def test_cancelling_mid_build_leaves_no_file(tmp_path: Path, three_documents: tuple, stop_after: int) -> None:
    out = tmp_path / "out"
    out.mkdir()
    calls = iter(range(100))

    with pytest.raises(Cancelled):
        build_pack(sample_content(three_documents), out / "pack.pdf", cancelled=lambda: next(calls) >= stop_after)

    assert only_file(out) == []


def test_a_failure_while_writing_leaves_no_file_and_keeps_the_old_one(
        tmp_path: Path, three_documents: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "pack.pdf").write_bytes(b"the previous pack")

    def broken_write(self: PdfWriter, stream: object) -> None:
        stream.write(b"%PDF-1.7 half a file")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(PdfWriter, "write", broken_write)
    with pytest.raises(OSError):
        build_pack(sample_content(three_documents), out / "pack.pdf")

    assert only_file(out) == ["pack.pdf"]
    assert (out / "pack.pdf").read_bytes() == b"the previous pack"


def test_a_document_changed_since_it_was_stored_is_refused(tmp_path: Path, make_pdf: MakePdf) -> None:
    document = make_pdf("changed", 1)
    document.path.write_bytes(document.path.read_bytes() + b"\n% edited")

    with pytest.raises(PackError) as error:
        build_pack(sample_content((document,)), tmp_path / "pack.pdf")
    assert str(error.value).startswith(f"“{document.original_name}” has changed on disk since it was added")
    assert "Re-attach" in str(error.value)  # the next step
    assert "no pack" not in str(error.value).lower()  # the window and the CLI say that, once (issue 15)
    assert not (tmp_path / "pack.pdf").exists()


def test_a_document_missing_from_the_vault_is_said_in_plain_words(tmp_path: Path, make_pdf: MakePdf) -> None:
    """Issue 15, fresh eyes: "cannot be read from the vault: No such file or directory"."""
    document = make_pdf("gone", 1)
    document.path.unlink()

    with pytest.raises(PackError) as error:
        build_pack(sample_content((document,)), tmp_path / "pack.pdf")
    assert str(error.value).startswith(f"“{document.original_name}” is missing from the vault folder (it was "
                                       "deleted or moved outside Afterview). Re-attach it from your own copy")
    assert "No such file" not in str(error.value) and "Errno" not in str(error.value)
    assert not (tmp_path / "pack.pdf").exists()


def test_a_document_only_a_rehearsed_reading_handles_still_goes_in(tmp_path: Path, make_pdf: MakePdf,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast build reads documents without rehearsing them (bench/pack.py); when appending one
    fails there (a file qpdf must repair first), the build starts again, rehearsed, and is whole."""
    import desktop_app.pack.build as build
    from desktop_app.pack.appending import UnreadableOriginal, append_original

    readings: list[bool] = []
    real_open = build.open_original

    def opening(handle: object, name: str, *, rehearse: bool = True) -> object:
        readings.append(rehearse)
        return real_open(handle, name, rehearse=rehearse)

    def appending(writer: object, reader: object, name: str) -> object:
        if name == "second.pdf" and readings == [False, False]:
            raise UnreadableOriginal(f"“{name}” is a damaged PDF that cannot be read (page 1).")
        return append_original(writer, reader, name)

    monkeypatch.setattr(build, "open_original", opening)
    monkeypatch.setattr(build, "append_original", appending)
    first, second = make_pdf("first", 1), make_pdf("second", 2)
    result = build_pack(sample_content((first, second)), tmp_path / "pack.pdf")
    assert readings == [False, False, True, True]  # fast, then rehearsed
    texts = [page.extract_text() for page in PdfReader(tmp_path / "pack.pdf").pages]
    assert page_marker("second", 2) in texts[result.documents[1].last - 1]


def test_damaged_and_encrypted_documents_are_refused(tmp_path: Path, make_pdf: MakePdf) -> None:
    damaged = make_pdf("damaged", 1)
    damaged.path.write_bytes(b"%PDF-1.4\nnot really a pdf")
    damaged = damaged.__class__(damaged.path, "transcript", "damaged.pdf",
                                hashlib.sha256(damaged.path.read_bytes()).hexdigest(), 1)
    with pytest.raises(PackError, match="“damaged.pdf” is (a damaged|an incomplete) PDF"):
        build_pack(sample_content((damaged,)), tmp_path / "pack.pdf")

    locked = make_pdf("locked", 1)
    writer = PdfWriter(clone_from=locked.path)
    writer.encrypt("secret", algorithm="RC4-128")  # RC4 needs no extra package
    with locked.path.open("wb") as handle:
        writer.write(handle)
    locked = locked.__class__(locked.path, "transcript", "locked.pdf",
                              hashlib.sha256(locked.path.read_bytes()).hexdigest(), 1)
    with pytest.raises(PackError, match="password-protected"):
        build_pack(sample_content((locked,)), tmp_path / "pack.pdf")
    assert not (tmp_path / "pack.pdf").exists()


def test_a_field_too_long_for_one_page_splits_its_row(tmp_path: Path) -> None:
    from desktop_app.pack import PackReferee

    title = "Head of " + "very " * 2500 + "long titles"
    referees = (PackReferee("Ann Bell", "direct_manager", "", title), PackReferee("Line\rBreak", "colleague"))
    result = build_pack(sample_content(referees=referees, profile=sample_content().profile.__class__("Zoë " * 40)),
                        tmp_path / "pack.pdf")

    texts = page_texts(tmp_path / "pack.pdf")
    assert result.sections["qualifications"] - result.sections["referees"] >= 2
    assert "long titles" in "".join(texts)
    assert re.search(r"Zoë Zoë .*… · Reference pack · page 1 of", texts[0])


def test_a_pdf_locked_only_against_printing_is_appended(tmp_path: Path, make_pdf: MakePdf) -> None:
    # Official transcripts often come with an owner password only: they open without
    # one, the vault accepts them, so the pack must take them too.
    document = make_pdf("owner-locked", 2)
    writer = PdfWriter(clone_from=document.path)
    writer.encrypt(user_password="", owner_password="registry", algorithm="RC4-128")
    with document.path.open("wb") as handle:
        writer.write(handle)
    document = document.__class__(document.path, "transcript", "owner-locked.pdf",
                                  hashlib.sha256(document.path.read_bytes()).hexdigest(), 2)
    result = build_pack(sample_content((document,)), tmp_path / "pack.pdf")
    texts = page_texts(tmp_path / "pack.pdf")
    assert len(texts) == result.generated_pages + 2
    assert page_marker("owner-locked", 1) in texts[result.generated_pages]


def test_an_empty_profile_leaves_no_dangling_dash_or_dot(tmp_path: Path) -> None:
    """Tester's finding (issue 16): "Reference pack – " as the title and " · Reference pack" in the footer."""
    from desktop_app.pack import PackProfile

    result = build_pack(sample_content(profile=PackProfile("", None)), tmp_path / "pack.pdf")
    reader = PdfReader(result.path)
    assert reader.metadata is not None and reader.metadata.title == "Reference pack"
    lines = [line.strip() for line in reader.pages[-1].extract_text().splitlines()]
    assert f"Reference pack · page {result.pages} of {result.pages}" in lines
    assert not any(line.startswith("·") or line.endswith("–") for line in lines)
    assert footer_text("", 2, 3) == "Reference pack · page 2 of 3"
