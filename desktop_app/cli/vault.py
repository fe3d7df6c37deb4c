"""``afterview vault add FILE… [--kind K] [--qualification ID]``, ``vault reattach ID FILE``, ``vault verify``
and ``vault list``.

``reattach`` is the window's Re-attach…: the very file first added repairs the vault's copy; a
file with another fingerprint is refused (exit 1) unless ``--different-file`` says it is meant.

``add`` goes on past a refused file and exits 1 if any file was refused (the others
are in); ``verify`` exits 1 when anything is missing, changed or unreferenced.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app import vocab
from desktop_app.cli.common import open_store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    vault = subparsers.add_parser("vault", parents=[common], help="add, list and verify the vault's documents",
                                  description="The vault keeps transcripts, certificates and other "
                                              "documents as PDFs, each with its SHA-256 fingerprint.")
    actions = vault.add_subparsers(dest="vault_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="add PDFs, or PNG/JPEG scans (wrapped into a PDF)")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.add_argument("--kind", choices=list(vocab.DOCUMENT_KINDS),
                     help="what the documents are (default: guessed from each file's name)")
    add.add_argument("--qualification", type=int, metavar="ID", help="link them to this qualification")
    add.add_argument("--application", type=int, metavar="ID", help="link them to this application")
    add.set_defaults(func=run_add)
    reattach = actions.add_parser("reattach", parents=[common],
                                  help="put back a document whose stored file is missing or changed, "
                                       "from your own copy (as Re-attach… in the Vault tab)")
    reattach.add_argument("document", type=int, metavar="ID", help="the document (afterview vault list shows ids)")
    reattach.add_argument("file", type=Path, metavar="FILE", help="your own copy of it")
    reattach.add_argument("--different-file", action="store_true",
                          help="take FILE although it is not the file first added (its fingerprint differs); "
                               "the old document goes to the Trash")
    reattach.set_defaults(func=run_reattach)
    verify = actions.add_parser("verify", parents=[common],
                                help="re-hash every file; exit 1 if any is missing, changed or unreferenced")
    verify.add_argument("--remove-unreferenced", action="store_true",
                        help="also delete files no document uses (left by an interrupted import)")
    verify.set_defaults(func=run_verify)
    listing = actions.add_parser("list", parents=[common], help="list qualifications and documents, with their ids")
    listing.set_defaults(func=run_list)


def _progress_printer() -> object:
    """A progress line on a terminal (nothing when the output is piped)."""
    if not sys.stderr.isatty():
        return lambda _done, _total: None
    last = [-1]

    def show(done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent != last[0]:
            last[0] = percent
            print(f"\r{percent:3d} %", end="", file=sys.stderr, flush=True)
    return show


def run_add(args: argparse.Namespace) -> int:
    if open_store(args) is None:
        return 2
    from desktop_app.services.core import crud
    from desktop_app.progress import Cancelled
    from desktop_app.services.vault.adding import add_documents

    for collection, wanted in (("qualifications", args.qualification), ("applications", args.application)):
        if wanted is not None:
            try:
                crud.get(collection, wanted)
            except crud.NotFound:
                print(f"afterview: nothing was added: there is no {crud.noun(collection)} {wanted} "
                      "(afterview vault list shows them).", file=sys.stderr)
                return 2
    try:
        report = add_documents(args.files, kind=args.kind, qualification_id=args.qualification,
                               application_id=args.application, progress=_progress_printer())  # type: ignore[arg-type]
    except (Cancelled, KeyboardInterrupt):
        print("\nafterview: stopped; the file being added was not kept.", file=sys.stderr)
        return 1
    except OSError as exc:  # the vault's disk: full, or gone (issue 14, case 7)
        from desktop_app.store.errors import disk_full_message, is_disk_full
        from desktop_app.cli.common import data_dir_of
        from desktop_app.services.exchange.calendar_export import plain_reason

        needed = sum(f.stat().st_size for f in args.files if f.is_file())
        reason = (disk_full_message(data_dir_of(args), needed) if is_disk_full(exc)
                  else f"Afterview could not write to its vault ({plain_reason(exc)}). Nothing was added.")
        print(f"\nafterview: {reason}", file=sys.stderr)
        return 1
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    for added in report.added:
        print(f"{added.message} [{added.document_id}]")
    for _name, reason in report.refused:
        print(f"afterview: not added: {reason}", file=sys.stderr)
    return 0 if report.ok else 1


def run_reattach(args: argparse.Namespace) -> int:
    if open_store(args) is None:
        return 2
    from desktop_app.progress import Cancelled
    from desktop_app.services.core import crud
    from desktop_app.services.vault.adding import NotTheSameFile, reattach_document
    from desktop_app.services.vault.pdf import VaultFileError

    try:
        added = reattach_document(args.document, args.file, different_ok=args.different_file,
                                  progress=_progress_printer())  # type: ignore[arg-type]
    except crud.NotFound:
        print(f"afterview: nothing was changed: there is no document {args.document} "
              "(afterview vault list shows them).", file=sys.stderr)
        return 2
    except NotTheSameFile as exc:
        print(f"afterview: nothing was changed: “{exc.chosen}” is not the file you first added as "
              f"“{exc.document}” (its fingerprint differs). To re-attach it anyway (“{exc.document}” then goes "
              "to the Trash), add --different-file.", file=sys.stderr)
        return 1
    except VaultFileError as exc:
        print(f"afterview: nothing was changed. {exc}", file=sys.stderr)
        return 1
    except (Cancelled, KeyboardInterrupt):
        print("\nafterview: stopped; nothing was changed.", file=sys.stderr)
        return 1
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    print(f"Re-attached {added.name} [{added.document_id}].")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    # removing unreferenced files changes the vault: only then is it a writer
    if open_store(args, writer=args.remove_unreferenced) is None:
        return 2
    from desktop_app.services.vault.verify import remove_unreferenced, verify_vault

    report = verify_vault(progress=_progress_printer())  # type: ignore[arg-type]
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    for line in report.lines():
        print(line)
    if args.remove_unreferenced and report.unreferenced:
        count = remove_unreferenced(report)
        print(f"Removed {count} unreferenced file{'s' if count != 1 else ''}.")
        return 0 if not (report.missing or report.changed) else 1
    return 0 if report.ok else 1


def run_list(args: argparse.Namespace) -> int:
    if open_store(args, writer=False, require_data=True) is None:
        return 2
    from desktop_app.services.vault.qualifications import list_document_rows, list_qualification_rows

    qualifications = list_qualification_rows()
    if qualifications:
        print("Qualifications:")
    for q in qualifications:
        print(f"[{q.id}] {q.title}" + (f" — {q.institution}" if q.institution else "")
              + (f" — {q.flag}" if q.flag else ""))
    rows = list_document_rows()
    print("Documents:" if rows else "The vault holds no documents yet.")
    for row in rows:
        linked = row.qualification or row.application or "not linked"
        print(f"[{row.id}] {vocab.label(vocab.DOCUMENT_KINDS, row.kind)}: {row.original_name} — "
              f"{row.pages} p., {row.size:,} bytes, {row.sha256[:12]} — {linked}")
    return 0
