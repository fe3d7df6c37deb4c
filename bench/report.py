"""Speed of the activity report for a heavy user's year: 2,000 activities.

Builds a data folder whose last year holds 2,000 activities (700 applications, 300
interviews, 1,000 logged contacts, with a long organisation name and non-Latin names
among them) amid two years of other data, then times `write_report` for the year as a
PDF (each reader's columns) and as a CSV, the way the dialog's worker runs it.
Target: under 2 s for the PDF.

    .venv/bin/python bench/report.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, time as dtime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

TODAY = date(2026, 11, 30)
FIRST = TODAY - timedelta(days=364)
APPLICATIONS, INTERVIEWS, CONTACTS = 700, 300, 1000  # 2,000 activities in the year
NAMES = ("Northwind Ltd", "Contoso plc", "Łódź Analityka Sp. z o.o.", "株式会社データ分析",
         "Дмитрий и партнёры",
         "The Extraordinarily Long-Named International Consortium for Applied Statistical Research and Data "
         "Engineering of Greater Manchester")


def build(data_dir: Path) -> None:
    from desktop_app.store import models as m
    from desktop_app.store.db import db
    from desktop_app.store.open import open_database

    rng = random.Random(19)
    open_database(data_dir)

    def moment(day: date) -> datetime:
        return datetime.combine(day, dtime(rng.randint(8, 17)), timezone.utc)

    def in_year() -> date:
        return FIRST + timedelta(days=rng.randint(0, 364))

    with db.atomic():
        m.Profile.create(name="Sam Taylor", email="sam@example.org", phone="+44 7700 900123", location="Leeds, UK")
        m.Organisation.insert_many([{"name": f"{rng.choice(NAMES)} {i}"} for i in range(1, 401)]).execute()
        m.Contact.insert_many([{"name": f"Contact {i}", "organisation": rng.randint(1, 400)}
                               for i in range(1, 601)]).execute()
        apps = [{"role": "Senior Data Analyst (Business Intelligence)", "employer": rng.randint(1, 400),
                 "applied_on": in_year(), "source": rng.choice(("LinkedIn", "Seek", "by email", "Company website")),
                 "stage": rng.choice(("applied", "interviewing", "rejected", "no_response")),
                 "recruiter": rng.randint(1, 600) if rng.random() < 0.3 else None} for _ in range(APPLICATIONS)]
        # a year before the report's: activities outside the period, which the report must skip
        apps += [{"role": "Earlier role", "employer": rng.randint(1, 400), "applied_on": FIRST - timedelta(days=100),
                  "source": "Seek", "stage": "rejected"} for _ in range(500)]
        m.Application.insert_many(apps).execute()
        m.Interview.insert_many([{"application": rng.randint(1, APPLICATIONS), "at": moment(in_year()),
                                  "format": rng.choice(("phone", "video", "in_person"))}
                                 for _ in range(INTERVIEWS)]).execute()
        m.Interaction.insert_many([{"application": rng.randint(1, APPLICATIONS), "contact": rng.randint(1, 600),
                                    "at": moment(in_year()), "channel": rng.choice(("email", "phone", "linkedin")),
                                    "direction": rng.choice(("outgoing", "outgoing", "incoming")),
                                    "purpose": rng.choice(("follow_up", "thank_you", "other")),
                                    "summary": "Asked for an update on the application and thanked them"}
                                   for _ in range(CONTACTS)]).execute()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from desktop_app import clock
    from desktop_app.services.report.column_sets import COLUMN_SETS
    from desktop_app.services.report.export import ReportRequest, write_report

    clock.set_today(TODAY)  # a report ends today at the latest: the year must have happened
    with tempfile.TemporaryDirectory(prefix="afterview-bench-report-") as folder:
        build(Path(folder) / "data")
        for reader in COLUMN_SETS:
            for fmt in ("pdf", "csv"):
                times, cpu, result = [], [], None
                for _ in range(args.repeat):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    result = write_report(ReportRequest(FIRST, TODAY, reader=reader, format=fmt),
                                          Path(folder) / f"report.{fmt}")
                    times.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - started_cpu)
                assert result is not None
                # CPU time too: on a shared machine wall time includes waiting for a CPU
                print(f"{reader:13} {fmt}: {result.summary.total} activities, {result.pages or '-'} pages, "
                      f"wall median {statistics.median(times) * 1000:.0f} ms (best {min(times) * 1000:.0f} ms), "
                      f"CPU median {statistics.median(cpu) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
