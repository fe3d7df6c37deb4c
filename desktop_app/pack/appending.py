"""Reading a stored PDF and appending its pages faithfully: the one way the vault and the pack read.

The vault's check (``services/vault/pdf.check_pdf``) and the pack (``build._read``) both
call :func:`open_original`, which appends the document to a scratch writer and writes it
out exactly as the pack does (``build._assemble`` calls :func:`append_original`). So a file the vault
keeps can never break the pack, and a file the pack could not read is refused when it is
added, with a reason in the user's words.

What a mainstream viewer (poppler, pdf.js, Acrobat) repairs, this repairs too: trailing
bytes after ``%%EOF`` (zero padding from a download), a page without ``/MediaBox``
(US Letter, as poppler assumes), a page dictionary without ``/Type /Page``, xref offsets
that point to the wrong place (pypdf rebuilds them when not strict), and AES-128/256
encryption with an empty user password (official transcripts are often locked against
editing that way; pypdf needs ``cryptography`` for AES).

Appending keeps what the page looks like in a viewer:

* optional content (layers): the document's ``/OCProperties`` is merged into the pack's,
  so a layer that is hidden by default (a scan's OCR text, an alternative photo) stays
  hidden (PDF 32000-1:2008 §8.11.4);
* form fields: the pack carries no ``/AcroForm``, and QtPdf's preview does not draw widget
  annotations, so each visible field's normal appearance is drawn into the page ("flattened",
  §12.5.5 for the placement) and the widget removed;
* the page's own content streams are kept byte for byte (never re-encoded).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    RectangleObject,
    StreamObject,
)

#: How far from the end, once trailing padding is skipped, ``%%EOF`` may be (bytes).
TAIL_WINDOW = 2048
#: Bytes after ``%%EOF`` a viewer ignores: white space and the zero padding of some downloads.
_PADDING = b"\x00\t\n\x0c\r \x1a"
#: US Letter in points: what poppler assumes for a page that gives no size.
DEFAULT_MEDIABOX = (0, 0, 612, 792)
#: Annotation flags (PDF 32000-1:2008 §12.5.3): Hidden, NoView.
_HIDDEN_FLAGS = 2 | 32
_FLAT_PREFIX = "AfvFlat"

PASSWORD_PROTECTED = "This PDF is password-protected; save an unprotected copy and add that instead."


class UnreadableOriginal(ValueError):
    """A stored or offered PDF cannot be read or appended; ``str()`` is the user's sentence,
    naming the document. ``kind``: ``"damaged"``, ``"password"``, ``"empty"`` or ``"incomplete"``."""

    def __init__(self, message: str, kind: str = "damaged") -> None:
        super().__init__(message)
        self.kind = kind


@contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf reports what it repaired through logging and warnings; we judge the file ourselves."""
    import logging

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _damaged(name: str, where: str = "") -> UnreadableOriginal:
    part = f" ({where})" if where else ""
    return UnreadableOriginal(f"“{name}” is a damaged PDF that cannot be read{part}. Get a fresh copy.")


def has_end_marker(handle: BinaryIO) -> bool:
    """Whether the file ends as a PDF does (``%%EOF``, or at least ``startxref``), once trailing
    padding (zeros, white space) is skipped.

    A file cut off while downloading lacks both. The padding is skipped block by block from
    the end, so megabytes of zeros cost no memory.
    """
    handle.seek(0, 2)
    end = handle.tell()
    block = 64 * 1024
    while end > 0:
        start = max(0, end - block)
        handle.seek(start)
        chunk = handle.read(end - start).rstrip(_PADDING)
        if chunk:
            end = start + len(chunk)
            break
        end = start
    if end == 0:
        return False
    start = max(0, end - TAIL_WINDOW)
    handle.seek(start)
    tail = handle.read(end - start)
    return b"%%EOF" in tail or b"startxref" in tail


