"""The originals attached to the pack: byte for byte, listed where every PDF reader looks,
linked from the index and from each document's first page, and readable back by
``afterview pack verify``; the pack stays valid and grows only by the originals."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from desktop_app.pack import build_pack
from desktop_app.pack import build as pack_build
from desktop_app.pack.attachments import INDEX_KEY, NotAPack, attachment_names, read_attachments, read_index
from desktop_app.pack.content import PackDocument, PackSignature
from tests.helpers.pack_samples import MakePdf, sample_content

#: What each attachment may add beyond its file's bytes: the file specification, the stream's
#: dictionary, two paperclip annotations and the document's entry in the JSON index (bytes).
OVERHEAD_PER_DOCUMENT = 1500


@pytest.fixture
def documents(make_pdf: MakePdf) -> tuple[PackDocument, ...]:
    return (make_pdf("leeds", 3), make_pdf("certificate", 1, kind="certificate"),
            make_pdf("masters", 2, qualification="MSc Data & <AI>", rotate=90))


def _annotations(reader: PdfReader, page: int) -> list:
    return [a.get_object() for a in reader.pages[page - 1].get("/Annots", [])
            if a.get_object().get("/Subtype") == "/FileAttachment"]


def test_every_original_is_attached_byte_for_byte(tmp_path: Path, documents: tuple) -> None:
    build_pack(sample_content(documents), tmp_path / "pack.pdf")

    reader = PdfReader(tmp_path / "pack.pdf")
    assert {name: data for name, data in reader.attachments.items()} == {
        d.original_name: [d.path.read_bytes()] for d in documents}
    for embedded in reader.attachment_list:
        document = next(d for d in documents if d.original_name == embedded.name)
        assert embedded.alternative_name == embedded.name
        assert document.sha256 in embedded.description
        assert embedded.subtype == "/application/pdf" and embedded.size == document.path.stat().st_size
        assert embedded.associated_file_relationship == "/Source"


def test_the_catalog_lists_them_as_the_packs_sources(tmp_path: Path, documents: tuple) -> None:
    build_pack(sample_content(documents), tmp_path / "pack.pdf")

    reader = PdfReader(tmp_path / "pack.pdf")
    sources = [spec.get_object() for spec in reader.root_object["/AF"]]
    assert sorted(spec["/UF"] for spec in sources) == sorted(d.original_name for d in documents)


def test_a_paperclip_on_each_first_page_and_each_index_entry(tmp_path: Path, documents: tuple) -> None:
    result = build_pack(sample_content(documents), tmp_path / "pack.pdf")

    reader = PdfReader(tmp_path / "pack.pdf")
    for placed in result.documents:
        (clip,) = _annotations(reader, placed.first)
        assert clip["/FS"].get_object()["/UF"] == placed.document.original_name
        assert int(clip.get("/F", 0)) & 4 == 0  # not printed: the paper copy stays as it was
        box = reader.pages[placed.first - 1].cropbox
        left, bottom, right, top = (float(v) for v in clip["/Rect"])
        assert float(box.left) <= left < right <= float(box.right)
        assert float(box.bottom) <= bottom < top <= float(box.top)
    in_index = [a for page in range(result.sections["index"], result.generated_pages + 1)
                for a in _annotations(reader, page)]
    assert [a["/FS"].get_object()["/UF"] for a in in_index] == [d.original_name for d in documents]
    assert all(len(_annotations(reader, page)) == 0 for page in range(1, result.sections["index"]))


def test_the_index_is_kept_machine_readable(tmp_path: Path, documents: tuple) -> None:
    signed = PackSignature("University of Leeds Registry", None, True)
    documents = (documents[0].__class__(**{**documents[0].__dict__, "signatures": (signed,)}), *documents[1:])
    result = build_pack(sample_content(documents), tmp_path / "pack.pdf")

    reader = PdfReader(tmp_path / "pack.pdf")
    index = read_index(reader)
    assert [(e.number, e.attachment, e.sha256, e.pages) for e in index] == [
        (n, d.original_name, d.sha256, (p.first, p.last))
        for n, (d, p) in enumerate(zip(documents, result.documents), start=1)]
    assert index[0].signatures == (signed,) and index[1].signatures == ()
    assert index[2].label == "Academic transcript – MSc Data & <AI> (masters.pdf)"
    assert read_attachments(reader)["leeds.pdf"] == [documents[0].path.read_bytes()]


def test_metadata_and_bookmarks_stay(tmp_path: Path, documents: tuple) -> None:
    build_pack(sample_content(documents), tmp_path / "pack.pdf")

    reader = PdfReader(tmp_path / "pack.pdf")
    assert reader.metadata.title == "Reference pack – Zoë Taylor" and reader.metadata["/Creator"] == "Afterview"
    assert [item.title for item in reader.outline if not isinstance(item, list)][-1] == "Attached documents"


def test_the_pack_grows_only_by_the_originals(tmp_path: Path, documents: tuple,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    with_originals = build_pack(sample_content(documents), tmp_path / "with.pdf").path.stat().st_size
    monkeypatch.setattr(pack_build, "attach_originals", lambda *args: [])
    without = build_pack(sample_content(documents), tmp_path / "without.pdf").path.stat().st_size

    originals = sum(d.path.stat().st_size for d in documents)
    growth = with_originals - without
    print(f"pack {without} bytes; with {len(documents)} originals ({originals} bytes) {with_originals} bytes: "
          f"+{growth - originals} bytes beyond the originals")
    assert originals <= growth <= originals + OVERHEAD_PER_DOCUMENT * len(documents)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_no_errors_with_the_attachments(tmp_path: Path, documents: tuple) -> None:
    build_pack(sample_content(documents), tmp_path / "pack.pdf")

    check = subprocess.run(["qpdf", "--check", str(tmp_path / "pack.pdf")], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "WARNING" not in check.stdout + check.stderr


def test_two_files_of_one_name_get_two_names(make_pdf: MakePdf, tmp_path: Path) -> None:
    first = make_pdf("transcript", 1)
    second = first.__class__(first.path, "transcript", "transcript.PDF", first.sha256, 1, "MSc")
    scan = first.__class__(first.path, "certificate", "IMG_2041.jpg", first.sha256, 1, "MSc")
    odd = first.__class__(first.path, "other", "../../etc/passwd", first.sha256, 1)
    assert attachment_names([first, second, scan, odd]) == [
        "transcript.pdf", "transcript (2).pdf", "IMG_2041.pdf", "passwd.pdf"]


def test_a_pdf_without_an_index_is_not_a_pack(tmp_path: Path, make_pdf: MakePdf) -> None:
    plain = make_pdf("plain", 1)
    with pytest.raises(NotAPack, match="no index"):
        read_index(PdfReader(plain.path))

    writer = PdfWriter(clone_from=plain.path)
    writer.add_metadata({INDEX_KEY: json.dumps({"format": "afterview-pack-index", "version": 1,
                                                "documents": [{"number": "one"}]})})
    with (tmp_path / "damaged.pdf").open("wb") as handle:
        writer.write(handle)
    with pytest.raises(NotAPack, match="damaged"):
        read_index(PdfReader(tmp_path / "damaged.pdf"))


def test_a_pdf_made_from_a_photo_is_described_as_that_not_as_the_original(make_pdf: MakePdf,
                                                                          tmp_path: Path) -> None:
    """Issue 15, fresh eyes 2: "the original, unchanged" was said of the PDF the vault made from
    Landscape_6.jpg, whose SHA-256 is not the photo's. The embedded file says what it is."""
    first = make_pdf("transcript", 1)
    photo = first.__class__(first.path, "certificate", "Landscape_6.jpg", first.sha256, 1, "MSc")
    build_pack(sample_content((first, photo)), tmp_path / "pack.pdf")
    described = {e.name: e.description for e in PdfReader(tmp_path / "pack.pdf").attachment_list}
    assert "a PDF made from the scan Landscape_6.jpg" in described["Landscape_6.pdf"]
    assert "original" not in described["Landscape_6.pdf"]
    assert "the original, unchanged" in described["transcript.pdf"]
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "pack.pdf").pages[:2])
    assert "the PDF made from the scan Landscape_6.jpg" in " ".join(text.split())
