"""Digital signatures of the vault's PDFs: who signed, when, and whether the file is intact.

Official e-transcripts (My eQuals, Digitary, Parchment, many universities) are signed
PDFs: the signature is what proves them genuine. On import the vault records each
signature (``document.signatures``, JSON, schema v2), and the vault and the pack say
"Digitally signed as '<name>' on <date> — unchanged since signing. Who signed it is not
checked here: …" or "— changed since signing" (``pack.wording.signature_in_words``).

The checking is pyHanko's (MIT; ISO 32000-1 §12.8 signatures, RFC 5652 CMS). Afterview
checks **integrity** only — that the signed bytes are unchanged, and that anything
added later is what the signer allowed (ISO 32000-1 §12.8.2.2 DocMDP). It does not
decide whether the signer's certificate is trusted: that needs the issuer's trust list
and a network, and the employer's own PDF reader does it. No network is used. So the name is only what
the certificate claims: anyone can make a certificate named "University of Oxford". A
certificate that its own key signed (RFC 5280 §3.2: self-issued and self-signed) is said
to be one "its signer made themselves (not checkable)".

``document.signatures`` holds a JSON list, one object per signature::

    [{"field": "Signature1", "signer": "University of Leeds", "signed_at": "2026-07-03T10:00:00+00:00",
      "intact": true, "self_signed": false}]

``[]``: checked, not signed. ``NULL``: not checked yet (documents from before schema v2
or from a data file); :func:`signatures_of` checks those when first asked and stores
the result. An entry may carry ``"problem"`` (why it could not be checked); it is then
not intact.
"""

from __future__ import annotations

import io
import json
import logging
import mmap
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from desktop_app.pack.wording import signature_in_words
from desktop_app.store import models as m

#: Every signature dictionary has a /ByteRange, written uncompressed at a file offset
#: (ISO 32000-1 §12.8.1: the offsets must be known, so it cannot sit in an object
#: stream). A file without these bytes has no signature, and pyHanko need not parse it.
_SIGNATURE_MARK = b"/ByteRange"


@dataclass(frozen=True)
class Signature:
    """One digital signature of a PDF.

    ``signer``: the name in the signing certificate (common name, else organisation);
    ``signed_at``: from the signature's timestamp token when it has one, else the time
    the signer's software wrote (with its UTC offset), None when neither is there;
    ``intact``: the signed bytes are unchanged and later changes, if any, are ones the
    signer allowed; ``problem``: why the signature could not be checked ("" if it was);
    ``self_signed``: the certificate was signed by its own key, so nobody vouches for the name.
    """

    signer: str
    signed_at: datetime | None
    intact: bool
    field: str = ""
    problem: str = ""
    self_signed: bool = False

    @property
    def signed_on(self) -> date | None:
        """The day of signing, in the signer's own offset."""
        return self.signed_at.date() if self.signed_at is not None else None

    def sentence(self, caveat: bool = True) -> str:
        """"Digitally signed as 'University of Leeds' on 3 July 2026 — unchanged since signing. Who
        signed it is not checked here: …" (English, for the CLI; ``pack.wording.signature_in_words``)."""
        return signature_in_words(self.signer, self.signed_on, self.intact, self.self_signed, self.problem, caveat)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "signer": self.signer,
                               "signed_at": self.signed_at.isoformat() if self.signed_at else None,
                               "intact": self.intact}
        if self.problem:
            out["problem"] = self.problem
        out["self_signed"] = self.self_signed
        return out

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Signature:
        signed_at = value.get("signed_at")
        return cls(str(value.get("signer") or ""), datetime.fromisoformat(signed_at) if signed_at else None,
                   bool(value.get("intact")), str(value.get("field") or ""), str(value.get("problem") or ""),
                   bool(value.get("self_signed")))


def all_intact(signatures: tuple[Signature, ...] | list[Signature]) -> bool:
    """True when there is at least one signature and every one is intact."""
    return bool(signatures) and all(s.intact for s in signatures)


def to_json(signatures: list[Signature] | tuple[Signature, ...]) -> str:
    """The ``document.signatures`` text of a check's result."""
    return json.dumps([s.as_json() for s in signatures], ensure_ascii=False)


def from_json(text: str | None) -> tuple[Signature, ...] | None:
    """The stored result; None when the document was not checked (NULL, or text we cannot read)."""
    if text is None:
        return None
    try:
        values = json.loads(text)
        return tuple(Signature.from_json(v) for v in values)
    except (ValueError, TypeError, AttributeError):
        return None


# ---------------------------------------------------------------- checking a file

def may_be_signed(data: bytes | mmap.mmap) -> bool:
    """Whether the bytes of a PDF can hold a signature (cheap: one search)."""
    return data.find(_SIGNATURE_MARK) != -1


@contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    # pyHanko logs, with a traceback, why it cannot build a trust path for a certificate
    # (any self-issued or unlisted one) at WARNING. We check integrity, not trust, and
    # say so; that log would only reach the user's terminal as noise.
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _signer_name(status: Any) -> str:
    subject = status.signing_cert.subject.native if status.signing_cert is not None else {}
    for key in ("common_name", "organization_name", "organizational_unit_name"):
        value = subject.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value:
            return " ".join(str(value).split())
    return ""


