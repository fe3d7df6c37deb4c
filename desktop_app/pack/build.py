"""Assemble the reference pack: read the documents, lay out, append, stamp, save."""

from __future__ import annotations

import hashlib
import io
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from desktop_app.files import atomic_write
from desktop_app.pack.attachments import attach_originals
from desktop_app.pack.appending import UnreadableOriginal, append_original, open_original, page_scale
from desktop_app.pack.content import PackContent, PackDocument
from desktop_app.pack.fonts import clean, describe_missing
from desktop_app.pack.footer import Footer, PageBox
from desktop_app.pack.layout import SECTION_TITLES, Layout, lay_out
from desktop_app.pack.stamp import Stamper
from desktop_app.pack.wording import kind_in_words
from desktop_app.progress import Cancelled, CancelledFn, ProgressFn


class PackError(ValueError):
    """The pack cannot be made; the message says why in the user's words (the reason only:
    the window and the CLI say "no pack was made" themselves, so it is not said twice).

    A ValueError, like the services' other bad-input errors, so a worker passes
    the message on to the user as it is.
    """


@dataclass(frozen=True)
class DocumentPages:
    """Where one appended document sits in the pack (1-based, inclusive)."""

    document: PackDocument
    first: int
    last: int


@dataclass(frozen=True)
class PackResult:
    """What was written."""

    path: Path
    pages: int
    generated_pages: int
    sections: dict[str, int]
    documents: tuple[DocumentPages, ...]
    unprintable: str = ""


class _Steps:
    def __init__(self, total: int, progress: ProgressFn | None, cancelled: CancelledFn | None) -> None:
        self.total, self.done = total, 0
        self.progress, self.cancelled = progress, cancelled

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled("The pack was not made: building it was cancelled.")

    def advance(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)
        self.check()


class _Rehearse(Exception):
    """The fast attempt (documents read without a rehearsal) met a document that only a
    rehearsed reading handles (one qpdf must repair first): build again, rehearsed."""


def _read(document: PackDocument, rehearse: bool = True) -> tuple[bytes, PdfReader]:
    name = document.original_name
    try:
        data = Path(document.path).read_bytes()
    except OSError as error:
        raise PackError(unreadable_in_vault(name, error)) from error
    # The vault checked this file with the same function (and a rehearsal of the
    # appending below), so a stored document fails here only if it changed on disk.
    try:
        reader = open_original(io.BytesIO(data), name, rehearse=rehearse)
    except UnreadableOriginal as error:
        if document.sha256 and _sha256(data) != document.sha256.lower():
            # the truer reason: the file changed on disk since the vault checked it
            raise PackError(changed_on_disk(name)) from None
        raise PackError(str(error)) from None
    return data, reader


def unreadable_in_vault(name: str, error: OSError) -> str:
    """Why a stored file cannot be read, in the user's words rather than the system's (issue 15,
    fresh eyes: "No such file or directory"), with the next step (the caller says that no pack
    was made). ``error``: what reading it raised (its ``errno`` picks the sentence)."""
    step = ("Re-attach it from your own copy or remove it (Vault tab: select it, then Re-attach… or "
            "Remove; or: afterview vault reattach ID FILE), then make the pack again.")
    if isinstance(error, FileNotFoundError):
        return (f"“{name}” is missing from the vault folder (it was deleted or moved outside "
                f"Afterview). {step}")
    if isinstance(error, PermissionError):
        return (f"Afterview is not allowed to read “{name}” in its vault folder (its permissions were "
                f"changed outside Afterview). {step}")
    return f"“{name}” cannot be read from the vault folder (the disk may be failing or unplugged). {step}"


def changed_on_disk(name: str) -> str:
    """The reason a pack cannot use a stored file that changed since it was added, with the next
    step (the caller says that no pack was made)."""
    return (f"“{name}” has changed on disk since it was added to the vault (it no longer matches "
            "its fingerprint). Re-attach it from your own copy or remove it (Vault tab: select it, "
            "then Re-attach… or Remove; or: afterview vault reattach ID FILE), then make the pack again.")


def _check_fingerprint(document: PackDocument, digest: Future[str]) -> None:
    # The index vouches for the fingerprint: a file that changed on disk since it
    # was added to the vault must not go out under the old one.
    if document.sha256 and digest.result() != document.sha256.lower():
        raise PackError(changed_on_disk(document.original_name))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _box(page: object) -> PageBox:
    # The crop box is what a viewer shows and a printer prints (it defaults to
    # the media box), so the footer goes inside it.
    # An oversized page is scaled to fit A4 when appended (appending.page_scale): its footer
    # goes inside the scaled box.
    box = page.cropbox  # type: ignore[attr-defined]
    factor = page_scale(float(box.width), float(box.height))
    return PageBox(float(box.left) * factor, float(box.bottom) * factor, float(box.width) * factor,
                   float(box.height) * factor, int(page.get("/Rotate", 0) or 0))  # type: ignore[attr-defined]


