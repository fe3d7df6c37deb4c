"""``afterview remind [--today DATE] [--dry-run]``: the daily notification, from cron or a timer.

Sends one desktop notification of what became due since the user was last told
(through the freedesktop notification service on the session D-Bus), at most once a
day, sharing its "already told" state with the tray of a running window
(:mod:`desktop_app.services.reminders`). ``--dry-run`` prints what it would say and
records nothing (the live calendar is rewritten after every writing command, in
``cli/common.py``). While Afterview runs (in its tray or its window) it reminds the user
itself, and ``remind`` does nothing. The process ends at once, so the notification has no
button (nothing would be left to answer it): its text says to open Afterview. The session
bus is found as :func:`desktop_app.desktop_notifications.session_bus_address` says (cron
sets no ``DBUS_SESSION_BUS_ADDRESS``). Exit status: 0 when done (sent, nothing to send,
or a running Afterview reminds), 1 when the notification could not be shown (nothing is
recorded then, so the next run tries again), 2 when the data folder cannot be opened.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from desktop_app import clock
from desktop_app.cli.common import open_store
from desktop_app.dates import parse_iso_day

#: What ``remind`` says when a running Afterview reminds the user itself (exit status 0).
RUNNING = "Afterview is running and reminds you itself; nothing to do."
#: The end of the notification's text: this process cannot answer a click, so the text says what to do.
OPEN_TO_SEE = "Open Afterview to see them."


def _day(text: str) -> date:
    try:
        return parse_iso_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    remind = subparsers.add_parser(
        "remind", parents=[common],
        help="send today's desktop notification of what became due (once a day)",
        description="Send one desktop notification of what became due since the last one, at most "
                    "once a day (the window's tray shares the same record). Usable from cron, a "
                    "systemd timer or Task Scheduler.")
    remind.add_argument("--today", type=_day, metavar="YYYY-MM-DD", default=None,
                        help="evaluate the advice as of this day (default: today)")
    remind.add_argument("--dry-run", action="store_true",
                        help="print what the notification would say; send and record nothing")
    remind.set_defaults(func=run_remind)


def run_remind(args: argparse.Namespace) -> int:
    # a dry run only reads: it runs beside an open window. A real run records what it told,
    # so it needs the writer's claim; while the window runs, it reminds the user itself.
    if not args.dry_run:
        from desktop_app.cli.common import data_dir_of
        from desktop_app.services.reminders import window_is_reminding

        if window_is_reminding(data_dir_of(args)):
            print(RUNNING)
            return 0
    folder = open_store(args, writer=not args.dry_run)
    if folder is None:
        return 2
    from desktop_app import desktop_notifications
    from desktop_app.services import reminders

    today = args.today or clock.today()
    if not reminders.notifications_enabled():
        print("Notifications are turned off (Settings → Reminders); nothing was sent.")
        return 0
    if args.dry_run:
        if reminders.told_today(today):
            print(f"Already told on {today.isoformat()}: a run now would send nothing.")
            return 0
        would = reminders.pending(today)
        if would is None:
            print(f"Nothing new is due on {today.isoformat()}: a run now would send nothing.")
        else:
            print(f"{would.title}\n{would.sentence}")
        return 0
    reminder = reminders.claim_today(today)
    if reminder is None:
        reason = "already told today" if reminders.told_today(today) else "nothing new is due"
        print(f"No notification sent: {reason}.")
        return 0
    body = f"{reminder.sentence}. {OPEN_TO_SEE}"
    try:
        desktop_notifications.send(reminder.title, body)
    except desktop_notifications.NotificationUnavailable as exc:
        reminders.release(reminder)
        print(f"afterview: the notification could not be shown: {exc}. Nothing was recorded; "
              f"the next run will try again.", file=sys.stderr)
        return 1
    print(f"Sent: {reminder.title}\n{body}")
    return 0
