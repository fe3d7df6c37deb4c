"""The address-book part of the compatibility sweep: every .vcf through the vCard import.

Each file goes through exactly what *Import vCard* and ``afterview import vcard`` do:
:func:`vcard.read_vcard_file` (the preview), then :func:`vcard.import_cards` of the new
cards into a throw-away store, then the preview once more.

* accepted: the file gave at least one card to import; refused: the reader refused the
  whole file (a sentence for the user) or every card in it;
* crashed: anything else — an exception out of the reader, an import that refused a
  card the preview called good, or a reader taking longer than the time limit;
* changed: the second reading still offers new cards, i.e. importing the same file
  twice would add people again (issue 15, case 10).

The extra counts say how many cards were read, refused, had lines skipped, or were
duplicates within the file; ``details`` names every crash and change, and examples of
refusals and skipped lines.
"""

from __future__ import annotations

from pathlib import Path

from scripts.compat.common import each_file, last_line, result, time_limit

SUFFIXES = {".vcf", ".vcard"}
#: How many examples of refusals and skipped lines the details keep (crashes are all kept).
EXAMPLES = 12


def sweep(paths: list[Path]) -> dict:
    """Every vCard file among ``paths`` through the import; counts as the module docstring says."""
    from desktop_app.services.exchange import vcard

    out = result("vCard")
    out.update({"cards": 0, "cards_refused": 0, "lines_skipped": 0, "duplicates_in_file": 0})
    examples = 0

    def refused(path: Path, exc: BaseException) -> None:
        nonlocal examples
        if examples < EXAMPLES:
            out["details"].append(f"refused: {path.name}: {exc}")
            examples += 1

    files = [p for p in paths if p.suffix.lower() in SUFFIXES]
    for path, readout in each_file(files, out, lambda p: vcard.read_vcard_file(p, default_region="GB"),
                                   refusals=(vcard.VCardError,), refused=refused, store_per_file=True):
        out["cards"] += len(readout.cards)
        out["cards_refused"] += sum(1 for p in readout.problems if p.number)
        out["duplicates_in_file"] += len(readout.duplicates)
        out["lines_skipped"] += len(readout.skipped_lines)
        for card, line in readout.skipped_lines:
            if examples < EXAMPLES:
                out["details"].append(f"line skipped: {path.name} card {card.number}: {line}")
                examples += 1
        for problem in readout.problems:
            if problem.number and examples < EXAMPLES:
                out["details"].append(f"card refused: {path.name} card {problem.number}: {problem.message}")
                examples += 1
        if not readout.cards:
            out["refused"] += 1
            continue
        out["accepted"] += 1
        try:
            with time_limit():
                vcard.import_cards(readout.new_cards)
                again = vcard.read_vcard_file(path, default_region="GB")
        except Exception as exc:  # noqa: BLE001
            out["crashed"] += 1
            out["details"].append(f"CRASH importing {path.name}: {last_line(exc)}")
            continue
        # a card with a name alone is only a possible duplicate (said, imported): not a change
        added = [c for c in again.new_cards if not c.possible_duplicate]
        if added:
            out["changed"] += 1
            out["details"].append(f"CHANGED: {path.name}: importing it again would add "
                                  f"{', '.join(c.name for c in added)}")
    return out
