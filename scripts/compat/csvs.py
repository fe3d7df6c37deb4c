"""The spreadsheet part of the compatibility sweep: every .csv through the applications import.

Each file goes through what *Import applications* and ``afterview import csv`` do:
:func:`applications_csv.read_csv`, :func:`guess_mapping` (the columns the dialog first
proposes), :func:`check_rows`, then :func:`import_rows` of the good rows into a
throw-away store; then the store is exported (:func:`export_csv`) and the export read
back, as a user moving their data would.

* accepted: at least one row imports; refused: the file is not a spreadsheet of
  applications (no header, no column for a role, an employer or a date, or no row that
  reads) — with the reason in the details. A file whose headers name no role, employer
  or date is also tried as a user who picks the columns by hand would (first column the
  role, second the employer, the first column holding a date the applied day), so that
  the cells of any spreadsheet go through the import and the export
  (``hand_mapped``: how many files were);
* crashed: an exception out of any step, or an import that refused rows the check
  called good;
* changed: the export, read back, does not give the same applications (role, employer,
  applied day, stage and stage history) — formulas, dates or history lost on the way.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from scripts.compat.common import each_file, last_line, result, time_limit

SUFFIXES = {".csv", ".tsv"}
EXAMPLES = 12


def _applications() -> list[tuple[str, str, str, str, tuple[tuple[str, str], ...]]]:
    from desktop_app.services.applications.pipeline import list_application_rows, stage_history

    return sorted((r.role, r.employer, r.applied_on.isoformat(), r.stage,
                   tuple((s.stage, s.on.isoformat()) for s in stage_history(r.id)))
                  for r in list_application_rows(with_next_step=False))


def _by_hand(table) -> dict[str, int | None]:  # type: ignore[no-untyped-def]
    """The mapping a user might choose for a file whose headers name nothing we know."""
    from desktop_app.services.exchange import applications_csv, csv_dates

    mapping: dict[str, int | None] = {name: None for name in applications_csv.IMPORT_FIELDS}
    mapping["role"], mapping["employer"] = 0, 1
    for index in range(len(table.headers)):
        cells = [cells[index] for _line, cells in table.rows[:50] if index < len(cells)]
        order = csv_dates.column_order(cells).order or csv_dates.DAY_FIRST
        if any(_is_date(cell, order) for cell in cells):
            mapping["applied_on"] = index
            break
    else:
        mapping["applied_on"] = min(2, len(table.headers) - 1)
    return mapping


def _is_date(cell: str, order: str) -> bool:
    from desktop_app.services.exchange import csv_dates

    try:
        csv_dates.parse_cell(cell, order)
    except ValueError:
        return False
    return True


def sweep(paths: list[Path]) -> dict:
    """Every CSV file among ``paths`` through the import and back; counts as the module docstring says."""
    from desktop_app import clock
    from desktop_app.services.core.validation import ValidationError
    from desktop_app.services.exchange import applications_csv

    out = result("CSV")
    out.update({"rows": 0, "rows_refused": 0, "hand_mapped": 0})
    examples = 0

    def checked(path: Path):  # type: ignore[no-untyped-def]
        table = applications_csv.read_csv(path)
        mapping = applications_csv.guess_mapping(table.headers)
        if any(mapping[f] is None for f in applications_csv.REQUIRED) and len(table.headers) >= 2:
            mapping = _by_hand(table)
            out["hand_mapped"] += 1
        return applications_csv.check_rows(table, mapping, today=clock.today())

    def refused(path: Path, exc: BaseException) -> None:
        nonlocal examples
        if examples < EXAMPLES:
            reason = f"no column for {exc.field.replace('_', ' ')}" if isinstance(exc, ValidationError) else str(exc)
            out["details"].append(f"refused: {path.name}: {reason}")
            examples += 1

    files = [p for p in paths if p.suffix.lower() in SUFFIXES]
    for path, check in each_file(files, out, checked, refusals=(applications_csv.CsvError, ValidationError),
                                 refused=refused, store_per_file=True):
        out["rows"] += len(check.good) + len(check.bad)
        out["rows_refused"] += len(check.bad)
        for line, reason in check.bad[:2]:
            if examples < EXAMPLES:
                out["details"].append(f"row refused: {path.name} line {line}: {reason}")
                examples += 1
        if not check.good:
            out["refused"] += 1
            continue
        out["accepted"] += 1
        try:
            with time_limit(), tempfile.TemporaryDirectory() as scratch:
                applications_csv.import_rows(check.good, today=clock.today(), history=check.history)
                before = _applications()
                exported = Path(scratch) / "export.csv"
                applications_csv.export_csv(exported)
                from desktop_app.store import models as m

                m.StageChange.delete().execute()
                m.Application.delete().execute()
                table = applications_csv.read_csv(exported)
                again = applications_csv.check_rows(table, applications_csv.guess_mapping(table.headers),
                                                    today=clock.today())
                applications_csv.import_rows(again.good, today=clock.today(), history=again.history)
                after = _applications()
        except Exception as exc:  # noqa: BLE001
            out["crashed"] += 1
            out["details"].append(f"CRASH importing {path.name}: {last_line(exc)}")
            continue
        if before != after:
            out["changed"] += 1
            lost = next((b for b, a in zip(before, after) if b != a), None) or (len(before), len(after))
            out["details"].append(f"CHANGED: {path.name}: the export read back differs, e.g. {lost}")
    return out
