"""The vCard import preview: what will be created, what is skipped, and what could not be read.

Nothing is created until the user presses *Import*. Duplicates (same email or phone
as a referee already kept, or the same name at the same organisation) are shown with
the reason but cannot be ticked. The country assumed for numbers written without a
country code is said above the list; under it, *What to check* lists the cards that
could not be read, the lines skipped (by line number in the file), each assumption
and each duplicate, so the user can fix them in their address book.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme
from desktop_app import vocab
from desktop_app.services.exchange import vcard
from desktop_app.services.referees.time_zones import country_name
from desktop_app.services.core.validation import ValidationError
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.list_panel import cap_fitted_header
from desktop_app.ui.models.referees_model import VCardPreviewModel


class VCardImportDialog(QDialog):
    """``created`` holds the ids of the referees made once accepted."""

    def __init__(self, readout: vcard.VCardReadout, source_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vcard_import_dialog")
        self.setWindowTitle(self.tr("Import referees from {0}").format(source_name))
        self.resize(900, 620)
        self.readout = readout
        self.created: list[int] = []

        new, dup = len(readout.new_cards), len(readout.duplicates)
        summary = self.tr("{0} contact(s) can be added as referees.").format(new)
        if dup:
            summary += " " + self.tr("{0} already among your referees or repeated in the file (same email, "
                                     "phone, or name at the same organisation) will be skipped.").format(dup)
        if readout.problems:
            summary += " " + self.tr("{0} could not be read (see below).").format(
                sum(1 for p in readout.problems if p.number))
        self.summary = QLabel(summary, self)
        self.summary.setObjectName("vcard_summary")
        self.summary.setWordWrap(True)

        self.country_note = QLabel(self._country_text(readout), self)
        self.country_note.setObjectName("vcard_country")
        self.country_note.setWordWrap(True)
        self.country_note.setVisible(any("no country code" in w for c in readout.cards for w in c.warnings))

        self.model = VCardPreviewModel(self)
        self.model.set_rows(readout.cards)
        self.table = QTableView(self)
        self.table.setObjectName("vcard_preview")
        self.table.setAccessibleName(self.tr("Contacts in the file"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        cap_fitted_header(self.table.horizontalHeader())  # a pasted 480-character name must not widen it

        self.relationship_combo = QComboBox(self)
        self.relationship_combo.setObjectName("vcard_relationship")
        self.relationship_combo.setAccessibleName(self.tr("Relationship of the new referees"))
        for word in vocab.RELATIONSHIPS:
            self.relationship_combo.addItem(vocab_label(vocab.RELATIONSHIPS, word), word)
        self.relationship_combo.setCurrentIndex(self.relationship_combo.findData("colleague"))
        form = QFormLayout()
        form.addRow(self.tr("Add them as"), self.relationship_combo)
        hint = QLabel(self.tr("Address books do not say how you know someone: set each referee's "
                              "relationship afterwards with Edit."), self)
        hint.setWordWrap(True)

        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("vcard_problems")
        self.problems.setAccessibleName(self.tr("What to check: cards not read, lines skipped, assumptions"))
        self.problems.setReadOnly(True)
        lines = [self._problem_line(p) for p in readout.problems]
        for card in readout.cards:
            lines += [self.tr("Card {0} ({1}): {2}").format(card.number, card.name, said) for said in card.problems()]
        self.problems.setPlainText("\n".join(lines))
        self.problems_label = QLabel(self.tr("What to check:"), self)
        self.problems_label.setBuddy(self.problems)
        self.problems.setVisible(bool(lines))
        self.problems_label.setVisible(bool(lines))
        self.problems.setMaximumHeight(110)

        self.error = QLabel(self)
        self.error.setObjectName("vcard_error")
        self.error.setStyleSheet(theme.text_style(theme.ERROR))
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("vcard_buttons")
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.import_ticked)
        self.buttons.rejected.connect(self.reject)
        self.model.dataChanged.connect(self._update_button)
        self._update_button()

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.country_note)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _country_text(self, readout: vcard.VCardReadout) -> str:
        if readout.user_country:
            return self.tr("Phone numbers written without a country code are read as numbers in {0} (the "
                           "country in your profile), unless the card's address is in another country."
                           ).format(country_name(readout.user_country))
        return self.tr("Your profile has no country: a phone number written without a country code is read "
                       "only when the card's address names a country. Set your country in your profile to "
                       "read the others.")

    def _problem_line(self, problem: vcard.CardProblem) -> str:
        if problem.number == 0:
            return problem.message
        if problem.who:
            return self.tr("Card {0} ({1}): {2}").format(problem.number, problem.who, problem.message)
        return self.tr("Card {0}: {1}").format(problem.number, problem.message)

    def _update_button(self, *_args: object) -> None:
        count = len(self.model.ticked_cards())
        self.import_button.setText(self.tr("Import {0} referee(s)").format(count))
        self.import_button.setEnabled(count > 0)

    def import_ticked(self) -> bool:
        """Import the ticked cards in a worker, with a progress dialog and Cancel (all or
        nothing: one transaction); returns False when nothing is ticked. The dialog is
        accepted when the import has finished; on an error or Cancel it stays open and
        says that nothing was imported."""
        from desktop_app.ui.dialogs.backup_dialog import ProgressDialog

        cards, relationship = self.model.ticked_cards(), self.relationship_combo.currentData()
        if not cards:
            return False

        def work(progress: Any, cancelled: Any) -> list[int]:
            try:
                return vcard.import_cards(cards, relationship, progress=progress, cancelled=cancelled)
            except ValidationError as exc:  # the message alone, without the field's key
                raise ValueError(exc.message) from None

        self.buttons.setEnabled(False)
        self.error.hide()
        self.progress = ProgressDialog(self.tr("Import referees"),
                                       self.tr("Importing {0} referee(s)…").format(len(cards)), work, self,
                                       name="vcard_import_progress")
        self.progress.ended.connect(self._imported)
        self.progress.show()
        self.progress.start()
        return True

    def _imported(self, outcome: str, value: Any) -> None:
        self.buttons.setEnabled(True)
        if outcome == "finished":
            self.created = list(value)
            self.accept()
            return
        if outcome == "failed":
            self.error.setText(self.tr("Nothing was imported: {0}").format(value))
        else:
            self.error.setText(self.tr("Import cancelled: nothing was imported."))
        self.error.show()
