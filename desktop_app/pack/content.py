"""What goes into a reference pack, as plain frozen values.

The services build these from the store; the pack code reads nothing else, so it
can be tested (and benchmarked) without a database or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class PackProfile:
    """The user: whose pack this is, and how an employer reaches them."""

    name: str
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class PackReferee:
    """One referee as the employer needs to see them.

    `relationship` and `preferred_channel` are the enumeration words of the data
    format (`direct_manager`, `email` ...); `phone` is E.164 or None; `time_zone`
    is an IANA name such as `Europe/London`.
    """

    name: str
    relationship: str
    worked_together: str = ""
    title: str = ""
    organisation: str = ""
    email: str | None = None
    phone: str | None = None
    preferred_channel: str = "either"
    time_zone: str | None = None
    country: str | None = None
    online_questionnaire: bool = False


@dataclass(frozen=True)
class PackQualification:
    """A qualification and how an employer can check it."""

    title: str
    institution: str = ""
    level: str = ""
    started_on: date | None = None
    awarded_on: date | None = None
    grade: str = ""
    verify: str = ""
    #: when the share link in `verify` stops working (printed so the employer checks in time)
    verify_expires_on: date | None = None
    #: the share link's PIN: "" unless the user chose to print it in this pack
    verify_pin: str = ""
    #: the name on the issuer's record, when it is not the user's name today (HEDD matches on it)
    name_at_study: str = ""


@dataclass(frozen=True)
class PackDocument:
    """A stored PDF appended page for page (a transcript, a certificate ...).

    `sha256` is what the vault recorded when the file was added; the pack refuses
    a file that no longer matches it rather than vouch for a changed document.
    """

    path: Path
    kind: str
    original_name: str
    sha256: str
    pages: int
    qualification_title: str | None = None
    #: the file's digital signatures, as the vault checked them (issue 16)
    signatures: tuple[PackSignature, ...] = ()


@dataclass(frozen=True)
class PackSignature:
    """One digital signature of an attached original: the name its certificate gives, on what
    day, intact or not, and whether the certificate was made by its own signer (self-signed)."""

    signer: str
    signed_on: date | None
    intact: bool
    self_signed: bool = False


@dataclass(frozen=True, kw_only=True)
class PackContent:
    """Everything one pack shows, in the order it shows it.

    Keyword-only so that `role` and `organisation` (None for a general pack) can
    sit before the required `made_on`, in the order a reader meets them.
    """

    profile: PackProfile
    role: str | None = None
    organisation: str | None = None
    made_on: date
    referees: tuple[PackReferee, ...] = field(default_factory=tuple)
    qualifications: tuple[PackQualification, ...] = field(default_factory=tuple)
    documents: tuple[PackDocument, ...] = field(default_factory=tuple)
