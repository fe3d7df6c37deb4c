"""Applications to and from a spreadsheet (CSV).

Export writes one row per application, its stage history in one readable cell.
Import is in three steps so that nothing is imported by surprise: :func:`read_csv`
reads the file (header row first), :func:`check_rows` applies the user's column
mapping and lists every bad row with its line number, and only :func:`import_rows`
writes — the good rows, all in one transaction, once the user has confirmed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop_app import clock, dates, vocab
from desktop_app.files import atomic_write
from desktop_app.services.applications.pipeline import ApplicationForm, list_application_rows, save_application_form
from desktop_app.services.core.validation import InvalidValue, ValidationError, clean_text
from desktop_app.store import models as m
from desktop_app.store.db import db

EXPORT_COLUMNS = ("role", "employer", "agency", "recruiter", "source", "applied_on", "stage", "stage_history",
                  "last_contact", "feedback", "feedback_on", "notes")

#: The fields an imported row can fill, with the header names that map to them by themselves.
IMPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "role": ("role", "job", "job title", "position", "title"),
    "employer": ("employer", "organisation", "organization", "company"),
    "agency": ("agency", "recruitment agency"),
    "recruiter": ("recruiter", "recruiter name", "contact"),
    "source": ("source", "found via", "where"),
    "applied_on": ("applied_on", "applied", "date applied", "applied on", "date"),
    "stage": ("stage", "status"),
    "notes": ("notes", "note", "comments"),
}
REQUIRED = ("role", "employer", "applied_on")
MAX_BYTES = 20 * 1024 * 1024


class CsvError(ValueError):
    """The file cannot be read as a spreadsheet with a header row; the message says why."""


@dataclass(frozen=True)
class CsvTable:
    headers: list[str]
    #: (line number in the file, cells)
    rows: list[tuple[int, list[str]]]


@dataclass
class CsvCheck:
    good: list[tuple[int, ApplicationForm]] = field(default_factory=list)
    bad: list[tuple[int, str]] = field(default_factory=list)


# ---------------------------------------------------------------- export
#: A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` made inert for a spreadsheet: a leading ``'`` before a formula's first character.

    Spreadsheet programs run a cell that starts with ``= + - @`` (or a tab or carriage
    return before one), so a role typed as ``=HYPERLINK(...)`` would become a live link or
    worse when the user opens the export (OWASP, "CSV Injection"). The apostrophe is what a
    spreadsheet itself shows for text that looks like a formula; :func:`formula_unsafe`
    takes it off again on import, so our own export round-trips.
    """
    # text the user began with an apostrophe before a formula character gets one more, so
    # that the import's one-apostrophe undo gives it back as typed
    return "'" + text if text.lstrip("'").startswith(_FORMULA_STARTS) else text


