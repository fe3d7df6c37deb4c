"""The sample data (``afterview --demo``): it fills every list and brings its documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.services.applications import pipeline as applications
from desktop_app.services.referees import referees
from desktop_app.services.vault import qualifications as vault
from desktop_app.services.vault.verify import verify_vault


def test_the_sample_fills_every_list(demo_store: Path) -> None:
    rows = applications.list_application_rows()
    assert len(rows) == 12
    via_agency = [r for r in rows if r.agency]
    assert via_agency and all(r.agency for r in via_agency)
    a1 = next(r for r in rows if r.role == "Data Analyst")
    assert a1.employer == "Northwind Ltd" and a1.last_contact_at is not None
    assert len(referees.list_referee_rows()) == 4
    assert len(vault.list_qualification_rows()) == 2


TODAY = date(2026, 11, 25)


def test_the_sample_brings_a_transcript_and_a_lone_certificate(store: Path) -> None:
    from desktop_app.services.exchange.demo import load_demo

    report = load_demo(TODAY, with_documents=True)
    assert report.counts["documents"] == 2
    rows = {r.title: r for r in vault.list_qualification_rows()}
    assert rows["BSc (Hons) Mathematics"].flag is None
    assert rows["Google Data Analytics Certificate"].flag == "Only a certificate — add the full transcript"
    assert [(d.original_name, d.pages) for d in sorted(vault.list_document_rows(), key=lambda d: d.id)] == [
        ("leeds-transcript.pdf", 2), ("data-analytics-certificate.pdf", 1)]
    assert verify_vault().ok
