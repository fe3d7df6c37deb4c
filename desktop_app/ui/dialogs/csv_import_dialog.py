"""Import applications from a spreadsheet: map the columns, see the bad rows, confirm the good ones.

Nothing is written until the user presses *Import N applications*; rows that cannot
be read are listed with their line number and the reason, and are left out. A known
export (LinkedIn's, Huntr's, Teal's) is named when recognised. Numeric dates are read
in the order the date column shows; when it cannot tell (every day 12 or less) the
dialog asks, with the order of the user's locale as the answer until they change it.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.exchange import applications_csv, csv_dates
from desktop_app.services.core.validation import ValidationError
from desktop_app import clock

_LABELS = {
    "role": "Role", "employer": "Employer", "agency": "Agency", "recruiter": "Recruiter", "source": "Source",
    "applied_on": "Applied on", "stage": "Stage", "notes": "Notes", "stage_history": "Stage history",
}


def locale_date_order() -> str:
    """The day/month order of the user's locale (its short date format), for the default answer."""
    return csv_dates.order_of_locale_format(QLocale.system().dateFormat(QLocale.FormatType.ShortFormat))


class CsvImportDialog(QDialog):
    def __init__(self, table: applications_csv.CsvTable, parent: QWidget | None = None, *,
                 default_date_order: str | None = None) -> None:
        super().__init__(parent)
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
        self.form = form
        self.summary = QLabel(self)
        self.summary.setObjectName("csv_summary")
        self.summary.setWordWrap(True)
        self.bad_list = QListWidget(self)
        self.bad_list.setObjectName("csv_bad_rows")
        self.bad_list.setAccessibleName(self.tr("Rows that will not be imported"))
        self.bad_list.setMaximumHeight(140)
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
            self.date_note.hide()
            self.bad_list.hide()
            self.summary.setText(self.tr("Choose the column for “{0}”.").format(self.tr(_LABELS[exc.field])))
            self.import_button.setText(self.tr("Import"))
            self.import_button.setEnabled(False)
            return
        # the question only when the column cannot tell and it matters (some day reads both ways)
        evidence = applications_csv.date_order_of(self.table, self.mapping())
        self._show_date_question(not self.check.date_evidence and evidence.ambiguous)
        words = self.tr(csv_dates.ORDER_WORDS[self.check.date_order])
        if self.check.date_evidence:
            self.date_note.setText(self.tr("Dates are read as {0}: {1}.").format(words, self.check.date_evidence))
        self.date_note.setVisible(bool(self.check.date_evidence))
        good, bad, dup = len(self.check.good), len(self.check.bad), len(self.check.duplicates)
        left_out = sorted([*self.check.bad, *((line, why) for line, _form, why in self.check.duplicates)])
        for line, reason in left_out:
            self.bad_list.addItem(self.tr("Line {0}: {1}").format(line, reason))
        self.bad_list.setVisible(bool(left_out))
        text = self.tr("{0} application(s) ready to import.").format(good)
        if dup:
            text += " " + self.tr("{0} already in Afterview and will be skipped.").format(dup)
        if bad:
            text += " " + self.tr("{0} row(s) cannot be read and will be left out:").format(bad)
        self.summary.setText(text)
        self.import_button.setText(self.tr("Import {0} application(s)").format(good))
        self.import_button.setEnabled(good > 0)

    def _show_date_question(self, shown: bool) -> None:
        self.form.setRowVisible(self.date_order, shown)

    def import_good_rows(self) -> bool:
        if self.check is None or not self.check.good:
            return False
        try:
            self.imported = applications_csv.import_rows(self.check.good, today=clock.today(),
                                                         history=self.check.history)
        except ValidationError as exc:
            self.summary.setText(self.tr("Nothing was imported: {0}").format(exc.message))
            return False
        self.accept()
        return True