def open_original(handle: BinaryIO, name: str, *, rehearse: bool = True) -> PdfReader:
    """Open a PDF as the pack reads it: decrypted, its pages repaired as a viewer would.

    The document is appended to a scratch pack and written to nowhere before it is
    returned, so the pack's own appending cannot fail on it. ``rehearse=False`` skips that
    scratch pack (and so qpdf's repair of what only the writing finds): the pack's first,
    fast attempt, whose own writing is the rehearsal (``build.build_pack`` falls back to
    rehearsed reading when it fails). When pypdf cannot do that,
    qpdf (through pikepdf) repairs the file in memory, as viewers repair (a broken xref,
    a misspelt ``endstream``, a damaged page tree), and pypdf reads the repaired copy;
    the stored file itself is never changed. Raises :class:`UnreadableOriginal` for a
    file that is cut off, needs a password, is damaged beyond repair, or has no pages.
    """
    if not has_end_marker(handle):
        raise UnreadableOriginal(f"“{name}” is an incomplete PDF (its end is missing — it may have "
                                 "been cut off while downloading or copying). Get a fresh copy.", "incomplete")
    handle.seek(0)
    try:
        reader = _open_checked(handle, name, rehearse)
    except UnreadableOriginal as problem:
        if problem.kind == "empty":
            raise
        repaired = _repaired_by_qpdf(handle)
        if repaired is None:
            raise
        try:
            reader = _open_checked(repaired, name)
        except UnreadableOriginal:
            raise problem from None
        handle = repaired
    return _with_field_appearances(reader, handle, name, rehearse)


def needs_appearances(reader: PdfReader) -> bool:
    """Whether a viewer would draw some form field itself rather than from the file: the form
    says ``/NeedAppearances true`` (PDF 32000-1:2008 §12.7.2, how Evince and LibreOffice save a
    filled form, often with stale or no appearance streams), or a visible text or choice field
    has no ``/AP`` at all (poppler then draws it from its value). Raises nothing."""
    try:
        form = reader.trailer["/Root"].get("/AcroForm")
        form = form.get_object() if form is not None else None
        if not isinstance(form, DictionaryObject):
            return False
        if bool(form.get("/NeedAppearances", False)):
            return True
        for page in reader.pages:
            for reference in _references(page.get("/Annots")):
                annotation = reference.get_object()
                if (isinstance(annotation, DictionaryObject) and annotation.get("/Subtype") == "/Widget"
                        and "/AP" not in annotation and _field_type(annotation) in ("/Tx", "/Ch")):
                    return True
    except Exception:  # a damaged form dictionary: the fields are drawn as they are
        return False
    return False


def _field_type(annotation: DictionaryObject) -> object:
    """The field type (``/FT``) of a widget, inherited from its parent fields (§12.7.3.1)."""
    node, depth = annotation, 0
    while isinstance(node, DictionaryObject) and depth < 32:
        if "/FT" in node:
            return node["/FT"]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
        depth += 1
    return None


def _multi_line_appearances(pdf: object) -> None:
    """Redraw multi-line text fields (§12.7.4.3, field flag bit 13) line by line, words wrapped
    to the field's width, as poppler draws them: qpdf writes their value on one line. A field
    whose font or ``/DA`` cannot be read keeps qpdf's drawing."""
    from pikepdf.form import FormFieldFlag

    form = pdf.acroform  # type: ignore[attr-defined]
    for field in form.fields:
        if not (field.is_text and field.flags & FormFieldFlag.tx_multiline and field.value_as_string):
            continue
        for annotation in form.get_annotations_for_field(field):
            try:
                _draw_lines(pdf, annotation.obj, field.default_appearance, field.value_as_string)
            except Exception:  # an odd font or /DA: qpdf's one-line drawing stays
                continue


