"""Writing the activity report: a PDF (``pack.activity_report``) or a CSV of the same rows.

:func:`write_report` is what the dialog's worker and ``afterview report`` call. The CSV
has one heading row and one row per activity, in the chosen reader's columns and
words; every cell is made formula-safe as every export is (``applications_csv.formula_safe``),
and days are ISO (``2026-11-30``) so that any spreadsheet reads them as dates.
"""

from __future__ import annotations

import csv
import errno
import os
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_app import clock
from desktop_app.files import atomic_write
from desktop_app.progress import Cancelled, CancelledFn, ProgressFn
from desktop_app.services.core.profile import get_profile
from desktop_app.services.core.validation import format_phone
from desktop_app.services.exchange.applications_csv import formula_safe
from desktop_app.services.report.activity import (
    ActivityRow,
    ActivitySummary,
    list_activities,
    reported_period,
    summarise,
)
from desktop_app.services.report.column_sets import DEFAULT_SET, KINDS, ColumnSet, column_set

#: The formats a report can be written in.
FORMATS: tuple[str, ...] = ("pdf", "csv")


#: Said (dialog and ``afterview report``) when the profile has no name to head the report with.
NO_NAME_WARNING = ("Your name is not in your profile, so the report does not say whose it is. "
                   "Add it in Profile… (Edit → Profile…).")


class ReportWriteError(OSError):
    """The report's file cannot be written; ``strerror`` (and ``str()``) say why in the user's
    words, ``errno`` keeps the system's reason for code that needs it."""

    def __str__(self) -> str:
        return str(self.strerror or super().__str__())


def has_name() -> bool:
    """Whether the profile has the user's name, which heads the report (see :data:`NO_NAME_WARNING`)."""
    return bool(get_profile().name.strip())


def plain_os_error(exc: OSError, path: Path) -> str:
    """``exc``, met writing ``path``, in the user's words: a full disk, a folder they may not write
    to, a read-only disk, a name that is a folder; anything else with the system's own short reason."""
    folder = path.parent
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"The disk holding {folder} is full. Free some space or choose another folder."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"Afterview is not allowed to write in {folder}. Choose another folder, "
                "for example your Documents folder.")
    if exc.errno == errno.EROFS:
        return f"{folder} is on a disk that cannot be written to. Choose another folder."
    if exc.errno == errno.EISDIR:
        return f"{path} is a folder. Choose a file name."
    if exc.errno == errno.ENOENT:
        return f"The folder {folder} does not exist (any more). Choose another folder."
    reason = (exc.strerror or "the system refused").rstrip(".")
    return f"The report could not be written to {path}: {reason.lower()}."


def check_destination(path: Path | str) -> None:
    """Raise :class:`ReportWriteError` (in the user's words) when the report cannot be written at
    ``path``: its folder is missing or not writable, or ``path`` is a folder or a read-only file.
    Checked before anything is built, so the user is told at once."""
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise ReportWriteError(errno.EISDIR, plain_os_error(OSError(errno.EISDIR, ""), path))
    if not folder.is_dir():
        raise ReportWriteError(errno.ENOENT, plain_os_error(OSError(errno.ENOENT, ""), path))
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ReportWriteError(errno.EACCES, plain_os_error(OSError(errno.EACCES, ""), path))


@dataclass(frozen=True)
class ReportRequest:
    """A report asked for: the days ``first`` to ``last`` (both included), the activity kinds that
    count (``column_sets.KINDS`` words), the reader (``column_sets.COLUMN_SETS`` key), the format."""

    first: date
    last: date
    kinds: tuple[str, ...] = KINDS
    reader: str = DEFAULT_SET
    format: str = "pdf"


@dataclass(frozen=True)
class ReportResult:
    """What was written: the file, how many activities (``summary``), pages (0 for a CSV), and the
    characters no font could print in the PDF (named; "" when none)."""

    path: Path
    summary: ActivitySummary
    pages: int = 0
    unprintable: str = ""


def period_text(first: date, last: date, reader: ColumnSet) -> str:
    """``1 Nov 2026 – 30 Nov 2026`` in the reader's day format."""
    return f"{reader.day(first)} – {reader.day(last)}"


