"""What lets an employer check the pack at the source: QR codes, verification details, signatures.

The qualifications page prints, per qualification, the verification link (the issuer's
share link, a registry or a verification page) with a QR code, the link's expiry, its
PIN when the user chose to print it in this pack, and the name at time of study (what
HEDD and the registries match a record on). The document index says which originals
carry an intact digital signature and marks where each original is attached
(`AttachmentMark`: `attachments.py` puts a paperclip annotation there).

Plain strings here; `fonts.markup` makes them safe for ReportLab.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from itertools import groupby

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop_app.pack import wording
from desktop_app.pack.content import PackDocument, PackQualification, PackSignature

#: The QR code's side, quiet zone included: 20 mm scans from a printed page with any phone
#: (a share link of ~80 characters is 37 modules + the quiet zone: ~0.45 mm a module).
QR_SIZE = 20 * mm
#: Error correction M (15 % of the code may be lost): survives a fold or a smudge, and keeps
#: a long share link at a size a phone still reads (ISO/IEC 18004 §5.3.8.1).
QR_LEVEL = "M"
#: Printable ASCII only (RFC 3986 §2: anything else must be percent-encoded first; the
#: qualification dialog does that, ``rules.qualifications.clean_verify_link``).
_URL = re.compile(r'^https?://[!#-;=?-~]+$', re.IGNORECASE)


def is_link(text: str | None) -> bool:
    """Whether `text` is a web address a QR code can carry: http or https, printable ASCII,
    no spaces, quotes or angle brackets."""
    return bool(text and _URL.match(text.strip()))


@lru_cache(maxsize=64)
def qr_modules(link: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of `link` as rows of dark (True) and light modules, quiet zone excluded.

    ReportLab's own encoder (`reportlab.graphics.barcode.qrencoder`), which picks the
    smallest version and the best of the eight masks (ISO/IEC 18004 §7.8.3). That choice
    takes ~50 ms per code, so each link is encoded once per run.
    """
    widget = QrCodeWidget(link, barLevel=QR_LEVEL)
    widget.qr.make()
    return tuple(tuple(bool(module) for module in row) for row in widget.qr.modules)


class QrCode(Flowable):
    """A QR code `size` points square, quiet zone of four modules included (ISO/IEC 18004 §7.3.7).

    Dark modules are drawn as one filled path, run by run along each row.
    """

    QUIET_ZONE = 4

    def __init__(self, link: str, size: float = QR_SIZE) -> None:
        super().__init__()
        self.link, self.size = link.strip(), size
        self.modules = qr_modules(self.link)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules)
        cell = self.size / (count + 2 * self.QUIET_ZONE)
        path = self.canv.beginPath()
        for row_number, row in enumerate(self.modules):
            top = self.size - (row_number + self.QUIET_ZONE) * cell
            column = 0
            for dark, run in groupby(row):
                length = len(list(run))
                if dark:
                    path.rect((column + self.QUIET_ZONE) * cell, top - cell, length * cell, cell)
                column += length
        self.canv.saveState()
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()


def qr_code(link: str, size: float = QR_SIZE) -> QrCode:
    """A QR code of `link`, `size` points square, as a flowable."""
    return QrCode(link, size)


def qualification_details(qualification: PackQualification, made_on: date | None = None) -> list[str]:
    """The lines printed under a qualification's verification link, plain text.

    ["Link valid until 3 March 2027", "PIN: 4821", "Name at time of study: Sam Jones"],
    each only when there is something to say (the PIN only when chosen for this pack). A
    link that expired before ``made_on`` (the pack's day) says "Link expired on 3 March 2027".
    """
    lines = []
    expires_on = qualification.verify_expires_on
    if expires_on is not None:
        if made_on is not None and expires_on < made_on:
            lines.append(f"Link expired on {wording.date_in_words(expires_on)}")
        else:
            lines.append(f"Link valid until {wording.date_in_words(expires_on)}")
    if qualification.verify_pin.strip():
        lines.append(f"PIN: {qualification.verify_pin.strip()}")
    if qualification.name_at_study.strip():
        lines.append(f"Name at time of study: {qualification.name_at_study.strip()}")
    return lines


def signature_sentence(signature: PackSignature) -> str:
    """"Digitally signed as 'University of Leeds' on 3 July 2026 — unchanged since signing. Who
    signed it is not checked here: open the original in a PDF reader that checks signatures …".

    Integrity only, never identity (``wording.signature_in_words``): the name is what the
    certificate claims, and anyone can make a certificate with any name.
    """
    return wording.signature_in_words(signature.signer, signature.signed_on, signature.intact,
                                      signature.self_signed)


def carries_intact_signature(document: PackDocument) -> bool:
    """At least one signature, and every one intact."""
    return bool(document.signatures) and all(s.intact for s in document.signatures)


#: Names of documents the vault made from a photo or scan (``services/vault/pdf.true_name``
#: gives every scan one of these extensions).
SCAN_EXTENSIONS = (".png", ".jpg", ".jpeg", ".jpe", ".jfif")


def made_from_scan(original_name: str) -> bool:
    """Whether the document was added as a photo or scan (PNG, JPEG), so that the vault keeps
    a PDF made from it, not the file the user added."""
    return original_name.lower().endswith(SCAN_EXTENSIONS)


def attachment_line(name: str, original_name: str = "") -> str:
    """What the index says of an attached file, plain text: "Original attached: leeds.pdf"; for a
    photo or scan ("IMG_2041.jpg"), whose file the vault does not keep, what the attachment and
    its fingerprint are really of: the PDF made from it, never "the original"."""
    if made_from_scan(original_name):
        return f"Attached: {name}, the PDF made from the scan {original_name} (the fingerprint is this PDF's)"
    return f"Original attached: {name}"


class AttachmentMark(Flowable):
    """Takes no room; notes where it was drawn (page, x, y in points from the page's
    bottom left) in `marks[key]`, for the paperclip annotation put there later."""

    def __init__(self, key: int, marks: dict[int, tuple[int, float, float]]) -> None:
        super().__init__()
        self.key, self.marks = key, marks

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.marks[self.key] = (self.canv.getPageNumber(), x, y)
