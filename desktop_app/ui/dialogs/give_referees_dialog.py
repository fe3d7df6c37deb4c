"""Give referees to an application: which of them, to which application, on which day.

Opened from a referee (the referee ticked, the application to pick) or from an
application's detail view (the application fixed, the referees to tick): call
:func:`give_referees_to_application`. Records a *reference given* per referee; the
Today list then asks for a briefing until there is one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme
from desktop_app import clock, vocab
from desktop_app.services.referees import briefings as briefing_service
from desktop_app.services.referees import referees as referee_service
from desktop_app.services.core.crud import NotFound
from desktop_app.services.core.validation import ValidationError
from desktop_app.ui.events import DataEvents
from desktop_app.ui.formatting import vocab_label
from desktop_app.ui.date_field import DateField
from desktop_app.ui.dialogs.form_errors import FieldErrors
from desktop_app.ui.widgets import name_combo


class GiveRefereesDialog(QDialog):
    """``given`` holds how many referees were newly given once accepted."""

    def __init__(self, parent: QWidget | None = None, *, application_id: int | None = None,
                 referee_ids: tuple[int, ...] = (), today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("give_referees_dialog")
        self.setWindowTitle(self.tr("Give referees to an application"))
        self.setMinimumWidth(460)
        self.given = 0
        self.today = today = today or clock.today()

        self.application_combo = name_combo(self)
        self.application_combo.setObjectName("give_application")
        self.application_combo.setAccessibleName(self.tr("Application"))
        for choice in briefing_service.application_choices(live_only=application_id is None):
            self.application_combo.addItem(choice.label, choice.id)
        if application_id is not None:
            self.application_combo.setCurrentIndex(max(0, self.application_combo.findData(application_id)))
            self.application_combo.setEnabled(False)  # opened from the application itself
        self.application_combo.currentIndexChanged.connect(self._mark_already_given)

        self.referee_list = QListWidget(self)
        self.referee_list.setObjectName("give_referees")
        self.referee_list.setAccessibleName(self.tr("Referees to give"))
        for row in referee_service.list_referee_rows(include_retired=False):
            detail = vocab_label(vocab.RELATIONSHIPS, row.relationship)
            item = QListWidgetItem(f"{row.name} — {detail}", self.referee_list)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row.id in referee_ids else Qt.CheckState.Unchecked)

        self.errors = FieldErrors("give")
        self.on_edit = DateField(self)  # #18: typed dates read whole
        self.on_edit.setObjectName("give_on")
        self.on_edit.setAccessibleName(self.tr("Given on"))
        self.on_edit.setCalendarPopup(True)
        self.on_edit.setDisplayFormat("d MMM yyyy")
        self.on_edit.setDate(QDate(today.year, today.month, today.day))
        self.message = QLabel(self)
        self.message.setObjectName("give_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(theme.text_style(theme.ERROR))
        self.message.hide()

        if self.application_combo.count() == 0:
            self.message.setText(self.tr("There is no live application to give referees to."))
            self.message.show()
        hint = QLabel(self.tr("Afterview will remind you to brief each of them before the employer calls."), self)
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Application"), self.application_combo)
        form.addRow(self.tr("Referees"), self.referee_list)
        form.addRow(self.tr("Given on"), self.errors.wrap("on", self.on_edit, self))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("give_buttons")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Give"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._mark_already_given()

    def _mark_already_given(self, _index: int = 0) -> None:
        """Referees already given to the chosen application show it, and cannot be given twice."""
        app_id = self.application_combo.currentData()
        already = set()
        if app_id is not None:
            already = {r.referee_id for r in briefing_service.references(today=self.today, application_id=app_id)}
        for i in range(self.referee_list.count()):
            item = self.referee_list.item(i)
            is_given = item.data(Qt.ItemDataRole.UserRole) in already
            item.setToolTip(self.tr("Already given to this application.") if is_given else "")
            if is_given:
                item.setCheckState(Qt.CheckState.Checked)
            flags = item.flags()
            item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled if is_given else flags | Qt.ItemFlag.ItemIsEnabled)

    def tick(self, referee_id: int, ticked: bool = True) -> None:
        for i in range(self.referee_list.count()):
            item = self.referee_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == referee_id:
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def ticked_ids(self) -> list[int]:
        items = (self.referee_list.item(i) for i in range(self.referee_list.count()))
        return [it.data(Qt.ItemDataRole.UserRole) for it in items
                if it.checkState() == Qt.CheckState.Checked and it.flags() & Qt.ItemFlag.ItemIsEnabled]

    def save(self) -> bool:
        """Give the ticked referees and close; False (nothing given) with every problem said at once:
        no application, no referee ticked, a day that cannot be read (beside it, issue #18)."""
        self.errors.clear()
        self.message.hide()
        dates_fine = self.errors.check_dates()  # a red date is not saved as its old value
        app_id = self.application_combo.currentData()
        ids = self.ticked_ids()
        if app_id is None:
            return self._problem(self.tr("Choose an application."))
        if not ids:
            return self._problem(self.tr("Tick at least one referee."))
        if not dates_fine:
            return False
        on = self.on_edit.date()
        try:
            self.given = briefing_service.give_referees(app_id, ids, date(on.year(), on.month(), on.day()))
        except (ValidationError, NotFound) as exc:
            return self._problem(str(getattr(exc, "message", exc)))
        self.accept()
        return True

    def _problem(self, text: str) -> bool:
        self.message.setText(text)
        self.message.show()
        return False


def give_referees_to_application(parent: QWidget | None, application_id: int, events: DataEvents,
                                 run: Callable[[QDialog], bool] | None = None) -> int:
    """From an application's detail view: tick referees to give; returns how many were given.

    ``run`` shows the dialog (the caller's own ``run_dialog``, so its tests can drive it).
    """
    dialog = GiveRefereesDialog(parent, application_id=application_id)
    if not (run(dialog) if run is not None else dialog.exec()):
        return 0
    events.referees_changed.emit()
    events.applications_changed.emit()
    return dialog.given
