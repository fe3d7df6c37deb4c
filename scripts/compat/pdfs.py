"""The PDF part of the compatibility sweep: every ``.pdf`` through the vault, then into packs.

Accepted: ``add_document`` kept it. Refused: it said why (a ``VaultFileError``); the
sweep then asks poppler whether it renders the file without a password: such a refusal
is a failure (issue 15's yardstick). Crashed: anything else escaped, the file hung the
reader, or the pack could not use a file the vault kept. Changed: a page of the pack
differs from the original's (pixels, poppler at low resolution, the footer band left out).
"""

from __future__ import annotations

from pathlib import Path

from scripts.compat.common import build_packs, each_file, in_parallel, poppler_renders, result, temporary_store


#: Files of the shared corpus that poppler renders and the vault still refuses, each with why.
#: Counted under "refused (known)" rather than failing the sweep; every entry is a decision
#: to revisit, not a pass (issue 15 asks for every poppler-renderable PDF to be accepted).
KNOWN_REFUSALS: dict[str, str] = {}
# Emptied in issue 15's second round: the headerless fuzz file is recognised by its first
# object, the three qpdf files encrypt only their attachments (opened as viewers open them),
# and the self-referencing file's loop was in private data (/PieceInfo) that is now left out.


def sweep(paths: list[Path]) -> dict:
    """Run the PDFs among ``paths`` through the vault and the pack; returns the counts and details."""
    return in_parallel(_part, sorted(p for p in paths if p.suffix.lower() == ".pdf"), "PDF")


def _part(files: list[Path]) -> dict:
    from desktop_app.services.vault.adding import add_document
    from desktop_app.services.vault.pdf import VaultFileError

    out = result("PDF")
    documents, seen = [], set()

    def refused(path: Path, refusal: BaseException) -> None:
        if poppler_renders(path):
            if path.name in KNOWN_REFUSALS:
                out["refused_known"] = out.get("refused_known", 0) + 1
                out["details"].append(f"KNOWN: refused though poppler renders it: {path.name}: "
                                      f"{KNOWN_REFUSALS[path.name]}")
            else:
                out["refused_viewer_opens"] += 1
                out["details"].append(f"REFUSED but poppler renders it: {path.name}: {refusal}")

    with temporary_store():
        for path, added in each_file(files, out, add_document, refusals=(VaultFileError,), refused=refused,
                                     doing="in vault:"):
            out["accepted"] += 1
            from desktop_app.store import models as m

            sha = m.Document.get_by_id(added.document_id).sha256
            if sha not in seen:
                seen.add(sha)
                documents.append((path.name, sha, added.pages, path))
        build_packs(documents, out)
    return out
