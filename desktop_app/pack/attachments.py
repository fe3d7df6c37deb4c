"""Every document's original, attached to the pack byte for byte, and read back.

An employer holding only the pack can check nothing against a printed fingerprint, and
appending a signed transcript's pages breaks its signature. So each document is also
embedded unchanged as a PDF embedded file (ISO 32000-1 §7.11.4; pypdf's
`add_attachment`): listed in the catalog's EmbeddedFiles name tree, which every PDF
reader's attachments panel shows, and in the catalog's /AF array as the pages' source
(ISO 32000-2 §14.13, AFRelationship /Source). A FileAttachment annotation (§12.5.6.15,
a paperclip, not printed) sits on the document's entry in the index and on its first
page. The stream is stored uncompressed: the pack grows by the originals' bytes and a
few hundred bytes of dictionaries each.

The index is also kept machine-readable, as JSON under `INDEX_KEY` in the document
information dictionary, for `afterview pack verify`:

    {"format": "afterview-pack-index", "version": 1,
     "documents": [{"number": 1, "attachment": "leeds-transcript.pdf", "original_name": …,
                    "kind": "transcript", "qualification": …, "sha256": …, "size": 48211,
                    "pages": [5, 7], "signatures": [{"signer": …, "signed_on": "2026-07-03",
                    "intact": true, "self_signed": false}]}]}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

from desktop_app.pack.content import PackDocument, PackSignature
from desktop_app.pack.fonts import clean
from desktop_app.pack.verification import made_from_scan
from desktop_app.pack.wording import kind_in_words

#: The key of the machine-readable index in the document information dictionary.
INDEX_KEY = "/AfterviewIndex"
INDEX_FORMAT = "afterview-pack-index"
INDEX_VERSION = 1
#: The paperclip's size, in points (what Acrobat draws for /Paperclip).
ICON_WIDTH, ICON_HEIGHT = 12.0, 18.0
#: From the visible top right corner of a document's first page to its paperclip, in points.
CORNER_INSET = 14.0


@dataclass(frozen=True)
class IndexEntry:
    """One document as the pack's machine-readable index describes it."""

    number: int
    attachment: str
    original_name: str
    kind: str
    qualification: str | None
    sha256: str
    size: int
    pages: tuple[int, int]
    signatures: tuple[PackSignature, ...] = ()

    @property
    def label(self) -> str:
        """"Academic transcript – BSc Mathematics (leeds.pdf)": how a line of the report names it, by
        its attachment's name (what the reader's attachments panel shows: "leeds (2).pdf" for a
        second file of the same name)."""
        text = kind_in_words(self.kind)
        if self.qualification:
            text += f" – {self.qualification}"
        return f"{text} ({self.attachment})"


class NotAPack(ValueError):
    """The file is not a PDF, or not a pack made by Afterview; the message says which."""


def attachment_names(documents: Sequence[PackDocument]) -> list[str]:
    """One distinct file name per document, as the attachments panel will list it.

    The vault's original name, ending in .pdf (a photographed certificate is kept as
    the PDF made of it); a name used twice gets " (2)", " (3)" before the suffix.
    """
    names: list[str] = []
    taken: set[str] = set()
    for document in documents:
        stem = PurePath(document.original_name.replace("\\", "/")).name or "document"
        if not stem.lower().endswith(".pdf"):
            stem = PurePath(stem).stem + ".pdf"
        name, count = stem, 1
        while name.casefold() in taken:
            count += 1
            name = f"{stem[:-4]} ({count}).pdf"
        taken.add(name.casefold())
        names.append(name)
    return names


def _describe(document: PackDocument) -> str:
    text = kind_in_words(document.kind)
    if document.qualification_title:
        text += f" – {clean(document.qualification_title)}"
    if made_from_scan(document.original_name):  # the vault keeps the PDF made from it, not the photo
        return f"{text}: a PDF made from the scan {document.original_name}. SHA-256 {document.sha256.lower()}"
    return f"{text}: the original, unchanged. SHA-256 {document.sha256.lower()}"


def _index(documents: Sequence[PackDocument], names: Sequence[str], datas: Sequence[bytes],
           ranges: Sequence[tuple[int, int]]) -> str:
    entries = []
    for number, (document, name, data, (first, last)) in enumerate(zip(documents, names, datas, ranges), start=1):
        entries.append({
            "number": number, "attachment": name, "original_name": document.original_name,
            "kind": document.kind, "qualification": document.qualification_title,
            "sha256": document.sha256.lower(), "size": len(data), "pages": [first, last],
            "signatures": [{"signer": s.signer, "signed_on": s.signed_on.isoformat() if s.signed_on else None,
                            "intact": s.intact, "self_signed": s.self_signed} for s in document.signatures],
        })
    return json.dumps({"format": INDEX_FORMAT, "version": INDEX_VERSION, "documents": entries},
                      ensure_ascii=False, separators=(",", ":"))


