"""``afterview import vcard|csv FILE [--dry-run] [--json]`` and ``afterview export csv FILE``.

The command-line twins of *Import vCard* (Referees tab) and *Import/Export applications*
(File menu), through the same services, for scripts and checks (issue 15):

* ``import vcard FILE``: referees from an address book. With ``--json`` the preview is
  printed as a list of ``{"name", "emails", "phones", "problems", "duplicate"}``, one per
  card in the file's order (a card that cannot be read has an empty name and says why
  in ``problems``, named by whatever it has: ``Card 15 (anon@example.com): the card has no
  name``); phones in E.164 with `` ext. N`` when there is an extension.
* ``import csv FILE``: applications from a spreadsheet, columns mapped by their headers
  (as the dialog first proposes). With ``--json``: ``{"columns": {field: header},
  "rows": [{"line", "role", "organisation", "applied_on", "stage", "problems", "duplicate"}]}``
  (``applied_on`` ISO 8601, null when the row does not read; ``duplicate`` true when the
  row is an application already kept — same role, employer and applied day — and is skipped). Numeric dates are read in
  the order the date column shows; when it cannot tell, ``--day-first``/``--month-first``,
  else the order of the user's locale (said on standard error).
* ``export csv FILE``: every application, with its stage history, formula-safe.

``--dry-run`` reads and previews only: nothing is written (the store is opened as a
reader, beside the window; on a folder with no Afterview data yet, not at all, and nothing
is created there). Exit status: 0 done; 1 the file was refused or nothing
could be imported (nothing changed); 2 the data folder or the target cannot be used;
3 another process is changing the data (:data:`common.BUSY_EXIT`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop_app.cli.common import data_dir_of, open_store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from desktop_app import vocab

    imp = subparsers.add_parser("import", parents=[common],
                                help="add referees from a vCard file, or applications from a spreadsheet (CSV)")
    kinds = imp.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    card = kinds.add_parser("vcard", parents=[common], help="referees from an address book (.vcf)")
    card.add_argument("file", type=Path)
    # the words listed are the vocabulary's own, so the help can never name one that is refused
    card.add_argument("--relationship", default="colleague", metavar="WORD",
                      help="the relationship of the new referees (vCards have none): "
                           f"{', '.join(vocab.RELATIONSHIPS)} (default: colleague)")
    sheet = kinds.add_parser("csv", parents=[common], help="applications from a spreadsheet (.csv)")
    sheet.add_argument("file", type=Path)
    sheet.add_argument("--stages-on", choices=("applied", "today"), default="applied",
                       help="when a stage the file does not date happened: on the applied date (default) "
                            "or today")
    order = sheet.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="date_order", action="store_const", const="day_first",
                       help="read dates such as 03/04/2025 as 3 April when the file cannot tell")
    order.add_argument("--month-first", dest="date_order", action="store_const", const="month_first",
                       help="read dates such as 03/04/2025 as 4 March when the file cannot tell")
    for sub in (card, sheet):
        sub.add_argument("--dry-run", action="store_true", help="show what would be imported; change nothing")
        sub.add_argument("--json", action="store_true", help="print the preview as JSON")
    card.set_defaults(func=run_import_vcard)
    sheet.set_defaults(func=run_import_csv)

    export = subparsers.add_parser("export", parents=[common], help="write the applications to a spreadsheet (CSV)")
    exports = export.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    out = exports.add_parser("csv", parents=[common], help="every application with its stage history (.csv)")
    out.add_argument("file", type=Path)
    out.set_defaults(func=run_export_csv)


def _open_for(args: argparse.Namespace) -> bool:
    """Open the data folder as the import needs it; False (the reason said) when it cannot be.

    An import takes the writer's claim. A ``--dry-run`` only reads, beside the window; on a
    folder that has no Afterview data yet (a first run) it opens nothing and creates nothing
    there: the preview is against empty data (no duplicates, no profile country).
    """
    if args.dry_run:
        if _brand_new(args):
            return True
        return open_store(args, writer=False) is not None
    return open_store(args, writer=True) is not None


def _brand_new(args: argparse.Namespace) -> bool:
    """True for a ``--dry-run`` on a data folder with no Afterview data yet (nothing was opened)."""
    from desktop_app.store.layout import DATABASE

    return bool(args.dry_run) and not (data_dir_of(args) / DATABASE).is_file()


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------- vCard
def vcard_preview(readout: Any) -> list[dict[str, Any]]:
    """The ``--json`` preview of a :class:`vcard.VCardReadout`: every card in the file's order."""
    entries: list[tuple[int, dict[str, Any]]] = []
    for card in readout.cards:
        entries.append((card.number, {"name": card.name, "emails": list(card.emails), "phones": list(card.phones),
                                      "problems": card.problems(), "duplicate": card.duplicate}))
    for problem in readout.problems:
        if problem.number:
            entries.append((problem.number, {"name": "", "emails": [], "phones": [],
                                             "problems": [f"not imported: {problem}"],
                                             "duplicate": False}))
    return [entry for _number, entry in sorted(entries, key=lambda pair: pair[0])]


