"""What every sub-command shares: finding the data folder and opening the store.

A command that changes data opens the store as a *writer*: it first takes the data
folder's claim (:mod:`desktop_app.store.claim`), which the window holds for as long
as it is open, and keeps it until the command ends (the kernel releases it if the
command is killed). While another process holds it, the command says so and changes
nothing. A command that only reads (``due``, ``data export``, ``vault list``) opens
the store with ``writer=False`` and runs beside the window (SQLite's WAL).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: exit status of a command refused because another process is changing the data
BUSY_EXIT = 3


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data folder the command works on (``--data-dir``, the environment, or the default)."""
    from desktop_app.store.location import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


def claim_data_dir(folder: Path) -> bool:
    """Take the data folder's claim for the rest of this command; prints why not and returns False.

    Released by :func:`release_claims` (``afterview``'s ``main`` calls it when the command
    ends) or by the kernel when the process ends.
    """
    from desktop_app.store.claim import take_claim
    from desktop_app.store.errors import StoreError
    from desktop_app.store.location import prepare_data_dir

    from desktop_app.store.claim import DataFolderBusy

    try:
        prepare_data_dir(folder)
        take_claim(folder)
    except DataFolderBusy as exc:
        print(f"afterview: {_busy_words(folder, exc)}", file=sys.stderr)
        return False
    except StoreError as exc:
        print(f"afterview: {exc}", file=sys.stderr)
        return False
    return True


def _busy_words(folder: Path, exc: Exception) -> str:
    """Why a writer is refused: a running window (it may be hidden in the tray, issue #17)
    is told apart from another command, so the user knows what to quit."""
    from desktop_app.services.reminders import window_is_reminding

    if window_is_reminding(folder):
        return (f"Afterview is open on the data folder {folder} (it may be waiting in the tray). "
                "Quit Afterview from its tray icon (or close its window) and try again. "
                "Nothing has been changed.")
    return str(exc)


def refresh_live_calendar(args: argparse.Namespace, status: int) -> None:
    """After a command that held the writer's claim: rewrite the live calendar (issue #17).

    Done here, once for every command that changes data (``log``, ``data import``,
    ``trash restore``, ``import vcard|csv``, ``backup restore``, ``vault add`` …), so a
    calendar app subscribed to the ``.ics`` never shows what the data no longer says.
    Also after a failure (``status`` not 0) while the database is still open: part of
    the change may have been made (a ``vault add`` of several files). A calendar that
    cannot be written is said in plain words on stderr; the command's status stands.
    """
    from desktop_app.store.claim import holds_claim

    folder = data_dir_of(args)
    if not holds_claim(folder):
        return  # a reader, or a writer that was refused: nothing changed here
    from desktop_app.store.db import db

    try:
        if db.obj is None or db.is_closed():
            if status != 0:
                return  # e.g. a restore that failed: leave the folder as the command left it
            from desktop_app.store.open import open_database

            open_database(folder)
        from desktop_app.services.exchange import calendar_export

        calendar_export.write_live_calendar(folder)
    except OSError as exc:
        from desktop_app.services.exchange.calendar_export import plain_reason

        print(f"afterview: the calendar file could not be updated: {plain_reason(exc)}", file=sys.stderr)
    except Exception:  # noqa: BLE001 - the command's own outcome was already said; the window rewrites it later
        return


def release_claims() -> None:
    """Give back the claims this process took (the command has finished)."""
    if "desktop_app.store.claim" in sys.modules:
        from desktop_app.store.claim import release_all

        release_all()


def open_store(args: argparse.Namespace, *, writer: bool = True, require_data: bool = False) -> Path | None:
    """Open the data folder for a sub-command; prints the reason and returns None on failure.

    ``writer`` (the default, the safe side): the command changes data, so it takes the
    data folder's claim first and is refused while the window or another writing
    command is at work. ``writer=False``: it only reads; it runs beside them, and
    updates an older database's schema only when nobody else is writing.
    ``require_data`` (readers that list or export the user's records): a folder without
    Afterview data is said so and :class:`NoAfterviewData` raised, nothing created there.
    """
    from desktop_app.store.claim import busy_message, sweeping
    from desktop_app.store.errors import StoreError
    from desktop_app.store.open import open_database, open_database_for_reading

    folder = data_dir_of(args)
    if not writer and require_data:
        _exit_without_data(folder)
    if writer and not claim_data_dir(folder):
        return None
    try:
        if writer:
            open_database(folder)
        else:
            from desktop_app.store.location import prepare_data_dir

            prepare_data_dir(folder)
            with sweeping(folder) as nobody_writing:
                database = open_database_for_reading(folder, nobody_writing=nobody_writing)
                if not nobody_writing and not _at_newest_version(database):
                    print(f"afterview: {busy_message(folder)}", file=sys.stderr)
                    return None
    except StoreError as exc:
        print(f"afterview: {exc}", file=sys.stderr)
        return None
    return folder


#: exit status of a reading command run on a folder that holds no Afterview data
NO_DATA_EXIT = 1


class NoAfterviewData(Exception):
    """A reading command was pointed at a folder with no Afterview data; already said on stderr.
    ``afterview``'s ``main`` ends the command with :data:`NO_DATA_EXIT`."""


def _exit_without_data(folder: Path) -> None:
    """A reading command on a folder with no Afterview database: say so and end the command with
    :data:`NO_DATA_EXIT`, before anything is created there (a mistyped ``--data-dir`` must not
    become a new, empty data folder that then "has no contacts").

    Used by the readers of the user's records: ``contacts list``, ``organisations list|show``,
    ``applications list``, ``due``, ``data export``, ``export csv`` and ``vault list``.
    Raises :class:`NoAfterviewData`.
    """
    from desktop_app.store.layout import DATABASE

    if not (folder / DATABASE).is_file():
        print(f"afterview: There is no Afterview data in {folder}", file=sys.stderr)
        raise NoAfterviewData(str(folder))


def _at_newest_version(database: object) -> bool:
    from desktop_app.store.migrations import current_version, latest_version

    return current_version(database) == latest_version()  # type: ignore[arg-type]