def _assemble(content: PackContent, layout: Layout, readers: list[PdfReader], steps: _Steps,
              rehearsed: bool = True) -> PdfWriter:
    writer = PdfWriter()
    made = PdfReader(io.BytesIO(layout.pdf)).pages
    for page in made[:layout.pages]:
        writer.add_page(page)
    # The pack's own pages share ReportLab's one font dictionary: the footers of
    # the appended pages name their fonts from it.
    stamper = Stamper(writer, writer.pages[0]["/Resources"]["/Font"].get_object())
    stamps = iter(layout.stamps)
    for document, reader in zip(content.documents, readers):
        try:
            pages = append_original(writer, reader, document.original_name)
        except UnreadableOriginal as error:
            if not rehearsed:
                raise _Rehearse() from None
            raise PackError(str(error)) from None
        for page in pages:
            stamper.stamp(page, *next(stamps))
        steps.advance()

    for key, title in SECTION_TITLES.items():
        if key in layout.sections:
            writer.add_outline_item(title=title, page_number=layout.sections[key] - 1)
    if content.documents:
        parent = writer.add_outline_item(title="Attached documents", page_number=layout.pages)
        for document, (first, _last) in zip(content.documents, layout.documents):
            label = kind_in_words(document.kind)
            if document.qualification_title:
                label += f" – {clean(document.qualification_title)}"
            writer.add_outline_item(title=f"{label} ({clean(document.original_name)})", page_number=first - 1,
                                    parent=parent)
    writer.page_mode = "/UseOutlines"

    name = clean(content.profile.name)
    subject = "Referees and qualifications"
    if content.role:
        subject += f" for the role of {clean(content.role)}"
    if content.organisation:
        subject += f" at {clean(content.organisation)}"
    # An empty profile: "Reference pack", not "Reference pack – " (tester's finding, issue 16).
    writer.add_metadata({"/Title": f"Reference pack – {name}" if name.strip() else "Reference pack", "/Author": name, "/Subject": subject,
                         "/Creator": "Afterview"})
    return writer


def _write_atomically(writer: PdfWriter, out_path: Path, steps: _Steps, rehearsed: bool = True) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # The old file or the new one, never half of either; a cancel noticed once the
    # pages are written still leaves no file. (atomic_write hands over a plain buffered
    # file, which matters: pypdf writes in many small pieces.)
    with atomic_write(out_path) as handle:
        try:
            writer.write(handle)
        except OSError:
            raise
        except Exception:
            if rehearsed:
                raise
            raise _Rehearse() from None  # a document only a rehearsed reading handles
        steps.check()


def build_pack(content: PackContent, out_path: Path | str, progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None) -> PackResult:
    """Write the reference pack for `content` to `out_path` (mode 0600).

    `progress(done, total)` is called as the work advances; `cancelled()` is
    polled between steps. Raises `PackError` (a message for the user) or
    `desktop_app.progress.Cancelled`; on any failure or cancellation no file is
    left behind (an existing file at `out_path` is left as it was).
    """
    out_path = Path(out_path)
    # First without rehearsing each document (bench/pack.py: the rehearsal doubled the work):
    # the vault rehearsed each when it was added, and the fingerprints are checked below, so
    # the pack's own writing is the rehearsal. A document that only a rehearsed reading
    # handles (qpdf's repair) makes the build start again, rehearsed, as before.
    try:
        return _build(content, out_path, progress, cancelled, rehearsed=False)
    except _Rehearse:
        return _build(content, out_path, progress, cancelled, rehearsed=True)


def _build(content: PackContent, out_path: Path, progress: ProgressFn | None, cancelled: CancelledFn | None,
           rehearsed: bool) -> PackResult:
    steps = _Steps(len(content.documents) * 2 + 2, progress, cancelled)
    steps.check()
    # hashlib lets go of the GIL on large inputs, so the fingerprints of big
    # scanned transcripts are taken on another core while ReportLab lays out.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pack-sha256") as hasher:
        readers, digests, originals = [], [], []
        for document in content.documents:
            data, reader = _read(document, rehearsed)
            readers.append(reader)
            originals.append(data)  # attached as it was fingerprinted (issue 16)
            digests.append(hasher.submit(_sha256, data))
            steps.advance()
        boxes = [_box(page) for reader in readers for page in reader.pages]
        layout = lay_out(content, [len(r.pages) for r in readers], boxes, Footer(content.profile.name))
        for document, digest in zip(content.documents, digests):
            _check_fingerprint(document, digest)
    steps.advance()
    writer = _assemble(content, layout, readers, steps, rehearsed)
    attach_originals(writer, content.documents, originals, layout.documents, layout.marks)
    _write_atomically(writer, out_path, steps, rehearsed)
    if progress is not None:
        progress(steps.total, steps.total)
    placed = tuple(DocumentPages(d, first, last) for d, (first, last) in zip(content.documents, layout.documents))
    return PackResult(out_path, layout.total, layout.pages, dict(layout.sections), placed,
                      describe_missing(layout.missing))
