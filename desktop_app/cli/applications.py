"""``afterview applications list [--json] [--today DAY]``: the Applications list on the command line.

The twin of the window's Applications tab: one line per application, newest first, with
its id (for ``afterview log``), role, organisation, stage and the next step with its day,
worked out by the same service (``services.applications.pipeline``). Only reads: it runs
beside an open window.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app import clock, vocab
from desktop_app.cli.common import open_store
from desktop_app.cli.due import _day

#: The words of each next step (as the Applications tab says them), ``{0}`` its day.
STEP_WORDS = {
    "interview": "Interview on {0}",
    "feedback_request": "Ask for feedback from {0}",
    "follow_up": "Follow-up polite from {0}",
    "last_say": "Last say suggested from {0}",
    "last_say_sent": "Last say sent {0}",
    "senior_contact": "Write to a senior contact; re-approach from {0}",
    "re_approach": "Re-approach from {0}",
    "feedback_received": "Feedback received {0}",
    "waiting": "Waiting for reply",
    "none": "",
}


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    apps = subparsers.add_parser("applications", parents=[common], help="list the applications and their next steps")
    actions = apps.add_subparsers(dest="applications_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common],
                                 help="every application: id, role, organisation, stage, next step and its day")
    listing.add_argument("--today", type=_day, metavar="YYYY-MM-DD", default=None,
                         help="work the next steps out as of this day (default: today)")
    listing.add_argument("--json", action="store_true",
                         help="print a JSON array of {id, role, organisation, stage, next_step, next_step_on}")
    listing.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    """Print the list; 0, or 2 when the data folder cannot be opened."""
    if open_store(args, writer=False, require_data=True) is None:
        return 2
    from desktop_app.services.applications.pipeline import list_application_rows

    today = args.today or clock.today()
    rows = list_application_rows(today=today)
    out = []
    for row in rows:
        step = row.next_step
        organisation = f"{row.employer} via {row.agency}" if row.agency else row.employer
        out.append({"id": row.id, "role": row.role, "organisation": organisation, "stage": row.stage,
                    "next_step": step.kind if step else "none",
                    "next_step_on": step.on.isoformat() if step and step.on else None})
    if args.json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not out:
        print("No applications yet.")
        return 0
    for item in out:
        words = STEP_WORDS.get(str(item["next_step"]), "").format(item["next_step_on"] or "")
        stage = vocab.STAGES.get(str(item["stage"]), str(item["stage"]))
        print(f"{item['id']:>6}  {item['role']} — {item['organisation']}  [{stage}]  {words}".rstrip())
    return 0
