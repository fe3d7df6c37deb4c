"""Adding documents to the vault: the file first, then its record; the same file only once.

Order matters for "nothing is ever lost": :func:`vault_files.store_file` puts a
complete, synced file in place, and only then is the database row committed. If the
row cannot be written, a file that was new is taken out again, so there is never a
record without its file and never a stray file from a refused import.

The same content added twice is recognised by its fingerprint ("Already in the vault
as leeds-transcript.pdf") and the existing record is linked instead of a copy made.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app import clock, vocab
from desktop_app.services.core import crud
from desktop_app.services.vault import files as vault_files
from desktop_app.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.services.core.records import ValidationError
from desktop_app.services.vault import signatures as vault_signatures
from desktop_app.services.vault.pdf import VaultFileError, display_name, true_name
from desktop_app.store import models as m
from desktop_app.store.db import db


@dataclass(frozen=True)
class Added:
    """One file taken in: the record that holds it, and what to tell the user."""

    document_id: int
    name: str
    pages: int
    #: True when the content was already in the vault (no new record unless the link differed)
    duplicate: bool
    message: str


@dataclass
class AddReport:
    """What happened to each file of one "Add documents" (it goes on past a refused file)."""

    added: list[Added] = field(default_factory=list)
    #: (file name, the reason in the user's words)
    refused: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused

    def lines(self) -> list[str]:
        return [a.message for a in self.added] + [reason for _, reason in self.refused]


def _check_links(kind: str, qualification_id: int | None, application_id: int | None) -> None:
    if kind not in vocab.DOCUMENT_KINDS:
        raise ValidationError("kind", f"{kind!r} is not one of {', '.join(vocab.DOCUMENT_KINDS)}")
    if qualification_id is not None:
        crud.get("qualifications", qualification_id)
    if application_id is not None:
        crud.get("applications", application_id)


def add_document(source: Path, *, kind: str = "other", qualification_id: int | None = None,
                 application_id: int | None = None, progress: ProgressFn = no_progress,
                 cancelled: CancelledFn = never_cancelled) -> Added:
    """Store ``source`` and record it. Raises :class:`VaultFileError`, ``ValidationError``,
    ``crud.NotFound`` or :class:`Cancelled` — in every case nothing has changed."""
    source = Path(source)
    name = display_name(source.name)
    _check_links(kind, qualification_id, application_id)  # before copying a large file for nothing
    stored = vault_files.store_file(source, progress=progress, cancelled=cancelled)
    renamed = ""
    if true_name(name, stored.kind) != name:  # a scan named as something else: said, and named right
        renamed = (f" “{name}” is really a {stored.kind.upper()} image, so it was kept as a scan "
                   f"named {true_name(name, stored.kind)}.")
        name = true_name(name, stored.kind)
    try:
        with db.atomic():
            existing = _existing_record(stored.sha256, qualification_id, application_id)
            if existing is not None:
                return _link_existing(existing, qualification_id, application_id)
            row = crud.create("documents", {
                "kind": kind, "qualification": qualification_id, "application": application_id,
                "original_name": name, "sha256": stored.sha256, "pages": stored.pages,
                "size": stored.size, "added_at": clock.utc_now().replace(microsecond=0)})
    except BaseException:
        if not stored.already_stored and not m.Document.select().where(
                m.Document.sha256 == stored.sha256).exists():
            vault_files.discard_file(stored.sha256)
        raise
    vault_signatures.note_signatures(stored.sha256)  # issue 16: "Digitally signed by … — intact"
    first = m.Document.select().where(m.Document.sha256 == stored.sha256).order_by(m.Document.id).first()
    if first.id != row.id:  # the content was there under another record, linked elsewhere
        also = m.Qualification.get_by_id(qualification_id).title if qualification_id else "the application"
        return Added(row.id, name, stored.pages, True,
                     f"Already in the vault as {first.original_name}; linked it to {also} too.")
    linked = m.Qualification.get_by_id(qualification_id).title if qualification_id else None
    where = f" to {linked}" if linked else ""
    return Added(row.id, name, stored.pages, False, f"Added {name} ({_pages(stored.pages)}){where}.{renamed}")


class NotTheSameFile(VaultFileError):
    """Re-attach was given a file whose fingerprint differs from the document's: said in the
    user's words, so that the caller can ask before a different file takes the document's place.
    Nothing changed when it is raised. ``chosen``/``document``: the two display names."""

    def __init__(self, chosen: str, document: str) -> None:
        super().__init__(not_the_same_file(chosen, document))
        self.chosen = chosen
        self.document = document


def reattach_document(document_id: int, source: Path, *, different_ok: bool = False,
                      progress: ProgressFn = no_progress, cancelled: CancelledFn = never_cancelled) -> Added:
    """Replace a document whose stored file changed or went missing with ``source`` (the user's
    own copy).

    The very file first added (same SHA-256, FIPS 180-4): the vault's damaged or missing copy
    is replaced and the record kept, silently. A file with another fingerprint is refused with
    :class:`NotTheSameFile` unless ``different_ok`` (the user confirmed it: issue 15, fresh eyes:
    an unrelated file had taken a transcript's place without a word); then the new file gets the
    old one's kind and links and the old record goes to the Trash (undoable). Raises what
    :func:`add_document` raises, or ``crud.NotFound`` when the document is gone; in every case
    nothing changed.
    """
    from desktop_app.services.vault import qualifications as vault_records

    old = crud.get("documents", document_id)
    if not different_ok:
        # Stored first, then compared: a scan's fingerprint is that of the PDF it is wrapped in.
        stored = vault_files.store_file(source, progress=progress, cancelled=cancelled)
        if stored.sha256 != old.sha256:
            from desktop_app.services.core import trash  # a document in the Trash still needs its file

            if not stored.already_stored and not m.Document.select().where(
                    m.Document.sha256 == stored.sha256).exists() and stored.sha256 not in trash.hashes_in_trash():
                vault_files.discard_file(stored.sha256)
            raise NotTheSameFile(display_name(Path(source).name), old.original_name)
    added = add_document(source, kind=old.kind, qualification_id=old.qualification_id,
                         application_id=old.application_id, progress=progress, cancelled=cancelled)
    if added.document_id != document_id:
        vault_records.remove_document(document_id)
    return added


def not_the_same_file(chosen: str, document: str) -> str:
    """The question asked before a different file replaces ``document`` (both display names)."""
    return (f"“{chosen}” is not the file you first added as “{document}” (its fingerprint differs). "
            f"Re-attach it anyway? It then takes the place of “{document}”, which goes to the Trash "
            "(Edit → Undo puts it back).")


def _pages(count: int) -> str:
    return "1 page" if count == 1 else f"{count} pages"


def _existing_record(sha256: str, qualification_id: int | None,
                     application_id: int | None) -> m.Document | None:
    """The record to reuse for content already in the vault, or None to make a new one.

    Reused: a record with the same links, or one that is linked to nothing the new
    link would overwrite. A record linked elsewhere keeps its link, and the file gets
    a second record (records share stored files).
    """
    candidates = list(m.Document.select().where(m.Document.sha256 == sha256).order_by(m.Document.id))
    for doc in candidates:
        if (qualification_id in (None, doc.qualification_id)
                and application_id in (None, doc.application_id)):
            return doc
    for doc in candidates:
        if ((qualification_id is None or doc.qualification_id is None)
                and (application_id is None or doc.application_id is None)):
            return doc
    return None


def _link_existing(doc: m.Document, qualification_id: int | None, application_id: int | None) -> Added:
    changed = []
    if qualification_id is not None and doc.qualification_id is None:
        doc.qualification = qualification_id
        changed.append(m.Qualification.get_by_id(qualification_id).title)
    if application_id is not None and doc.application_id is None:
        doc.application = application_id
        changed.append("the application")
    if changed:
        doc.save()
    message = f"Already in the vault as {doc.original_name}"
    message += f"; linked it to {' and '.join(changed)}." if changed else "."
    return Added(doc.id, doc.original_name, doc.pages, True, message)


def add_documents(sources: Sequence[Path], *, kind: str | None = None, qualification_id: int | None = None,
                  application_id: int | None = None, link_kinds: Collection[str] | None = None,
                  progress: ProgressFn = no_progress, cancelled: CancelledFn = never_cancelled) -> AddReport:
    """Add several files; a refused file is reported and the others still go in.

    ``kind`` None: guessed from each file's name (``rules.qualifications``).
    ``link_kinds``: link only documents of these kinds to ``qualification_id`` (files
    dropped while a qualification is selected: its transcript and certificate, not a CV). Progress
    counts the bytes of all files. Cancelling stops at once: the file being copied
    leaves nothing behind, the ones already added stay, and :class:`Cancelled` is raised.
    """
    from desktop_app.rules.qualifications import guess_document_kind

    sizes = [_size(Path(s)) for s in sources]
    total = sum(sizes)
    report = AddReport()
    done = 0
    for source, size in zip(sources, sizes):
        source = Path(source)

        def step(current: int, _total: int, base: int = done) -> None:
            progress(base + min(current, size), max(total, 1))

        this_kind = kind or guess_document_kind(source.name)
        linked = qualification_id if link_kinds is None or this_kind in link_kinds else None
        try:
            added = add_document(source, kind=this_kind,
                                 qualification_id=linked, application_id=application_id,
                                 progress=step, cancelled=cancelled)
        except Cancelled:
            raise
        except (VaultFileError, ValidationError, crud.NotFound) as exc:
            report.refused.append((display_name(source.name), _sentence(exc)))
        else:
            report.added.append(added)
        done += size
        progress(done, max(total, 1))
    return report


def _sentence(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return f"{exc.field}: {exc.message}"
    return str(exc)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0