def _draw_lines(pdf: object, widget: object, appearance: bytes, value: str) -> None:
    """Give ``widget`` a normal appearance drawing ``value`` in lines (``appearance``: its /DA)."""
    import re

    from pikepdf import Array, Dictionary, Name
    from reportlab.pdfbase.pdfmetrics import standardFonts, stringWidth

    da = bytes(appearance).decode("latin-1")
    font, size = re.search(r"/(\S+)\s+([\d.]+)\s+Tf", da).groups()  # type: ignore[union-attr]
    size = float(size) or 12.0  # 0 is "auto size" (§12.7.4.3): poppler then uses 12 for many lines
    x0, y0, x1, y1 = (float(v) for v in widget.Rect)  # type: ignore[attr-defined]
    width, height = abs(x1 - x0), abs(y1 - y0)
    resources = pdf.Root.AcroForm.DR.Font  # type: ignore[attr-defined]
    base = str(resources[Name("/" + font)].get("/BaseFont", "/Helvetica"))[1:]
    face = base if base in standardFonts else "Helvetica"  # widths of an embedded font: close enough

    lines: list[str] = []
    for paragraph in re.split(r"\r\n|\r|\n", value):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and stringWidth(candidate, face, size) > width - 4:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    leading = size * 1.15
    text = b"".join(b"(" + line.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(")
                    .replace(b")", b"\\)") + b") Tj T*\n" for line in lines)
    content = (f"/Tx BMC q 1 1 {width - 2:.2f} {height - 2:.2f} re W n BT {da} {leading:.2f} TL "
               f"2 {height - 2 - size:.2f} Td\n").encode("latin-1") + text + b"ET Q EMC\n"
    stream = pdf.make_stream(content, Type=Name.XObject, Subtype=Name.Form,  # type: ignore[attr-defined]
                             BBox=Array([0, 0, width, height]),
                             Resources=Dictionary(Font=Dictionary({"/" + font: resources[Name("/" + font)]})))
    widget.AP = Dictionary(N=stream)  # type: ignore[attr-defined]


def _with_field_appearances(reader: PdfReader, handle: BinaryIO, name: str, rehearse: bool) -> PdfReader:
    """``reader`` itself, or — when fields ask the viewer to draw them (:func:`needs_appearances`)
    — the same file with appearance streams made by qpdf (through pikepdf,
    ``QPDFAcroFormDocumentHelper::generateAppearancesIfNeeded``: text, multi-line, combo and
    list fields, from their values, as poppler draws them), read again. The stored file is never
    changed. Falls back to ``reader`` when qpdf cannot do it."""
    if not needs_appearances(reader):
        return reader
    import pikepdf  # here: only a form that asks the viewer to draw it needs it

    handle.seek(0)
    out = io.BytesIO()
    try:
        with warnings.catch_warnings(), pikepdf.open(handle, password="", attempt_recovery=True) as pdf:
            warnings.simplefilter("ignore")  # e.g. widgets not listed in /Fields: we draw them all anyway
            # qpdf only draws when the form asks for it: a field without /AP asks as much
            pdf.Root.AcroForm.NeedAppearances = True
            pdf.generate_appearance_streams()
            _multi_line_appearances(pdf)
            pdf.save(out, deterministic_id=True)
        out.seek(0)
        return _open_checked(out, name, rehearse)
    except Exception:  # qpdf could not draw them: the fields are shown as the file has them
        return reader


class _Nowhere(io.RawIOBase):
    """A write-only sink that counts: the rehearsal writes the whole scratch pack without keeping it
    (pypdf asks where it is, for the cross-reference table)."""

    def __init__(self) -> None:
        super().__init__()
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position


def _open_checked(handle: BinaryIO, name: str, rehearse: bool = True) -> PdfReader:
    from pypdf.errors import FileNotDecryptedError

    with quiet_pypdf():
        try:
            reader = PdfReader(handle, strict=False)
            if reader.is_encrypted and not _opens_without_password(reader):
                raise UnreadableOriginal(f"“{name}”: {PASSWORD_PROTECTED}", "password")
            try:
                pages = list(reader.pages)
            except FileNotDecryptedError:
                raise
            except Exception:
                # a page tree that loops, nests deeper than pypdf allows, or is missing:
                # collect the pages as poppler does, and let pypdf use that list
                pages = _walk_page_tree(reader)
                reader.flattened_pages = pages
        except UnreadableOriginal:
            raise
        except FileNotDecryptedError:
            raise UnreadableOriginal(f"“{name}”: {PASSWORD_PROTECTED}", "password") from None
        except Exception:  # pypdf raises many kinds on a damaged file; all mean the same
            raise _damaged(name, "its list of pages is broken") from None
        if not pages:
            raise UnreadableOriginal(f"“{name}” is a PDF with no pages; there is nothing to show an employer.",
                                     "empty")
        seen: set[int] = set()
        for number, page in enumerate(pages, start=1):
            try:
                _repair_page(page)
                if getattr(reader, "_afv_locked_attachments", False):
                    _drop_locked_attachments(page)
                broken_name = _has_nul_in_names(page.get("/Resources"), seen)
            except Exception:
                raise _damaged(name, f"page {number}") from None
            if broken_name:
                # NUL is white space in PDF (§7.2.2) but pypdf reads it into the name, and would
                # write "/Indexed\0/DeviceRGB" back as one name: let qpdf re-read the file
                raise _damaged(name, f"page {number}")
        if not rehearse:
            return reader
        # the rehearsal: exactly what the pack does with it, written to nowhere
        writer = PdfWriter()
        placed = append_original(writer, reader, name)
        try:
            for page in placed:
                box = page.cropbox
                float(box.left), float(box.bottom), float(box.width), float(box.height)
            writer.write(_Nowhere())
        except OSError:
            raise  # reading the file failed (a disk fault), not the file: the caller says so
        except Exception:
            raise _damaged(name) from None
    return reader


def _has_nul_in_names(value: object, seen: set[int], depth: int = 0) -> bool:
    """Whether a name in these resources (colour spaces, images, forms, fonts) holds a NUL byte."""
    if depth > 12 or value is None:
        return False
    if isinstance(value, IndirectObject):
        if value.idnum in seen:
            return False
        seen.add(value.idnum)
        value = value.get_object()
    if isinstance(value, NameObject):
        return "\x00" in value
    if isinstance(value, DictionaryObject):  # a stream's dictionary too; its data is not read
        return any(_has_nul_in_names(key, seen, depth + 1) or _has_nul_in_names(item, seen, depth + 1)
                   for key, item in value.items() if key not in ("/Parent", "/P"))
    if isinstance(value, ArrayObject):
        return any(_has_nul_in_names(item, seen, depth + 1) for item in value)
    return False


def _repaired_by_qpdf(handle: BinaryIO) -> BinaryIO | None:
    """The file repaired and decrypted (empty password) by qpdf, in memory; None if qpdf cannot."""
    import pikepdf  # here: only a file pypdf cannot read needs it

    handle.seek(0)
    out = io.BytesIO()
    try:
        with pikepdf.open(handle, password="", attempt_recovery=True) as pdf:
            pdf.save(out, deterministic_id=True)
    except Exception:  # qpdf's errors and pikepdf's (a password, a loop): all mean "cannot repair"
        return None
    out.seek(0)
    return out


#: Most pages a repaired page tree may yield: a hostile file cannot make us build millions.
_MAX_PAGES = 100_000
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


def _walk_page_tree(reader: PdfReader) -> list[PageObject]:
    """The pages of a broken page tree, as a viewer finds them.

    Depth first through ``/Kids`` without a depth limit, each node visited once (a loop is
    cut where it closes), inheritable attributes passed down (§7.7.3.4). When the tree
    yields no page at all, every object of type ``/Page`` is taken, in object order
    (poppler's reconstruction). Raises ``ValueError`` when there is still no page.
    """
    root = reader.trailer["/Root"].get_object()
    if not isinstance(root, DictionaryObject) or "/Pages" not in root:
        raise ValueError("no catalog")  # poppler gives up here too ("Couldn't read page catalog")
    found: list[PageObject] = []
    seen: set[int] = set()
    stack: list[tuple[object, dict]] = [(root.get("/Pages"), {})]
    while stack and len(found) < _MAX_PAGES:
        reference, inherited = stack.pop()
        if reference is None:
            continue
        if isinstance(reference, IndirectObject):
            if reference.idnum in seen:
                continue
            seen.add(reference.idnum)
        node = reference.get_object()
        if not isinstance(node, DictionaryObject):
            continue
        kids = node.get("/Kids")
        if node.get("/Type") == "/Page" or kids is None:
            if node.get("/Type") in ("/Page", None) and ("/Contents" in node or "/MediaBox" in node
                                                        or inherited or node.get("/Type") == "/Page"):
                found.append(_page(reader, reference, node, inherited))
            continue
        passed = dict(inherited)
        passed.update({key: node[key] for key in _INHERITED if key in node})
        kids = kids.get_object()
        if isinstance(kids, ArrayObject):
            stack.extend((kid, passed) for kid in reversed(kids))
    if not found:
        for number in sorted(_object_numbers(reader)):
            try:
                node = reader.get_object(number)
            except Exception:  # an object that cannot be read is no page
                continue
            if isinstance(node, DictionaryObject) and node.get("/Type") == "/Page":
                found.append(_page(reader, IndirectObject(number, 0, reader), node, {}))
                if len(found) >= _MAX_PAGES:
                    break
    if not found:
        raise ValueError("no pages")
    return found


def _object_numbers(reader: PdfReader) -> set[int]:
    numbers: set[int] = set()
    for table in reader.xref.values():
        numbers.update(table)
    numbers.update(reader.xref_objStm)
    return numbers


def _page(reader: PdfReader, reference: object, node: DictionaryObject, inherited: dict) -> PageObject:
    if isinstance(reference, IndirectObject):
        page = PageObject(reader, reference)
    else:
        page = PageObject(reader, None)
    page.update(node)
    for key, value in inherited.items():
        if key not in page:
            page[NameObject(key)] = value
    return page


def _opens_without_password(reader: PdfReader) -> bool:
    """Whether the document opens without a password: an empty user password, or encryption
    that covers only its attachments (then the reader is set to read the rest as it is)."""
    from pypdf.errors import DependencyError, PdfReadError

    try:
        if reader.decrypt(""):
            return True
    except DependencyError:
        # cryptography is a declared dependency; a build without it must not call AES "damaged"
        raise
    except (NotImplementedError, PdfReadError, ValueError, KeyError, TypeError):
        pass
    return _only_attachments_encrypted(reader)


def _only_attachments_encrypted(reader: PdfReader) -> bool:
    """Whether only the embedded files are encrypted (PDF 32000-2:2020 §7.6.5: ``/StmF`` and
    ``/StrF`` are ``/Identity``, ``/EFF`` names a crypt filter, often with ``/AuthEvent /EFOpen``).

    The pages, strings and streams of such a file are plain: viewers open it without asking
    and ask for the password only when an attachment is opened. When so, the reader is told
    to read objects as they are (pypdf would otherwise refuse every object), and the page's
    locked attachments are later left out of the copy (:func:`_drop_locked_attachments`).
    """
    try:
        encrypt = reader.trailer["/Encrypt"].get_object()
        version = int(encrypt.get("/V", 0))
        stream_filter = encrypt.get("/StmF", "/Identity")
        string_filter = encrypt.get("/StrF", "/Identity")
    except Exception:  # a damaged /Encrypt: not a file we can vouch for
        return False
    if version < 4 or stream_filter != "/Identity" or string_filter != "/Identity":
        return False
    reader._encryption = None  # noqa: SLF001 (pypdf has no switch for "attachments only")
    reader._afv_locked_attachments = True  # type: ignore[attr-defined]  # noqa: SLF001
    return True


def _drop_locked_attachments(page: PageObject) -> None:
    """Remove the embedded file from each file-attachment annotation of a page whose attachments
    are encrypted (:func:`_only_attachments_encrypted`): the pack cannot decrypt it, and a copy
    still marked with the original's crypt filter would open in no viewer. The annotation (its
    icon) stays, so the page looks the same."""
    annotations = page.get("/Annots")
    if annotations is None:
        return
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if not isinstance(annotation, DictionaryObject) or annotation.get("/Subtype") != "/FileAttachment":
            continue
        spec = annotation.get("/FS")
        spec = spec.get_object() if spec is not None else None
        if isinstance(spec, DictionaryObject) and "/EF" in spec:
            del spec["/EF"]


def _box_or_none(page: PageObject, key: str) -> list[float] | None:
    value = page.get(key)
    if value is None:
        value = _inherited(page, key)
    if value is None:
        return None
    value = value.get_object()
    try:
        numbers = [float(v.get_object()) for v in value]
    except (TypeError, ValueError, AttributeError):
        return None
    if len(numbers) != 4 or numbers[0] == numbers[2] or numbers[1] == numbers[3]:
        return None
    return numbers


def _inherited(page: PageObject, key: str) -> object | None:
    parent = page.get("/Parent")
    seen = 0
    while parent is not None and seen < 64:  # a looped page tree must not loop us
        parent = parent.get_object()
        if not isinstance(parent, DictionaryObject):
            return None
        if key in parent:
            return parent[key]
        parent = parent.get("/Parent")
        seen += 1
    return None


def _repair_page(page: PageObject) -> None:
    """Make one page what a viewer takes it to be (edits the reader's copy only)."""
    page[NameObject("/Type")] = NameObject("/Page")
    # the producing application's private data (PDF 32000-1:2008 §14.5) and the thumbnail
    # (§12.3.4) are never drawn; a damaged one (a stream without its end) must not stop the copy
    for private in ("/PieceInfo", "/Thumb"):
        if private in page:
            del page[private]
    media = _box_or_none(page, "/MediaBox")
    page[NameObject("/MediaBox")] = RectangleObject(media or DEFAULT_MEDIABOX)
    crop = _box_or_none(page, "/CropBox")
    if crop is None:
        if "/CropBox" in page:
            del page["/CropBox"]
    else:
        page[NameObject("/CropBox")] = RectangleObject(crop)
    rotate = page.get("/Rotate", _inherited(page, "/Rotate"))
    try:
        angle = int(rotate.get_object()) if rotate is not None else 0
    except (TypeError, ValueError):
        angle = 0
    page[NameObject("/Rotate")] = NumberObject(angle % 360 if angle % 90 == 0 else 0)
    resources = page.get("/Resources", _inherited(page, "/Resources"))
    if resources is None or not isinstance(resources.get_object(), DictionaryObject):
        page[NameObject("/Resources")] = DictionaryObject()
    elif "/Resources" not in page:
        page[NameObject("/Resources")] = resources
    if "/Contents" in page:
        contents = page["/Contents"]
        if isinstance(contents, ArrayObject):
            # a part that cannot be found is skipped, as viewers skip it (poppler draws the rest)
            kept = ArrayObject(part for part in contents if isinstance(part.get_object(), StreamObject))
            if not kept and len(contents):
                raise ValueError("the page's content is missing")
            page[NameObject("/Contents")] = kept
        elif not isinstance(contents, StreamObject):
            # the page's only content is lost: refused rather than shown as a blank page
            raise ValueError("the page's content is missing")
    if "/Annots" in page and not isinstance(page["/Annots"], ArrayObject):
        del page["/Annots"]


# ---------------------------------------------------------------- appending

#: The largest page printed as it is, in points: A4's long side, US Letter's short side. A
#: bigger page (a 200-inch poster, a scan saved at 1 point a pixel) is scaled to fit A4.
_LARGEST_LONG, _LARGEST_SHORT = 841.89, 612.0
#: A4 in points (the pack's own pages): where an oversized page is fitted.
_A4_LONG, _A4_SHORT = 841.89, 595.28
#: Half a point of slack: a page "A4" to a rounding is A4.
_SLACK = 0.5


def page_scale(width: float, height: float) -> float:
    """The factor (≤ 1) a page of ``width`` × ``height`` points is drawn at in the pack.

    A page no bigger than A4 or US Letter (either orientation) keeps its size: 1.0. A bigger
    one is scaled down, aspect kept, to fit A4 in its own orientation (printers print A4 and
    Letter; a 200-inch page would print one corner). A small page (a card, a receipt) keeps
    its size, as viewers print "actual size". Raises nothing; a degenerate box gives 1.0.
    """
    long_side, short_side = max(abs(width), abs(height)), min(abs(width), abs(height))
    if short_side <= 0 or (long_side <= _LARGEST_LONG + _SLACK and short_side <= _LARGEST_SHORT + _SLACK):
        return 1.0
    return min(_A4_LONG / long_side, _A4_SHORT / short_side)


def _scale_placed(page: PageObject, writer: PdfWriter, factor: float) -> None:
    """Scale a page already in ``writer`` by ``factor`` about the origin: its content (wrapped,
    never re-encoded), its boxes and its annotations' rectangles (PDF 32000-1:2008 §8.3.4)."""
    numbers = f"{factor:.6f}".rstrip("0").rstrip(".")
    contents = ArrayObject([_stream(writer, f"q {numbers} 0 0 {numbers} 0 0 cm\n".encode())])
    if "/Contents" in page:
        original = page.raw_get("/Contents")
        resolved = original.get_object()
        contents.extend(resolved if isinstance(resolved, ArrayObject) else [original])
    contents.append(_stream(writer, b"\nQ\n"))
    page[NameObject("/Contents")] = contents
    for key in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
        if key in page:
            box = [_number(v) * factor for v in page[key].get_object()]
            page[NameObject(key)] = RectangleObject(box)
    for reference in _references(page.get("/Annots")):
        annotation = reference.get_object()
        if isinstance(annotation, DictionaryObject) and "/Rect" in annotation:
            rect = [_number(v) * factor for v in annotation["/Rect"].get_object()]
            annotation[NameObject("/Rect")] = RectangleObject(rect)


def append_original(writer: PdfWriter, reader: PdfReader, name: str) -> list[PageObject]:
    """Append every page of ``reader`` (from :func:`open_original`) to ``writer``.

    Returns the pages as they now are in the writer. Fields are flattened, an oversized
    page is scaled to fit A4 (:func:`page_scale`) and the document's layer settings merged
    into the writer's. Raises :class:`UnreadableOriginal`.
    """
    added = []
    with quiet_pypdf():
        for number, page in enumerate(reader.pages, start=1):
            try:
                placed = writer.add_page(page)
                flatten_fields(writer, placed)
                box = placed.cropbox  # what a viewer shows and a printer prints
                factor = page_scale(float(box.width), float(box.height))
                if factor != 1.0:
                    _scale_placed(placed, writer, factor)
            except Exception:
                raise _damaged(name, f"page {number}") from None
            added.append(placed)
        try:
            merge_optional_content(writer, reader)
        except Exception:
            raise _damaged(name, "its layers") from None
    return added


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)  # noqa: SLF001 (pypdf has no public way; see stamp.py)


