"""``afterview data export FILE`` and ``afterview data import FILE`` (DATA_FORMAT.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.common import open_store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    data = subparsers.add_parser("data", parents=[common], help="export or import the data file (JSON)")
    actions = data.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", parents=[common], help="write everything to a JSON data file")
    export.add_argument("file", type=Path)
    export.set_defaults(func=run_export)
    imp = actions.add_parser("import", parents=[common],
                             help="add the records of a JSON data file (all or nothing)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    if open_store(args, writer=False, require_data=True) is None:
        return 2
    from desktop_app.services.exchange import datafile

    target: Path = args.file
    if not target.parent.is_dir():
        print(f"afterview: the folder {target.parent} does not exist.", file=sys.stderr)
        return 2
    try:
        datafile.export_to_file(target)
    except OSError as exc:
        print(f"afterview: cannot write {target}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    print(f"Exported to {target}.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    if open_store(args) is None:
        return 2
    from desktop_app.services.exchange import datafile

    try:
        report = datafile.import_from_file(args.file)
    except datafile.DataFileError as exc:
        print(f"afterview: nothing was imported. {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    for note in report.notes:
        print(note)
    return 0
