"""``afterview pack --out FILE.pdf [--application ID]``: the reference pack, without the window.

Takes the same defaults as the dialog (the referees given to the application, or
every active one; every qualification), prints the same checks as warnings, and
builds the pack anyway, as "Go on anyway" would. ``--strict`` refuses instead.

A document whose stored file is missing or changed stops the build before anything is
written: every such document is named, with its id and the next step (``afterview vault
reattach ID FILE``); ``--leave-out-damaged`` makes the pack without them, naming them.

``afterview pack verify PACK.pdf`` checks a pack: every attached original against the
SHA-256 in the pack's index, and every digital signature; one line per document, exit
status 0 when all hold, 1 otherwise (2: the file cannot be read).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from desktop_app.cli.common import open_store
from desktop_app.dates import parse_iso_day


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pack = subparsers.add_parser("pack", parents=[common], help="build the reference pack PDF",
                                 description="Build the printable reference pack: referees, qualifications "
                                             "and their transcripts and certificates, in one PDF.")
    pack.add_argument("--out", type=Path, metavar="FILE.pdf", help="where to write the pack (required)")
    pack.add_argument("--application", type=int, metavar="ID",
                      help="the application the pack is for (default: a general pack)")
    pack.add_argument("--referee", type=int, action="append", metavar="ID",
                      help="include this referee (repeat; default: as the dialog ticks them)")
    pack.add_argument("--qualification", type=int, action="append", metavar="ID",
                      help="include this qualification (repeat; default: all)")
    pack.add_argument("--strict", action="store_true", help="do not build the pack when a check fails")
    pack.add_argument("--leave-out-damaged", action="store_true",
                      help="make the pack without the documents whose stored file is missing or changed "
                           "(default: no pack is made, and they are named)")
    pack.add_argument("--print-pins", action="store_true",
                      help="print the share links' PINs in this pack (default: not printed)")
    pack.add_argument("--today", type=parse_iso_day, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    pack.set_defaults(func=run_pack)
    actions = pack.add_subparsers(dest="pack_command", metavar="[verify PACK.pdf]")
    verify = actions.add_parser("verify", help="check a pack's attached originals and signatures",
                                description="Check a reference pack made by Afterview: take out every attached "
                                            "original, compare its SHA-256 with the pack's index, and check each "
                                            "digital signature. One line per document; exit status 0 when all "
                                            "hold, 1 otherwise.")
    verify.add_argument("pack_file", type=Path, metavar="PACK.pdf", help="the pack to check")
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from desktop_app.services import pack_verify

    path: Path = args.pack_file
    try:
        result = pack_verify.verify_pack(path)
    except pack_verify.DamagedPdf as exc:
        print(f"afterview: {path} cannot be verified. {exc}.", file=sys.stderr)
        return 1
    except pack_verify.NotAPack as exc:
        print(f"afterview: {path} cannot be verified: {exc}.", file=sys.stderr)
        return 1
    except OSError as exc:
        from desktop_app.services.vault.pdf import cannot_read  # plain words, not the system's (issue 15)

        print(f"afterview: {cannot_read(str(path), exc)}", file=sys.stderr)
        return 2
    for check in result.checks:
        print(check.line())
    for note in result.notes:
        print(note)
    print(result.summary())
    return 0 if result.ok else 1


def run_pack(args: argparse.Namespace) -> int:
    if args.out is None:
        print("afterview pack: say where to write the pack with --out FILE.pdf "
              "(or check one with: afterview pack verify PACK.pdf).", file=sys.stderr)
        return 2
    # A reader: building a pack changes no data, so it runs while the window is open
    # (the window records the packs it makes; this command does not, see produce_pack).
    if open_store(args, writer=False) is None:
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
        tuple(args.qualification) if args.qualification else default.qualification_ids, args.print_pins)
    unknown = ([f"referee {i}" for i in choice.referee_ids if m.Referee.get_or_none(m.Referee.id == i) is None]
               + [f"qualification {i}" for i in choice.qualification_ids
                  if m.Qualification.get_or_none(m.Qualification.id == i) is None])
    if unknown:
        print(f"afterview: there is no {', '.join(unknown)}.", file=sys.stderr)
        return 2
    # a missing or changed file is said once, below, with every one named (issue 15, fresh eyes)
    checks = [c for c in pack_service.check_pack(choice, args.today) if c.kind != "document_changed"]
    for check in checks:
        print(f"warning: {check.text}", file=sys.stderr)
    unusable = pack_service.unusable_documents(choice)
    if unusable and args.leave_out_damaged:
        choice = replace(choice, left_out=frozenset(u.sha256 for u in unusable))
        print("note: left out of this pack (missing or changed in the vault): "
              + ", ".join(u.name for u in unusable), file=sys.stderr)
    elif unusable:
        print(("afterview: no pack was built. This document cannot go into a pack:\n" if len(unusable) == 1 else
               "afterview: no pack was built. These documents cannot go into a pack:\n")
              + pack_service.unusable_message(unusable)
              + "\nOr make the pack without them: add --leave-out-damaged.", file=sys.stderr)
        return 1
    if checks and args.strict:
        print("afterview: no pack was built (--strict).", file=sys.stderr)
        return 1
    try:
        result = pack_service.produce_pack(choice, out, today=args.today, record=False)
    except ValueError as exc:  # PackError: a document cannot be used, said in plain words
        print(f"afterview: no pack was built. {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        from desktop_app.services.exchange.calendar_export import plain_reason  # no "[Errno 30]" (issue 15)

        print(f"afterview: no pack was built: it cannot be written to {out}: {plain_reason(exc)}.", file=sys.stderr)
        return 2
    print(f"Wrote {out}: {result.pages} pages, {len(choice.referee_ids)} referees, "
          f"{len(result.documents)} documents attached.")
    if result.unprintable:
        print(f"note: some characters cannot be shown in the pack's fonts: {result.unprintable}", file=sys.stderr)
    return 0
