"""The Organisations tab: each employer's and agency's memory, and a list of everyone (Contacts).

*Organisations*: the list (filter as you type, Employers / Agencies, click a header to
sort) and the selected one's memory: its applications and outcomes, its people, every
logged contact, whether feedback came, the median days to reply, who had the last say
and where the re-approach window stands. *Contacts*: every person, to add, edit, merge,
remove or export as vCard. Changes are followed by ``events.applications_changed``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import clock, vocab
from desktop_app.services.applications import contacts as contact_service
from desktop_app.services.applications import organisation_memory as memory_service
from desktop_app.services.applications import organisations as organisation_service
from desktop_app.services.applications.organisation_memory import OrganisationMemory
from desktop_app.services.core.crud import NotFound
from desktop_app.ui.context import AppContext
from desktop_app.ui.detail_pane import DetailPane
from desktop_app.ui.dialogs import contact_dialog
from desktop_app.ui.formatting import count_text, local_moment, person_role, short_date, vocab_label
from desktop_app.ui.list_panel import ListPanel, fit_columns
from desktop_app.ui.models.organisations_model import (
    ContactsModel,
    OrganisationsModel,
    kind_text,
    last_say_text,
    reply_text,
)
from desktop_app.ui.people_actions import on_delete_key
from desktop_app.ui.widgets import name_combo, push_button

#: The kind filter: which organisations each choice shows.
KIND_FILTERS: dict[str, frozenset[str] | None] = {
    "all": None, "employer": frozenset({"employer", "both"}), "agency": frozenset({"agency", "both"})}


class OrganisationView(DetailPane):
    """One organisation's memory (layout only: the tab hands it an ``OrganisationMemory``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("organisation_view", "organisation", "re_approach", parent)
        self.memory: OrganisationMemory | None = None
        self.re_approach = self.highlight
        self.edit_button = self.title_button("organisation_edit", self.tr("Edit organisation…"))
        self.applications = self.titled_list("organisation_applications", self.tr("Applications"), 96)
        self.people = self.titled_list("organisation_people", self.tr("People"), 76)
        self.contacts = self.titled_list("organisation_contacts", self.tr("Every logged contact"), None)
        self.show_memory(None)

    def show_memory(self, memory: OrganisationMemory | None) -> None:
        self.memory = memory
        self.edit_button.setEnabled(memory is not None)
        for widget in (self.applications, self.people, self.contacts):
            widget.clear()
        if memory is None:
            self.title.setText(self.tr("Select an organisation to see what happened with it."))
            self.facts.clear()
            self.re_approach.clear()
            return
        s = memory.summary
        self.title.setText(f"{s.name} ({s.country})" if s.country else s.name)
        facts = [kind_text(s.kind),
                 count_text(s.applications, self.tr("1 application"), self.tr("{0} applications"),
                         self.tr("No applications")) + (self.tr(": {0} live, {1} rejected, {2}").format(
                     s.live, s.rejected, count_text(s.offers, self.tr("1 offer"), self.tr("{0} offers")))
                     if s.applications else ""),
                 self.tr("feedback came for {0} of {1}").format(s.with_feedback, s.applications),
                 self.tr("median reply: {0}").format(reply_text(s.median_reply_days))]
        if s.last_say is not None:
            facts.append(self.tr("last say: {0} ({1})").format(last_say_text(s.last_say).lower(),
                                                               short_date(s.last_contact_on)))
        self.facts.setText(" · ".join(facts) + (f"\n{memory.website}" if memory.website else ""))
        if s.re_approach is not None:
            start, end = s.re_approach
            state = {"opens": self.tr("not open yet"), "open": self.tr("open now"),
                     "closed": self.tr("closed")}[s.re_approach_state(clock.today())]
            self.re_approach.setText(self.tr("Re-approach window {0} – {1}: {2}").format(
                short_date(start), short_date(end), state))
        else:
            self.re_approach.setText("")
        for a in memory.applications:
            parts = [self.tr("{0}: {1} {2}").format(a.role, vocab_label(vocab.STAGES, a.stage),
                                                   short_date(a.stage_on)),
                     self.tr("applied {0}").format(short_date(a.applied_on))]
            if a.as_role == "agency":
                parts.append(self.tr("for {0}").format(a.employer))
            elif a.agency:
                parts.append(self.tr("via {0}").format(a.agency))
            if a.reply_days:
                parts.append(self.tr("answered in {0}").format(", ".join(reply_text(d) for d in a.reply_days)))
            parts.append(self.tr("feedback {0}").format(short_date(a.feedback_on)) if a.has_feedback
                         else self.tr("no feedback"))
            item = QListWidgetItem(" · ".join(parts), self.applications)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
        for c in memory.people:
            role = person_role(c.kind, c.title)
            item = QListWidgetItem(" — ".join(p for p in (c.name, role, c.email or "") if p), self.people)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
        for x in memory.contacts:
            arrow = "→" if x.direction == "outgoing" else "←"
            # whose: the person's organisation, and the application's employer when it is another
            # (an agency's list shows contacts about its clients' roles)
            whose = f" ({x.person_organisation})" if x.person and x.person_organisation else ""
            who = f" {x.person}{whose}" if x.person else ""
            role = x.role if not x.employer or x.employer == memory.summary.name else self.tr(
                "{0} at {1}").format(x.role, x.employer)
            summary = f": {x.summary}" if x.summary else ""
            QListWidgetItem(f"{local_moment(x.at)}  {arrow}{who} · {vocab_label(vocab.PURPOSES, x.purpose)} · "
                            f"{role}{summary}", self.contacts)


