"""``afterview log APPLICATION_ID --channel C --purpose P [--at MOMENT] [--to CONTACT_ID] [--anyway]``.

Log a contact with an application, as the window's *Log contact…* does, asking the same
too-soon question (``services.applications.interactions.gap_warning``, rule 6): when a
follow-up would come too soon and ``--anyway`` is not given, the warning is printed and
the command exits with status 3, changing nothing. A thank-you, a senior-contact letter,
a reference or a re-approach is never too soon. Opens the store as a writer
(``cli.common.open_store``): refused while another writer holds the data folder.

A contact dated in the future is refused (exit 2, nothing changed); one dated before the
application's day is logged with a warning on standard error ("This is before you applied …").

Exit status: 0 logged; 1 bad input (nothing changed); 2 the data folder cannot be opened,
or ``--at`` is in the future (nothing changed); 3 too soon (nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, time

from desktop_app import clock, vocab
from desktop_app.cli.common import open_store
from desktop_app.cli.due import _day

#: exit status when the contact would chase too soon and ``--anyway`` was not given
TOO_SOON_EXIT = 3


def _moment(text: str) -> datetime:
    """``--at``: ISO 8601 (``2026-11-30T14:05``, with or without an offset; none = this computer's
    time zone) or a day alone (``2026-11-30``: the current time of day on that day)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date and time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    if len(text.strip()) == 10:  # a day alone
        value = datetime.combine(value.date(), clock.now().astimezone().time().replace(microsecond=0))
    return value if value.tzinfo is not None else value.astimezone()


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    log = subparsers.add_parser("log", parents=[common], help="log a contact (call, email, LinkedIn …) "
                                "with an application; warns when a follow-up comes too soon")
    log.add_argument("application_id", type=int, metavar="APPLICATION_ID",
                     help="the application's id (see: afterview applications list)")
    log.add_argument("--channel", required=True, choices=list(vocab.CHANNELS), help="how")
    log.add_argument("--purpose", required=True, choices=list(vocab.PURPOSES), help="what for")
    log.add_argument("--direction", default="outgoing", choices=list(vocab.DIRECTIONS),
                     help="outgoing (you contacted them, the default) or incoming (they contacted you)")
    log.add_argument("--at", type=_moment, default=None, metavar="MOMENT",
                     help="when (YYYY-MM-DD or YYYY-MM-DDTHH:MM, default: now)")
    log.add_argument("--to", type=int, default=None, metavar="CONTACT_ID", help="the person (a contact's id; default: the one the next step names, as the window does)")
    log.add_argument("--summary", default="", help="a line about what was said")
    log.add_argument("--reply-received", action="store_true", help="they have already answered it")
    log.add_argument("--anyway", action="store_true", help="log it even when it comes too soon")
    log.add_argument("--today", type=_day, default=None, metavar="YYYY-MM-DD",
                     help="check --at against the end of this day instead of now (replaying a diary); "
                          "a contact after it is refused")
    log.set_defaults(func=run_log)


def run_log(args: argparse.Namespace) -> int:
    """Log the contact; see the module docstring for the exit status."""
    if open_store(args) is None:
        return 2
    from desktop_app.services.applications import interactions
    from desktop_app.services.core.crud import NotFound
    from desktop_app.services.core.validation import ValidationError

    at = args.at or clock.now()
    to, person = args.to, None
    if to is None:
        from desktop_app.services.applications.drafts import next_step_person

        try:
            person = next_step_person(args.application_id, args.today or at.astimezone().date())
        except NotFound:
            person = None  # said below, with the other checks of the application
        if person is not None:
            to = person[0]
    values = {"application": args.application_id, "contact": to, "at": at, "channel": args.channel,
              "direction": args.direction, "purpose": args.purpose, "summary": args.summary,
              "reply_received": args.reply_received}
    try:
        try:
            reference = None
            if args.today is not None:  # the end of that day: anything on it has happened
                reference = datetime.combine(args.today, time(23, 59, 59)).astimezone()
            doubt = interactions.date_warning(args.application_id, at, now=reference)
        except NotFound:
            # the window's "no longer exists" is for a row deleted under it; here the id was typed
            print(f"afterview: There is no application {args.application_id}. Nothing was logged.", file=sys.stderr)
            return 1
        except ValidationError as exc:
            # a contact in the future cannot be logged: a usage error, as for any bad --at
            print(f"afterview: nothing was logged. {exc.message}", file=sys.stderr)
            return 2
        warning = interactions.gap_warning(args.application_id, at, args.direction, args.purpose)
        if warning is not None and not args.anyway:
            print(f"afterview: too soon to follow up? {warning.sentence()} Nothing was logged; "
                  "add --anyway to log it all the same.", file=sys.stderr)
            return TOO_SOON_EXIT
        new_id = interactions.log_interaction(values)
        if doubt is not None:
            print(f"afterview: {doubt} Logged all the same.", file=sys.stderr)
    except NotFound as exc:
        print(f"afterview: nothing was logged. {exc}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(f"afterview: nothing was logged. {exc}", file=sys.stderr)
        return 1
    print(f"Logged contact {new_id} with application {args.application_id}.")
    if person is not None:
        print(f"With {person[1]}: the person the next step names (--to chooses another).")
    return 0
