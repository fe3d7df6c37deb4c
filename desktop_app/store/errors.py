"""Errors the store raises, each with a message written for the user."""

from __future__ import annotations


class StoreError(Exception):
    """The data folder or database cannot be used; ``str(error)`` is the user's message."""


class DataFolderError(StoreError):
    """The data folder is missing, not a folder, or not writable."""


class NotAnAfterviewDatabase(StoreError):
    """The database file exists but is not an SQLite database (or is damaged)."""


class NewerDatabase(StoreError):
    """The database was written by a newer Afterview than this one."""


class MigrationFailed(StoreError):
    """A schema step would have left the data inconsistent; that step was rolled back."""


class DamagedDatabase(NotAnAfterviewDatabase):
    """The database file is damaged (truncated, overwritten, not SQLite); it is never overwritten."""
