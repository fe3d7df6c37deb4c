"""Under the referee list: where the selected referee's name was given, and how they were briefed.

Layout and showing only; the Referees tab wires the buttons to its actions.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import clock
from desktop_app.services.referees import briefings as briefing_service
from desktop_app.services.referees.referees import RefereeRow
from desktop_app.ui.list_panel import fit_columns
from desktop_app.ui.models.referees_model import BriefingsModel, ReferencesModel


def _small_table(name: str, accessible: str, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    # #18: columns as wide as their headers ("Employer contacted them" showed as "oyer contacted t")
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class RefereeDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referee_detail")
        self.references_model = ReferencesModel(self)
        self.briefings_model = BriefingsModel(self)
        self.title = QLabel(self)
        self.title.setObjectName("referees_details_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # names are the user's text, never markup
        self.references_table = _small_table("referee_references", self.tr("Given to"), self)
        self.references_table.setModel(self.references_model)
        self.briefings_table = _small_table("referee_briefings", self.tr("Briefings"), self)
        self.briefings_table.setModel(self.briefings_model)
        self.contacted_button = self._button("referees_employer_contacted", self.tr("Employer contacted them…"))
        self.questionnaire_button = self._button("referees_questionnaire_done", self.tr("Questionnaire done"))
        self.take_back_button = self._button("referees_take_back", self.tr("Take back"))
        self.take_back_button.setToolTip(self.tr("Given by mistake: remove this referee from the application"))
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("Given to:"), self))
        actions.addStretch(1)
        for button in self.reference_buttons():
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(actions)
        layout.addWidget(self.references_table, 1)
        layout.addWidget(QLabel(self.tr("Briefings:"), self))
        layout.addWidget(self.briefings_table, 1)
        self.references_table.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        self.show_referee(None, clock.today())

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        return button

    def reference_buttons(self) -> tuple[QPushButton, ...]:
        return (self.contacted_button, self.questionnaire_button, self.take_back_button)

    def show_referee(self, row: RefereeRow | None, today: date) -> None:
        if row is None:
            self.title.setText(self.tr("Select a referee to see where their name was given and "
                                       "how they were briefed."))
            self.references_model.set_rows([])
            self.briefings_model.set_rows([])
        else:
            self.title.setText(self.tr("{0}: given to applications, and briefings").format(row.name))
            self.references_model.set_rows(briefing_service.references(today=today, referee_id=row.id))
            self.briefings_model.set_rows(briefing_service.briefings_of(row.id))
            if self.references_model.rowCount():
                self.references_table.setCurrentIndex(self.references_model.index(0, 0))
            fit_columns(self.references_table)
            fit_columns(self.briefings_table)
        self.update_buttons()

    def current_reference(self) -> briefing_service.ReferenceRow | None:
        index = self.references_table.currentIndex()
        return self.references_model.row_at(index.row()) if index.isValid() else None

    def update_buttons(self) -> None:
        reference = self.current_reference()
        for button in self.reference_buttons():
            button.setEnabled(reference is not None)
        if reference is not None:
            self.questionnaire_button.setText(self.tr("Questionnaire not done") if reference.questionnaire_done
                                              else self.tr("Questionnaire done"))