def _number(value: object) -> float:
    return float(value.get_object())  # type: ignore[attr-defined]


def _appearance(annotation: DictionaryObject) -> StreamObject | None:
    """The normal appearance a viewer would draw for this widget, or None."""
    appearances = annotation.get("/AP")
    if appearances is None:
        return None
    normal = appearances.get_object().get("/N")
    if normal is None:
        return None
    normal = normal.get_object()
    if not isinstance(normal, StreamObject):
        # several states (a check box's /Yes and /Off): /AS names the one shown
        state = annotation.get("/AS")
        if state is None:  # some writers set only the field's value; poppler then shows that state
            state = _inherited_value(annotation)
        if state is None or not isinstance(normal, DictionaryObject) or state not in normal:
            return None
        normal = normal[state].get_object()
    return normal if isinstance(normal, StreamObject) else None


def _inherited_value(annotation: DictionaryObject) -> object:
    """The field value (``/V``) of a widget, inherited from its parent fields (§12.7.3.1)."""
    node, depth = annotation, 0
    while isinstance(node, DictionaryObject) and depth < 32:
        if "/V" in node:
            return node["/V"]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
        depth += 1
    return None


def _placement(annotation: DictionaryObject, form: StreamObject) -> tuple[float, ...] | None:
    """The ``cm`` that puts the form's box onto the annotation's /Rect (§12.5.5, steps a–c)."""
    rect = [_number(v) for v in annotation["/Rect"].get_object()]
    x0, x1 = sorted((rect[0], rect[2]))
    y0, y1 = sorted((rect[1], rect[3]))
    box = [_number(v) for v in form.get("/BBox", ArrayObject([0, 0, x1 - x0, y1 - y0]))]
    a, b, c, d, e, f = ([_number(v) for v in form["/Matrix"]] if "/Matrix" in form
                        else [1.0, 0.0, 0.0, 1.0, 0.0, 0.0])
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (box[0], box[2]) for y in (box[1], box[3])]
    bx0, bx1 = min(p[0] for p in corners), max(p[0] for p in corners)
    by0, by1 = min(p[1] for p in corners), max(p[1] for p in corners)
    if bx1 - bx0 <= 0 or by1 - by0 <= 0 or x1 - x0 <= 0 or y1 - y0 <= 0:
        return None
    sx, sy = (x1 - x0) / (bx1 - bx0), (y1 - y0) / (by1 - by0)
    return sx, 0.0, 0.0, sy, x0 - sx * bx0, y0 - sy * by0


