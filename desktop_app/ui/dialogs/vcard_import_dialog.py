"""The vCard import preview: what will be created, what is skipped, and what could not be read.

Nothing is created until the user presses *Import*. Duplicates (same email or phone
as a referee already kept, or the same name at the same organisation) are shown with
the reason but cannot be ticked. The country assumed for numbers written without a
country code is said above the list; under it, *What to check* lists the cards that
could not be read, the lines skipped (by line number in the file), each assumption
and each duplicate, so the user can fix them in their address book.

With no country in the profile, *Set your country…* opens the profile; once it is saved the
file is read again (the same reading as ``afterview import vcard``) and the preview shows
the numbers that could not be read before (issue #15, fresh eyes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
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
    """``created`` holds the ids of the referees made once accepted.

    ``reread`` (optional) reads the file again, returning a new
    :class:`~desktop_app.services.exchange.vcard.VCardReadout` (it runs in a worker thread);
    with it, a profile without a country offers *Set your country…*, and ``profile_saved``
    is called once the profile has been saved from there (the window's ``profile_changed``).
    """

    def __init__(self, readout: vcard.VCardReadout, source_name: str, parent: QWidget | None = None, *,
                 reread: Callable[..., vcard.VCardReadout] | None = None,
                 profile_saved: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vcard_import_dialog")
        self.setWindowTitle(self.tr("Import referees from {0}").format(source_name))
        self.resize(900, 620)
        from desktop_app.ui.widgets import fit_to_screen  # issue 15: with its frame, within a 1024×640 screen
        fit_to_screen(self, self.size())
        self.readout = readout
        self.created: list[int] = []
        self._reread, self._profile_saved = reread, profile_saved

        self.summary = QLabel(self)
        self.summary.setObjectName("vcard_summary")
        self.summary.setWordWrap(True)

        self.country_note = QLabel(self)
        self.country_note.setObjectName("vcard_country")
        self.country_note.setWordWrap(True)
        self.set_country_button = QPushButton(self.tr("Set your country…"), self)
        self.set_country_button.setObjectName("vcard_set_country")
        self.set_country_button.clicked.connect(self.open_profile)
        self.profile_dialog: QDialog | None = None

        self.model = VCardPreviewModel(self)
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
        self.problems_label = QLabel(self.tr("What to check:"), self)
        self.problems_label.setBuddy(self.problems)
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
        self.model.modelReset.connect(self._update_button)
        self._show(readout)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        country_row = QHBoxLayout()  # the button beside the sentence that asks for it
        country_row.addWidget(self.country_note, 1)
        country_row.addWidget(self.set_country_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(country_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _show(self, readout: vcard.VCardReadout) -> None:
        """Fill the summary, the country note, the list and *What to check* from ``readout``."""
        self.readout = readout
        new, dup = len(readout.new_cards), len(readout.duplicates)
        summary = self.tr("{0} contact(s) can be added as referees.").format(new)
        if dup:
            summary += " " + self.tr("{0} already among your referees or repeated in the file (same email, "
                                     "phone, or name at the same organisation) will be skipped.").format(dup)
        if readout.problems:
            summary += " " + self.tr("{0} could not be read (see below).").format(
                sum(1 for p in readout.problems if p.number))
        self.summary.setText(summary)
        self.country_note.setText(self._country_text(readout))
        national = any("no country code" in w for c in readout.cards for w in c.warnings)
        self.country_note.setVisible(national)
        self.set_country_button.setVisible(national and not readout.user_country and self._reread is not None)
        self.model.set_rows(readout.cards)
        lines = [self._problem_line(p) for p in readout.problems]
        for card in readout.cards:
            lines += [self.tr("Card {0} ({1}): {2}").format(card.number, card.name, said) for said in card.problems()]
        self.problems.setPlainText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        self.problems_label.setVisible(bool(lines))

    def open_profile(self) -> QDialog:
        """Open the profile (not modal over this one: it is a child); once saved, read the file again."""
        from desktop_app.ui.dialogs.profile_dialog import ProfileDialog

        profile = ProfileDialog(self)
        profile.accepted.connect(self._profile_accepted)
        self.profile_dialog = profile
        profile.open()
        return profile

    def _profile_accepted(self) -> None:
        from desktop_app.ui.dialogs.backup_dialog import ProgressDialog

        if self._profile_saved is not None:
            self._profile_saved()
        if self._reread is None:
            return
        self.buttons.setEnabled(False)
        self.reread_progress = ProgressDialog(self.tr("Import vCard"), self.tr("Reading the file again…"),
                                              self._reread, self, name="vcard_reread_progress")
        self.reread_progress.ended.connect(self._reread_ended)
        self.reread_progress.show()
        self.reread_progress.start()

    def _reread_ended(self, outcome: str, value: Any) -> None:
        self.buttons.setEnabled(True)
        if outcome == "finished":
            self._show(value)
        elif outcome == "failed":
            self.error.setText(self.tr("The file could not be read again: {0}").format(value))
            self.error.show()

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
