"""``afterview contacts list [--json]``: everyone Afterview knows at employers and agencies, with ids."""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app.cli.common import open_store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    contacts = subparsers.add_parser("contacts", parents=[common], help="the people at employers and agencies")
    actions = contacts.add_subparsers(dest="contacts_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="list every contact, by name, with its id")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    """Print the contacts; 0, or 2 when the data folder cannot be opened."""
    if open_store(args, writer=False, require_data=True) is None:
        return 2
    from desktop_app.services.applications.contacts import list_all_contacts

    rows = list_all_contacts()
    if args.json:
        json.dump([{"id": r.contact.id, "name": r.contact.name, "title": r.contact.title, "kind": r.contact.kind,
                    "organisation_id": r.contact.organisation_id,
                    "organisation": r.contact.organisation_name or None, "email": r.contact.email,
                    "phone": r.contact.phone, "linkedin": r.contact.linkedin, "applications": r.applications,
                    "logged_contacts": r.logged,
                    "last_contact_at": r.last_contact_at.isoformat() if r.last_contact_at else None}
                   for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not rows:
        print("No contacts yet.")
        return 0
    for r in rows:
        c = r.contact
        where = ", ".join(p for p in (c.title, c.organisation_name) if p)
        reach = "  ".join(p for p in (c.email, c.phone) if p)
        print(f"{c.id:>4}  {c.name}{f' ({where})' if where else ''}{f'  {reach}' if reach else ''}")
    return 0
