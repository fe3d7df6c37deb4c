"""Digitally signed PDFs for the tests, made on the spot with a throw-away certificate.

The certificate is self-issued (cryptography), the signature pyHanko's own: a PDF signed
the way My eQuals, Digitary or a university registry signs its e-transcripts (a CMS
signature over the whole file, ISO 32000-1 §12.8), with no private key kept anywhere.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from reportlab.pdfgen.canvas import Canvas

#: The signer's name as the certificate gives it (what the vault and the pack print).
SIGNER = "University of Leeds Registry"
#: The text on the signed transcript's page; a test may change a byte of it.
PAGE_TEXT = "Official transcript: Mathematics 72, Statistics 68"


def _signer(common_name: str) -> signers.SimpleSigner:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "University of Leeds")])
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(start)
                   .not_valid_after(start + timedelta(days=3650))
                   .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                                  critical=True)
                   .sign(key, hashes.SHA256()))
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=None)


def signed_pdf_bytes(pages: int = 2, signer: str = SIGNER) -> bytes:
    """A small transcript, digitally signed by ``signer`` over the whole file."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)  # the page text stays findable, for `tampered`
    for page in range(1, pages + 1):
        canvas.drawString(60, 760, PAGE_TEXT)
        canvas.drawString(60, 740, f"Page {page} of {pages}")
        canvas.showPage()
    canvas.save()
    writer = IncrementalPdfFileWriter(io.BytesIO(buffer.getvalue()))
    signed = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="Registry"), signer=_signer(signer))
    return signed.getvalue()


def make_signed_pdf(path: Path, pages: int = 2, signer: str = SIGNER) -> Path:
    """Write a signed transcript to ``path``; returns ``path``."""
    path.write_bytes(signed_pdf_bytes(pages, signer))
    return path


def tampered(data: bytes) -> bytes:
    """The same file with one byte of its page text changed (inside the signed range)."""
    at = data.index(PAGE_TEXT.encode()) + len("Official ")
    changed = bytearray(data)
    changed[at] = ord("X") if changed[at] != ord("X") else ord("Y")
    return bytes(changed)
