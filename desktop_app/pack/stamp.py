"""Stamp a footer form on top of an appended page, without touching its content.

pypdf's `merge_page` would do this, but it parses both content streams to rename
resources, which costs more than the rest of the assembly together. Instead the
footer comes as a form XObject (it keeps its own resources, so no name can
clash), and the appended page's content list becomes

    q  <the page's own streams, byte for byte>  Q  /AfterviewPackFooter Do

The q/Q pair stops anything the page leaves set (a scaling, a clip) from moving
the footer. The page's streams are not re-encoded: it stays exactly as issued.
"""

from __future__ import annotations

from pypdf import PageObject, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject, NameObject

FOOTER_NAME = NameObject("/AfterviewPackFooter")


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    # pypdf (pinned < 8) has no public way to add a free-standing object; the
    # stamping tests would catch a change here.
    return writer._add_object(stream)  # noqa: SLF001


class Stamper:
    """Stamps overlays onto pages of one writer; shares the q / Q streams."""

    def __init__(self, writer: PdfWriter) -> None:
        self.writer = writer
        self.save_state = _stream(writer, b"q\n")
        self.restore_and_draw = _stream(writer, b"\nQ\nq " + FOOTER_NAME.encode() + b" Do Q\n")

    def stamp(self, page: PageObject, form: IndirectObject) -> None:
        """Draw the form XObject `form` on top of `page` (both already in the writer)."""
        # Copies, not edits: pages of one document often share one resource
        # dictionary, and each page needs its own footer under the same name.
        resources = DictionaryObject(page["/Resources"].get_object()) if "/Resources" in page else DictionaryObject()
        xobjects = resources.get("/XObject")
        xobjects = DictionaryObject(xobjects.get_object()) if xobjects is not None else DictionaryObject()
        xobjects[FOOTER_NAME] = form
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources

        contents = ArrayObject([self.save_state])
        original = page.raw_get("/Contents") if "/Contents" in page else None
        if original is not None:
            resolved = original.get_object()
            if isinstance(resolved, ArrayObject):
                contents.extend(resolved)
            else:
                contents.append(original)
        contents.append(self.restore_and_draw)
        page[NameObject("/Contents")] = contents
