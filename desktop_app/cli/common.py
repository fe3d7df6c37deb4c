"""What every sub-command shares: finding the data folder and opening the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def data_dir_of(args: argparse.Namespace) -> Path:
    from desktop_app.store.location import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


def open_store(args: argparse.Namespace) -> Path | None:
    """Open the data folder for a sub-command; prints the reason and returns None on failure."""
    from desktop_app.store.open import open_database
    from desktop_app.store.errors import StoreError

    folder = data_dir_of(args)
    try:
        open_database(folder)
    except StoreError as exc:
        print(f"afterview: {exc}", file=sys.stderr)
        return None
    return folder