def _paperclip(writer: PdfWriter, page: PageObject, rect: tuple[float, float, float, float],
               filespec: Any, text: str) -> None:
    # No /F Print flag: the paperclip shows on screen and leaves the printed page alone.
    annotation = writer.add_annotation(page, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/FileAttachment"),
        NameObject("/Rect"): ArrayObject(FloatObject(round(v, 3)) for v in rect),
        NameObject("/FS"): filespec,
        NameObject("/Contents"): TextStringObject(text),
        NameObject("/Name"): NameObject("/Paperclip"),
    }))
    # pypdf copies the annotation's values; point /FS back at the one file specification, so
    # every paperclip and the EmbeddedFiles name tree share one embedded file stream, not copies.
    annotation[NameObject("/FS")] = filespec


def _corner_rect(page: PageObject) -> tuple[float, float, float, float]:
    """The paperclip's rectangle near the top right corner the reader sees, in the page's own space."""
    box = page.cropbox
    left, bottom, width, height = float(box.left), float(box.bottom), float(box.width), float(box.height)
    rotate = int(page.get("/Rotate", 0) or 0) % 360
    # The corner as seen, turned back against /Rotate (the viewer turns the page clockwise).
    inset_x, inset_y = CORNER_INSET + ICON_WIDTH, CORNER_INSET + ICON_HEIGHT
    if rotate == 90:
        x, y = left + width - inset_y, bottom + height - inset_x
    elif rotate == 180:
        x, y = left + CORNER_INSET, bottom + CORNER_INSET
    elif rotate == 270:
        x, y = left + CORNER_INSET, bottom + height - inset_x
    else:
        x, y = left + width - inset_x, bottom + height - inset_y
    return (x, y, x + ICON_WIDTH, y + ICON_HEIGHT)


def attach_originals(writer: PdfWriter, documents: Sequence[PackDocument], datas: Sequence[bytes],
                     ranges: Sequence[tuple[int, int]], marks: dict[int, tuple[int, float, float]]) -> list[str]:
    """Embed `datas` (each document's file, as read and fingerprinted) into `writer`'s pack.

    `ranges` are the documents' (first, last) pages in the pack, 1-based; `marks` maps a
    document's number to where its index entry's paperclip goes (page, x, y: the top left
    of the free space under the number, in points). Returns the attachment names, in order.
    """
    names = attachment_names(documents)
    sources = ArrayObject()
    for number, (document, name, data, (first, _last)) in enumerate(zip(documents, names, datas, ranges), start=1):
        embedded = writer.add_attachment(name, data)
        embedded.alternative_name = TextStringObject(name)  # /UF as well as /F (ISO 32000-1 §7.11.3)
        embedded.description = TextStringObject(_describe(document))
        embedded.subtype = NameObject("/application/pdf")  # pypdf writes the inner slash as #2F
        embedded.size = NumberObject(len(data))
        embedded.associated_file_relationship = NameObject("/Source")
        filespec = embedded.pdf_object.indirect_reference
        sources.append(filespec)
        text = f"The original of {name}, attached unchanged"
        _paperclip(writer, writer.pages[first - 1], _corner_rect(writer.pages[first - 1]), filespec, text)
        if number in marks:
            page, x, y = marks[number]
            _paperclip(writer, writer.pages[page - 1], (x, y - ICON_HEIGHT, x + ICON_WIDTH, y), filespec, text)
    if sources:
        writer.root_object[NameObject("/AF")] = sources
    # Always there, even empty: `afterview pack verify` then knows the pack for one of ours.
    writer.add_metadata({INDEX_KEY: _index(documents, names, datas, ranges)})
    return names


# ---------------------------------------------------------------- reading a pack back

def _signature(value: dict[str, Any]) -> PackSignature:
    signed_on = value.get("signed_on")
    return PackSignature(str(value.get("signer") or ""), date.fromisoformat(signed_on) if signed_on else None,
                         bool(value.get("intact")), bool(value.get("self_signed")))


def read_index(reader: PdfReader) -> list[IndexEntry]:
    """The pack's machine-readable index. Raises `NotAPack` when there is none or it is unreadable."""
    metadata = reader.metadata or {}
    text = metadata.get(INDEX_KEY)
    if not text:
        raise NotAPack("it has no index of attached documents: it was not made by Afterview, "
                       "or before packs carried their originals")
    try:
        index = json.loads(str(text))
        if index.get("format") != INDEX_FORMAT:
            raise ValueError("format")
        if index.get("version") != INDEX_VERSION:
            raise NotAPack(f"its index is of version {index.get('version')}, which this Afterview does not read")
        return [IndexEntry(int(e["number"]), str(e["attachment"]), str(e["original_name"]), str(e["kind"]),
                           e.get("qualification"), str(e["sha256"]).lower(), int(e["size"]),
                           (int(e["pages"][0]), int(e["pages"][1])),
                           tuple(_signature(s) for s in e.get("signatures") or ()))
                for e in index["documents"]]
    except NotAPack:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise NotAPack("its index of attached documents is damaged") from error


def read_attachments(reader: PdfReader) -> dict[str, list[bytes]]:
    """Every embedded file of the PDF: {name: [contents…]} (a name may occur twice)."""
    found: dict[str, list[bytes]] = {}
    for embedded in reader.attachment_list:
        found.setdefault(str(embedded.name), []).append(embedded.content)
    return found
