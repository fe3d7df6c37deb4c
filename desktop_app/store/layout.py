"""Every file and folder name inside the data folder, and the modes they are kept at.

One place, so that the code that writes a name and the code that cleans up after a
crash cannot disagree. Kept apart (and light: no zipfile, no hashlib, no peewee)
because the store imports it on every start, before the window is shown.

Layout of a data folder::

    afterview.sqlite3 (+ -wal, -shm)   the database
    vault/<ab>/<sha256>.pdf            the documents, stored by content
    backups/*.afterview-backup         automatic backups (daily, pre-migration, before-restore)
    opened/                            read-only copies handed to the system's PDF viewer
    cache/preview/<sha256>.pdf         flattened previews of stored documents (never backed up)
    afterview.lock                     locked by the one process that may change the data
    .temporary/                        registrations of temporary files being written
    window.ini                         window size and layout
    afterview.ics                      the live calendar (unless the user chose another place)
    reminding.lock                     locked while a window runs and reminds the user itself
"""

from __future__ import annotations

# ---------------------------------------------------------------- modes

#: Mode of every folder inside the data folder (and of the data folder itself): user-only.
FOLDER_MODE = 0o700
#: Mode of every file inside the data folder, and of the user's exports: user-only.
FILE_MODE = 0o600
#: Mode of a copy handed to the system's PDF viewer: read-only, so the viewer cannot change it.
VIEWER_COPY_MODE = 0o400

# ---------------------------------------------------------------- names

#: The SQLite database; SQLite keeps ``-wal`` and ``-shm`` files beside it while it is open.
DATABASE = "afterview.sqlite3"
#: The vault: ``vault/<first two hex digits>/<sha256>.pdf``, one file per content.
VAULT = "vault"
#: Name prefix of a vault import's temporary file in a vault folder (locked while it is
#: written; an unlocked one is a crash's leftover, removed when the store opens).
VAULT_TEMP_PREFIX = ".incoming-"
#: Suffix of every file still being written (a vault import, or :func:`desktop_app.files.atomic_write`,
#: whose temporary files are named ``.<target name>.<random>.part``).
PART_SUFFIX = ".part"
#: Folder of the read-only copies made for "Open in default viewer", removed at the next start.
OPENED = "opened"
#: Folder of what can be made again from the vault (``cache/preview``: flattened previews,
#: :mod:`desktop_app.services.vault.preview`). Never backed up, exported or restored.
CACHE = "cache"
#: Folder of the automatic backups (and of the database snapshot while one is being zipped).
BACKUPS = "backups"
#: File name ending of every backup archive, automatic or made by the user.
BACKUP_SUFFIX = ".afterview-backup"
#: Name prefix of the database snapshot taken while a backup is written (in ``backups``).
SNAPSHOT_PREFIX = ".snapshot-"
#: Written before a restore moves anything and deleted as its commit point; while it
#: exists, the next start puts the old data back.
RESTORE_MARKER = "restore-in-progress.json"
#: Name prefix of the folder a restore unpacks into before the swap.
RESTORE_STAGING_PREFIX = ".restore-staging-"
#: Name prefix of the folder the replaced data waits in until a restore has committed.
RESTORE_OLD_PREFIX = ".restore-old-"
#: Name prefix of a copy of damaged data being made; renamed to its final name once complete.
KEEP_ASIDE_PREFIX = ".keep-aside-"
#: The data folder's claim: locked by the one process that may change the data (the
#: window, or a command that writes), with an operating-system lock the kernel releases
#: when that process ends (see :mod:`desktop_app.store.claim`). Its content means nothing.
LOCK_FILE = "afterview.lock"
#: Folder of the registrations of temporary files a live process is writing (some
#: outside the data folder), so that the next start removes them after a crash.
TEMPORARY_REGISTRY = ".temporary"
#: The window's size, position and layout (``QSettings`` in INI format).
WINDOW_SETTINGS = "window.ini"
#: The live calendar (rewritten after every change), unless the user chose another place.
LIVE_CALENDAR = "afterview.ics"
#: Locked (operating-system lock) by a running window, which reminds the user itself, so
#: ``afterview remind`` stands aside (see :mod:`desktop_app.services.reminders`).
REMINDING_LOCK = "reminding.lock"