def _self_signed(status: Any) -> bool:
    """Whether the signing certificate is self-issued and verifies under its own key (RFC 5280 §3.2)."""
    if status.signing_cert is None:
        return False
    import warnings

    from cryptography import x509
    from cryptography.utils import CryptographyDeprecationWarning

    try:
        with warnings.catch_warnings():
            # real certificates with a negative serial number (RFC 5280 wants positive) are
            # read with a warning that would reach the user's terminal as noise
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            certificate = x509.load_der_x509_certificate(status.signing_cert.dump())
        if certificate.issuer != certificate.subject:
            return False
        certificate.verify_directly_issued_by(certificate)
    except Exception:  # noqa: BLE001 (InvalidSignature, an unsupported key type, a malformed certificate)
        return False
    return True


def _is_intact(status: Any) -> bool:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not (status.intact and status.valid):
        return False
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    # Later revisions (a second signature, a filled form, a timestamp) are fine when the
    # signer's DocMDP permissions allow them (ISO 32000-1 §12.8.2.2); anything else is not.
    level = status.modification_level
    return (status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and level is not None
            and level <= ModificationLevel.FORM_FILLING and status.docmdp_ok is not False)


def _signed_at(status: Any) -> datetime | None:
    timestamp = getattr(status, "timestamp_validity", None)
    if timestamp is not None and getattr(timestamp, "timestamp", None) is not None:
        return timestamp.timestamp
    return status.signer_reported_dt


def _check_stream(stream: BinaryIO) -> list[Signature]:
    # Imported here, not at the top: the window starts without pyHanko (~0.5 s to import).
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(stream, strict=False)
    if reader.encrypted:
        # Transcripts are often locked against editing only: they open without a password.
        reader.decrypt("")
    found = []
    for embedded in reader.embedded_regular_signatures:
        name = str(embedded.field_name or "")
        try:
            # No trust roots, no fetching: integrity only (see the module's docstring).
            context = ValidationContext(trust_roots=[], allow_fetching=False, revocation_mode="soft-fail")
            status = validate_pdf_signature(embedded, context)
        except Exception as error:  # noqa: BLE001 (pyHanko raises many kinds on a malformed signature)
            found.append(Signature("", None, False, name, _problem(error)))
            continue
        found.append(Signature(_signer_name(status), _signed_at(status), _is_intact(status), name,
                               self_signed=_self_signed(status)))
    return found


def _problem(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return (text[:120] + "…") if len(text) > 120 else (text or type(error).__name__)


def check_pdf_bytes(data: bytes) -> list[Signature]:
    """The signatures of a PDF held in memory; [] when it has none.

    Never raises for bad input: a file pyHanko cannot read but that seems signed gives
    one entry with ``problem`` set and ``intact`` False.
    """
    if not may_be_signed(data):
        return []
    return _checked(io.BytesIO(data))


def check_pdf_file(path: Path) -> list[Signature]:
    """The signatures of the PDF at ``path``; [] when it has none. Raises OSError if it cannot be read."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return []  # (mmap cannot map an empty file)
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            if not may_be_signed(mapped):
                return []
        handle.seek(0)
        return _checked(handle)


def _checked(stream: BinaryIO) -> list[Signature]:
    # Imported before the broad except below, so a broken installation fails loudly.
    import pyhanko.sign.diff_analysis  # noqa: F401
    import pyhanko.sign.validation  # noqa: F401

    with _quiet_pyhanko():
        try:
            return _check_stream(stream)
        except Exception as error:  # noqa: BLE001 (a malformed file: say so, never crash the import)
            return [Signature("", None, False, "", f"the file could not be read: {_problem(error)}")]


# ---------------------------------------------------------------- the vault's records

def record_signatures(sha256: str, path: Path) -> tuple[Signature, ...]:
    """Check the stored file ``path`` (content ``sha256``) and store the result on every
    document record holding it that was not checked yet. Returns the result."""
    found = tuple(check_pdf_file(path))
    (m.Document.update(signatures=to_json(found))
     .where((m.Document.sha256 == sha256) & m.Document.signatures.is_null()).execute())
    return found


def note_signatures(sha256: str) -> None:
    """After an import: check the stored file's signatures and record them on its new
    records. Never raises for an unreadable file (the records stay unchecked and are
    checked when first shown)."""
    from desktop_app.services.vault import files as vault_files

    try:
        record_signatures(sha256, vault_files.stored_path(sha256))
    except OSError:
        pass


def signatures_of(document_id: int) -> tuple[Signature, ...]:
    """A document's signatures, checking (and storing) them first if that was never done.

    Raises ``crud.NotFound`` when the document is gone and OSError when its file cannot
    be read.
    """
    from desktop_app.services.core import crud
    from desktop_app.services.vault import files as vault_files

    document = crud.get("documents", document_id)
    stored = from_json(document.signatures)
    if stored is not None and not _before_self_signed_check(document.signatures):
        return stored
    if stored is not None:  # checked before "self_signed" was recorded: check again, once
        m.Document.update(signatures=None).where(m.Document.sha256 == document.sha256).execute()
    return record_signatures(document.sha256, vault_files.stored_path(document.sha256))


def _before_self_signed_check(text: str | None) -> bool:
    """Whether stored signatures come from before "self_signed" was recorded (every entry has it since)."""
    try:
        values = json.loads(text or "[]")
        return any(isinstance(v, dict) and "self_signed" not in v and not v.get("problem") for v in values)
    except ValueError:
        return False
