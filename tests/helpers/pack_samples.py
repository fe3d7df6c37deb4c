"""Small real PDFs and sample pack contents for the pack tests.

A pytest plugin (``pytest_plugins`` in ``tests/conftest.py``): its fixtures (``make_pdf``,
``scenario``) serve tests in ``tests/pack/``, ``tests/services/``, ``tests/cli/`` and ``tests/ui/``.

The "transcripts" are made with ReportLab on the spot: each page carries a line
no other page has, so a test can tell exactly which source page landed where.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desktop_app.pack import PackContent, PackDocument, PackProfile, PackQualification, PackReferee

MakePdf = Callable[..., PackDocument]


def page_marker(stem: str, page: int) -> str:
    """The line that identifies one source page."""
    return f"Marker {stem} page {page}"


@pytest.fixture
def make_pdf(tmp_path: Path) -> MakePdf:
    """Write a small PDF and describe it as a vault document."""

    def make(stem: str, pages: int = 2, kind: str = "transcript", qualification: str | None = "BSc Mathematics",
             size: tuple[float, float] = A4, rotate: int = 0) -> PackDocument:
        path = tmp_path / f"{stem}.pdf"
        canvas = Canvas(str(path), pagesize=size)
        for page in range(1, pages + 1):
            canvas.setFont("Helvetica", 12)
            canvas.drawString(60, size[1] - 80, page_marker(stem, page))
            canvas.drawString(60, size[1] - 100, "Module Statistics 72 Credits 15")
            canvas.showPage()
        canvas.save()
        if rotate:
            reader, writer = PdfReader(path), PdfWriter()
            for source in reader.pages:
                writer.add_page(source).rotate(rotate)
            with path.open("wb") as handle:
                writer.write(handle)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return PackDocument(path, kind, f"{stem}.pdf", digest, pages, qualification)

    return make


REFEREES = (
    PackReferee("Alex Morgan", "direct_manager", "2019-2023", "Head of Analytics", "Contoso plc",
                "alex@contoso.example", "+441134960000", "email", "Europe/London", "GB", True),
    PackReferee("Łukasz Nowak", "senior_manager", "2016-2019", "Director", "Ærøskøbing ApS",
                "lukasz@example.dk", "+4532123456", "phone", "Europe/Copenhagen", "DK", False),
    PackReferee("Nguyễn Thị Minh", "colleague", "2020-2022", "Engineer", "Ğökçe Yazılım",
                None, "+61293744000", "either", "Australia/Sydney", "AU", True),
)

QUALIFICATIONS = (
    PackQualification("BSc Mathematics", "University of Leeds", "Bachelor's degree", date(2015, 9, 1),
                      date(2018, 7, 1), "First", "https://example.ac.uk/verify"),
)


def sample_content(documents: tuple[PackDocument, ...] = (), **changes: object) -> PackContent:
    values: dict[str, object] = {
        "profile": PackProfile("Zoë Taylor", "zoe@example.org", "+447700900123", None, "Leeds, UK"),
        "role": "Data Analyst",
        "organisation": "Northwind Ltd",
        "made_on": date(2026, 11, 25),
        "referees": REFEREES,
        "qualifications": QUALIFICATIONS,
        "documents": documents,
    }
    values.update(changes)
    return PackContent(**values)  # type: ignore[arg-type]


@pytest.fixture
def scenario(store: Path, make_pdf: MakePdf) -> dict[str, int]:
    """In the store: An application with two referees given to it, a third referee, one retired, and two qualifications."""
    from desktop_app.services.vault.adding import add_document
    from desktop_app.store import models as m

    m.Profile.create(name="Sam Taylor", email="sam@example.org", phone="+447700900123")
    employer = m.Organisation.create(name="Northwind Ltd")
    application = m.Application.create(role="Data Analyst", employer=employer, applied_on=date(2026, 11, 1),
                                       stage="interviewing")
    alex = m.Referee.create(name="Alex Morgan", relationship="direct_manager", organisation="Contoso plc",
                            email="alex@contoso.example", time_zone="Europe/London")
    priya = m.Referee.create(name="Priya Shah", relationship="colleague")
    m.Referee.create(name="Kim Lee", relationship="senior_manager")
    m.Referee.create(name="Old Boss", relationship="direct_manager", active=False)
    m.ReferenceGiven.create(referee=alex, application=application, on=date(2026, 11, 20))
    m.ReferenceGiven.create(referee=priya, application=application, on=date(2026, 11, 20))
    m.Briefing.create(referee=alex, application=application, on=date(2026, 11, 21))
    degree = m.Qualification.create(title="BSc Mathematics", institution="University of Leeds")
    masters = m.Qualification.create(title="MSc Statistics", institution="University of York")
    for qualification, stem, kind, pages in ((degree, "leeds", "transcript", 3), (degree, "leeds-cert", "certificate", 1),
                                             (masters, "york-cert", "certificate", 1)):
        # Through the vault's own import, as the user would add them.
        add_document(make_pdf(stem, pages, kind=kind).path, kind=kind, qualification_id=qualification.id)
    return {"application": application.id, "alex": alex.id, "priya": priya.id, "degree": degree.id,
            "masters": masters.id}