class OrganisationsTab(QWidget):
    """Organisations (each one's memory) and Contacts (everyone), two pages of one tab."""

    #: the index of the Contacts page in ``views``
    CONTACTS_PAGE = 1

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organisations_tab")
        self.context = context
        self.views = QTabWidget(self)
        self.views.setObjectName("organisations_views")
        self.views.setDocumentMode(True)

        # -- organisations
        self.model = OrganisationsModel(self)
        self.panel = ListPanel(self.model, name="organisations",
                               empty_text=self.tr("No organisations yet: they appear as you add applications."),
                               filter_placeholder=self.tr("Filter organisations (name, kind …)"), parent=self)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("organisations_kind_choice")
        self.kind_filter.setAccessibleName(self.tr("Show organisations"))
        self.kind_filter.addItem(self.tr("All organisations"), "all")
        self.kind_filter.addItem(self.tr("Employers"), "employer")
        self.kind_filter.addItem(self.tr("Agencies"), "agency")
        self.kind_filter.currentIndexChanged.connect(self._apply_kind_filter)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.kind_filter)
        column.addWidget(self.panel, 1)
        self.view = OrganisationView(self)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("organisations_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([730, 400])
        self.views.addTab(self.splitter, self.tr("Organisations"))

        # -- contacts
        self.contacts_model = ContactsModel(self)
        self.contacts_panel = ListPanel(self.contacts_model, name="contacts",
                                        empty_text=self.tr("No contacts yet — Add person…"),
                                        filter_placeholder=self.tr("Filter contacts (name, organisation, email …)"),
                                        parent=self)
        self.contacts_panel.row_key = lambda row: row.contact.id  # (#18: the selection around a removal)
        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        buttons = QHBoxLayout()
        self.add_button = push_button(page, "contacts_add", self.tr("Add person…"), self.add_contact)
        self.edit_button = push_button(page, "contacts_edit", self.tr("Edit…"), self.edit_contact)
        self.merge_button = push_button(page, "contacts_merge", self.tr("Merge into…"), self.merge_contact)
        self.merge_button.setToolTip(self.tr("The same person entered twice: keep one, with everything of both"))
        self.remove_button = push_button(page, "contacts_remove", self.tr("Remove…"), self.remove_contact)
        self.export_button = push_button(page, "contacts_export", self.tr("Export vCard…"), self.export_vcard)
        self.merge_target = name_combo(page)
        self.merge_target.setObjectName("contacts_merge_target")
        self.merge_target.setAccessibleName(self.tr("Merge into"))
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.merge_target, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        page_layout.addLayout(buttons)
        page_layout.addWidget(self.contacts_panel, 1)
        self.views.addTab(page, self.tr("Contacts"))
        # several people at once (Ctrl/Shift-click) for Export vCard…
        self.contacts_panel.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.export_button.setToolTip(self.tr("The selected people, or everyone when no row is selected"))
        on_delete_key(self.contacts_panel.table, self.remove_contact)
        # right-click (or the menu key) on an organisation: rename (edit) or delete; Delete deletes
        table = self.panel.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, slot in ((self.tr("Rename or edit…"), self.edit_organisation),
                           (self.tr("Delete organisation…"), self.delete_organisation)):
            action = QAction(text, table)
            action.setObjectName("organisation_" + ("edit" if "edit" in text else "delete"))
            action.triggered.connect(lambda _checked=False, s=slot: s())
            table.addAction(action)
        on_delete_key(table, self.delete_organisation)

        layout = QVBoxLayout(self)
        layout.addWidget(self.views)
        self.panel.current_row_changed.connect(self._show_memory)
        self.view.edit_button.clicked.connect(lambda: self.edit_organisation())
        self.view.people.itemActivated.connect(lambda item: self._edit_person(item.data(Qt.ItemDataRole.UserRole)))
        self.view.applications.itemActivated.connect(
            lambda item: self.open_application(item.data(Qt.ItemDataRole.UserRole)))
        self.contacts_panel.row_activated.connect(lambda _row: self.edit_contact())
        self.panel.row_activated.connect(lambda _row: self.edit_organisation())  # Enter, double-click
        self.contacts_panel.current_row_changed.connect(lambda _row: self._update_contact_buttons())
        context.events.applications_changed.connect(self.refresh)
        context.events.settings_changed.connect(self.refresh)
        self.views.currentChanged.connect(self._page_shown)
        self._update_contact_buttons()  # nobody chosen yet: Edit, Remove and Merge wait for a row
        self.refresh()

    # ---------------------------------------------------------------- lists
    def refresh(self) -> None:
        """Read the organisations again, and the contacts when their page shows (else on showing it)."""
        selected = self.selected_id()
        self.model.set_rows(memory_service.organisation_summaries(today=clock.today()))
        if not getattr(self, "_sized", False) and self.model.rowCount():
            # once, and by hand: the headers are wider than the numbers under them
            for column, width in ((self.model.NAME, 150), (self.model.KIND, 70), (self.model.APPLICATIONS, 84),
                                  (self.model.REJECTED, 62), (self.model.FEEDBACK, 62), (self.model.REPLY, 88),
                                  (self.model.LAST_SAY, 58)):
                self.panel.table.setColumnWidth(column, width)
            self._sized = True
        if selected is not None:
            self.select_organisation(selected, show=False)
        self._show_memory(self.panel.current_row())
        # everyone's list (and the merge list beside it) costs as much as the organisations at
        # ten thousand applications: read only for the page that shows it (bench/organisations.py)
        self._contacts_stale = True
        if self.views.currentIndex() == self.CONTACTS_PAGE:
            self._refresh_contacts()

    def _refresh_contacts(self) -> None:
        self._contacts_stale = False
        person = self.selected_contact_id()
        self.contacts_model.set_rows(contact_service.list_all_contacts())
        if not getattr(self, "_contacts_sized", False) and self.contacts_model.rowCount():
            fit_columns(self.contacts_panel.table)
            self._contacts_sized = True
        if person is not None:
            self.contacts_panel.select_row(lambda row: row.contact.id == person)
        self._update_contact_buttons()

    def _page_shown(self, index: int) -> None:
        if index == self.CONTACTS_PAGE and getattr(self, "_contacts_stale", False):
            self._refresh_contacts()

    def _apply_kind_filter(self) -> None:
        kinds = KIND_FILTERS[self.kind_filter.currentData()]
        self.panel.proxy.set_predicate(None if kinds is None else (lambda row: row.kind in kinds))

    def selected_id(self) -> int | None:
        row = self.panel.current_row()
        return None if row is None else row.id

    def select_organisation(self, org_id: int, *, show: bool = True) -> bool:
        """Select the organisation (on the Organisations page); False when it is not listed."""
        if show:
            self.views.setCurrentIndex(0)
        found = self.panel.select_row(lambda row: row.id == org_id)
        if not found and show:
            self.kind_filter.setCurrentIndex(0)
            self.panel.filter_edit.clear()
            found = self.panel.select_row(lambda row: row.id == org_id)
        return found

    def _show_memory(self, row: Any) -> None:
        if row is None:
            self.view.show_memory(None)
            return
        try:
            self.view.show_memory(memory_service.organisation_memory(row.id, today=clock.today()))
        except NotFound:
            self.view.show_memory(None)

    def selected_contact_id(self) -> int | None:
        row = self.contacts_panel.current_row()
        return None if row is None else row.contact.id

    def _update_contact_buttons(self) -> None:
        chosen = self.selected_contact_id()
        for button in (self.edit_button, self.remove_button, self.merge_button):
            button.setEnabled(chosen is not None)
        current = self.merge_target.currentData()
        self.merge_target.clear()
        for row in self.contacts_model.rows():
            if row.contact.id != chosen:
                where = f" — {row.contact.organisation_name}" if row.contact.organisation_name else ""
                self.merge_target.addItem(f"{row.contact.name}{where}", row.contact.id)
        if current is not None:
            self.merge_target.setCurrentIndex(max(self.merge_target.findData(current), 0))
        self.merge_button.setEnabled(chosen is not None and self.merge_target.count() > 0)

    def _changed(self) -> None:
        self.context.events.applications_changed.emit()

    # ---------------------------------------------------------------- actions
    def run_dialog(self, dialog: QWidget) -> bool:
        """Show a dialog modally; tests replace this to fill the dialog in and press its buttons."""
        return bool(dialog.exec())  # type: ignore[attr-defined]

    def edit_organisation(self) -> None:
        from desktop_app.ui.dialogs.organisation_dialog import OrganisationDialog

        org_id = self.selected_id()
        if org_id is None:
            return
        dialog = OrganisationDialog(org_id, self, self.context.prompts)
        if self.run_dialog(dialog):
            self._changed()
            self.select_organisation(dialog.merged_into or org_id)

    def delete_organisation(self) -> None:
        """Delete the selected organisation after asking; refused, in words, while applications use it."""
        org_id = self.selected_id()
        if org_id is None:
            return
        name = organisation_service.get_organisation(org_id).name
        uses = organisation_service.applications_using(org_id)
        if uses:
            self.context.prompts.warn(self, self.tr("Delete organisation"), self.tr(
                "{0} cannot be deleted: {1} it as employer or agency. Delete or change those applications "
                "first, or merge it into another organisation by renaming it to that one's name.").format(
                name, self.tr("1 application uses") if uses == 1 else self.tr("{0} applications use").format(uses)))
            return
        people = len(organisation_service.list_contacts(org_id))
        text = self.tr("Delete {0}?").format(name)
        if people:
            text += " " + (self.tr("Its 1 person stays, with no organisation.") if people == 1 else
                           self.tr("Its {0} people stay, with no organisation.").format(people))
        if self.context.prompts.confirm_destructive(self, self.tr("Delete organisation"), text, self.tr("Delete")):
            self.panel.removing(self.panel.current_row())  # #18: then the next row; after Undo, this one
            organisation_service.delete_organisation(org_id)
            self._changed()

    def open_application(self, app_id: int) -> None:
        """The application in the Applications tab."""
        window = self.window()
        if hasattr(window, "show_tab"):
            window.show_tab(1).select_application(app_id)

    def _edit_person(self, contact_id: int | None) -> None:
        if contact_id is not None and contact_dialog.ask_for_contact(self, contact_id) is not None:
            self._changed()

    def add_contact(self) -> None:
        if contact_dialog.ask_for_contact(self) is not None:
            self._changed()

    def edit_contact(self) -> None:
        self._edit_person(self.selected_contact_id())

    def remove_contact(self) -> None:
        from desktop_app.ui.people_actions import remove_text

        contact_id = self.selected_contact_id()
        if contact_id is None:
            return
        if self.context.prompts.confirm_destructive(self, self.tr("Remove person"), remove_text(contact_id),
                                                    self.tr("Remove")):
            self.contacts_panel.removing(self.contacts_panel.current_row())  # #18: then the next row
            contact_service.remove_contact(contact_id)
            self._changed()

    def merge_contact(self) -> None:
        """Merge the selected contact into the one chosen beside the button (asked first)."""
        other, keep = self.selected_contact_id(), self.merge_target.currentData()
        if other is None or keep is None:
            return
        gone, kept = contact_service.get_contact(other), contact_service.get_contact(keep)
        text = self.tr("Merge {0} into {1}?\n\nMerged: {2}\nKept: {3}\n\nEverything that names {0} will name "
                       "{1}; {1}'s empty details take {0}'s; then {0} is removed.").format(
            gone.name, kept.name, contact_service.describe(other), contact_service.describe(keep))
        if self.context.prompts.confirm_destructive(self, self.tr("Merge contacts"), text, self.tr("Merge")):
            contact_service.merge_contacts(keep, other)
            self._changed()
            self.contacts_panel.select_row(lambda row: row.contact.id == keep)

    def selected_contact_ids(self) -> list[int]:
        """The contacts whose rows are selected (Ctrl/Shift-click), in list order; [] when none is."""
        panel = self.contacts_panel
        rows = sorted(index.row() for index in panel.table.selectionModel().selectedRows())
        return [panel._row_of(panel.proxy.index(r, 0)).contact.id for r in rows]

    def export_vcard(self) -> None:
        """Export the selected contacts as a vCard 4.0 file, or everyone when no row is selected;
        the status bar says how many."""
        from desktop_app.services.exchange import contact_cards

        chosen = self.selected_contact_ids()
        target = self.context.prompts.save_path(self, self.tr("Export vCard"), "contacts.vcf",
                                                self.tr("vCard (*.vcf)"), kind="contacts")
        if target is None:
            return
        try:
            count = contact_cards.export_to_file(target, chosen or None)
        except OSError as exc:
            self.context.prompts.warn(self, self.tr("Export vCard"), self.tr(
                "Afterview could not write {0}: {1}").format(target, exc.strerror or exc))
            return
        said = self.tr("Exported 1 contact to {0}.") if count == 1 else self.tr("Exported {1} contacts to {0}.")
        self.window().statusBar().showMessage(said.format(target, count), 8000)  # type: ignore[attr-defined]