"""``afterview due [--today DATE] [--json]``: the Today list on the command line (DATA_FORMAT.md)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from desktop_app import clock
from desktop_app.cli.common import open_store
from desktop_app.dates import parse_iso_day


def _day(text: str) -> date:
    try:
        return parse_iso_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    due = subparsers.add_parser(
        "due", parents=[common], help="print what is due (the Today list), most urgent first")
    due.add_argument("--today", type=_day, metavar="YYYY-MM-DD", default=None,
                     help="evaluate the advice as of this day (default: today)")
    due.add_argument("--json", action="store_true", help="print a JSON array (see DATA_FORMAT.md)")
    due.set_defaults(func=run_due)


def run_due(args: argparse.Namespace) -> int:
    if open_store(args, writer=False, require_data=True) is None:
        return 2
    from desktop_app.services.today import due

    today = args.today or clock.today()
    items = due.due_items(today)
    if args.json:
        json.dump([i.as_json() for i in items], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not items:
        print(f"Nothing is due on {today.isoformat()}.")
        return 0
    for item in items:
        print(f"{item.due_on.isoformat()}  {item.subject} — {item.text}")
    return 0