def run_import_vcard(args: argparse.Namespace) -> int:
    from desktop_app import vocab

    if args.relationship not in vocab.RELATIONSHIPS:
        print(f"afterview: '{args.relationship}' is not a relationship "
              f"({', '.join(vocab.RELATIONSHIPS)}).", file=sys.stderr)
        return 2
    if not _open_for(args):
        return 2
    from desktop_app.services.core.validation import ValidationError
    from desktop_app.services.exchange import vcard

    try:
        readout = vcard.read_vcard_file(args.file, with_store=not _brand_new(args))
    except vcard.VCardError as exc:
        print(f"afterview: nothing was imported. {exc}", file=sys.stderr)
        return 1
    for problem in readout.problems:
        if not problem.number:
            print(f"afterview: {problem.message}", file=sys.stderr)
    created: list[int] = []
    if not args.dry_run and readout.new_cards:
        try:
            created = vcard.import_cards(readout.new_cards, args.relationship)
        except ValidationError as exc:
            print(f"afterview: nothing was imported. {exc.message}", file=sys.stderr)
            return 1
    if args.json:
        _print_json(vcard_preview(readout))
    else:
        for entry in vcard_preview(readout):
            said = ", ".join([*entry["emails"], *entry["phones"]])
            fate = "skipped" if entry["duplicate"] or not entry["name"] else "new"
            print(f"{entry['name'] or '(no name)'}" + (f" — {said}" if said else "") + f" [{fate}]")
            for problem in entry["problems"]:
                print(f"    {problem}")
        new, dup = len(readout.new_cards), len(readout.duplicates)
        refused = sum(1 for p in readout.problems if p.number)
        verb = "would be added (dry run: nothing was changed)" if args.dry_run else "added"
        print(f"{len(created) if not args.dry_run else new} referee(s) {verb}; {dup} duplicate(s) skipped; "
              f"{refused} card(s) could not be read.")
    return 0 if readout.cards or not readout.problems else 1


# ---------------------------------------------------------------- CSV
def locale_date_order() -> str:
    """Day first or month first as the user's locale writes dates (``LC_TIME``); day first if unknown."""
    import locale

    from desktop_app.services.exchange import csv_dates

    try:
        previous = locale.setlocale(locale.LC_TIME)
        try:
            name = locale.setlocale(locale.LC_TIME, "")
            pattern = locale.nl_langinfo(locale.D_FMT)
        finally:
            locale.setlocale(locale.LC_TIME, previous)
    except (locale.Error, AttributeError, ValueError):
        return csv_dates.DAY_FIRST
    if name in ("C", "POSIX") or name.startswith("C."):
        return csv_dates.DAY_FIRST  # no locale chosen: C's %m/%d/%y says nothing about the user
    return csv_dates.order_of_locale_format(pattern)


