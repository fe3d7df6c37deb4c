"""Import applications from a spreadsheet: map the columns, see the bad rows, confirm the good ones.

Nothing is written until the user presses *Import N applications*; rows that cannot
be read are listed with their line number and the reason, and are left out.
"""

from __future__ import annotations

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

from desktop_app.services.exchange import applications_csv
from desktop_app.services.core.validation import ValidationError
from desktop_app import clock

_LABELS = {
    "role": "Role", "employer": "Employer", "agency": "Agency", "recruiter": "Recruiter", "source": "Source",
    "applied_on": "Applied on", "stage": "Stage", "notes": "Notes",
}


class CsvImportDialog(QDialog):
    def __init__(self, table: applications_csv.CsvTable, parent: QWidget | None = None) -> None:
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
        layout.addLayout(form)
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
            self.check = applications_csv.check_rows(self.table, self.mapping(), today=clock.today())
        except ValidationError as exc:
            self.check = None
            self.bad_list.hide()
            self.summary.setText(self.tr("Choose the column for “{0}”.").format(self.tr(_LABELS[exc.field])))
            self.import_button.setText(self.tr("Import"))
            self.import_button.setEnabled(False)
            return
        good, bad = len(self.check.good), len(self.check.bad)
        for line, reason in self.check.bad:
            self.bad_list.addItem(self.tr("Line {0}: {1}").format(line, reason))
        self.bad_list.setVisible(bad > 0)
        text = self.tr("{0} application(s) ready to import.").format(good)
        if bad:
            text += " " + self.tr("{0} row(s) cannot be read and will be left out:").format(bad)
        self.summary.setText(text)
        self.import_button.setText(self.tr("Import {0} application(s)").format(good))
        self.import_button.setEnabled(good > 0)

    def import_good_rows(self) -> bool:
        if self.check is None or not self.check.good:
            return False
        try:
            self.imported = applications_csv.import_rows(self.check.good, today=clock.today())
        except ValidationError as exc:
            self.summary.setText(self.tr("Nothing was imported: {0}").format(exc.message))
            return False
        self.accept()
        return True
