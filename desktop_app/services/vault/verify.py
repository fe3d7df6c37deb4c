"""Verify vault: re-hash every stored file and compare it with what the records say.

Three things can be wrong: a record's file is **missing**, a file has **changed**
(its content no longer matches the fingerprint it is stored under — a disk fault, or
someone edited it), or a file is **unreferenced** (no record uses it: an import was
interrupted after the file was stored, or a record was removed during a crash).
Verifying only reads; :func:`remove_unreferenced` tidies the last kind on request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.services.vault import files as vault_files
from desktop_app.progress import CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.store import models as m


#: The next step for a missing or changed file, in the words of the Vault tab's button (issue 15,
#: fresh eyes: verify's "Add a good copy again, then remove the damaged one" was a second vocabulary).
REATTACH_ADVICE = ("Re-attach it from your own copy (Vault tab: select it, then Re-attach…; or: "
                   "afterview vault reattach ID FILE, the ID as afterview vault list shows it), or remove it.")


@dataclass(frozen=True)
class Problem:
    sha256: str
    #: the names the records give this file (empty for an unreferenced file)
    names: tuple[str, ...]
    path: Path


@dataclass(frozen=True)
class VerifyReport:
    checked: int
    missing: tuple[Problem, ...] = field(default=())
    changed: tuple[Problem, ...] = field(default=())
    unreferenced: tuple[Problem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.unreferenced)

    def lines(self) -> list[str]:
        """The report in sentences, one per problem, the good news when there is none."""
        if self.ok:
            files = "1 file" if self.checked == 1 else f"{self.checked} files"
            return [f"All is well: {files} checked, each matches its fingerprint."]
        out = []
        for p in self.missing:
            out.append(f"Missing: {', '.join(p.names)} — the file is gone from the vault "
                       f"({p.sha256[:12]}). {REATTACH_ADVICE}")
        for p in self.changed:
            out.append(f"Changed: {', '.join(p.names)} — the file no longer matches its fingerprint "
                       f"({p.sha256[:12]}). {REATTACH_ADVICE}")
        for p in self.unreferenced:
            out.append(f"Unreferenced: {p.path.name} — no document uses this file "
                       "(left by an interrupted import).")
        return out


def verify_vault(*, progress: ProgressFn = no_progress, cancelled: CancelledFn = never_cancelled) -> VerifyReport:
    """Re-hash every stored file. Raises ``Cancelled`` when asked to stop (it changed nothing)."""
    names: dict[str, list[str]] = {}
    for sha, name in m.Document.select(m.Document.sha256, m.Document.original_name).order_by(
            m.Document.id).tuples():
        names.setdefault(sha, []).append(name)
    from desktop_app.services.core import trash  # a document in the Trash still needs its file

    for sha in trash.hashes_in_trash():
        names.setdefault(sha, []).append("(a document in the Trash)")
    on_disk = vault_files.stored_files()
    sizes = {sha: _size(path) for sha, path in on_disk.items()}
    total = sum(sizes.values())
    missing, changed, unreferenced = [], [], []
    done = 0
    progress(0, total)
    for sha in sorted(on_disk):
        path = on_disk[sha]
        try:
            actual = vault_files.hash_file(path, progress=progress, cancelled=cancelled,
                                           done_before=done, grand_total=total)
        except OSError:
            actual = None  # unreadable counts as changed: it cannot vouch for anything
        done += sizes[sha]
        if sha not in names:
            unreferenced.append(Problem(sha, (), path))
        elif actual != sha:
            changed.append(Problem(sha, tuple(names[sha]), path))
    for sha in sorted(set(names) - set(on_disk)):
        missing.append(Problem(sha, tuple(names[sha]), vault_files.stored_path(sha)))
    progress(total, total)
    return VerifyReport(len(on_disk), tuple(missing), tuple(changed), tuple(unreferenced))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def remove_unreferenced(report: VerifyReport) -> int:
    """Delete the files the report found unused (checked again first); returns how many."""
    from desktop_app.services.core import trash

    used = {sha for (sha,) in m.Document.select(m.Document.sha256).distinct().tuples()} | trash.hashes_in_trash()
    removed = 0
    for problem in report.unreferenced:
        if problem.sha256 not in used and vault_files.discard_file(problem.sha256):
            removed += 1
    return removed


# ---------------------------------------------------------------- one document's file

#: The stored files last found intact, by fingerprint: (size in bytes, modification time in
#: ns, inode). A file whose size, time and inode are unchanged is not hashed again, so showing
#: a document or opening the pack dialog costs a ``stat``, not a read, once it was checked.
_intact: dict[str, tuple[int, int, int]] = {}

OK, MISSING, CHANGED = "ok", "missing", "changed"


def stored_file_state(sha256: str) -> str:
    """Whether the vault's file for ``sha256`` is still the one recorded: :data:`OK`,
    :data:`MISSING` (gone from the vault folder) or :data:`CHANGED` (its content no longer
    hashes to ``sha256``: edited by another program, or a disk fault; unreadable counts as
    changed). Hashes the file (SHA-256, FIPS 180-4) unless it is unchanged on disk since it
    was last found intact. Raises nothing."""
    path = vault_files.stored_path(sha256)
    try:
        info = path.stat()
    except FileNotFoundError:
        _intact.pop(sha256, None)
        return MISSING
    except OSError:
        _intact.pop(sha256, None)
        return CHANGED
    seen = (info.st_size, info.st_mtime_ns, info.st_ino)
    if _intact.get(sha256) == seen:
        return OK
    try:
        actual = vault_files.hash_file(path)
    except OSError:
        actual = None
    if actual != sha256:
        _intact.pop(sha256, None)
        return CHANGED
    _intact[sha256] = seen
    return OK


def file_problem(name: str, sha256: str) -> str:
    """What is wrong with a document's stored file, with the next step, in the user's words;
    "" when nothing is (see :func:`stored_file_state`). ``name``: the document's name."""
    state = stored_file_state(sha256)
    if state == MISSING:
        return (f"“{name}” is missing from the vault folder (it was deleted or moved outside "
                "Afterview), so it cannot go into a pack. Re-attach it from your own copy, or "
                "remove it from the vault.")
    if state == CHANGED:
        return (f"“{name}” has changed on disk since it was added to the vault (another program "
                "or a disk fault altered it), so it cannot go into a pack as it is. Re-attach it "
                "from your own copy, or remove it from the vault.")
    return ""
