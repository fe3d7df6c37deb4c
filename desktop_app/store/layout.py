"""Names inside the data folder that the backup, the restore swap and start-up share.

Kept apart (and light: no zipfile, no hashlib) because the store imports it on
every start, before the window is shown.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE = "afterview.sqlite3"
VAULT = "vault"
BACKUP_SUFFIX = ".afterview-backup"


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