def flatten_fields(writer: PdfWriter, page: PageObject) -> int:
    """Draw each visible form field's appearance into ``page`` and drop its widget; returns how many.

    Only widgets (form fields) are flattened: other annotations (links, comments) stay, and
    viewers draw those themselves. A hidden widget is dropped without drawing.
    """
    annotations = page.get("/Annots")
    if annotations is None:
        return 0
    kept, drawn, resources = ArrayObject(), [], None
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if not isinstance(annotation, DictionaryObject) or annotation.get("/Subtype") != "/Widget":
            kept.append(reference)
            continue
        flags = int(annotation.get("/F", 0))
        form = None if flags & _HIDDEN_FLAGS else _appearance(annotation)
        matrix = _placement(annotation, form) if form is not None and "/Rect" in annotation else None
        if form is None or matrix is None:
            continue
        if resources is None:
            resources = DictionaryObject(page["/Resources"].get_object()) if "/Resources" in page \
                else DictionaryObject()
            xobjects = resources.get("/XObject")
            resources[NameObject("/XObject")] = (DictionaryObject(xobjects.get_object()) if xobjects is not None
                                                 else DictionaryObject())
        form[NameObject("/Type")] = NameObject("/XObject")
        form[NameObject("/Subtype")] = NameObject("/Form")
        if "/BBox" not in form:
            form[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in (0, 0, matrix[0], matrix[3]))
        key = f"/{_FLAT_PREFIX}{len(drawn)}"
        resources["/XObject"][NameObject(key)] = form.indirect_reference or writer._add_object(form)  # noqa: SLF001
        numbers = " ".join(f"{v:.6f}".rstrip("0").rstrip(".") or "0" for v in matrix)
        drawn.append(f"q {numbers} cm {key} Do Q\n".encode())
    if not drawn and len(kept) == len(annotations.get_object()):
        return 0
    if drawn:
        page[NameObject("/Resources")] = resources
        contents = ArrayObject([_stream(writer, b"q\n")])
        if "/Contents" in page:
            original = page.raw_get("/Contents")
            resolved = original.get_object()
            contents.extend(resolved if isinstance(resolved, ArrayObject) else [original])
        contents += [_stream(writer, b"\nQ\n"), _stream(writer, b"".join(drawn))]
        page[NameObject("/Contents")] = contents
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        del page["/Annots"]
    return len(drawn)


