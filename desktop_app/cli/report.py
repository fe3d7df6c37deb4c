"""``afterview report --from DAY --to DAY [--format pdf|csv] [--for READER] --out FILE``: the activity report.

The same report as File → Activity report…: every application sent, interview and
logged contact from one day to another (both included), as a PDF or a CSV, in the
columns of the chosen reader (``generic``, ``workforce-au``, ``uc-uk``, ``ba-de``; see
``services/report/column_sets.py``). A bad day or period (days from 1900 to 2100), a
``--format`` that contradicts the file's name, a folder that does not exist or a data
folder with no Afterview data in it is said in one plain line with exit status 2, and no
file is written (nor any folder made). A period running past today ends today, and says
so. It only reads: it runs beside the open window (``open_store(writer=False)``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.common import data_dir_of, open_store
from desktop_app.dates import parse_iso_day
from desktop_app.services.report.activity import ENDS_TODAY, ReportRangeError, reported_period
from desktop_app.services.report.column_sets import COLUMN_SETS, DEFAULT_SET, KINDS


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    readers = ", ".join(f"{key} ({s.name})" for key, s in COLUMN_SETS.items())
    report = subparsers.add_parser(
        "report", parents=[common], help="write the job-search activity report (PDF or CSV)",
        description="Write the job-search activity report for a period: applications sent, interviews and "
                    "logged contacts, with a summary; as proof of the search for a benefits agency or a coach.")
    report.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD", help="the first day")
    report.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD", help="the last day (included; a later day than today ends the report today)")
    report.add_argument("--format", choices=("pdf", "csv"), default=None,
                        help="pdf or csv (default: from the name of --out, else pdf)")
    report.add_argument("--for", dest="reader", choices=tuple(COLUMN_SETS), default=DEFAULT_SET,
                        metavar="READER", help=f"whose columns and words to use: {readers}")
    report.add_argument("--kind", action="append", choices=KINDS, metavar="KIND",
                        help=f"count only this kind of activity (repeat; {', '.join(KINDS)}; default: all)")
    report.add_argument("--out", type=Path, required=True, metavar="FILE", help="where to write the report")
    report.set_defaults(func=run_report)


def _fail(message: str) -> int:
    print(f"afterview: {message} No report was written.", file=sys.stderr)
    return 2


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


#: A kind's word in the summary line: (one, many).
_KIND_WORDS = {"application": ("application", "applications"), "interview": ("interview", "interviews"),
               "follow_up": ("follow-up", "follow-ups"), "contact": ("contact", "contacts")}


def run_report(args: argparse.Namespace) -> int:
    days = []
    for option, text in (("--from", args.first), ("--to", args.last)):
        try:
            days.append(parse_iso_day(text))
        except ValueError:
            return _fail(f"{option} '{text}' is not a day written YYYY-MM-DD (for example 2026-11-30).")
    first, last = days
    if first > last:
        return _fail(f"the period starts on {first.isoformat()}, after its last day {last.isoformat()}.")
    try:
        first, ends = reported_period(first, last)
    except ReportRangeError as exc:
        return _fail(str(exc))
    out: Path = args.out
    if not out.parent.is_dir():
        return _fail(f"the folder {out.parent} does not exist.")
    if out.is_dir():
        return _fail(f"{out} is a folder; name the file to write.")
    named = out.suffix.lower().lstrip(".")
    if args.format and named in ("pdf", "csv") and named != args.format:
        return _fail(f"--format {args.format} does not match the file name {out.name}: "
                     f"name it {out.with_suffix('.' + args.format).name}, or leave --format out.")
    fmt = args.format or ("csv" if named == "csv" else "pdf")
    from desktop_app.store.layout import DATABASE

    folder = data_dir_of(args)
    if not (folder / DATABASE).is_file():
        # a mistyped --data-dir must not become an empty report (nor a new, empty data folder)
        return _fail(f"There is no Afterview data in {folder}. Check --data-dir.")
    if open_store(args, writer=False) is None:
        return 2
    from desktop_app.services.report.export import NO_NAME_WARNING, ReportRequest, has_name, write_report

    if ends < last:
        print(f"note: {ENDS_TODAY} ({ends.isoformat()})", file=sys.stderr)
    if not has_name():
        print(f"warning: {NO_NAME_WARNING}", file=sys.stderr)
    kinds = tuple(k for k in KINDS if k in args.kind) if args.kind else KINDS
    try:
        result = write_report(ReportRequest(first, ends, kinds, args.reader, fmt), out)
    except OSError as exc:  # export.ReportWriteError: already in the user's words
        return _fail(str(exc))
    except ValueError as exc:
        return _fail(str(exc))
    counts = ", ".join(_plural(result.summary.counts[k], *_KIND_WORDS[k]) for k in kinds)
    pages = f", {_plural(result.pages, 'page', 'pages')}" if fmt == "pdf" else ""
    print(f"Wrote {out}: {_plural(result.summary.total, 'activity', 'activities')} ({counts}){pages}.")
    if result.unprintable:
        print(f"note: some characters cannot be shown in the report's fonts: {result.unprintable}", file=sys.stderr)
    return 0