def formula_unsafe(text: str) -> str:
    """The inverse of :func:`formula_safe`: ``'=1+1`` back to ``=1+1``; other text unchanged."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_STARTS) else text


def export_csv(target: Path) -> int:
    """Write every application (with its stage history) to ``target``; returns how many.

    ``target`` is replaced whole (mode 0600) only once every row is written: on any
    error ``OSError`` (or the error) is raised, ``target`` is as it was and no temporary
    file is left.
    """
    history: dict[int, list[str]] = {}
    for app_id, stage, on in (m.StageChange.select(m.StageChange.application, m.StageChange.stage, m.StageChange.on)
                              .order_by(m.StageChange.on, m.StageChange.id).tuples()):
        history.setdefault(app_id, []).append(f"{stage} {on}")
    extra = {a.id: a for a in m.Application.select(m.Application.id, m.Application.feedback,
                                                   m.Application.feedback_on)}
    recruiters = dict(m.Contact.select(m.Contact.id, m.Contact.name).tuples())
    rows = list_application_rows(with_next_step=False)
    count = 0
    # utf-8-sig: spreadsheet programs then read accents and dashes correctly
    with atomic_write(Path(target), "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        for r in rows:
            a = extra[r.id]
            writer.writerow([formula_safe(str(value)) for value in (
                r.role, r.employer, r.agency or "", recruiters.get(r.recruiter_id, "") if r.recruiter_id else "",
                r.source, r.applied_on.isoformat(), r.stage, "; ".join(history.get(r.id, [])),
                r.last_contact_at.astimezone().date().isoformat() if r.last_contact_at else "",
                a.feedback or "", a.feedback_on or "", r.notes)])
            count += 1
    return count


# ---------------------------------------------------------------- import
def read_csv(source: Path) -> CsvTable:
    """The header row and the data rows of a CSV file (comma, semicolon or tab separated)."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise CsvError(f"Afterview cannot read {source.name}: {exc.strerror or exc}.") from exc
    if len(raw) > MAX_BYTES:
        raise CsvError(f"{source.name} is too large for a list of applications (over 20 MB).")
    if b"\x00" in raw[:4096]:
        raise CsvError(f"{source.name} is not a CSV text file (save the spreadsheet as CSV first).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # spreadsheets saved on Windows
    if not text.strip():
        raise CsvError(f"{source.name} is empty.")
    # The separator is read off the header row alone, and quotes are always RFC 4180's
    # double quotes: csv.Sniffer over the whole sample took the apostrophes that make our
    # own export formula-safe ('=…) for quote marks and split the rows wrongly.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text.partition("\n")[0]))
    try:
        headers = [h.strip() for h in next(reader)]
        rows = []
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise CsvError(f"{source.name}, line {reader.line_num}: {exc}.") from exc
    if not any(headers):
        raise CsvError(f"{source.name} has no header row: its first line should name the columns.")
    if not rows:
        raise CsvError(f"{source.name} has a header row but no applications under it.")
    return CsvTable(headers, rows)


def _separator(header: str) -> str:
    """The column separator of a CSV file from its header row: comma, semicolon or tab.

    The one that occurs most outside double quotes (spreadsheets in much of Europe save
    with semicolons, some programs with tabs); a comma when the row has none.
    """
    outside = "".join(part for index, part in enumerate(header.split('"')) if index % 2 == 0)
    counts = {sep: outside.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """For each field, the column whose header names it (None when no header does)."""
    folded = [h.strip().casefold().replace("_", " ") for h in headers]
    mapping: dict[str, int | None] = {}
    for name, synonyms in IMPORT_FIELDS.items():
        wanted = [s.replace("_", " ") for s in synonyms]
        mapping[name] = next((i for i, h in enumerate(folded) if h in wanted), None)
    return mapping


def _parse_day(text: str) -> date:
    # dates.parse_day, not strptime("%d %b %Y"): "3 Nov 2026" must read the same in the
    # window (where Qt has set the C locale from the user's) as on the command line.
    try:
        return dates.parse_day(text)
    except ValueError:
        raise InvalidValue(f"'{text.strip()}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)") from None


def _parse_stage(text: str) -> str:
    folded = text.strip().casefold()
    if not folded:
        return "applied"
    for word, label in vocab.STAGES.items():
        if folded in (word, label.casefold(), word.replace("_", " ")):
            return word
    raise InvalidValue(f"'{text.strip()}' is not a stage ({', '.join(vocab.STAGES.values())})")


def check_rows(table: CsvTable, mapping: dict[str, int | None], *, today: date | None = None) -> CsvCheck:
    """Apply the column mapping; every row is good or listed as bad with its line and reason."""
    today = today or clock.today()
    missing = [f for f in REQUIRED if mapping.get(f) is None]
    if missing:
        raise ValidationError(missing[0], "needs a column: choose which column holds it")
    check = CsvCheck()
    for line, cells in table.rows:
        def cell(name: str) -> str:
            index = mapping.get(name)
            return formula_unsafe(cells[index].strip()).strip() if index is not None and index < len(cells) else ""

        try:
            for name in IMPORT_FIELDS:
                try:
                    clean_text(cell(name), max_length=10_000)
                except InvalidValue as exc:
                    raise InvalidValue(f"{name} {exc}") from None
            for name in REQUIRED:
                if not cell(name):
                    raise InvalidValue(f"{name.replace('_', ' ')} is empty")
            applied = _parse_day(cell("applied_on"))
            if applied > today:
                raise InvalidValue(f"applied date {applied.isoformat()} is in the future")
            stage = _parse_stage(cell("stage"))
        except InvalidValue as exc:
            check.bad.append((line, str(exc)))
            continue
        check.good.append((line, ApplicationForm(
            role=cell("role"), employer=cell("employer"), agency=cell("agency"), recruiter=cell("recruiter") or None,
            source=cell("source"), applied_on=applied, stage=stage, notes=cell("notes"))))
    return check


def import_rows(good: list[tuple[int, ApplicationForm]], *, today: date | None = None) -> int:
    """Add the checked rows, all or nothing. A recruiter already known by name is reused."""
    with db.atomic():
        for line, form in good:
            if isinstance(form.recruiter, str):
                known = m.Contact.select(m.Contact.id).where(
                    m.Contact.name.collate("NOCASE") == form.recruiter.strip()).first()
                if known is not None:
                    form = ApplicationForm(**{**form.__dict__, "recruiter": known.id})
            try:
                save_application_form(form, today=today)
            except ValidationError as exc:
                raise ValidationError(exc.field, f"line {line}: {exc.message}") from None
    return len(good)
