"""``afterview pack --out FILE.pdf [--application ID]``: the reference pack, without the window.

Takes the same defaults as the dialog (the referees given to the application, or
every active one; every qualification), prints the same checks as warnings, and
builds the pack anyway, as "Go on anyway" would. ``--strict`` refuses instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.common import open_store
from desktop_app.dates import parse_iso_day


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pack = subparsers.add_parser("pack", parents=[common], help="build the reference pack PDF",
                                 description="Build the printable reference pack: referees, qualifications "
                                             "and their transcripts and certificates, in one PDF.")
    pack.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="where to write the pack")
    pack.add_argument("--application", type=int, metavar="ID",
                      help="the application the pack is for (default: a general pack)")
    pack.add_argument("--referee", type=int, action="append", metavar="ID",
                      help="include this referee (repeat; default: as the dialog ticks them)")
    pack.add_argument("--qualification", type=int, action="append", metavar="ID",
                      help="include this qualification (repeat; default: all)")
    pack.add_argument("--strict", action="store_true", help="do not build the pack when a check fails")
    pack.add_argument("--today", type=parse_iso_day, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    pack.set_defaults(func=run_pack)


def run_pack(args: argparse.Namespace) -> int:
    if open_store(args) is None:
        return 2
    from desktop_app.services import pack as pack_service
    from desktop_app.store import models as m

    if args.application is not None and m.Application.get_or_none(m.Application.id == args.application) is None:
        print(f"afterview: there is no application {args.application}.", file=sys.stderr)
        return 2
    out: Path = args.out
    if not out.parent.is_dir():
        print(f"afterview: the folder {out.parent} does not exist.", file=sys.stderr)
        return 2
    options = pack_service.pack_options(args.application)
    default = options.default_choice(args.application)
    choice = pack_service.PackChoice(
        args.application,
        tuple(args.referee) if args.referee else default.referee_ids,
        tuple(args.qualification) if args.qualification else default.qualification_ids)
    unknown = ([f"referee {i}" for i in choice.referee_ids if m.Referee.get_or_none(m.Referee.id == i) is None]
               + [f"qualification {i}" for i in choice.qualification_ids
                  if m.Qualification.get_or_none(m.Qualification.id == i) is None])
    if unknown:
        print(f"afterview: there is no {', '.join(unknown)}.", file=sys.stderr)
        return 2
    checks = pack_service.check_pack(choice, args.today)
    for check in checks:
        print(f"warning: {check.text}", file=sys.stderr)
    if checks and args.strict:
        print("afterview: no pack was built (--strict).", file=sys.stderr)
        return 1
    try:
        result = pack_service.produce_pack(choice, out, today=args.today)
    except ValueError as exc:  # PackError: a document cannot be used, said in plain words
        print(f"afterview: no pack was built. {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"afterview: cannot write {out}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    print(f"Wrote {out}: {result.pages} pages, {len(choice.referee_ids)} referees, "
          f"{len(result.documents)} documents attached.")
    if result.unprintable:
        print(f"note: some characters cannot be shown in the pack's fonts: {result.unprintable}", file=sys.stderr)
    return 0
