"""The Referees tab: the people who vouch for the user, whether they are ready, and what they were told.

Top: the readiness banner (from ``rules.referees``), saying what to do. Then the
actions, the list (with each referee's local time, ticking every half minute) and,
for the selected referee, where their name was given and how they were briefed.
Every form dialog goes through :meth:`RefereesTab.run_dialog`, and every question and
file picker through ``context.prompts``, so tests can replace them.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme
from desktop_app.rules import referees as referee_rules
from desktop_app.services.referees import briefings as briefing_service
from desktop_app.services.referees import referees as referee_service
from desktop_app.services.exchange import vcard
from desktop_app.services.referees.referees import RefereeRow
from desktop_app import clock
from desktop_app.ui.context import AppContext
from desktop_app.ui.list_panel import ListPanel, fit_columns
from desktop_app.ui.models.referees_model import RefereesModel
from desktop_app.ui.referee_detail import RefereeDetail
from desktop_app.ui.widgets import push_button


class RefereesTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referees_tab")
        self.context = context
        self.model = RefereesModel(self)
        self.model.set_now(self.now())
        self.panel = ListPanel(
            self.model, name="referees",
            empty_text=self.tr("No referees yet — add the people who will vouch for you, "
                               "ideally former direct managers."),
            filter_placeholder=self.tr("Filter referees"), parent=self)
        # several referees can be selected at once, for Export vCard
        self.panel.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.panel.current_row_changed.connect(self._current_changed)
        self.panel.row_activated.connect(lambda _row: self.edit_referee())
        from desktop_app.ui.people_actions import on_delete_key

        on_delete_key(self.panel.table, self.delete_referee)  # Delete: to the Trash, asked first

        self.banner = QLabel(self)
        self.banner.setObjectName("referees_readiness")
        self.banner.setAccessibleName(self.tr("Are your referees ready?"))
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)

        self.add_button = self._button("referees_add", self.tr("&Add…"), self.add_referee)
        self.edit_button = self._button("referees_edit", self.tr("&Edit…"), self.edit_referee)
        self.retire_button = self._button("referees_retire", self.tr("&Retire"), self.toggle_retired)
        # the README's Trash: a referee can be deleted, as every record can (issue #18: the Delete
        # key, Edit → Delete and this button are one action)
        self.delete_button = self._button("referees_delete", self.tr("&Delete…"), self.delete_referee)
        self.brief_button = self._button("referees_brief", self.tr("&Brief…"), self.brief_referee, "Ctrl+B")
        self.give_button = self._button("referees_give", self.tr("&Give to application…"), self.give_referee)
        self.import_button = self._button("referees_import", self.tr("&Import vCard…"), self.import_vcard)
        self.export_button = self._button("referees_export", self.tr("E&xport vCard…"), self.export_vcard)
        self.show_retired = QCheckBox(self.tr("Show retired"), self)
        self.show_retired.setObjectName("referees_show_retired")
        self.show_retired.toggled.connect(self.refresh)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.retire_button, self.delete_button,
                       self.brief_button, self.give_button, self.import_button, self.export_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.show_retired)

        self.detail = RefereeDetail(self)
        self.detail.contacted_button.clicked.connect(lambda: self.mark_employer_contacted())
        self.detail.questionnaire_button.clicked.connect(lambda: self.toggle_questionnaire_done())
        self.detail.take_back_button.clicked.connect(lambda: self.take_back())
        # the tests and the tab's actions reach these directly
        self.references_model, self.briefings_model = self.detail.references_model, self.detail.briefings_model
        self.references_table = self.detail.references_table
        self.contacted_button = self.detail.contacted_button
        self.questionnaire_button = self.detail.questionnaire_button
        self.take_back_button = self.detail.take_back_button

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("referees_splitter")
        splitter.addWidget(self.panel)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([360, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

        context.events.referees_changed.connect(self.refresh)
        context.events.applications_changed.connect(self.refresh)
        context.events.settings_changed.connect(self.refresh)
        self.clock = QTimer(self)
        self.clock.setInterval(30_000)  # the local-time column moves on with the minute
        self.clock.timeout.connect(self.tick)
        self.clock.start()
        self.refresh()

    def _button(self, name: str, text: str, slot: Any, shortcut: str | None = None) -> QPushButton:
        return push_button(self, name, text, slot, shortcut=shortcut)

    # ------------------------------------------------------------------ time (replaced in tests)
    def now(self) -> datetime:
        return clock.now().astimezone(timezone.utc)

    def today(self) -> date:
        return clock.today()

    def tick(self) -> None:
        self.model.set_now(self.now())

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        selected = {r.id for r in self.selected_referees()}
        current = self.current_referee()
        self.model.set_now(self.now())
        self.model.set_rows(referee_service.list_referee_rows(include_retired=self.show_retired.isChecked()))
        fit_columns(self.panel.table)
        if current is not None:
            self.panel.select_row(lambda r: r.id == current.id)
        elif selected:
            self.panel.select_row(lambda r: r.id in selected)
        self._show_readiness()
        self._current_changed(self.current_referee())

    def _show_readiness(self) -> None:
        findings = referee_service.readiness_findings()
        unbriefed = briefing_service.unbriefed(today=self.today())
        sentences = [self.finding_text(f) for f in findings]
        if unbriefed:
            names = ", ".join(dict.fromkeys(r.referee_name for r in unbriefed))
            sentences.append(self.tr("Not yet briefed for a live application: {0}. Select them and press "
                                     "Brief… before the employer calls.").format(names))
        # #18: "ready" only once someone has agreed to be a referee or been briefed
        active = [r for r in self.model.rows() if r.active]
        waiting = [r.name for r in active if r.consent_on is None and r.last_briefed_on is None]
        not_asked = bool(active) and len(waiting) == len(active)
        if not sentences and not_asked:
            sentences = [self.tr("Your set of referees is strong ({0} active), but none has yet agreed to be a "
                                 "referee or been briefed: ask each of them first (tick “Agreed to be a referee” "
                                 "in their form), and brief them before you give their name.").format(len(active))]
        elif not sentences:
            sentences = [self.tr("Your referees are ready: {0} active, and each one given to an employer "
                                 "has been briefed.").format(len(active))]
            if waiting:
                sentences[0] += " " + self.tr("Not yet agreed or briefed: {0}.").format(", ".join(waiting))
        self.banner.setText("\n".join(sentences))
        self.banner.setStyleSheet(theme.banner_style("warning" if findings or unbriefed or not_asked else "ok"))

    def finding_text(self, finding: referee_rules.Finding) -> str:
        if finding.kind == "too_few_referees":
            if finding.count == 0:
                return self.tr("You have no active referees. Add at least two people who will vouch for you, "
                               "ideally former direct managers.")
            return self.tr("You have only one active referee. Add at least one more, ideally a former "
                           "direct manager.")
        if finding.kind == "no_direct_manager":
            return self.tr("None of your referees is a direct manager. Add a former direct manager, or have "
                           "three referees of different relationships (a manager above you, a colleague, "
                           "someone you managed).")
        return self.tr("{0} is a personal referee: employers give these little weight. Prefer someone you "
                       "worked with.").format(finding.name)

    def _current_changed(self, row: RefereeRow | None) -> None:
        self.detail.show_referee(row, self.today())
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_referee()
        has = row is not None
        for button in (self.edit_button, self.retire_button, self.delete_button, self.brief_button,
                       self.give_button):
            button.setEnabled(has)
        self.retire_button.setText(self.tr("Bring &back") if has and not row.active else self.tr("&Retire"))
        self.export_button.setEnabled(self.model.rowCount() > 0)
        self.detail.update_buttons()

    def current_referee(self) -> RefereeRow | None:
        return self.panel.current_row()

    def selected_referees(self) -> list[RefereeRow]:
        rows = self.panel.table.selectionModel().selectedRows()
        return [self.model.row_at(self.panel.proxy.mapToSource(i).row()) for i in rows]

    def current_reference(self) -> briefing_service.ReferenceRow | None:
        return self.detail.current_reference()

    def select_referee(self, referee_id: int) -> bool:
        return self.panel.select_row(lambda r: r.id == referee_id)

    # ------------------------------------------------------------------ form dialogs (replaced in tests)
    def run_dialog(self, dialog: QDialog) -> bool:
        return bool(dialog.exec())

    def _status(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 6000)

    def _changed(self) -> None:
        self.context.events.referees_changed.emit()

    # ------------------------------------------------------------------ actions
    def add_referee(self) -> int | None:
        from desktop_app.ui.dialogs.referee_dialog import RefereeDialog

        dialog = RefereeDialog(None, self)
        if not self.run_dialog(dialog) or dialog.saved_id is None:
            return None
        self._changed()
        self.select_referee(dialog.saved_id)
        self._status(self.tr("Referee added."))
        return dialog.saved_id

    def edit_referee(self) -> None:
        from desktop_app.ui.dialogs.referee_dialog import RefereeDialog

        row = self.current_referee()
        if row is None:
            return
        if self.run_dialog(RefereeDialog(row.id, self)):
            self._changed()

    def toggle_retired(self) -> None:
        row = self.current_referee()
        if row is None:
            return
        if row.active and not self.show_retired.isChecked():
            self.panel.removing(row)  # #18: it leaves the list: the next row is selected
        referee_service.set_active(row.id, not row.active)
        self._changed()
        self._status(self.tr("{0} retired: kept with their history, hidden from the list.").format(row.name)
                     if row.active else self.tr("{0} is active again.").format(row.name))

    def delete_referee(self) -> bool:
        """Move the current referee to the Trash (README, "The Trash") once the user agrees; True if deleted.

        The question says what goes with them (briefings, references given) and that
        *Retire* keeps the history instead; Cancel is the default, so Enter never deletes.
        """
        row = self.current_referee()
        if row is None:
            return False
        text = self.tr("Delete {0}?\n\nTheir briefings and the references you gave go with them, to the Trash "
                       "for 30 days: Edit → Undo puts them back at once. To keep their history but hide them, "
                       "use Retire instead.").format(row.name)
        if not self.context.prompts.confirm_destructive(self, self.tr("Delete referee"), text, self.tr("Delete")):
            return False
        self.panel.removing(row)  # then the next row is selected; after Undo, this one
        referee_service.delete_referee(row.id)
        self._changed()
        self._status(self.tr("{0} moved to the Trash.").format(row.name))
        return True

    def brief_referee(self, application_id: int | None = None) -> bool:
        from desktop_app.ui.dialogs.briefing_dialog import BriefingDialog

        row = self.current_referee()
        if row is None:
            return False
        dialog = BriefingDialog(row.id, application_id, self, today=self.today())
        if not self.run_dialog(dialog) or dialog.briefed_id is None:
            return False
        self._changed()
        self._status(self.tr("{0} is marked as briefed.").format(row.name))
        return True

    def brief_for(self, referee_id: int, application_id: int | None = None) -> bool:
        """Select the referee and open the briefing for that application (from a Today item)."""
        if not self.select_referee(referee_id):
            self.show_retired.setChecked(True)
            self.panel.filter_edit.clear()
            if not self.select_referee(referee_id):
                return False
        return self.brief_referee(application_id)

    def give_referee(self) -> int:
        from desktop_app.ui.dialogs.give_referees_dialog import GiveRefereesDialog

        rows = self.selected_referees() or ([self.current_referee()] if self.current_referee() else [])
        if not rows:
            return 0
        dialog = GiveRefereesDialog(self, referee_ids=tuple(r.id for r in rows if r is not None),
                                    today=self.today())
        if not self.run_dialog(dialog):
            return 0
        self.context.events.applications_changed.emit()
        self._changed()
        return dialog.given

    def mark_employer_contacted(self) -> None:
        reference = self.current_reference()
        if reference is None:
            return
        on = self.context.prompts.ask_date(
            self, self.tr("Employer contacted them"),
            self.tr("When did {0} contact {1}?").format(reference.employer, reference.referee_name),
            initial=self.today())
        if on is None:
            return
        briefing_service.set_employer_contacted(reference.referee_id, reference.application_id, on)
        self._changed()

    def toggle_questionnaire_done(self) -> None:
        reference = self.current_reference()
        if reference is not None:
            briefing_service.set_questionnaire_done(reference.referee_id, reference.application_id,
                                                    not reference.questionnaire_done)
            self._changed()

    def take_back(self) -> None:
        """Remove the selected reference, after a question whose default is Cancel.

        Taking back forgets the day the name was given and whether the employer called
        or the questionnaire was done, so it is asked like any other deletion.
        """
        reference = self.current_reference()
        if reference is None:
            return
        text = self.tr("Take back {name} from {role} at {employer}? Afterview forgets that you gave "
                       "their name there, and whether the employer has contacted them.").format(
            name=reference.referee_name, role=reference.role, employer=reference.employer)
        if not self.context.prompts.confirm_destructive(self, self.tr("Take back referee"), text,
                                                        self.tr("Take back")):
            return
        briefing_service.take_back(reference.referee_id, reference.application_id)
        self.context.events.applications_changed.emit()
        self._changed()

    def import_vcard(self) -> bool:
        """Pick a .vcf file and read it off the GUI thread (an address book with photos can
        run to tens of megabytes); the preview opens when it has been read."""
        from desktop_app.ui.dialogs.backup_dialog import ProgressDialog

        path = self.context.prompts.open_path(self, self.tr("Import referees from a vCard file"),
                                              self.tr("Contacts (*.vcf *.vcard);;All files (*)"), kind="contacts")
        if path is None:
            return False
        self.import_button.setEnabled(False)
        self._status(self.tr("Reading {0}…").format(path.name))
        self._import_name = path.name

        def read(progress: Any, cancelled: Any) -> vcard.VCardReadout:  # the CLI's reading, in a worker
            return vcard.read_vcard_file(path, progress=progress, cancelled=cancelled)

        self._import_read = read  # again, once a country is set from the preview
        # a progress bar and Cancel: 10,000 cards take several seconds to read
        self.import_progress = ProgressDialog(
            self.tr("Import vCard"), self.tr("Reading {0}…").format(path.name), read,
            self, name="vcard_read_progress")
        self.import_progress.ended.connect(self._vcard_ended)
        self.import_worker = self.import_progress.worker
        self.import_progress.show()
        self.import_progress.start()
        return True

    def _vcard_ended(self, outcome: str, value: object) -> None:
        if outcome == "finished":
            self._vcard_read(value)  # type: ignore[arg-type]
        elif outcome == "failed":
            self._vcard_unreadable(str(value))
        else:
            self.import_button.setEnabled(True)
            self._status(self.tr("Reading stopped; nothing was imported."))

    def _vcard_read(self, readout: vcard.VCardReadout) -> None:
        from desktop_app.ui.dialogs.vcard_import_dialog import VCardImportDialog

        self.import_button.setEnabled(True)
        dialog = VCardImportDialog(readout, self._import_name, self, reread=self._import_read,
                                   profile_saved=self.context.events.profile_changed.emit)
        if not self.run_dialog(dialog) or not dialog.created:
            self._status(self.tr("Nothing was imported."))
            return
        self._changed()
        self._status(self.tr("{0} referee(s) imported.").format(len(dialog.created)))

    def _vcard_unreadable(self, message: str) -> None:
        self.import_button.setEnabled(True)
        self.context.prompts.warn(self, self.tr("Import vCard"),
                                  self.tr("Nothing was imported.\n\n{0}").format(message))

    def export_vcard(self) -> int:
        rows = self.selected_referees() or [r for r in self.model.rows() if r.active]
        if not rows:
            return 0
        target = self.context.prompts.save_path(self, self.tr("Export referees as vCard"), "referees.vcf",
                                                self.tr("Contacts (*.vcf)"), kind="contacts")
        if target is None:
            return 0
        try:
            count = vcard.export_to_file([r.id for r in rows], target)
        except OSError as exc:
            self.context.prompts.warn(self, self.tr("Export vCard"), self.tr(
                "Afterview could not write {0}: {1}").format(target, exc.strerror or exc))
            return 0
        self._status(self.tr("{0} referee(s) exported to {1}.").format(count, target))
        return count
