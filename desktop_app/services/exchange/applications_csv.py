"""Applications to and from a spreadsheet (CSV).

Export writes one row per application, its stage history in one readable cell
(``applied 2026-08-04; interviewing 2026-08-18``), every cell made formula-safe.
Import is in three steps so that nothing is imported by surprise: :func:`read_csv`
reads the file (header row first), :func:`check_rows` applies the user's column
mapping and lists every bad row with its line number, and only :func:`import_rows`
writes — the good rows, all in one transaction, once the user has confirmed. A
``stage_history`` column (ours, on re-import) becomes the application's history, so a
rejection keeps its day instead of taking the import's.

Files that other programs export are recognised by their headers (:data:`KNOWN_FORMATS`:
LinkedIn's ``Job Applications.csv``, Huntr's and Teal's job exports), and any file
whose headers name the fields (``Company, Position, Date Applied, Status``) maps by
itself (:data:`IMPORT_FIELDS`). Dates are read one column at a time, day first or
month first as the column shows (:mod:`csv_dates`).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop_app import clock, vocab
from desktop_app.files import atomic_write
from desktop_app.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.services.exchange import csv_dates
from desktop_app.services.applications.pipeline import ApplicationForm, list_application_rows, save_application_form
from desktop_app.services.core.validation import InvalidValue, ValidationError, clean_date, clean_text
from desktop_app.store import models as m
from desktop_app.store.db import db

EXPORT_COLUMNS = ("role", "employer", "agency", "recruiter", "source", "applied_on", "stage", "stage_history",
                  "last_contact", "feedback", "feedback_on", "notes")

#: The fields an imported row can fill, with the header names that map to them by themselves.
IMPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "role": ("role", "job", "job title", "position", "title", "job position", "role title"),
    "employer": ("employer", "organisation", "organization", "company", "company name", "employer name"),
    "agency": ("agency", "recruitment agency"),
    "recruiter": ("recruiter", "recruiter name", "contact"),
    "source": ("source", "found via", "where"),
    "applied_on": ("applied_on", "applied", "date applied", "applied on", "date", "application date",
                   "applied date"),
    "stage": ("stage", "status", "list"),
    "notes": ("notes", "note", "comments"),
    "stage_history": ("stage_history", "stage history", "history"),
}
REQUIRED = ("role", "employer", "applied_on")
#: Stage words of other trackers → ours (folded); ours and their labels are read too.
STAGE_SYNONYMS: dict[str, str] = {
    "interview": "interviewing", "interviewed": "interviewing", "phone screen": "interviewing",
    "screening": "interviewing", "offered": "offer", "offer received": "offer", "hired": "accepted",
    "declined": "withdrawn", "withdrew": "withdrawn", "archived": "withdrawn", "ghosted": "no_response",
    "no reply": "no_response", "not selected": "rejected", "unsuccessful": "rejected",
}


@dataclass(frozen=True)
class KnownFormat:
    """A job tracker's export, recognised by its headers (folded: case and spaces do not matter).

    ``signature``: headers that must all be present. ``columns``: field → header.
    ``note_columns``: headers whose cells are added to the notes as ``Header: value``.
    ``source``: the source of every row when no column gives one. ``date_order``: the
    order its numeric dates always use (used only when the column cannot tell).
    """

    name: str
    signature: frozenset[str]
    columns: dict[str, str]
    note_columns: tuple[str, ...] = ()
    source: str = ""
    date_order: str | None = None


#: The exports recognised by name. LinkedIn's is from its "Get a copy of your data"
#: archive (dates such as ``11/13/23, 9:42 AM``, always month first; Contact Email and
#: Phone are the user's own, so they are not imported). Huntr's and Teal's are their
#: job-board CSV exports; their other columns are kept in the notes.
KNOWN_FORMATS: tuple[KnownFormat, ...] = (
    KnownFormat("LinkedIn's job applications export",
                frozenset({"application date", "company name", "job title", "job url"}),
                {"role": "job title", "employer": "company name", "applied_on": "application date"},
                ("job url", "resume name", "question and answers"), source="LinkedIn",
                date_order=csv_dates.MONTH_FIRST),
    KnownFormat("Huntr's job export", frozenset({"job title", "company", "list", "date applied"}),
                {"role": "job title", "employer": "company", "applied_on": "date applied", "stage": "list",
                 "notes": "notes"},
                ("url", "job url", "location", "salary")),
    KnownFormat("Teal's job tracker export", frozenset({"company", "job position", "status", "date applied"}),
                {"role": "job position", "employer": "company", "applied_on": "date applied", "stage": "status",
                 "notes": "notes"},
                ("job url", "url", "location", "min salary", "max salary", "follow up")),
)
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
    """The rows of a file as the mapping reads them.

    ``good``: (line, form) of every row that will import; ``bad``: (line, reason) of the
    others; ``history``: line → the stage history to keep, [(stage, day)], oldest first;
    ``date_order``: the order numeric dates were read in; ``date_evidence``: what decided
    it (a sentence) — empty when nothing in the file did and the caller's choice was used.
    ``duplicates``: (line, form, why) of the rows that read well but are an application
    already kept (or an earlier row of the file): they are shown and never imported.
    """

    good: list[tuple[int, ApplicationForm]] = field(default_factory=list)
    bad: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, ApplicationForm, str]] = field(default_factory=list)
    history: dict[int, list[tuple[str, date]]] = field(default_factory=dict)
    date_order: str = csv_dates.DAY_FIRST
    date_evidence: str = ""


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
    """The header row and the data rows of a CSV file (comma, semicolon or tab separated).

    Encodings (:func:`_decode`): UTF-8 with or without a byte-order mark, UTF-16 with its
    byte-order mark (Excel's "Unicode text", tab separated), else Windows-1252. Raises
    :class:`CsvError`, in the user's words, for a file that cannot be read, is over
    :data:`MAX_BYTES`, is not text, is empty, or has no header row or no rows.
    """
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise CsvError(f"Afterview cannot read {source.name}: {exc.strerror or exc}.") from exc
    if len(raw) > MAX_BYTES:
        raise CsvError(f"{source.name} is too large for a list of applications (over 20 MB).")
    text = _decode(raw)
    if text is None:
        raise CsvError(f"{source.name} is not a CSV text file (save the spreadsheet as CSV first).")
    if not text.strip():
        raise CsvError(f"{source.name} is empty.")
    # The separator is read off the header row alone, and quotes are always RFC 4180's
    # double quotes: csv.Sniffer over the whole sample took the apostrophes that make our
    # own export formula-safe ('=…) for quote marks and split the rows wrongly.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text.partition("\n")[0]))
    try:
        headers = [h.strip() for h in next(reader)]
        rows = []
        ended = reader.line_num
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((ended + 1, cells))  # the line the row starts on (a cell may hold line breaks)
            ended = reader.line_num
    except csv.Error as exc:
        raise CsvError(f"{source.name}, line {reader.line_num}: {exc}.") from exc
    if not any(headers):
        raise CsvError(f"{source.name} has no header row: its first line should name the columns.")
    if not rows:
        raise CsvError(f"{source.name} has a header row but no applications under it.")
    return CsvTable(headers, rows)


def _decode(raw: bytes) -> str | None:
    """The text of a spreadsheet file, or None when it is not text at all.

    A UTF-16 byte-order mark (``FF FE`` or ``FE FF``, Unicode standard §23.8) is what
    Excel's *Save as Unicode text* writes: read as UTF-16. Otherwise a NUL byte near the
    start means a binary file (an .xlsx, a PDF); then UTF-8 (its BOM dropped), and
    Windows-1252 for spreadsheets saved on Windows in their old default.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")  # the BOM says the byte order, and is dropped
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw[:4096]:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _separator(header: str) -> str:
    """The column separator of a CSV file from its header row: comma, semicolon or tab.

    The one that occurs most outside double quotes (spreadsheets in much of Europe save
    with semicolons, some programs with tabs); a comma when the row has none.
    """
    outside = "".join(part for index, part in enumerate(header.split('"')) if index % 2 == 0)
    counts = {sep: outside.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _fold(header: str) -> str:
    return " ".join(header.replace("_", " ").casefold().split())


def recognise(headers: list[str]) -> KnownFormat | None:
    """The known export whose headers these are, or None."""
    folded = {_fold(h) for h in headers}
    return next((f for f in KNOWN_FORMATS if f.signature <= folded), None)


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """For each field, the column whose header names it (None when no header does).

    A recognised export (:func:`recognise`) maps as that program's columns mean; other
    fields by their usual names (:data:`IMPORT_FIELDS`).
    """
    folded = [_fold(h) for h in headers]
    known = recognise(headers)
    mapping: dict[str, int | None] = {}
    for name, synonyms in IMPORT_FIELDS.items():
        wanted = [_fold(s) for s in synonyms]
        if known is not None and name in known.columns:
            wanted = [known.columns[name]]
        mapping[name] = next((i for i, h in enumerate(folded) if h in wanted), None)
    return mapping


def date_order_of(table: CsvTable, mapping: dict[str, int | None]) -> csv_dates.ColumnOrder:
    """What the applied-date column shows about its day/month order (:func:`csv_dates.column_order`)."""
    index = mapping.get("applied_on")
    if index is None:
        return csv_dates.ColumnOrder(None)
    return csv_dates.column_order([cells[index] for _line, cells in table.rows if index < len(cells)])


def _parse_day(text: str, order: str) -> date:
    try:
        day = csv_dates.parse_cell(text, order)
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None
    # the same range as every date field (clean_date), so that a row the check calls good imports
    return clean_date(day, required=True)  # type: ignore[return-value]


def _parse_stage(text: str) -> str:
    folded = " ".join(text.strip().casefold().split())
    if not folded:
        return "applied"
    for word, label in vocab.STAGES.items():
        if folded in (word, label.casefold(), word.replace("_", " ")):
            return word
    if folded in STAGE_SYNONYMS:
        return STAGE_SYNONYMS[folded]
    raise InvalidValue(f"'{text.strip()}' is not a stage ({', '.join(vocab.STAGES.values())})")


def _lines(text: str) -> str:
    """Line breaks inside a cell as ``\\n`` (a Windows export writes CR LF there too)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_HISTORY_ITEM = re.compile(r"\s*(.+?)\s+(\S+)\s*")


def _parse_history(text: str, order: str, today: date) -> list[tuple[str, date]]:
    """``applied 2026-08-04; interviewing 2026-08-18`` (our export's stage_history) as
    [(stage, day)], oldest first; raises InvalidValue naming the item that does not read."""
    history: list[tuple[str, date]] = []
    for item in (part for part in text.split(";") if part.strip()):
        match = _HISTORY_ITEM.fullmatch(item)
        if not match:
            raise InvalidValue(f"stage history '{item.strip()}' is not a stage and a date")
        stage, day = _parse_stage(match.group(1)), _parse_day(match.group(2), order)
        if day > today:
            raise InvalidValue(f"stage history date {day.isoformat()} is in the future")
        history.append((stage, day))
    return sorted(history, key=lambda pair: pair[1])


def check_rows(table: CsvTable, mapping: dict[str, int | None], *, today: date | None = None,
               date_order: str | None = None) -> CsvCheck:
    """Apply the column mapping; every row is good or listed as bad with its line and reason.

    Numeric dates are read in the order the applied-date column shows (values over 12
    decide, once for the whole column); when it shows none, in the order a recognised
    export always uses, else ``date_order`` (the user's answer; None: day first).
    Rows that are an application already kept, or an earlier row of the file (same role
    and employer, case and spacing aside, applied the same day), go to ``duplicates``.
    Raises ``ValidationError`` naming a required field that has no column.
    """
    today = today or clock.today()
    missing = [f for f in REQUIRED if mapping.get(f) is None]
    if missing:
        raise ValidationError(missing[0], "needs a column: choose which column holds it")
    known = recognise(table.headers)
    evidence = date_order_of(table, mapping)
    check = CsvCheck()
    if evidence.order is not None:
        check.date_order = evidence.order
        check.date_evidence = f"the column has {evidence.example}"
    elif known is not None and known.date_order is not None:
        check.date_order = known.date_order
        check.date_evidence = f"{known.name} always writes them so"
    else:
        check.date_order = date_order or csv_dates.DAY_FIRST
    # a preview on a brand-new data folder has no store open: nothing is kept yet
    kept = KnownApplications() if db.obj is None or db.is_closed() else KnownApplications.from_store()
    folded = [_fold(h) for h in table.headers]
    note_columns = [(table.headers[folded.index(h)], folded.index(h))
                    for h in (known.note_columns if known else ()) if h in folded]
    for line, cells in table.rows:
        def cell(name: str) -> str:
            index = mapping.get(name)
            # line endings inside a cell as \n: a Windows export writes CR LF there (issue #15)
            return _lines(formula_unsafe(cells[index].strip()).strip()) if index is not None and index < len(
                cells) else ""

        try:
            for name in IMPORT_FIELDS:
                try:
                    clean_text(cell(name), max_length=10_000)
                except InvalidValue as exc:
                    raise InvalidValue(f"{name} {exc}") from None
            for name in REQUIRED:
                if not cell(name):
                    raise InvalidValue(f"{name.replace('_', ' ')} is empty")
            applied = _parse_day(cell("applied_on"), check.date_order)
            if applied > today:
                raise InvalidValue(f"applied date {applied.isoformat()} is in the future")
            history = _parse_history(cell("stage_history"), check.date_order, today)
            stage = _parse_stage(cell("stage")) if cell("stage") or not history else history[-1][0]
        except InvalidValue as exc:
            check.bad.append((line, str(exc)))
            continue
        notes = cell("notes")
        extra = [f"{header}: {_lines(formula_unsafe(cells[index].strip()))}" for header, index in note_columns
                 if index < len(cells) and cells[index].strip() and index != mapping.get("notes")]
        if extra:
            notes = "\n".join([notes, *extra] if notes else extra)
        form = ApplicationForm(
            role=cell("role"), employer=cell("employer"), agency=cell("agency"), recruiter=cell("recruiter") or None,
            source=cell("source") or (known.source if known else ""), applied_on=applied, stage=stage,
            notes=notes)
        why = kept.match(form)
        if why:
            check.duplicates.append((line, form, why))
            continue
        kept.add(form, f"line {line}")
        if history:
            check.history[line] = history
        check.good.append((line, form))
    return check


def _same_key(role: str, employer: str, applied_on: date) -> tuple[str, str, date]:
    return " ".join(role.casefold().split()), " ".join(employer.casefold().split()), applied_on


class KnownApplications:
    """The applications already kept (or met earlier in the file), to find duplicates.

    Two applications are the same when role and employer are the same (case and
    spacing do not matter) and they were applied for on the same day: importing a
    spreadsheet twice, or our own export into the same data, then adds nothing.
    """

    #: The last reading of the store: (connection, its change count, SQLite's data_version) and what
    #: was read. The import dialog checks the rows again at every change of a column's mapping;
    #: the applications are read again only when the store has changed since.
    _last: tuple[tuple[object, int, int], dict[tuple[str, str, date], str]] | None = None

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str, date], str] = {}

    @classmethod
    def from_store(cls) -> KnownApplications:
        """Every application in the open store (the store must be open): a fresh copy, which
        :meth:`add` may grow. The store is read once, then again only after it changed —
        a write on this connection (``total_changes``) or a commit by another (``PRAGMA
        data_version``, SQLite's "file changed" counter) — so a table of 10,000
        applications is not read again at every recheck of the same file.
        """
        connection = db.connection()
        version = db.execute_sql("PRAGMA data_version").fetchone()[0]
        state = (connection, connection.total_changes, version)
        last = KnownApplications._last
        known = cls()
        # the connection object itself (held here, so its identity is never reused), not its id
        if last is not None and last[0][0] is connection and last[0][1:] == state[1:]:
            known._seen = dict(last[1])
            return known
        for role, employer, applied_on in (m.Application.select(m.Application.role, m.Organisation.name,
                                                                m.Application.applied_on)
                                           .join(m.Organisation, on=(m.Application.employer == m.Organisation.id))
                                           .tuples()):
            known._seen.setdefault(_same_key(role, employer, applied_on),
                                   f"already in Afterview: {role} at {employer}, applied {applied_on.isoformat()}")
        KnownApplications._last = (state, dict(known._seen))
        return known

    def add(self, form: ApplicationForm, where: str) -> None:
        """Remember ``form`` (``where``: e.g. ``line 4``) so a later row like it is a duplicate."""
        self._seen.setdefault(_same_key(form.role, form.employer, form.applied_on),
                              f"the same application as {where}: {form.role} at {form.employer}, "
                              f"applied {form.applied_on.isoformat()}")

    def match(self, form: ApplicationForm) -> str:
        """Why ``form`` is an application already known, in the user's words; empty when it is not."""
        return self._seen.get(_same_key(form.role, form.employer, form.applied_on), "")


#: when a stage the file does not date happened (``import_rows(stages_on=…)``, ``--stages-on``)
STAGES_ON_APPLIED = "applied"
STAGES_ON_TODAY = "today"


def import_rows(good: list[tuple[int, ApplicationForm]], *, today: date | None = None,
                history: dict[int, list[tuple[str, date]]] | None = None, stages_on: str = STAGES_ON_APPLIED,
                progress: ProgressFn = no_progress, cancelled: CancelledFn = never_cancelled) -> int:
    """Add the checked rows, all or nothing; returns how many were added. A recruiter already known
    by name is reused; a row that has become a duplicate since the check (:class:`KnownApplications`)
    is skipped.

    ``history`` (:attr:`CsvCheck.history`): a row's stage history replaces the one the
    import would start. A stage the file does not date (a row without history, or whose
    stage is not its history's last) is dated by ``stages_on``: :data:`STAGES_ON_APPLIED`
    (the default) on the applied date — or the history's last date — so an old rejection
    is not dated (and followed up) as if it came today; :data:`STAGES_ON_TODAY` on ``today``.
    Raises ``ValidationError`` naming the line; then nothing is added. ``progress(rows
    done, rows)``; once ``cancelled()`` turns true the transaction is rolled back (nothing
    is added) and :class:`~desktop_app.progress.Cancelled` is raised.
    """
    today = today or clock.today()
    history = history or {}
    added = 0
    with db.atomic():
        kept = KnownApplications.from_store()
        for done, (line, form) in enumerate(good):
            if done % 50 == 0:
                if cancelled():  # raising inside atomic() rolls back the rows added so far
                    raise Cancelled("Import cancelled; nothing was imported.")
                progress(done, len(good))
            if kept.match(form):
                continue
            kept.add(form, f"line {line}")
            if isinstance(form.recruiter, str):
                known = m.Contact.select(m.Contact.id).where(
                    m.Contact.name.collate("NOCASE") == form.recruiter.strip()).first()
                if known is not None:
                    form = ApplicationForm(**{**form.__dict__, "recruiter": known.id})
            try:
                app_id = save_application_form(form, today=today)
            except ValidationError as exc:
                raise ValidationError(exc.field, f"line {line}: {exc.message}") from None
            kept_history = history.get(line) or [("applied", form.applied_on)]
            undated_on = today if stages_on == STAGES_ON_TODAY else max(form.applied_on, kept_history[-1][1])
            if kept_history[-1][0] != form.stage:
                kept_history = [*kept_history, (form.stage, undated_on)]
            m.StageChange.delete().where(m.StageChange.application == app_id).execute()
            for stage, on in kept_history:
                m.StageChange.create(application=app_id, stage=stage, on=on)
            added += 1
    return added
