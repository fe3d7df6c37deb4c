"""Stamp a footer on top of an appended page, without touching the page's content.

pypdf's `merge_page` would do this, but it parses both content streams to rename
resources, which costs more than the rest of the assembly together. Instead the
footer comes as a ready content stream (see `footer.py`) whose font names carry
a prefix no page uses, and the appended page's content list becomes

    q  <the page's own streams, byte for byte>  Q  <the footer>

The q/Q pair stops anything the page leaves set (a scaling, a clip, a colour)
from moving or hiding the footer. The page's streams are not re-encoded: it
stays exactly as issued.
"""

from __future__ import annotations

from pypdf import PageObject, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject, NameObject

from desktop_app.pack.footer import FONT_PREFIX


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    # pypdf (pinned < 8) has no public way to add a free-standing object; the
    # stamping tests would catch a change here.
    return writer._add_object(stream)  # noqa: SLF001


class Stamper:
    """Stamps footers onto pages of one writer, with the fonts of the pack's own pages."""

    def __init__(self, writer: PdfWriter, fonts: DictionaryObject) -> None:
        self.writer = writer
        self.fonts = fonts
        self.save_state = _stream(writer, b"q\n")
        self.restore_state = _stream(writer, b"\nQ\n")

    def stamp(self, page: PageObject, footer: bytes, font_names: set[str]) -> None:
        """Draw `footer` on top of `page` (a page already in the writer)."""
        # Copies, not edits: pages of one document often share one resource
        # dictionary, and the copies must not leak into each other.
        resources = DictionaryObject(page["/Resources"].get_object()) if "/Resources" in page else DictionaryObject()
        fonts = resources.get("/Font")
        fonts = DictionaryObject(fonts.get_object()) if fonts is not None else DictionaryObject()
        for name in font_names:
            fonts[NameObject(f"/{FONT_PREFIX}{name}")] = self.fonts.raw_get(NameObject(f"/{name}"))
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources

        contents = ArrayObject([self.save_state])
        original = page.raw_get("/Contents") if "/Contents" in page else None
        if original is not None:
            resolved = original.get_object()
            if isinstance(resolved, ArrayObject):
                contents.extend(resolved)
            else:
                contents.append(original)
        contents += [self.restore_state, _stream(self.writer, footer)]
        page[NameObject("/Contents")] = contents