def summary_lines(summary: ActivitySummary, kinds: Collection[str], reader: ColumnSet) -> list[tuple[str, str]]:
    """The summary as (label, value) lines in the reader's words: each counted kind, the total, the outcomes."""
    names = {"application": "applications", "interview": "interviews", "follow_up": "follow_ups",
             "contact": "contacts"}
    lines = [(reader.summary[names[kind]], str(summary.counts[kind])) for kind in KINDS if kind in kinds]
    lines.append((reader.summary["total"], str(summary.total)))
    if summary.outcomes:
        order = list(reader.stages)
        outcomes = sorted(summary.outcomes.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99)
        lines.append((reader.summary["outcomes"],
                       ", ".join(f"{reader.stages.get(stage, stage)} {count}" for stage, count in outcomes)))
    return lines


def write_report(request: ReportRequest, out_path: Path | str, progress: ProgressFn | None = None,
                 cancelled: CancelledFn | None = None) -> ReportResult:
    """Gather the activities of ``request`` and write them to ``out_path`` as a PDF or a CSV.

    The period ends today at the latest (``activity.reported_period``): the PDF names the days
    really covered. Raises ``activity.ReportRangeError`` (a ValueError) for a period that ends
    before it starts, starts after today or lies outside 1900–2100, ValueError for an unknown
    reader, format or kind, :class:`ReportWriteError` (an OSError, in the user's words) when the
    file cannot be written and ``Cancelled`` when ``cancelled()`` turns true; in every one of
    those cases no file is written and an existing one is left as it was.
    """
    reader = column_set(request.reader)
    if request.format not in FORMATS:
        raise ValueError(f"“{request.format}” is not a report format; choose pdf or csv.")
    first, last = reported_period(request.first, request.last)
    out_path = Path(out_path)
    check_destination(out_path)
    try:
        return _write(request, first, last, reader, out_path, progress, cancelled)
    except ReportWriteError:
        raise
    except OSError as exc:
        raise ReportWriteError(exc.errno, plain_os_error(exc, out_path)) from exc


def _write(request: ReportRequest, first: date, last: date, reader: ColumnSet, out_path: Path,
           progress: ProgressFn | None, cancelled: CancelledFn | None) -> ReportResult:
    rows = list_activities(first, last, request.kinds)
    summary = summarise(rows)
    if cancelled is not None and cancelled():
        raise Cancelled("The activity report was not made: making it was cancelled.")
    cells = [reader.cells(row) for row in rows]
    if request.format == "csv":
        _write_csv(out_path, reader, rows, cells)
        if progress is not None:
            progress(1, 1)
        return ReportResult(out_path, summary)
    from desktop_app.pack.activity_report import ActivityReportDocument, build_activity_report

    profile = get_profile()
    contact = tuple(line for line in (profile.email, format_phone(profile.phone), profile.linkedin, profile.location)
                    if line)
    document = ActivityReportDocument(
        title=reader.title, name=profile.name, contact_lines=contact,
        details=((reader.labels["period"], period_text(first, last, reader)),
                 (reader.labels["made_on"], reader.day(clock.today()))),
        summary_heading=reader.labels["summary"],
        summary=tuple(summary_lines(summary, request.kinds, reader)),
        table_heading=reader.labels["activities"], headings=tuple(reader.headings), widths=reader.widths,
        rows=cells,  # whole: the PDF alone shortens a cell ("…", pack.activity_report.CELL_LIMIT)
        empty_text=reader.labels["none"], page_format=reader.labels["page"])
    made = build_activity_report(document, out_path, progress, cancelled)
    return ReportResult(made.path, summary, made.pages, made.unprintable)


def _write_csv(out_path: Path, reader: ColumnSet, rows: list[ActivityRow], cells: list[list[str]]) -> None:
    date_column = [field for _heading, field in reader.columns].index("date")
    # utf-8-sig: spreadsheet programs then read accents and dashes correctly (as applications_csv does)
    with atomic_write(out_path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([formula_safe(heading) for heading in reader.headings])
        for row, values in zip(rows, cells):
            values = list(values)
            values[date_column] = row.day.isoformat()
            writer.writerow([formula_safe(value) for value in values])