def _references(value: object) -> list[object]:
    value = value.get_object() if value is not None else None  # type: ignore[attr-defined]
    return list(value) if isinstance(value, ArrayObject) else []


def merge_optional_content(writer: PdfWriter, reader: PdfReader) -> None:
    """Add ``reader``'s layers and their default visibility to ``writer``'s ``/OCProperties``.

    Call after appending the reader's pages: the layers are cloned once, shared with the
    pages that use them. A layer off by default, or off because the default configuration's
    ``/BaseState`` is ``/OFF`` and it is not listed as on, is listed in ``/OFF``.
    """
    properties = reader.trailer["/Root"].get_object().get("/OCProperties")
    if properties is None:
        return
    properties = properties.get_object()
    if not isinstance(properties, DictionaryObject):
        return
    groups = _references(properties.get("/OCGs"))
    if not groups:
        return
    config = properties.get("/D")
    config = config.get_object() if config is not None else DictionaryObject()
    if not isinstance(config, DictionaryObject):
        config = DictionaryObject()
    on = _references(config.get("/ON"))
    off = _references(config.get("/OFF"))
    if config.get("/BaseState") == "/OFF":
        on_ids = {getattr(g, "idnum", id(g)) for g in on}
        off = [g for g in groups if getattr(g, "idnum", id(g)) not in on_ids]

    def cloned(items: list[object]) -> ArrayObject:
        return ArrayObject(item.clone(writer) for item in items  # type: ignore[attr-defined]
                           if isinstance(item, IndirectObject))

    root = writer._root_object  # noqa: SLF001 (the catalog: pypdf has no setter for /OCProperties)
    merged = root.get("/OCProperties")
    if merged is None:
        merged = DictionaryObject({NameObject("/OCGs"): ArrayObject(),
                                   NameObject("/D"): DictionaryObject({NameObject("/OFF"): ArrayObject(),
                                                                       NameObject("/Order"): ArrayObject()})})
        root[NameObject("/OCProperties")] = merged
    merged = merged.get_object()
    merged["/OCGs"].extend(cloned(groups))
    merged["/D"]["/OFF"].extend(cloned(off))
    merged["/D"]["/Order"].extend(cloned(groups))
    usage = config.get("/AS")
    if usage is not None:
        events = merged["/D"].setdefault(NameObject("/AS"), ArrayObject())
        for entry in _references(usage):
            events.append(entry.clone(writer) if hasattr(entry, "clone") else entry)  # type: ignore[attr-defined]
