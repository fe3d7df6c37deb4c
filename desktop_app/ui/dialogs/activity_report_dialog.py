"""File → Activity report…: the job-search activity report for a period, as a PDF or a CSV.

The user picks a period (last 7 days, last fortnight, this month, last month, or any
two days up to today: what comes after today has not happened), which activities count,
who the report is for (its columns and words) and the format; *Save report…* asks where
through ``context.prompts.save_path``, then a worker writes the file with a progress bar
and Cancel (``backup_dialog.ProgressDialog``). A period that ends before it starts, or
nothing ticked, is said under the form (and the line clears once mended) and nothing is
asked or written. With no name in the profile the user is told, and may go on or open
the profile. A folder that cannot be written to is said before anything is built. *Report
for*, the format and the period preset are remembered (``ui_settings.REPORT_*``), and
the save picker opens in the folder last used (``Prompts``' folder memory, kind "report").
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme
from desktop_app import clock
from desktop_app.services.report.activity import EARLIEST_DAY, ENDS_TODAY, PRESETS, preset_period
from desktop_app.services.report.column_sets import COLUMN_SETS, DEFAULT_SET, KINDS
from desktop_app.ui.context import AppContext
from desktop_app.ui.ui_settings import REPORT_FOR, REPORT_FORMAT, REPORT_PRESET
from desktop_app.ui.date_field import DateField

#: The tick boxes for what counts: kind -> label.
KIND_LABELS = {"application": "Applications sent", "interview": "Interviews",
               "follow_up": "Follow-ups (thank-you, feedback request, follow-up …)",
               "contact": "Other logged contacts (incoming ones too)"}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ActivityReportDialog(QDialog):
    """The report's choices; :meth:`save_report` asks where and starts the worker."""

    #: the report was written (its ``export.ReportResult``)
    report_made = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activity_report_dialog")
        self.setWindowTitle(self.tr("Activity report"))
        self.context = context
        self.today = clock.today()
        #: the worker's progress dialog once *Save report…* has started one
        self.progress_dialog: Any = None
        self._setting_days = False  # True while a preset fills in the days (not the user typing)
        #: the file being written, once *Save report…* has one; the Profile dialog when opened from here
        self._target: Path | None = None
        self.profile_dialog: QDialog | None = None
        intro = QLabel(self.tr("A dated record of your job search — the applications you sent, your interviews "
                               "and the contacts you logged — for a benefits agency, a coach or yourself."), self)
        intro.setWordWrap(True)

        self.preset_combo = QComboBox(self)
        self.preset_combo.setObjectName("report_preset")
        self.preset_combo.setAccessibleName(self.tr("Period"))
        for key, label in PRESETS:
            self.preset_combo.addItem(self.tr(label), key)
        self.first_edit = self._date_edit("report_from", self.tr("From"))
        self.last_edit = self._date_edit("report_to", self.tr("To"))
        days = QHBoxLayout()
        days.addWidget(self.first_edit)
        days.addWidget(QLabel(self.tr("to"), self))
        days.addWidget(self.last_edit)
        days.addStretch(1)
        self.ends_today_note = QLabel(self.tr(ENDS_TODAY), self)
        self.ends_today_note.setObjectName("report_ends_today")
        self.ends_today_note.setWordWrap(True)
        self.ends_today_note.setStyleSheet(theme.text_style(theme.HINT))

        self.kind_boxes: dict[str, QCheckBox] = {}
        kinds = QVBoxLayout()
        for kind in KINDS:
            box = QCheckBox(self.tr(KIND_LABELS[kind]), self)
            box.setObjectName(f"report_kind_{kind}")
            box.setChecked(True)
            box.toggled.connect(self._recheck)
            kinds.addWidget(box)
            self.kind_boxes[kind] = box

        self.reader_combo = QComboBox(self)
        self.reader_combo.setObjectName("report_for")
        self.reader_combo.setAccessibleName(self.tr("Report for"))
        for key, column_set in COLUMN_SETS.items():
            self.reader_combo.addItem(column_set.name, key)  # agency names: not translated
        settings = context.ui_settings
        remembered = self.reader_combo.findData(settings.get(REPORT_FOR))
        self.reader_combo.setCurrentIndex(remembered if remembered >= 0 else self.reader_combo.findData(DEFAULT_SET))

        self.pdf_button = QRadioButton(self.tr("PDF (to print or send)"), self)
        self.pdf_button.setObjectName("report_format_pdf")
        self.csv_button = QRadioButton(self.tr("CSV (for a spreadsheet)"), self)
        self.csv_button.setObjectName("report_format_csv")
        (self.csv_button if settings.get(REPORT_FORMAT) == "csv" else self.pdf_button).setChecked(True)
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.pdf_button)
        self.format_group.addButton(self.csv_button)
        formats = QHBoxLayout()
        formats.addWidget(self.pdf_button)
        formats.addWidget(self.csv_button)
        formats.addStretch(1)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("report_error")
        self.error_label.setStyleSheet(theme.text_style(theme.ERROR))
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.addButton(self.tr("Save report…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("report_save")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save_report)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self._label(self.tr("&Period"), self.preset_combo), self.preset_combo)
        form.addRow("", days)
        form.addRow("", self.ends_today_note)
        form.addRow(self._label(self.tr("What &counts"), self.kind_boxes[KINDS[0]]), kinds)
        form.addRow(self._label(self.tr("Report &for"), self.reader_combo), self.reader_combo)
        form.addRow(self._label(self.tr("F&ormat"), self.pdf_button), formats)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.preset_combo.currentIndexChanged.connect(self._apply_preset)
        self.first_edit.userDateChanged.connect(self._typed_a_day)
        self.last_edit.userDateChanged.connect(self._typed_a_day)
        self.first_edit.dateChanged.connect(self._recheck)
        self.last_edit.dateChanged.connect(self._recheck)
        preset = self.preset_combo.findData(settings.get(REPORT_PRESET))
        self.preset_combo.setCurrentIndex(preset if preset >= 0 else self.preset_combo.findData("this_month"))
        self._apply_preset()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        # a label with a mnemonic (Alt+letter) that moves the focus to its field
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _date_edit(self, name: str, label: str) -> DateField:
        edit = DateField(self)  # #18: typed dates read whole
        edit.setObjectName(name)
        edit.setAccessibleName(label)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        # only days that have happened can be reported; 1900 keeps a typing slip from reaching year 1
        edit.setDateRange(_qdate(EARLIEST_DAY), _qdate(self.today))
        edit.setToolTip(self.tr(ENDS_TODAY))
        return edit

    # ---------------------------------------------------------------- the period
    def _apply_preset(self, _index: int = 0) -> None:
        preset = self.preset_combo.currentData()
        if preset == "custom":
            return
        first, last = preset_period(preset, self.today)
        self._setting_days = True
        self.first_edit.setDate(_qdate(first))
        self.last_edit.setDate(_qdate(last))
        self._setting_days = False

    def _typed_a_day(self, _day: QDate) -> None:
        # a day the user changes by hand makes the period their own
        if not self._setting_days:
            self.preset_combo.blockSignals(True)
            self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
            self.preset_combo.blockSignals(False)

    def _recheck(self, *_args: object) -> None:
        # the red line goes as soon as what it complained about is mended
        if self.error_label.text():
            self.error_label.setText(self.problem())

    def period(self) -> tuple[date, date]:
        """The days chosen, (first, last), both included; first may be after last (see :meth:`problem`)."""
        return _pydate(self.first_edit.date()), _pydate(self.last_edit.date())

    def kinds(self) -> tuple[str, ...]:
        """The ticked activity kinds (``activity.KINDS`` words), in their usual order."""
        return tuple(kind for kind in KINDS if self.kind_boxes[kind].isChecked())

    def reader(self) -> str:
        """The chosen *Report for*: a ``column_sets.COLUMN_SETS`` key."""
        return str(self.reader_combo.currentData())

    def report_format(self) -> str:
        """``pdf`` or ``csv``."""
        return "csv" if self.csv_button.isChecked() else "pdf"

    # ---------------------------------------------------------------- saving
    def problem(self) -> str:
        """What stops the report from being made, in the user's words; "" when nothing does.

        A day typed that cannot be read comes first, named by its field (issue #18): the
        period would otherwise be the field's last good day, which the user did not ask for.
        """
        for edit, name in ((self.first_edit, self.tr("From")), (self.last_edit, self.tr("To"))):
            typed = edit.check()
            if typed:
                return f"{name}: {typed}"
        first, last = self.period()
        if first > last:
            return self.tr("The period ends before it starts: choose a “To” day on or after the “From” day.")
        if not self.kinds():
            return self.tr("Tick at least one kind of activity to count.")
        return ""

    def suggested_name(self) -> str:
        """The file name the save dialog starts with: ``Activity report 2026-11-01 to 2026-11-14.pdf``."""
        first, last = self.period()
        return f"Activity report {first.isoformat()} to {last.isoformat()}.{self.report_format()}"

    def _remember_choices(self) -> None:
        settings = self.context.ui_settings
        settings.set(REPORT_FOR, self.reader())
        settings.set(REPORT_FORMAT, self.report_format())
        settings.set(REPORT_PRESET, str(self.preset_combo.currentData()))
        settings.sync()

    def _go_on_without_a_name(self) -> bool:
        """With no name in the profile: tell the user; True to make the report anyway, False
        (the profile is opened instead) to add it first."""
        from desktop_app.services.report.export import NO_NAME_WARNING, has_name

        if has_name():
            return True
        if self.context.prompts.ask_yes_no(self, self.tr("Activity report"), self.tr(NO_NAME_WARNING),
                                           yes_label=self.tr("Make it without my name"),
                                           no_label=self.tr("Open Profile…")):
            return True
        from desktop_app.ui.dialogs.profile_dialog import ProfileDialog

        profile = ProfileDialog(self)
        profile.accepted.connect(self.context.events.profile_changed.emit)
        self.profile_dialog = profile
        profile.open()
        return False

    def save_report(self) -> Any:
        """Check the choices, ask where, and write the report in a worker; returns the progress dialog."""
        from desktop_app.services.report.export import ReportRequest, write_report
        from desktop_app.ui.dialogs.backup_dialog import ProgressDialog

        from desktop_app.services.report.export import ReportWriteError, check_destination

        problem = self.problem()
        self.error_label.setText(problem)
        if problem:
            return None
        self._remember_choices()
        if not self._go_on_without_a_name():
            return None
        fmt = self.report_format()
        file_filter = self.tr("PDF (*.pdf)") if fmt == "pdf" else self.tr("Spreadsheet (*.csv)")
        # the picker opens in the folder the last report went to (Prompts' folder memory, kind "report")
        target = self.context.prompts.save_path(self, self.tr("Save activity report"), self.suggested_name(),
                                                file_filter, kind="report")
        if target is None:
            return None
        try:
            check_destination(target)  # said now, not after the report is built
        except ReportWriteError as exc:
            self.context.prompts.warn(self, self.tr("Activity report"),
                                      self.tr("No report was written.\n\n{0}").format(exc))
            return None
        self._target = Path(target)
        first, last = self.period()
        request = ReportRequest(first, last, self.kinds(), self.reader(), fmt)

        def work(progress: Any, cancelled: Any) -> object:
            return write_report(request, target, progress=progress, cancelled=cancelled)

        self.save_button.setEnabled(False)
        dialog = ProgressDialog(self.tr("Activity report"), self.tr("Writing the report to {0}…").format(target),
                                work, self, name="report_progress")
        dialog.ended.connect(self._ended)
        self.progress_dialog = dialog
        dialog.show()
        return dialog.start()

    def _ended(self, outcome: str, value: object) -> None:
        self.save_button.setEnabled(True)
        if outcome == "finished":
            self.report_made.emit(value)
            self.accept()
        elif outcome == "failed":
            self.context.prompts.warn(self, self.tr("Activity report"),
                                      self.tr("No report was written.\n\n{0}").format(value))
        else:
            self.error_label.setText(self.tr("Cancelled: no report was written."))
