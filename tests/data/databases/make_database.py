"""Make the frozen database of a released schema version for ``tests/data/databases/``.

Run it with the *released* code on the path, never the working tree, so that the file
is what that release really wrote (version 1 was made from commit 162e321, Afterview
0.1.0; version 2 from commit 4040f3b, the round that added the Trash and countries)::

    git archive <release commit> | tar -x -C /tmp/released
    PYTHONPATH=/tmp/released .venv/bin/python tests/data/databases/make_database.py \
        tests/data/databases/v1.sqlite3

The database holds the sample data dated as if today were 25 Nov 2026 (with its two
vault documents), plus a row in every table the sample leaves empty, so that every
table has rows to survive a migration. It is written with 1 KiB pages and vacuumed,
which keeps the file to a few dozen KB (an empty table or index still takes a page);
the page size changes nothing a migration sees.

Raises ``FileExistsError`` if the output file exists: a released database is never
overwritten, only added.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

#: The sample's "today", as in ``tests/conftest.py``.
DEMO_TODAY = date(2026, 11, 25)


def fill(data_dir: Path) -> Path:
    """Make a store in ``data_dir`` with a few rows in every table; returns the database path."""
    from desktop_app.services.core.messages import get_template, save_template
    from desktop_app.services.exchange.demo import load_demo
    from desktop_app.services.today.due import dismiss, snooze
    from desktop_app.store import models as m
    from desktop_app.store.db import close_database, database_path
    from desktop_app.store.open import open_database

    open_database(data_dir)
    load_demo(DEMO_TODAY, with_documents=True)
    first, second = m.Application.select().order_by(m.Application.id).limit(2)
    snooze(f"last_say:application:{first.id}", date(2026, 11, 28))
    dismiss(f"last_say:application:{second.id}")
    thanks = get_template("thank_you")
    save_template("thank_you", thanks.subject, thanks.body + "\n\nPS: sent from the sample.")
    # made as the pack export records itself, without laying out the PDF
    m.PackExport.create(application=first, made_at=datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc),
                        referees=json.dumps(["Alex Morgan", "Zoë Fraser"], ensure_ascii=False),
                        documents="[]")
    m.PackExport.create(made_at=datetime(2026, 11, 21, 14, 0, tzinfo=timezone.utc),
                        referees=json.dumps(["Łukasz Nowak"], ensure_ascii=False))
    if hasattr(m, "TrashEntry"):  # version 2 on: the Trash and the countries have rows too
        from desktop_app.services.applications.pipeline import delete_application

        m.Profile.update(country="GB").execute()
        m.Organisation.update(country="GB").where(m.Organisation.id == m.Organisation.select(
            m.Organisation.id).order_by(m.Organisation.id).limit(1)).execute()
        last = m.Application.select().order_by(m.Application.id.desc()).first()
        delete_application(last.id)  # goes to the Trash
    close_database()
    return database_path(data_dir)


def main(out: Path) -> None:
    if out.exists():
        raise FileExistsError(f"{out} exists; a released database is never overwritten")
    with tempfile.TemporaryDirectory() as tmp:
        made = fill(Path(tmp) / "data")
        con = sqlite3.connect(made)
        try:
            empty = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                     if not con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]]
            if empty:
                raise SystemExit(f"tables without rows: {empty}")
            # the online backup API, so nothing still in a WAL file is left behind
            copy = sqlite3.connect(out)
            try:
                con.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
                copy.execute("PRAGMA page_size = 1024")
                copy.execute("VACUUM")
            finally:
                copy.close()
        finally:
            con.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
