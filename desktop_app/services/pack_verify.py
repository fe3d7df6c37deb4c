"""Checking a reference pack: is every attached original the one its index vouches for?

The twin of what an employer can do by hand with any PDF reader (the cover says how):
each attachment is taken out of the pack, its SHA-256 recomputed and compared with the
pack's machine-readable index (``desktop_app.pack.attachments``), and each digitally
signed original is checked with pyHanko (``services.vault.signatures``: integrity, not
trust). One line per document; the pack holds when every line does.

It checks what the employer can see, too: the SHA-256 values printed on the pack's own
pages (the document index) must be the hidden index's. The pack itself is not signed,
so a match shows only that each file is the one the index lists, not who made the pack;
and a signature shows only that the signed file is unchanged, not who signed it (the
certificate's name is a claim: ``pack.wording.signature_in_words``).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from desktop_app.pack.attachments import IndexEntry, NotAPack, read_attachments, read_index
from desktop_app.pack.wording import SIGNATURE_IDENTITY_NOT_CHECKED
from desktop_app.services.vault import signatures as vault_signatures

__all__ = ["DamagedPdf", "DocumentCheck", "NotAPack", "PackVerification", "verify_pack"]


@dataclass(frozen=True)
class DocumentCheck:
    """The verdict on one document (or on an attachment the index does not list: ``number`` None)."""

    number: int | None
    label: str
    holds: bool
    detail: str

    def line(self) -> str:
        """"ok      1. Academic transcript – BSc Mathematics (leeds.pdf): SHA-256 matches"."""
        number = f"{self.number}. " if self.number is not None else ""
        return f"{'ok' if self.holds else 'FAILED':<7} {number}{self.label}: {self.detail}"


@dataclass(frozen=True)
class PackVerification:
    """Every document's verdict, in the index's order (then any attachment it does not list)."""

    checks: tuple[DocumentCheck, ...]
    #: Said once after the lines: what the checks do not show (who signed).
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return all(check.holds for check in self.checks)

    def summary(self) -> str:
        """"All 3 documents hold." / "1 of 3 documents does not hold."."""
        total = len(self.checks)
        failed = sum(not check.holds for check in self.checks)
        if not total:
            return "The pack has no attached documents."
        if not failed:
            return f"All {total} documents hold." if total > 1 else "The document holds."
        if total == 1:
            return "The document does not hold."
        return f"{failed} of {total} documents {'does' if failed == 1 else 'do'} not hold."


def _signature_detail(data: bytes, entry: IndexEntry) -> tuple[bool, str]:
    """(holds, what to say) about the original's digital signatures, as checked now."""
    found = vault_signatures.check_pdf_bytes(data)
    if not found:
        if entry.signatures:
            return False, "the index says it is digitally signed, but the attached file has no signature"
        return True, ""
    broken = [s for s in found if not s.intact]
    if broken:
        text = broken[0].sentence(caveat=False)
        return False, text[0].lower() + text[1:]
    first = found[0].sentence(caveat=False)
    return True, first[0].lower() + first[1:] + (f" (and {len(found) - 1} more)" if len(found) > 1 else "")


#: What a matching SHA-256 shows of an unsigned document, and no more.
UNCHANGED = ("unchanged since the pack was made (the pack itself is not signed, so this shows only that the "
             "file matches the index)")
DISAGREE = "the printed index and the attached files disagree"
_HASH = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")


def printed_hashes(reader: PdfReader, index: list[IndexEntry]) -> list[str]:
    """The SHA-256 values printed on the pack's own pages (every page that is not an appended
    document's), in reading order, lower case, as pypdf extracts the page text."""
    documents = {page for entry in index for page in range(entry.pages[0], entry.pages[1] + 1)}
    found: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        if number not in documents:
            found += _HASH.findall((page.extract_text() or "").lower())
    return found


def _check(entry: IndexEntry, attached: list[bytes] | None, printed: list[str]) -> DocumentCheck:
    if not attached:
        return DocumentCheck(entry.number, entry.label, False, f"missing — no attachment named “{entry.attachment}”")
    if len(attached) > 1:
        return DocumentCheck(entry.number, entry.label, False,
                             f"attached {len(attached)} times under the name “{entry.attachment}”")
    data = attached[0]
    digest = hashlib.sha256(data).hexdigest()
    if entry.sha256 not in printed:
        return DocumentCheck(entry.number, entry.label, False,
                             f"{DISAGREE} — the hidden index says {entry.sha256}, which is not printed in the "
                             "document index")
    if digest != entry.sha256:
        return DocumentCheck(entry.number, entry.label, False,
                             f"changed — its SHA-256 is {digest}, the index says {entry.sha256}")
    holds, signature = _signature_detail(data, entry)
    if signature:
        detail = f"SHA-256 matches the printed index; {signature}"
    else:
        detail = f"SHA-256 matches the printed index: {UNCHANGED}"
    return DocumentCheck(entry.number, entry.label, holds, detail)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    # pypdf logs what it repairs in a damaged file ("EOF marker not found") at WARNING; the
    # user gets our own sentence instead, never a library's text on the terminal.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


#: How far from the end the %%EOF marker may sit (ISO 32000-1 §7.5.5 puts it last; some writers
#: add a few bytes after it).
_TAIL = 1024
DAMAGED = "This file is damaged or incomplete (perhaps cut short while downloading)"


class DamagedPdf(NotAPack):
    """The file is a PDF, or began as one, but is damaged or cut short: its message is ``DAMAGED``,
    a sentence of its own (not the end of "… cannot be verified:")."""


def _looks_complete(path: Path) -> None:
    """Raise NotAPack when the file is not a PDF, DamagedPdf when it is cut short (no %%EOF at its end)."""
    with path.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - _TAIL))
        tail = handle.read()
    if b"%PDF-" not in head:
        raise NotAPack("it is not a PDF")
    if b"%%EOF" not in tail:
        raise DamagedPdf(DAMAGED)


def verify_pack(path: Path) -> PackVerification:
    """Check every attachment of the pack at ``path`` against its index.

    Raises ``NotAPack`` (a ValueError; the message completes "… cannot be verified:") when
    the file is not a PDF, is damaged or cut short (``DAMAGED``), or carries no readable
    index, and OSError when it cannot be read.
    """
    _looks_complete(path)
    with _quiet_pypdf():
        try:
            reader = PdfReader(path)
            index = read_index(reader)
            attachments = read_attachments(reader)
            printed = printed_hashes(reader, index)
        except NotAPack:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            raise DamagedPdf(DAMAGED) from error
    checks = [_check(entry, attachments.get(entry.attachment), printed) for entry in index]
    listed = {entry.attachment for entry in index}
    checks += [DocumentCheck(None, name, False, "attached, but not in the pack's index")
               for name in attachments if name not in listed]
    hidden = {entry.sha256 for entry in index}
    checks += [DocumentCheck(None, "document index", False, f"{DISAGREE} — it prints {value}, which no attached "
                                                            "file has")
               for value in dict.fromkeys(printed) if value not in hidden]
    signed = any("digitally signed as" in check.detail or "digitally signed (" in check.detail for check in checks)
    return PackVerification(tuple(checks), (SIGNATURE_IDENTITY_NOT_CHECKED,) if signed else ())
