"""The Applications tab: the pipeline, filtered as the user types, and the selected one in detail.

The list's rows (with their next step) come from one bulk service call; typing in
the filter or choosing Live / Closed / All never touches the database. Every change
made here is followed by ``events.applications_changed``, so Today follows.
"""

from __future__ import annotations

from itertools import compress, count, repeat
from operator import attrgetter, eq
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vocab
from desktop_app.services.applications import detail as detail_service
from desktop_app.services.applications import pipeline as application_service
from desktop_app.services.applications import interactions as interaction_service
from desktop_app.services.applications import interviews as interview_service
from desktop_app.services.applications.pipeline import ApplicationRow
from desktop_app import clock
from desktop_app.ui.application_detail import ApplicationDetailView
from desktop_app.ui.context import AppContext
from desktop_app.ui.formatting import counted
from desktop_app.ui.list_panel import ListPanel, fit_columns
from desktop_app.ui.models.applications_model import ApplicationsModel
from desktop_app.ui.widgets import push_button

#: The stage filter: which stages each choice shows (None: every stage).
STAGE_FILTERS: dict[str, frozenset[str] | None] = {
    "all": None,
    "live": vocab.LIVE_STAGES,
    "closed": frozenset(vocab.STAGES) - vocab.LIVE_STAGES,
}


class ApplicationsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applications_tab")
        self.context = context
        self.model = ApplicationsModel(self)
        self.panel = ListPanel(
            self.model, name="applications",
            empty_text=self.tr("No applications yet — Add application (Ctrl+N)"),
            filter_placeholder=self.tr("Filter applications (role, organisation, stage …)"),
            parent=self)
        self.panel.table.horizontalHeader().setResizeContentsPrecision(200)  # see refresh()
        self.stage_filter = QComboBox(self)
        self.stage_filter.setObjectName("applications_stage_choice")
        self.stage_filter.setAccessibleName(self.tr("Show applications"))
        self.stage_filter.addItem(self.tr("All applications"), "all")
        self.stage_filter.addItem(self.tr("Live (applied, interviewing, offer)"), "live")
        self.stage_filter.addItem(self.tr("Closed"), "closed")
        self.stage_filter.currentIndexChanged.connect(self._apply_stage_filter)
        self.add_button = self._button("applications_add", self.tr("Add application…"), self.add_application)
        self.edit_button = self._button("applications_edit", self.tr("Edit…"), self.edit_application)
        self.delete_button = self._button("applications_delete", self.tr("Delete…"), self.delete_application)
        # issue #18: the list or the board of the same rows, the choice remembered
        from desktop_app.ui.board import BoardView

        self.board = BoardView(lambda: self.context.prompts, self)
        self.board.card_activated.connect(self._board_activated)
        self.board.current_changed.connect(self._board_activated)
        self.board.stage_changed.connect(self._changed)
        self.list_view_button = self._button("applications_show_list", self.tr("List vie&w"),
                                             lambda: self.show_view("list"))
        self.board_view_button = self._button("applications_show_board", self.tr("Board b&y stage"),
                                              lambda: self.show_view("board"))
        for button in (self.list_view_button, self.board_view_button):
            button.setCheckable(True)
            button.setAutoExclusive(True)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.panel)
        self.views.addWidget(self.board)
        views_row = QHBoxLayout()  # a row of its own: the list's row of buttons is as wide as 1024 allows
        views_row.addWidget(self.list_view_button)
        views_row.addWidget(self.board_view_button)
        views_row.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.stage_filter)
        top.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(views_row)
        left_layout.addLayout(top)
        left_layout.addWidget(self.views, 1)

        self.detail = ApplicationDetailView(self)
        self.detail.log_button.clicked.connect(lambda: self.log_contact())
        self.detail.interview_button.clicked.connect(lambda: self.add_interview())
        self.detail.feedback_button.clicked.connect(self.record_feedback)
        self.detail.reply_button.clicked.connect(self.mark_reply_received)
        self.detail.referees_button.clicked.connect(lambda: self.give_referees())
        self.detail.pack_button.clicked.connect(lambda: self.export_pack())
        self.detail.interviews.itemActivated.connect(lambda _item: self.edit_interview())
        # right-click (or the menu key) on an interview or a logged contact: what can be done with it
        self.detail.interviews.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, slot in ((self.tr("Edit interview…"), self.edit_interview),
                           (self.tr("Delete interview…"), self.delete_interview)):
            action = QAction(text, self.detail.interviews)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.detail.interviews.addAction(action)
        self.detail.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, slot in ((self.tr("Mark reply received"), self.mark_reply_received),
                           (self.tr("Delete logged contact…"), self.delete_logged_contact)):
            action = QAction(text, self.detail.timeline)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.detail.timeline.addAction(action)
        for key, action in self.detail.compose_actions.items():
            action.triggered.connect(lambda _checked=False, k=key: self.compose(k))
        from desktop_app.ui import people_actions

        people_actions.install(self)  # the People box and the senior-contact offer

        self.splitter = QSplitter(self)
        self.splitter.setObjectName("applications_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([800, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.panel.current_row_changed.connect(self._show_detail)
        self.panel.row_activated.connect(lambda _row: self.edit_application())
        people_actions.on_delete_key(self.panel.table, self.delete_application)  # Delete: to the Trash, asked first
        context.events.applications_changed.connect(self.refresh)
        context.events.settings_changed.connect(self.refresh)
        self.refresh()
        # #18: Tab goes down the tab as it reads (view buttons, filter, Add/Edit/Delete, the list or
        # the board, then the detail pane); the board and its buttons were made in another order
        order = [self.list_view_button, self.board_view_button, self.stage_filter, self.add_button,
                 self.edit_button, self.delete_button, self.panel.filter_edit, self.panel.table, self.board, self.detail]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        from desktop_app.ui.ui_settings import APPLICATIONS_VIEW

        self.show_view(context.ui_settings.get(APPLICATIONS_VIEW), remember=False)

    # ---------------------------------------------------------------- list or board (issue #18)
    def show_view(self, view: str, *, remember: bool = True) -> None:
        """Show the "list" or the "board" (anything else: the list); ``remember``: kept in ui_settings."""
        from desktop_app.ui.ui_settings import APPLICATIONS_VIEW

        board = view == "board"
        self.views.setCurrentWidget(self.board if board else self.panel)
        (self.board_view_button if board else self.list_view_button).setChecked(True)
        self.stage_filter.setVisible(not board)  # the board shows every stage in its columns
        if board:
            self._refresh_board()
        if remember:
            self.context.ui_settings.set(APPLICATIONS_VIEW, "board" if board else "list")

    def showing_board(self) -> bool:
        return self.views.currentWidget() is self.board

    def _refresh_board(self) -> None:
        self.board.set_current(self.selected_id())
        self.board.set_rows(self.model.rows())

    def _board_activated(self, app_id: int) -> None:
        """A card was opened or focused: its application is the selected one (the detail pane follows)."""
        if self.selected_id() != app_id and not self.select_application(app_id):
            self.set_stage_filter("all")
            self.panel.filter_edit.clear()
            self.select_application(app_id)

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        return push_button(self, name, text, slot)  # type: ignore[arg-type]

    # ---------------------------------------------------------------- list
    #: more changed applications than this: the list is filled again rather than row by row
    ROW_BY_ROW_LIMIT = 200

    def refresh(self) -> None:
        """Bring the list up to date: only the rows of the applications that changed, when few did
        (issue 12: logging a contact must not rebuild 10,000 rows), otherwise every row."""
        selected = self.selected_id()
        today = clock.today()
        self._changes_token, changed = application_service.application_changes(
            getattr(self, "_changes_token", None), today=today)
        if changed is None or len(changed) > self.ROW_BY_ROW_LIMIT:
            self.model.set_rows(application_service.list_application_rows(today=today))
        elif changed:
            self._update_rows(changed, today)
        if not getattr(self, "_sized", False) and self.model.rowCount():
            # once: measuring every row's text on each refresh would cost more than the refresh
            table = self.panel.table
            fit_columns(table)
            for column in (self.model.ROLE, self.model.ORGANISATION):
                table.setColumnWidth(column, min(table.columnWidth(column), 150))
            self._sized = True
        if selected is not None:
            self.select_application(selected)
        self._show_detail(self.panel.current_row())
        if getattr(self, "board", None) is not None and self.showing_board():
            self._refresh_board()

    def _update_rows(self, changed: set[int], today: object) -> None:
        """Replace, remove or add the rows of the ``changed`` application ids, one row each."""
        fresh = {row.id: row for row in application_service.list_application_rows(today=today, ids=changed)}
        for app_id in changed:
            # its row, by one scan in C that stops there (issue 12: no list of 10,000 ids built
            # and searched twice for the one contact logged)
            position = next(compress(count(), map(eq, map(attrgetter("id"), self.model.rows()), repeat(app_id))),
                            None)
            row = fresh.get(app_id)
            if row is None and position is not None:
                self.model.remove_row(position)
            elif row is not None and position is not None:
                self.model.replace_row(position, row)
            elif row is not None:
                # (#14) in its place in the list's order: an application put back by Undo, the
                # Trash or a restore is not new; a new one still lands on top (newest applied first)
                self.model.insert_row(self._position_for(row), row)

    def _position_for(self, row: Any) -> int:
        """Where ``row`` belongs among the rows shown: by the column the list is sorted by, else in
        the order the list is read in (``list_application_rows``: newest applied first, then newest id)."""
        rows = self.model.rows()
        header = self.panel.table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if 0 <= column < len(self.model.columns):
            key = self.model._sort_key(column, row)
            descending = order == Qt.SortOrder.DescendingOrder
            for position, other in enumerate(rows):
                other_key = self.model._sort_key(column, other)
                if (other_key < key) if descending else (key < other_key):
                    return position
            return len(rows)
        mine = (row.applied_on, row.id)
        return next((p for p, other in enumerate(rows) if (other.applied_on, other.id) < mine), len(rows))

    def _apply_stage_filter(self) -> None:
        stages = STAGE_FILTERS[self.stage_filter.currentData()]
        self.panel.proxy.set_predicate(None if stages is None else (lambda row: row.stage in stages))

    def set_stage_filter(self, key: str) -> None:
        self.stage_filter.setCurrentIndex(self.stage_filter.findData(key))

    def selected_id(self) -> int | None:
        row = self.panel.current_row()
        return None if row is None else row.id

    def select_application(self, app_id: int) -> bool:
        return self.panel.select_row(lambda row: row.id == app_id)

    def _show_detail(self, row: ApplicationRow | None) -> None:
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        if row is None:
            self.detail.show_detail(None)
            return
        try:
            detail = detail_service.application_detail(row.id)
        except LookupError:
            self.detail.show_detail(None)
            return
        self.detail.show_detail(detail, row.next_step)

    def _changed(self, app_id: int | None = None) -> None:
        self.context.events.applications_changed.emit()
        if app_id is not None and not self.select_application(app_id):
            self.set_stage_filter("all")
            self.panel.filter_edit.clear()
            self.select_application(app_id)

    # ---------------------------------------------------------------- form dialogs (replaced in tests)
    # (questions go through ``context.prompts``)
    def run_dialog(self, dialog: QWidget) -> bool:
        """Show a dialog modally; tests replace this to fill the dialog in and press its buttons."""
        return bool(dialog.exec())  # type: ignore[attr-defined]

    # ---------------------------------------------------------------- actions
    def add_application(self) -> None:
        from desktop_app.ui.dialogs.application_dialog import ApplicationDialog

        dialog = ApplicationDialog(None, self)
        if self.run_dialog(dialog) and dialog.saved_id is not None:
            self._changed(dialog.saved_id)

    def edit_application(self) -> None:
        from desktop_app.ui.dialogs.application_dialog import ApplicationDialog

        app_id = self.selected_id()
        if app_id is None:
            return
        dialog = ApplicationDialog(app_id, self)
        if self.run_dialog(dialog):
            self._changed(app_id)

    def delete_application(self) -> None:
        app_id = self.selected_id()
        if app_id is None:
            return
        row = self.panel.current_row()
        impact = application_service.deletion_impact(app_id)
        goes = [counted(impact.interviews, self.tr("interview"), self.tr("interviews")),
                counted(impact.interactions, self.tr("logged contact"), self.tr("logged contacts")),
                self.tr("its stage history")]
        if impact.references_given or impact.briefings:
            goes.append(self.tr("{0} and {1}").format(
                counted(impact.references_given, self.tr("reference given"), self.tr("references given")),
                counted(impact.briefings, self.tr("briefing"), self.tr("briefings"))))
        text = self.tr("Delete “{0}” at {1}?\n\nThis also takes {2}. All of it goes to the Trash for "
                       "30 days: Edit → Undo puts it back at once.").format(
            row.role, row.employer, ", ".join(goes))
        if self.context.prompts.confirm_destructive(self, self.tr("Delete application"), text, self.tr("Delete")):
            self.panel.removing(row)  # #18: then the next row is selected; after Undo, this one
            application_service.delete_application(app_id)
            self._changed()

    def log_contact(self, app_id: int | None = None) -> None:
        from desktop_app.ui.dialogs.interaction_dialog import InteractionDialog

        app_id = app_id or self.selected_id()
        if app_id is None:
            return
        dialog = InteractionDialog(app_id, self, prompts=self.context.prompts)
        if self.run_dialog(dialog):
            self._changed(app_id)

    def give_referees(self, app_id: int | None = None) -> int:
        """Give referees to the application (the dialog belongs to the Referees part)."""
        from desktop_app.ui.dialogs.give_referees_dialog import give_referees_to_application

        app_id = app_id or self.selected_id()
        if app_id is None:
            return 0
        return give_referees_to_application(self, app_id, self.context.events, run=self.run_dialog)

    def export_pack(self, app_id: int | None = None) -> QWidget | None:
        """The reference pack dialog for this application (the dialog belongs to the pack part)."""
        from PySide6.QtCore import Qt

        from desktop_app.ui.pack_dialog import PackDialog

        app_id = app_id or self.selected_id()
        if app_id is None:
            return None
        dialog = PackDialog(self.context, self, application_id=app_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def add_interview(self, app_id: int | None = None) -> None:
        from desktop_app.ui.dialogs.interview_dialog import InterviewDialog

        app_id = app_id or self.selected_id()
        if app_id is None:
            return
        dialog = InterviewDialog(app_id, None, self)
        if self.run_dialog(dialog):
            self._changed(app_id)

    def edit_interview(self) -> None:
        from desktop_app.ui.dialogs.interview_dialog import InterviewDialog

        app_id, interview_id = self.selected_id(), self.detail.selected_interview_id()
        if app_id is None or interview_id is None:
            return
        if self.run_dialog(InterviewDialog(app_id, interview_id, self)):
            self._changed(app_id)

    def delete_interview(self) -> None:
        interview_id = self.detail.selected_interview_id()
        if interview_id is not None and self.context.prompts.confirm_destructive(
                self, self.tr("Delete interview"), self.tr("Delete the selected interview?"), self.tr("Delete")):
            interview_service.delete_interview(interview_id)
            self._changed(self.selected_id())

    def delete_logged_contact(self) -> None:
        interaction_id = self.detail.selected_interaction_id()
        if interaction_id is not None and self.context.prompts.confirm_destructive(
                self, self.tr("Delete logged contact"), self.tr("Delete the selected contact from the log?"),
                self.tr("Delete")):
            interaction_service.delete_interaction(interaction_id)
            self._changed(self.selected_id())

    def record_feedback(self) -> None:
        from desktop_app.ui.dialogs.application_dialog import FeedbackDialog

        app_id = self.selected_id()
        if app_id is not None and self.run_dialog(FeedbackDialog(app_id, self)):
            self._changed(app_id)

    def mark_reply_received(self) -> None:
        interaction_id = self.detail.selected_interaction_id()
        if interaction_id is None:
            self.window().statusBar().showMessage(  # type: ignore[attr-defined]
                self.tr("Select a logged contact in the timeline first."), 4000)
            return
        interaction_service.set_reply_received(interaction_id, True)
        self._changed(self.selected_id())

    def compose(self, template: str, app_id: int | None = None) -> None:
        from desktop_app.ui.dialogs.compose_dialog import ComposeDialog

        app_id = app_id or self.selected_id()
        if app_id is None:
            return
        if self.run_dialog(ComposeDialog(app_id, template, self, prompts=self.context.prompts)):
            self._changed(app_id)
