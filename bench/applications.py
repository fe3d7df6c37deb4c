"""Speed of the Applications and Today tabs with a heavy user's data.

Builds a data folder with 10,000 applications, 40,000 logged contacts and 8,000
interviews, then, in a fresh process, measures: opening the Applications tab, each
keystroke of a word typed into its filter, sorting by each column, and computing
the Today list (the service alone, and the tab's refresh). A bare PySide6 window is
started the same way as the memory baseline; peak memory (max RSS) is printed side
by side. Targets (issue 12), medians of CPU time: Today from scratch ≤ 150 ms, logging a
contact with both tabs refreshed ≤ 50 ms, filter keystroke ≤ 16 ms, sort ≤ 50 ms; peak
memory within 80 MiB of the bare window. "From scratch" is a process that holds nothing
in memory (``summary.forget()``, as after a restart): it reads the answers kept in the
database (``services.today.summary``); the first list of a new day, when every answer is
worked out again, is shown too (no target).

    .venv/bin/python bench/applications.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, time as dtime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
APPLICATIONS, INTERACTIONS, INTERVIEWS = 10_000, 40_000, 8_000
TODAY = date(2026, 11, 25)
ROLES = ("Data Analyst", "Senior Data Analyst", "BI Developer", "Analytics Engineer", "Insights Analyst",
         "Reporting Analyst", "Data Scientist", "Product Analyst", "Commercial Analyst", "Revenue Analyst")
STAGES = ("applied",) * 5 + ("interviewing",) * 3 + ("offer", "accepted", "withdrawn") + ("rejected",) * 4 + \
    ("no_response",) * 2
PURPOSES = ("thank_you", "feedback_request", "follow_up", "follow_up", "other")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def build(data_dir: Path) -> None:
    """Fill a fresh data folder with the heavy user's search (one transaction per table)."""
    from desktop_app.store import models as m
    from desktop_app.store.db import db
    from desktop_app.store.open import open_database

    rng = random.Random(20261125)
    open_database(data_dir)

    def moment(day: date, hour: int) -> str:
        return datetime.combine(day, dtime(hour), timezone.utc).isoformat()

    with db.atomic():
        m.Organisation.insert_many([{"name": f"Organisation {i:04d} Ltd"} for i in range(1, 1201)]).execute()
        m.Contact.insert_many([{"name": f"Contact {i:04d}", "organisation": rng.randint(1, 1200),
                                "kind": rng.choice(("recruiter", "hiring_manager", "interviewer", "senior_hr")),
                                "email": f"contact{i}@example.org"} for i in range(1, 3001)]).execute()
        apps, history = [], []
        for i in range(1, APPLICATIONS + 1):
            applied = TODAY - timedelta(days=rng.randint(0, 730))
            stage = rng.choice(STAGES)
            via = rng.random() < 0.4
            apps.append({"role": rng.choice(ROLES), "employer": rng.randint(1, 1000),
                         "agency": rng.randint(1001, 1200) if via else None,
                         "recruiter": rng.randint(1, 3000) if via else None, "source": "Bench",
                         "applied_on": applied, "stage": stage})
            history.append({"application": i, "stage": "applied", "on": applied})
            if stage != "applied":
                history.append({"application": i, "stage": stage,
                                "on": min(TODAY, applied + timedelta(days=rng.randint(5, 60)))})
        for chunk in range(0, len(apps), 2000):
            m.Application.insert_many(apps[chunk:chunk + 2000]).execute()
        for chunk in range(0, len(history), 4000):
            m.StageChange.insert_many(history[chunk:chunk + 4000]).execute()
        interviews = [{"application": rng.randint(1, APPLICATIONS),
                       "at": moment(TODAY - timedelta(days=rng.randint(-20, 700)), rng.randint(9, 16)),
                       "round": rng.randint(1, 3), "format": rng.choice(("phone", "video", "in_person"))}
                      for _ in range(INTERVIEWS)]
        for chunk in range(0, len(interviews), 4000):
            m.Interview.insert_many(interviews[chunk:chunk + 4000]).execute()
        links = [{"interview": i, "contact": rng.randint(1, 3000)} for i in range(1, INTERVIEWS + 1)]
        for chunk in range(0, len(links), 4000):
            m.InterviewInterviewer.insert_many(links[chunk:chunk + 4000]).execute()
        contacts = []
        for _ in range(INTERACTIONS):
            app_id = rng.randint(1, APPLICATIONS)
            applied = apps[app_id - 1]["applied_on"]
            day = min(TODAY, applied + timedelta(days=rng.randint(0, 90)))
            outgoing = rng.random() < 0.7
            contacts.append({"application": app_id, "contact": rng.randint(1, 3000), "at": moment(day, rng.randint(8, 18)),
                             "channel": rng.choice(("email", "phone", "linkedin")),
                             "direction": "outgoing" if outgoing else "incoming",
                             "purpose": rng.choice(PURPOSES) if outgoing else "other",
                             "summary": "Bench contact", "reply_received": rng.random() < 0.2})
        for chunk in range(0, len(contacts), 4000):
            m.Interaction.insert_many(contacts[chunk:chunk + 4000]).execute()