def csv_preview(table: Any, mapping: dict[str, int | None], check: Any) -> dict[str, Any]:
    """The ``--json`` preview: the columns used, and every row with what it will become or why not."""
    good = dict(check.good)
    bad = dict(check.bad)
    duplicates = {line: (form, why) for line, form, why in check.duplicates}

    def raw(cells: list[str], name: str) -> str:
        index = mapping.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    rows = []
    for line, cells in table.rows:
        form = good.get(line)
        if form is not None:
            rows.append({"line": line, "role": form.role, "organisation": form.employer,
                         "applied_on": form.applied_on.isoformat(), "stage": form.stage, "problems": [],
                         "duplicate": False})
        elif line in duplicates:
            form, why = duplicates[line]
            rows.append({"line": line, "role": form.role, "organisation": form.employer,
                         "applied_on": form.applied_on.isoformat(), "stage": form.stage,
                         "problems": [f"not imported: {why}"], "duplicate": True})
        else:
            rows.append({"line": line, "role": raw(cells, "role"), "organisation": raw(cells, "employer"),
                         "applied_on": None, "stage": None, "problems": [bad.get(line, "not read")],
                         "duplicate": False})
    return {"columns": {name: table.headers[index] for name, index in mapping.items() if index is not None},
            "rows": rows}


def run_import_csv(args: argparse.Namespace) -> int:
    if not _open_for(args):
        return 2
    from desktop_app import clock
    from desktop_app.services.core.validation import ValidationError
    from desktop_app.services.exchange import applications_csv, csv_dates

    try:
        table = applications_csv.read_csv(args.file)
    except applications_csv.CsvError as exc:
        print(f"afterview: nothing was imported. {exc}", file=sys.stderr)
        return 1
    mapping = applications_csv.guess_mapping(table.headers)
    chosen = args.date_order or locale_date_order()
    try:
        check = applications_csv.check_rows(table, mapping, today=clock.today(), date_order=chosen)
    except ValidationError as exc:
        wanted = ", ".join(applications_csv.IMPORT_FIELDS[exc.field][:3])
        print(f"afterview: nothing was imported. No column of {args.file.name} holds the "
              f"{exc.field.replace('_', ' ')}: name its header one of: {wanted}.", file=sys.stderr)
        return 1
    known = applications_csv.recognise(table.headers)
    if known is not None:
        print(f"afterview: recognised {known.name}.", file=sys.stderr)
    words = csv_dates.ORDER_WORDS[check.date_order]
    if check.date_evidence:
        print(f"afterview: dates read as {words}: {check.date_evidence}.", file=sys.stderr)
    elif applications_csv.date_order_of(table, mapping).ambiguous:
        why = ("as you asked" if args.date_order
               else "as your locale writes them; --day-first or --month-first to change")
        print(f"afterview: the file does not show whether 03/04/2025 is day/month or month/day: "
              f"read as {words} ({why}).", file=sys.stderr)
    imported = 0
    if not args.dry_run and check.good:
        try:
            imported = applications_csv.import_rows(check.good, today=clock.today(), history=check.history,
                                                    stages_on=args.stages_on)
        except ValidationError as exc:
            print(f"afterview: nothing was imported. {exc.message}", file=sys.stderr)
            return 1
    if args.json:
        _print_json(csv_preview(table, mapping, check))
    else:
        for line, reason in sorted([*check.bad, *((line, why) for line, _form, why in check.duplicates)]):
            print(f"line {line}: {reason}")
        dup = len(check.duplicates) + (len(check.good) - imported if not args.dry_run else 0)
        if args.dry_run:
            print(f"{len(check.good)} application(s) would be imported (dry run: nothing was changed); "
                  f"{dup} duplicate(s) would be skipped; {len(check.bad)} row(s) cannot be read.")
        else:
            print(f"Imported {imported} application(s); {dup} duplicate(s) skipped; {len(check.bad)} row(s) "
                  "could not be read and were left out.")
    # a file whose every row is already kept was read well: nothing to add is not a failure
    return 0 if check.good or check.duplicates else 1


def run_export_csv(args: argparse.Namespace) -> int:
    if open_store(args, writer=False, require_data=True) is None:
        return 2
    from desktop_app.services.exchange import applications_csv

    target: Path = args.file
    if not target.parent.is_dir():
        print(f"afterview: the folder {target.parent} does not exist.", file=sys.stderr)
        return 2
    try:
        count = applications_csv.export_csv(target)
    except OSError as exc:
        print(f"afterview: cannot write {target}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    print(f"Exported {count} application(s) to {target}.")
    return 0
