"""The sample data behind ``afterview --demo``: a realistic job search, kept current.

The sample is an ordinary data file (``resources/demo.json``) loaded through the same
import as a user's file. Its dates are moved forward so that "today" in the sample is
always the real today: a newcomer sees due follow-ups, not a stale history.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from desktop_app import clock
from desktop_app.resource_files import DEMO_DATA, DEMO_FOLDER, resource, resource_path
from desktop_app.services.exchange import datafile

#: Date fields that belong to the job search (shifted); qualification dates stay put.
_SHIFTED_DATES = {
    "applications": ("applied_on",),
    "references_given": ("on", "employer_contacted_on"),
    "briefings": ("on",),
    "referees": ("consent_on",),
}
_SHIFTED_MOMENTS = {"interviews": ("at",), "interactions": ("at",)}


def demo_data(today: date | None = None) -> dict[str, Any]:
    """The sample, with its job-search dates moved so that its "today" is ``today``."""
    text = resource(DEMO_DATA).read_text(encoding="utf-8")
    data = json.loads(text)
    anchor = datetime.fromisoformat(data["exported_at"]).date()
    shift = timedelta(days=((today or clock.today()) - anchor).days)

    def move_date(value: str | None) -> str | None:
        return None if value is None else (date.fromisoformat(value) + shift).isoformat()

    for collection, keys in _SHIFTED_DATES.items():
        for record in data[collection]:
            for key in keys:
                record[key] = move_date(record.get(key))
    for record in data["applications"]:
        for entry in record["stage_history"]:
            entry["on"] = move_date(entry["on"])
    for collection, keys in _SHIFTED_MOMENTS.items():
        for record in data[collection]:
            for key in keys:
                record[key] = (datetime.fromisoformat(record[key]) + shift).isoformat()
    return data


#: The sample's documents (``scripts/make_demo_documents.py``): file, kind, qualification title.
#: The certificate's qualification has no transcript, so the sample shows that flag.
DEMO_DOCUMENTS = (
    ("leeds-transcript.pdf", "transcript", "BSc (Hons) Mathematics"),
    ("data-analytics-certificate.pdf", "certificate", "Google Data Analytics Certificate"),
)


def load_demo(today: date | None = None, *, with_documents: bool = False) -> datafile.ImportReport:
    """Fill the open (empty) store with the sample.

    ``with_documents`` (``afterview --demo``): also add the sample transcript and
    certificate through the vault. Off by default, so the sample stays a pure data
    file that exports and re-imports on its own (documents travel in backups).
    """
    report = datafile.import_data(demo_data(today))
    if with_documents:
        add_demo_documents(report)
    return report


def add_demo_documents(report: datafile.ImportReport | None = None) -> None:
    """Add the sample's PDFs to the open store's vault, linked to their qualifications."""
    from desktop_app.services.vault.adding import add_document
    from desktop_app.store import models as m

    for name, kind, title in DEMO_DOCUMENTS:
        qualification = m.Qualification.get_or_none(m.Qualification.title == title)
        with resource_path(f"{DEMO_FOLDER}/{name}") as path:
            add_document(path, kind=kind, qualification_id=qualification.id if qualification else None)
    if report is not None:
        report.counts["documents"] = report.counts.get("documents", 0) + len(DEMO_DOCUMENTS)