class _Timer:
    """Wall-clock and CPU time of one step, in milliseconds.

    Both are kept: on a shared machine (CI, or engineers running tests side by side)
    wall time includes waiting for a CPU; the process's own CPU time does not.
    """

    def __enter__(self) -> "_Timer":
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = (time.perf_counter() - self.wall) * 1000
        self.cpu = (time.process_time() - self.cpu) * 1000


def measure_app(data_dir: Path) -> dict[str, object]:
    """In this (fresh) process: open the window on ``data_dir`` and time what the user does."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop_app.services.today import due
    from desktop_app.store.open import open_database
    from desktop_app import clock
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow

    clock.today = lambda: TODAY  # the data is dated around this day
    app = QApplication(sys.argv[:1])
    open_database(data_dir)
    window = MainWindow(AppContext.create(data_dir))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.today_tab.items()  # as at start-up: Today works its list out once the window is painted
    app.processEvents()
    results: dict[str, object] = {}

    with _Timer() as opened:
        tab = window.show_tab(1)
        app.processEvents()
    results["open_tab_ms"] = [(opened.wall, opened.cpu)]
    results["rows"] = tab.panel.visible_count()

    keystrokes = []
    for word in ("senior analyst", "organisation 04"):
        tab.panel.filter_edit.clear()
        app.processEvents()
        for char in word:
            with _Timer() as timer:
                QTest.keyClick(tab.panel.filter_edit, char)
                app.processEvents()
            keystrokes.append((timer.wall, timer.cpu))
    results["visible_after_filter"] = tab.panel.visible_count()
    tab.panel.filter_edit.clear()
    app.processEvents()
    results["keystroke_ms"] = keystrokes

    sorts = []
    for column in range(tab.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            with _Timer() as timer:
                tab.panel.table.sortByColumn(column, order)
                app.processEvents()
            sorts.append((timer.wall, timer.cpu))
    results["sort_ms"] = sorts

    from desktop_app.services.applications import interactions
    from desktop_app.services.today import summary

    cold, warm, tab_refresh, after_contact = [], [], [], []
    for _ in range(5):
        summary.forget()  # as after a restart: every answer read again from the database
        with _Timer() as timer:
            items = due.due_items(TODAY)
        cold.append((timer.wall, timer.cpu))
        with _Timer() as timer:
            due.due_items(TODAY)
        warm.append((timer.wall, timer.cpu))
    from desktop_app.store.db import db

    # a new day (or settings, or time zone): no kept answer fits, every application is worked out
    db.obj.execute_sql("DELETE FROM application_summary")
    summary.forget()
    with _Timer() as timer:
        due.due_items(TODAY)
    results["today_worked_out_ms"] = [(timer.wall, timer.cpu)]
    today_tab = window.show_tab(0)
    for _ in range(5):
        with _Timer() as timer:
            today_tab.refresh()
            app.processEvents()
        tab_refresh.append((timer.wall, timer.cpu))
    rng = random.Random(7)
    window.show_tab(1)
    app.processEvents()  # the Applications tab shown once: both tabs are live, as for the user
    window.show_tab(0)
    app.processEvents()
    for _ in range(7):
        # what the user does most: log a contact; both tabs refresh from the change event
        with _Timer() as timer:
            interactions.log_interaction({"application": rng.randint(1, APPLICATIONS), "channel": "email",
                                          "at": datetime.combine(TODAY, dtime(12), timezone.utc),
                                          "direction": "outgoing", "purpose": "follow_up"})
            window.context.events.applications_changed.emit()
            app.processEvents()
        after_contact.append((timer.wall, timer.cpu))
    results["today_items"] = len(items)
    results["today_cold_ms"] = cold
    results["today_service_ms"] = warm
    results["today_tab_ms"] = tab_refresh
    results["after_contact_ms"] = after_contact
    results["peak_mib"] = _peak_mib()
    window.close()
    return results


def measure_bare() -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    for title in ("Today", "Applications", "Referees", "Vault"):
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    return {"peak_mib": _peak_mib()}


def _child(*args: str) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], capture_output=True, text=True,
                          env=env, check=False, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"bench child {args} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_app(args.measure)))
        return 0
    if args.bare:
        print(json.dumps(measure_bare()))
        return 0
    with tempfile.TemporaryDirectory(prefix="afterview-bench-apps-") as tmp:
        data_dir = Path(tmp) / "data"
        start = time.perf_counter()
        build(data_dir)
        from desktop_app.store.db import close_database

        close_database()
        print(f"built {APPLICATIONS:,} applications, {INTERACTIONS:,} logged contacts, {INTERVIEWS:,} interviews "
              f"in {time.perf_counter() - start:.1f} s")
        bare = _child("--bare")
        got = _child("--measure", str(data_dir))

    def med(key: str, which: int) -> float:
        return statistics.median(t[which] for t in got[key])  # type: ignore[attr-defined]

    def cell(key: str) -> str:
        return f"{med(key, 0):6.1f} ms wall, {med(key, 1):6.1f} ms CPU"

    n_keys, n_sorts = len(got["keystroke_ms"]), len(got["sort_ms"])  # type: ignore[arg-type]
    limit = bare["peak_mib"] + 80  # type: ignore[operator]
    # (name, measured, target, met?) — judged on CPU time: on a busy shared machine wall
    # time measures the machine, not Afterview (both are printed)
    # targets of issue 12 (reference machine: Today 340–480 ms, logging ~450 ms, keystroke 19–33 ms, sort 28–52 ms)
    rows = [
        ("open the Applications tab (after Today)", cell("open_tab_ms"), "—", None),
        (f"filter keystroke (median of {n_keys})", cell("keystroke_ms"), "≤ 16 ms", med("keystroke_ms", 1) <= 16),
        (f"sort by a column (median of {n_sorts})", cell("sort_ms"), "≤ 50 ms", med("sort_ms", 1) <= 50),
        (f"Today list from scratch ({got['today_items']:,} items, kept answers)", cell("today_cold_ms"), "≤ 150 ms",
         med("today_cold_ms", 1) <= 150),
        ("Today list, answers held in memory", cell("today_service_ms"), "—", None),
        ("Today list, every answer worked out (new day)", cell("today_worked_out_ms"), "—", None),
        ("Today tab refresh (lists + tables)", cell("today_tab_ms"), "—", None),
        ("log a contact, both tabs refresh", cell("after_contact_ms"), "≤ 50 ms", med("after_contact_ms", 1) <= 50),
        ("peak memory: bare PySide6 window", f"{bare['peak_mib']:.0f} MiB", "", None),
        ("peak memory: Afterview", f"{got['peak_mib']:.0f} MiB", f"≤ {limit:.0f} MiB (bare + 80)",
         got["peak_mib"] <= limit),  # type: ignore[operator]
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, target, met in rows:
        verdict = "" if met is None else ("ok" if met else "MISSED")
        print(f"{name:<{width}}  {value:<34} {target:<26} {verdict}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    missed = [r[0] for r in rows if r[3] is False]
    print("all targets met" if not missed else f"missed: {'; '.join(missed)}")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
