"""The Trash: a deleted record goes here with everything that hung off it, for 30 days.

Deleting an application, referee, qualification, document or contact moves it to the
``trash_entry`` table (schema v2) instead of losing it: ``payload`` holds, as JSON,

- ``rows``: the record and every row the database deletes with it (``ON DELETE
  CASCADE``: an application's interviews, logged contacts, stage history, briefings,
  references given; a referee's briefings and references given), parent first, each
  as the stored column values (``{"table": …, "values": {column: value}}``);
- ``links``: rows that only pointed at it and lose that link (``ON DELETE SET NULL``:
  a document's link to the qualification or application, an application's recruiter),
  so that restoring puts the link back.

:func:`restore` puts everything back in one transaction (a row whose number was taken
since gets a new one, and what pointed at it follows); a link to a record that has
since gone stays empty. A document's file stays in the vault while its record is in
the Trash; emptying the Trash removes it when no other record uses it. Entries older
than :data:`KEEP_DAYS` go when the Trash is next looked at (:func:`purge_expired`).
Emptying takes an automatic backup first (the caller's ``backup`` function), so
even that can be undone from File → Restore….

Every delete is also the last thing Edit → Undo undoes (:mod:`desktop_app.services.core.undo`).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from desktop_app import clock
from desktop_app.services.core import undo
from desktop_app.store import models as m
from desktop_app.store.db import db

#: How long a deleted record is kept (days).
KEEP_DAYS = 30

#: The kinds that go to the Trash: collection → (model, noun the user reads).
KINDS: dict[str, tuple[type[m.BaseModel], str]] = {
    "applications": (m.Application, "application"),
    "referees": (m.Referee, "referee"),
    "qualifications": (m.Qualification, "qualification"),
    "documents": (m.Document, "document"),
    "contacts": (m.Contact, "contact"),
}


class TrashError(LookupError):
    """A Trash entry or record that does not exist (any more); ``str()`` says so in words."""


@dataclass(frozen=True)
class TrashItem:
    """One entry as the Trash view and ``afterview trash list`` show it."""

    id: int
    kind: str  # a key of KINDS
    noun: str  # "application", "referee" …
    label: str
    deleted_at: datetime
    #: how many other rows went with it (interviews, briefings …)
    with_rows: int

    @property
    def expires_on(self) -> datetime:
        return self.deleted_at + timedelta(days=KEEP_DAYS)


# ---------------------------------------------------------------- capturing

def _row_values(model: type[m.BaseModel], row_id: int) -> dict[str, Any] | None:
    """The stored values of one row, exactly as SQLite keeps them (text, numbers, NULL)."""
    table = model._meta.table_name
    cursor = db.execute_sql(f'SELECT * FROM "{table}" WHERE "id" = ?', (row_id,))
    names = [d[0] for d in cursor.description]
    found = cursor.fetchone()
    return None if found is None else dict(zip(names, found))


def _dependents(model: type[m.BaseModel]) -> list[tuple[type[m.BaseModel], Any]]:
    """(model, foreign key field) of every table that points at ``model``."""
    out = []
    for child in m.ALL_MODELS:
        for fk in child._meta.refs:
            if fk.rel_model is model:
                out.append((child, fk))
    return out


def _capture(model: type[m.BaseModel], row_id: int, rows: list[dict[str, Any]],
             links: list[dict[str, Any]], seen: set[tuple[str, int]]) -> None:
    key = (model._meta.table_name, row_id)
    if key in seen:
        return
    values = _row_values(model, row_id)
    if values is None:
        return
    seen.add(key)
    rows.append({"table": model._meta.table_name, "values": values})
    for child, fk in _dependents(model):
        ids = [r[0] for r in db.execute_sql(
            f'SELECT "id" FROM "{child._meta.table_name}" WHERE "{fk.column_name}" = ?', (row_id,))]
        for child_id in ids:
            if fk.on_delete == "CASCADE":
                _capture(child, child_id, rows, links, seen)
            elif fk.on_delete == "SET NULL":
                links.append({"table": child._meta.table_name, "id": child_id, "column": fk.column_name,
                              "to_table": model._meta.table_name, "to_id": row_id})


def _label(kind: str, row: m.BaseModel) -> str:
    if kind == "applications":
        employer = m.Organisation.get_or_none(m.Organisation.id == row.employer_id)
        return f"{row.role} at {employer.name}" if employer else str(row.role)
    if kind == "documents":
        return str(row.original_name)
    if kind == "qualifications":
        return str(row.title)
    return str(row.name)


def move_to_trash(kind: str, record_id: int, *, remove: Callable[[], None] | None = None) -> int:
    """Delete the record ``kind``/``record_id`` into the Trash; returns the Trash entry's id.

    ``remove`` does the deleting itself when the domain has more to do than a row
    delete (e.g. a contact's name written onto logged contacts first); by default
    the row is deleted and SQLite's foreign keys take what hangs off it. All in one
    transaction. Raises :class:`TrashError` when the record no longer exists. Pushes
    the step that Edit → Undo undoes.
    """
    model, noun = KINDS[kind]
    with db.atomic():
        row = model.get_or_none(model.id == record_id)
        if row is None:
            raise TrashError(f"This {noun} no longer exists.")
        label = _label(kind, row)
        rows: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        _capture(model, record_id, rows, links, set())
        if remove is not None:
            remove()
        else:
            row.delete_instance()
        # the token, not the id, names this entry for Undo: SQLite gives an emptied
        # entry's id to the next one, and a restore or import brings other entries
        token = secrets.token_hex(16)
        entry = m.TrashEntry.create(kind=kind, label=label, deleted_at=clock.utc_now(),
                                    payload=json.dumps({"rows": rows, "links": links, "token": token}))
    undo.push(f"Delete {noun} “{label}”", lambda: restore(entry.id, token=token), kind="trash")
    return entry.id


# ---------------------------------------------------------------- restoring

def restore(entry_id: int, *, token: str | None = None) -> str:
    """Put a Trash entry back, all of it, in one transaction; returns its label.

    ``token``: the entry must also be the one made with that token (Edit → Undo's way
    of naming it; an id is reused). Raises :class:`TrashError` when the entry is not in
    the Trash (any more).
    """
    entry = m.TrashEntry.get_or_none(m.TrashEntry.id == entry_id)
    if entry is None:
        raise TrashError(f"There is no entry {entry_id} in the Trash." if token is None
                         else "it is no longer in the Trash")
    payload = json.loads(entry.payload)
    if token is not None and payload.get("token") != token:
        raise TrashError("it is no longer in the Trash")
    with db.atomic():
        new_ids: dict[tuple[str, int], int] = {}
        for item in payload["rows"]:
            _insert(item["table"], dict(item["values"]), new_ids)
        for link in payload["links"]:
            target = new_ids.get((link["to_table"], link["to_id"]))
            if target is None:
                continue
            db.execute_sql(f'UPDATE "{link["table"]}" SET "{link["column"]}" = ? '
                           f'WHERE "id" = ? AND "{link["column"]}" IS NULL', (target, link["id"]))
        entry.delete_instance()
    return str(entry.label)


def _model_of(table: str) -> type[m.BaseModel]:
    return next(model for model in m.ALL_MODELS if model._meta.table_name == table)


def _insert(table: str, values: dict[str, Any], new_ids: dict[tuple[str, int], int]) -> None:
    """Insert one captured row; references follow rows given a new number; a row that can no
    longer be linked (its parent has gone and the link may not be empty) is left out."""
    import peewee

    model = _model_of(table)
    for fk in model._meta.refs:
        old = values.get(fk.column_name)
        if old is None:
            continue
        parent = fk.rel_model._meta.table_name
        if (parent, old) in new_ids:
            values[fk.column_name] = new_ids[(parent, old)]
        elif _row_values(fk.rel_model, old) is None:
            if not fk.null:
                return  # e.g. a briefing whose referee was deleted for good since
            values[fk.column_name] = None
    old_id = values["id"]
    if _row_values(model, old_id) is not None:
        del values["id"]  # its number was given to a new record meanwhile
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" for _ in values)
    try:
        with db.atomic():
            cursor = db.execute_sql(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(values.values()))
    except peewee.IntegrityError:
        return  # the same thing was entered again meanwhile (a unique pair): keep the newer one
    new_ids[(table, old_id)] = values.get("id", cursor.lastrowid)


# ---------------------------------------------------------------- listing and emptying

def list_trash(*, now: datetime | None = None, purge: bool = True) -> list[TrashItem]:
    """What is in the Trash, newest first (expired entries are removed first).

    ``purge=False``: nothing is written (a reader beside the window, ``afterview trash
    list``); expired entries are left out of the list instead of removed.
    """
    if purge:
        purge_expired(now=now)
    limit = (now or clock.utc_now()) - timedelta(days=KEEP_DAYS)
    items = []
    for entry in m.TrashEntry.select().where(m.TrashEntry.deleted_at >= limit).order_by(m.TrashEntry.deleted_at.desc(), m.TrashEntry.id.desc()):
        try:
            rows = len(json.loads(entry.payload)["rows"]) - 1
        except (ValueError, KeyError, TypeError):
            rows = 0
        items.append(TrashItem(entry.id, entry.kind, KINDS.get(entry.kind, (None, entry.kind))[1],
                               entry.label, entry.deleted_at, rows))
    return items


def count() -> int:
    return m.TrashEntry.select().count()


def _document_hashes(entries: list[m.TrashEntry]) -> set[str]:
    hashes = set()
    for entry in entries:
        try:
            rows = json.loads(entry.payload)["rows"]
        except (ValueError, KeyError, TypeError):
            continue
        hashes |= {r["values"]["sha256"] for r in rows if r.get("table") == m.Document._meta.table_name}
    return hashes


def hashes_in_trash() -> set[str]:
    """The vault files that documents in the Trash need (Verify vault must not call them unused)."""
    return _document_hashes(list(m.TrashEntry.select()))


def _delete_entries(entries: list[m.TrashEntry]) -> int:
    """Delete entries for good, then the vault files no record or other entry needs."""
    from desktop_app.services.vault import files as vault_files

    hashes = _document_hashes(entries)
    with db.atomic():
        for entry in entries:
            entry.delete_instance()
    still_needed = hashes_in_trash()
    for sha in hashes - still_needed:
        if not m.Document.select().where(m.Document.sha256 == sha).exists():
            try:
                vault_files.discard_file(sha)
            except OSError:
                pass  # an unused file: Verify vault reports it and offers to remove it
    return len(entries)


def purge_expired(*, now: datetime | None = None) -> int:
    """Delete for good the entries older than :data:`KEEP_DAYS`; returns how many."""
    limit = (now or clock.utc_now()) - timedelta(days=KEEP_DAYS)
    old = list(m.TrashEntry.select().where(m.TrashEntry.deleted_at < limit))
    return _delete_entries(old) if old else 0


def _backup_first() -> object:
    from desktop_app.services import backup
    from desktop_app.store.backup.automatic import BEFORE_EMPTYING_TRASH

    return backup.backup_before(BEFORE_EMPTYING_TRASH)


def empty(*, backup: Callable[[], object] = _backup_first) -> int:
    """Delete everything in the Trash for good; returns how many entries.

    ``backup()`` runs first (by default an automatic ``before-emptying-trash`` backup of
    the whole data folder, so even this can be undone from File → Restore…); if it
    raises (``services.backup.BackupError``: a full disk…), nothing is deleted and the
    error propagates.
    """
    entries = list(m.TrashEntry.select())
    if not entries:
        return 0
    backup()
    emptied = _delete_entries(entries)
    undo.forget("trash")  # their Undo steps could only say they can no longer be undone
    return emptied
