"""Import applications from a spreadsheet: map the columns, see the bad rows, confirm the good ones.

Nothing is written until the user presses *Import N applications*; rows that cannot
be read are listed with their line number and the reason, and are left out. A known
export (LinkedIn's, Huntr's, Teal's) is named when recognised. Numeric dates are read
in the order the date column shows; when it cannot tell (every day 12 or less) the
dialog asks, with the order of the user's locale as the answer until they change it.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.exchange import applications_csv, csv_dates
from desktop_app.services.core.validation import ValidationError
from desktop_app import clock, vocab

#: how many rows the mapping step shows as they will be read
_FIRST_ROWS = 5

_LABELS = {
    "role": "Role", "employer": "Employer", "agency": "Agency", "recruiter": "Recruiter", "source": "Source",
    "applied_on": "Applied on", "stage": "Stage", "notes": "Notes", "stage_history": "Stage history",
}


def locale_date_order() -> str:
    """The day/month order of the user's locale (its short date format), for the default answer."""
    return csv_dates.order_of_locale_format(QLocale.system().dateFormat(QLocale.FormatType.ShortFormat))


class CsvImportDialog(QDialog):
    """The mapping step of a CSV import. ``settings`` and ``source_name`` (the file's name):
    the day/month order chosen for a file of that name is remembered and offered next time."""

    def __init__(self, table: applications_csv.CsvTable, parent: QWidget | None = None, *,
                 default_date_order: str | None = None, settings: Any = None, source_name: str = "") -> None:
        super().__init__(parent)
        self.settings, self.source_name = settings, source_name
        remembered = self._remembered_orders().get(source_name) if source_name else None
        default_date_order = remembered if remembered in csv_dates.ORDERS else default_date_order
        self.setObjectName("csv_import_dialog")
        self.setWindowTitle(self.tr("Import applications"))
        self.setMinimumWidth(520)
        self.table = table
        self.imported = 0
        self.check: applications_csv.CsvCheck | None = None
        intro = QLabel(self.tr("Choose which column of your spreadsheet holds each detail. "
                               "Role, employer and applied date are needed."), self)
        intro.setWordWrap(True)
        known = applications_csv.recognise(table.headers)
        said = self.tr("Recognised: {0}.").format(known.name) if known else ""
        if known and known.source:
            said += " " + self.tr("Each application's source will be “{0}”.").format(known.source)
        present = {h.casefold(): h for h in table.headers}
        kept = [present[h] for h in (known.note_columns if known else ()) if h in present]
        if kept:
            said += " " + self.tr("{0} will be kept in the notes.").format(", ".join(kept))
        self.format_note = QLabel(said, self)
        self.format_note.setObjectName("csv_format")
        self.format_note.setWordWrap(True)
        self.format_note.setVisible(known is not None)
        guessed = applications_csv.guess_mapping(table.headers)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for name in applications_csv.IMPORT_FIELDS:
            combo = QComboBox(self)
            combo.setObjectName(f"csv_map_{name}")
            combo.setAccessibleName(self.tr(_LABELS[name]))
            combo.addItem(self.tr("(not in the file)"), None)
            for index, header in enumerate(table.headers):
                combo.addItem(header or self.tr("(column {0})").format(index + 1), index)
            if guessed[name] is not None:
                combo.setCurrentIndex(combo.findData(guessed[name]))
            combo.currentIndexChanged.connect(self.recheck)
            form.addRow(self.tr(_LABELS[name]), combo)
            self.combos[name] = combo
        self.date_order = QComboBox(self)
        self.date_order.setObjectName("csv_date_order")
        self.date_order.setAccessibleName(self.tr("Order of day and month in the dates"))
        for order, words in csv_dates.ORDERS.items():
            self.date_order.addItem(self.tr(words), order)
        self.date_order.setCurrentIndex(self.date_order.findData(default_date_order or locale_date_order()))
        self.date_order.currentIndexChanged.connect(self.recheck)
        self.date_question = QLabel(self.tr("Dates like 03/04/2025"), self)
        self.date_question.setBuddy(self.date_order)
        self.date_note = QLabel(self)
        self.date_note.setObjectName("csv_date_note")
        self.date_note.setWordWrap(True)
        # asked with the columns: it is part of how the file is read
        form.addRow(self.date_question, self.date_order)
        # a stage the file does not date: on the applied date (an old rejection must not be
        # dated, and followed up, as if it came today) unless the user says it is recent
        self.stages_box = QWidget(self)
        self.stages_on_applied = QRadioButton(self.tr("on the applied date"), self.stages_box)
        self.stages_on_applied.setObjectName("csv_stages_on_applied")
        self.stages_on_today = QRadioButton(self.tr("today"), self.stages_box)
        self.stages_on_today.setObjectName("csv_stages_on_today")
        self.stages_on_applied.setChecked(True)
        stages_row = QHBoxLayout(self.stages_box)
        stages_row.setContentsMargins(0, 0, 0, 0)
        stages_row.addWidget(self.stages_on_applied)
        stages_row.addWidget(self.stages_on_today)
        stages_row.addStretch(1)
        self.stages_question = QLabel(self.tr("When did these stages happen?"), self)
        self.stages_question.setBuddy(self.stages_on_applied)
        form.addRow(self.stages_question, self.stages_box)
        self.form = form
        self.summary = QLabel(self)
        self.summary.setObjectName("csv_summary")
        self.summary.setWordWrap(True)
        self.bad_list = QListWidget(self)
        self.bad_list.setObjectName("csv_bad_rows")
        self.bad_list.setAccessibleName(self.tr("Rows that will not be imported"))
        self.bad_list.setMaximumHeight(140)
        # the first rows as they will be read: the dates after the day/month choice
        self.first_rows = QTableWidget(0, 4, self)
        self.first_rows.setObjectName("csv_first_rows")
        self.first_rows.setAccessibleName(self.tr("The first rows as they will be imported"))
        self.first_rows.setHorizontalHeaderLabels(
            [self.tr("Role"), self.tr("Employer"), self.tr("Applied"), self.tr("Stage")])
        self.first_rows.verticalHeader().setVisible(False)
        self.first_rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.first_rows.horizontalHeader().setStretchLastSection(True)
        self.first_rows.setMaximumHeight(150)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("csv_import")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.import_good_rows)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.format_note)
        layout.addLayout(form)
        layout.addWidget(self.date_note)
        layout.addWidget(self.first_rows)
        layout.addWidget(self.summary)
        layout.addWidget(self.bad_list)
        layout.addWidget(self.buttons)
        self.recheck()

    def mapping(self) -> dict[str, int | None]:
        return {name: combo.currentData() for name, combo in self.combos.items()}

    def set_column(self, field: str, header: str) -> None:
        combo = self.combos[field]
        combo.setCurrentIndex(combo.findText(header))

    def recheck(self) -> None:
        self.bad_list.clear()
        try:
            self.check = applications_csv.check_rows(self.table, self.mapping(), today=clock.today(),
                                                     date_order=self.date_order.currentData())
        except ValidationError as exc:
            self.check = None
            self._show_date_question(False)
            self.form.setRowVisible(self.stages_box, False)
            self.date_note.hide()
            self.bad_list.hide()
            self.summary.setText(self.tr("Choose the column for “{0}”.").format(self.tr(_LABELS[exc.field])))
            self.import_button.setText(self.tr("Import"))
            self.import_button.setEnabled(False)
            return
        # the question only when the column cannot tell and it matters (some day reads both ways)
        evidence = applications_csv.date_order_of(self.table, self.mapping())
        self._show_date_question(not self.check.date_evidence and evidence.ambiguous)
        self.form.setRowVisible(self.stages_box, any(
            form.stage != "applied" and line not in self.check.history for line, form in self.check.good))
        words = self.tr(csv_dates.ORDER_WORDS[self.check.date_order])
        if self.check.date_evidence:
            self.date_note.setText(self.tr("Dates are read as {0}: {1}.").format(words, self.check.date_evidence))
        self.date_note.setVisible(bool(self.check.date_evidence))
        good, bad, dup = len(self.check.good), len(self.check.bad), len(self.check.duplicates)
        left_out = sorted([*self.check.bad, *((line, why) for line, _form, why in self.check.duplicates)])
        for line, reason in left_out:
            self.bad_list.addItem(self.tr("Line {0}: {1}").format(line, reason))
        self.bad_list.setVisible(bool(left_out))
        shown = self.check.good[:_FIRST_ROWS]
        self.first_rows.setRowCount(len(shown))
        for row, (_line, form) in enumerate(shown):
            day = form.applied_on
            cells = (form.role, form.employer, f"{day.day} {QLocale().monthName(day.month)} {day.year}",
                     self.tr(vocab.STAGES.get(form.stage, form.stage)))
            for column, text in enumerate(cells):
                self.first_rows.setItem(row, column, QTableWidgetItem(text))
        self.first_rows.setVisible(bool(shown))
        text = self.tr("{0} application(s) ready to import.").format(good)
        if dup:
            text += " " + self.tr("{0} already in Afterview and will be skipped.").format(dup)
        if bad:
            text += " " + self.tr("{0} row(s) cannot be read and will be left out:").format(bad)
        self.summary.setText(text)
        self.import_button.setText(self.tr("Import {0} application(s)").format(good))
        self.import_button.setEnabled(good > 0)

    def _remembered_orders(self) -> dict[str, str]:
        from desktop_app.ui.ui_settings import CSV_DATE_ORDERS

        if self.settings is None:
            return {}
        try:
            value = json.loads(self.settings.get(CSV_DATE_ORDERS))
        except ValueError:  # a hand-edited settings file: start again
            return {}
        return value if isinstance(value, dict) else {}

    def _remember_order(self) -> None:
        from desktop_app.ui.ui_settings import CSV_DATE_ORDERS

        if self.settings is None or not self.source_name:
            return
        orders = self._remembered_orders()
        orders[self.source_name] = self.date_order.currentData()
        self.settings.set(CSV_DATE_ORDERS, json.dumps(orders))

    def _show_date_question(self, shown: bool) -> None:
        self.form.setRowVisible(self.date_order, shown)

    def import_good_rows(self) -> bool:
        """Import the good rows in a worker, with a progress dialog and Cancel (all or nothing:
        one transaction); returns False when there is nothing to import. The dialog is
        accepted when the import has finished; on an error or Cancel it stays open and
        says that nothing was imported."""
        from desktop_app.ui.dialogs.backup_dialog import ProgressDialog

        if self.check is None or not self.check.good:
            return False
        good, history, today = self.check.good, self.check.history, clock.today()
        stages_on = (applications_csv.STAGES_ON_TODAY if self.stages_on_today.isChecked()
                     else applications_csv.STAGES_ON_APPLIED)

        def work(progress: Any, cancelled: Any) -> int:
            try:
                return applications_csv.import_rows(good, today=today, history=history, stages_on=stages_on,
                                                    progress=progress, cancelled=cancelled)
            except ValidationError as exc:  # the message alone, without the field's key
                raise ValueError(exc.message) from None

        self.buttons.setEnabled(False)
        self.progress = ProgressDialog(self.tr("Import applications"),
                                       self.tr("Importing {0} application(s)…").format(len(good)), work, self,
                                       name="csv_import_progress")
        self.progress.ended.connect(self._imported)
        self.progress.show()
        self.progress.start()
        return True

    def _imported(self, outcome: str, value: Any) -> None:
        self.buttons.setEnabled(True)
        if outcome == "finished":
            self.imported = int(value)
            self._remember_order()
            self.accept()
        elif outcome == "failed":
            self.summary.setText(self.tr("Nothing was imported: {0}").format(value))
        else:
            self.summary.setText(self.tr("Import cancelled: nothing was imported."))
