"""``afterview organisations list|show``: each employer's and agency's memory (the Organisations tab's twin)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop_app import clock, vocab
from desktop_app.cli.common import open_store
from desktop_app.dates import parse_iso_day


def _day(text: str) -> Any:
    try:
        return parse_iso_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    orgs = subparsers.add_parser("organisations", parents=[common],
                                 help="employers and agencies: applications, outcomes, replies, re-approach")
    actions = orgs.add_subparsers(dest="organisations_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="every organisation, by name, with its id")
    show = actions.add_parser("show", parents=[common], help="the whole memory of one organisation")
    show.add_argument("id", type=int, metavar="ID", help="the organisation's id (from organisations list)")
    for parser, func in ((listing, run_list), (show, run_show)):
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--today", type=_day, metavar="YYYY-MM-DD", default=None,
                            help="as of this day (default: today)")
        parser.set_defaults(func=func)


def _summary_json(s: Any, today: Any) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "country": s.country, "kind": s.kind, "applications": s.applications,
            "live": s.live, "rejected": s.rejected, "offers": s.offers, "with_feedback": s.with_feedback,
            "people": s.people, "logged_contacts": s.logged, "median_reply_days": s.median_reply_days,
            "last_say": s.last_say, "last_contact_on": s.last_contact_on.isoformat() if s.last_contact_on else None,
            "re_approach": None if s.re_approach is None else {
                "from": s.re_approach[0].isoformat(), "until": s.re_approach[1].isoformat(),
                "state": s.re_approach_state(today)}}


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:g} days"


def _last_say(value: bool | None) -> str:
    return {None: "nothing logged", True: "you", False: "they"}[value]


def run_list(args: argparse.Namespace) -> int:
    """Print the organisations; 0, or 2 when the data folder cannot be opened."""
    if open_store(args, writer=False, require_data=True) is None:
        return 2
    from desktop_app.services.applications.organisation_memory import organisation_summaries

    today = args.today or clock.today()
    rows = organisation_summaries(today=today)
    if args.json:
        json.dump([_summary_json(s, today) for s in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for s in rows:
        apps = {0: "no applications", 1: "1 application"}.get(s.applications, f"{s.applications} applications")
        # "feedback 0 of 1", as the window says it: of how many the feedback came for
        print(f"{s.id:>4}  {s.name} ({s.kind}): {apps}, {s.rejected} rejected, "
              f"feedback {s.with_feedback} of {s.applications}, median reply {_days(s.median_reply_days)}")
    if not rows:
        print("No organisations yet.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print one organisation's memory; 0, 1 when there is no such organisation, 2 when the folder cannot be opened."""
    if open_store(args, writer=False, require_data=True) is None:
        return 2
    from desktop_app.services.applications.organisation_memory import organisation_memory
    from desktop_app.services.core.crud import NotFound

    today = args.today or clock.today()
    try:
        memory = organisation_memory(args.id, today=today)
    except NotFound:
        print(f"afterview: there is no organisation {args.id} (see: afterview organisations list)", file=sys.stderr)
        return 1
    s = memory.summary
    if args.json:
        out = _summary_json(s, today)
        out["website"] = memory.website
        out["applications_list"] = [{
            "id": a.id, "role": a.role, "employer": a.employer, "agency": a.agency, "as": a.as_role,
            "applied_on": a.applied_on.isoformat(), "stage": a.stage, "stage_on": a.stage_on.isoformat(),
            "feedback_on": a.feedback_on.isoformat() if a.feedback_on else None, "has_feedback": a.has_feedback,
            "reply_days": list(a.reply_days),
            "re_approach": None if a.re_approach is None else {
                "from": a.re_approach[0].isoformat(), "until": a.re_approach[1].isoformat()}}
            for a in memory.applications]
        out["people"] = [{"id": c.id, "name": c.name, "title": c.title, "kind": c.kind, "email": c.email,
                          "phone": c.phone} for c in memory.people]
        out["contacts"] = [{"id": x.id, "application": x.application_id, "at": x.at.isoformat(),
                            "direction": x.direction, "channel": x.channel, "purpose": x.purpose,
                            "person": x.person or None, "summary": x.summary} for x in memory.contacts]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"{s.name}  ({s.kind}{f', {s.country}' if s.country else ''})")
    print(f"Applications: {s.applications} ({s.live} live, {s.rejected} rejected, {s.offers} offers); "
          f"feedback came for {s.with_feedback} of {s.applications}")
    print(f"Median days to reply: {_days(s.median_reply_days)}; last say: {_last_say(s.last_say)}")
    if s.re_approach:
        start, end = s.re_approach
        state = {"opens": "not open yet", "open": "open now", "closed": "closed"}[s.re_approach_state(today)]
        print(f"Re-approach window: {start.isoformat()} to {end.isoformat()} ({state})")
    for a in memory.applications:
        print(f"  {a.applied_on.isoformat()}  {a.role} — {vocab.label(vocab.STAGES, a.stage)} "
              f"since {a.stage_on.isoformat()}{'' if a.as_role == 'employer' else f' (for {a.employer})'}"
              f"{', feedback ' + a.feedback_on.isoformat() if a.feedback_on else ''}")
    if memory.people:
        print("People:")
        for c in memory.people:
            print(f"  {c.name}{f', {c.title}' if c.title else ''} — {vocab.label(vocab.CONTACT_KINDS, c.kind)}")
    if memory.contacts:
        print("Logged contacts:")
        for x in memory.contacts:
            arrow = "→" if x.direction == "outgoing" else "←"
            print(f"  {x.at.astimezone().date().isoformat()}  {arrow} {x.person or '—'} · "
                  f"{vocab.label(vocab.PURPOSES, x.purpose)} · {x.role}{f': {x.summary}' if x.summary else ''}")
    return 0
