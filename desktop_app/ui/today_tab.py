"""The Today tab: what is due now, most urgent first, each with the thing to do about it.

The primary action depends on the item: compose the message (feedback request,
follow-up, last say, senior contact, re-approach), or open the referee / vault tab
for the other kinds. *Snooze* hides an item until a chosen day; *Dismiss* for good.
The tab title shows the count through :attr:`TodayTab.count_changed`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import clock
from desktop_app.ui.activity_target import ActivityTargetLine
from desktop_app.ui.context import AppContext
from desktop_app.ui.formatting import day_month, long_date_with_weekday
from desktop_app.ui.list_panel import ListPanel, fit_columns
from desktop_app.ui.models.due_model import DueModel, kind_label
from desktop_app.ui.today_sections import ComingUp, PutAsideBox, UndoLine
from desktop_app.ui.widgets import push_button

if TYPE_CHECKING:
    from desktop_app.services.today.due import DueItem

#: Items answered by writing a message: their template.
COMPOSE_TEMPLATES = {k: k for k in ("feedback_request", "follow_up", "last_say", "senior_contact", "re_approach")}
#: Items of the other domains: the tab that deals with them.
TAB_OF_KIND = {"brief_referee": 2, "too_few_referees": 2, "no_direct_manager": 2, "missing_transcript": 3}


class _ListArrival(QObject):
    """Tells the tab when the keyboard focus comes into one of its lists (see :meth:`TodayTab.arrive_in`)."""

    #: how the focus may come: by the keyboard or a click, not by the window being activated again
    REASONS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
               Qt.FocusReason.ShortcutFocusReason, Qt.FocusReason.MouseFocusReason,
               Qt.FocusReason.OtherFocusReason)

    def __init__(self, tab: TodayTab) -> None:
        super().__init__(tab)
        self.tab = tab

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FocusIn and event.reason() in self.REASONS:  # type: ignore[attr-defined]
            self.tab.arrive_in(watched)  # type: ignore[arg-type]
        return False


class TodayTab(QWidget):
    #: how many items are due, for the tab title
    count_changed = Signal(int)

    def _scrolled_body(self) -> QWidget:
        """The widget the tab's content is laid out in, inside a scroll area filling the tab.

        Issue #18: at 1024×640 (less the title bar) the bottom of "Coming up" was cut off; with
        the first-start checklist or the "since you were last here" banner shown the content is
        taller still. It scrolls now instead of being cut. The scroll area itself takes no Tab
        stop (its content's fields do)."""
        from PySide6.QtWidgets import QFrame, QScrollArea

        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("today_scroll")
        self.scroll.setWidgetResizable(True)  # the lists grow with the window when there is room
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(self.scroll)
        body.setObjectName("today_body")
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        return body

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_tab")
        self.context = context
        self.model = DueModel(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("today_heading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.panel = ListPanel(self.model, name="today",
                               empty_text=self.tr("Nothing is due today. Well done."),
                               filter_placeholder=self.tr("Filter what is due"), parent=self)
        self.panel.table.setSortingEnabled(False)  # the order is the urgency
        # fit columns to the first rows only: measuring thousands of texts would cost more than the list
        self.panel.table.horizontalHeader().setResizeContentsPrecision(100)
        self.primary_button = self._button("today_primary", self.tr("Compose message…"), self.primary_action)
        self.log_button = self._button("today_log_contact", self.tr("Log contact…"), self.log_contact)
        self.open_button = self._button("today_open", self.tr("Open application"), self.open_item)
        self.snooze_button = self._button("today_snooze", self.tr("Snooze until…"), self.snooze)
        self.dismiss_button = self._button("today_dismiss", self.tr("Dismiss"), self.dismiss)
        self.undo_line = UndoLine(self)
        self.undo_line.undo_requested.connect(self.bring_back)
        self.coming_up = ComingUp(self)
        self.put_aside = PutAsideBox(self)
        self.put_aside.bring_back_requested.connect(self.bring_back)
        buttons = QHBoxLayout()
        for button in (self.primary_button, self.log_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.snooze_button)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self._scrolled_body())
        from desktop_app.ui.since_last_banner import SinceLastBanner  # #17: "since you were last here"
        layout.addWidget(SinceLastBanner(context, self))
        from desktop_app.ui.getting_started import GettingStarted  # #18: the first-start checklist
        layout.addWidget(GettingStarted(context, self))
        layout.addWidget(self.heading)
        self.trouble = QLabel(self)  # a part of the advice that could not be worked out (issue 14)
        self.trouble.setObjectName("today_trouble")
        self.trouble.setWordWrap(True)
        self.trouble.hide()
        layout.addWidget(self.trouble)
        layout.addWidget(ActivityTargetLine(context, self))  # "12 of 20 this month", when a target is set
        layout.addWidget(self.undo_line)
        layout.addWidget(self.panel, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.coming_up)
        # a few rows of each list stay readable however small the window: below that the tab
        # scrolls (#18) rather than squeezing the lists to a sliver
        rows = self.panel.table.verticalHeader().defaultSectionSize()
        self.panel.table.setMinimumHeight(4 * rows)
        self.coming_up.table.setMinimumHeight(min(3 * rows, self.coming_up.table.maximumHeight()))
        layout.addWidget(self.put_aside)
        # the buttons act on the row last selected in either list (12b item 4)
        self._on_coming = False
        self.panel.current_row_changed.connect(self._due_row_selected)
        self.panel.row_activated.connect(lambda _item: self._use_due_list() or self.primary_action())
        self.coming_up.row_selected.connect(self._coming_row_selected)
        # a click on the row already current in a list moves no current row: the click itself says it
        self.panel.table.pressed.connect(lambda _index: self._due_row_selected(self.panel.current_row()))
        self.coming_up.table.pressed.connect(lambda index: self._coming_row_selected(
            self.coming_up.current_item()))
        self.coming_up.row_activated.connect(lambda _item: self._coming_row_selected(_item) or self.open_item())
        # a list reached with Tab becomes the one the buttons act on, with its row selected (#18)
        self._arrivals = _ListArrival(self)
        for table in (self.panel.table, self.coming_up.table):
            table.installEventFilter(self._arrivals)
        for signal in (context.events.applications_changed, context.events.referees_changed,
                       context.events.vault_changed, context.events.settings_changed):
            signal.connect(self.refresh)
        # The list is worked out just after the window first shows, not while it is being built:
        # the window is the first tab, and start-up must not wait for every rule of the advice.
        self._pending = True
        window = self.window()
        painted = getattr(window, "first_painted", None)
        if painted is not None and not getattr(window, "_painted", False):
            painted.connect(lambda: QTimer.singleShot(0, self, self._ensure_loaded))
        else:
            QTimer.singleShot(0, self, self._ensure_loaded)

    def _ensure_loaded(self) -> None:
        if self._pending:
            self.refresh()

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        return push_button(self, name, text, slot)  # type: ignore[arg-type]

    # ---------------------------------------------------------------- list
    def refresh(self) -> None:
        from desktop_app.services.today import due as due_service  # here: see __init__

        self._pending = False
        today = clock.today()
        troubles: list[str] = []
        everything = due_service.every_item(today, troubles)
        self.trouble.setText("\n".join(troubles))
        self.trouble.setVisible(bool(troubles))
        lists = due_service.today_lists(today, everything)
        items = lists.due
        selected = self.panel.current_row()
        if not items:
            self.panel.empty_label.setText(self.tr("Nothing else is due today.") if troubles
                                           else self._nothing_due_text())
        refilled = self.model.set_items(items, today)  # after one change: only its rows are touched
        self.coming_up.set_items(lists.coming, today, due_service.COMING_UP_DAYS)
        self.put_aside.set_entries(due_service.put_aside(today, everything))
        if items and refilled:  # fitting the columns measures texts: only when the list was filled again
            fit_columns(self.panel.table)
            table = self.panel.table
            table.setColumnWidth(DueModel.ABOUT, min(table.columnWidth(DueModel.ABOUT), 320))
            # the sentence column fills what is left (it stretches); the full text is in its tooltip
            table.setColumnWidth(DueModel.TEXT, min(table.columnWidth(DueModel.TEXT), 300))
            if not (selected and self.panel.select_row(lambda i: i.key == selected.key)):
                self.panel.table.selectRow(0)
        day = long_date_with_weekday(today)  # "Wednesday 25 November 2026", in the user's language
        self.heading.setText(self.tr("{0} — {1} to do").format(day, len(items)) if items else day)
        self._update_buttons(self.current_item())
        self.count_changed.emit(len(items))

    def _nothing_due_text(self) -> str:
        from desktop_app.services.applications.pipeline import count_applications

        if count_applications():
            return self.tr("Nothing is due today. Well done.")
        # a new data folder: say how the list comes to life rather than congratulate
        return self.tr("Nothing is due today. Add your applications (Ctrl+N),\n"
                       "and Afterview will say here what to do next.")

    def due_count(self) -> int:
        """How many items are due (0 until the list has been worked out; ``count_changed`` follows)."""
        return self.model.rowCount()

    def items(self) -> list[DueItem]:
        self._ensure_loaded()
        return self.model.rows()

    def current_item(self) -> DueItem | None:
        """The item the buttons act on: the row last selected in the Today list or in Coming up."""
        self._ensure_loaded()
        if self._on_coming:
            coming = self.coming_up.current_item()
            if coming is not None:
                return coming
        return self.panel.current_row()  # type: ignore[no-any-return]

    def _use_due_list(self) -> None:
        self._on_coming = False

    def _due_row_selected(self, item: DueItem | None) -> None:
        if item is not None:
            self._on_coming = False
            self._show_selection_in(self.panel.table)
        self._update_buttons(self.current_item())

    def _coming_row_selected(self, item: DueItem | None) -> None:
        if item is not None:
            self._on_coming = True
            self._show_selection_in(self.coming_up.table)
        self._update_buttons(self.current_item())

    def _show_selection_in(self, active: QTableView) -> None:
        """Only the list the buttons act on shows a selected row (issue #18, fresh eyes: both did,
        and which one *Dismiss* would dismiss was a guess). The other keeps its current row, to
        show selected again when it is used."""
        other = self.coming_up.table if active is self.panel.table else self.panel.table
        other.clearSelection()
        current = active.currentIndex()
        if current.isValid() and not active.selectionModel().isRowSelected(current.row(), current.parent()):
            active.selectRow(current.row())

    def arrive_in(self, table: QTableView) -> None:
        """The keyboard focus came into ``table`` (the main list or Coming up): the buttons now act
        on it, and it shows its row selected, the first when it had none (issue #18, fresh eyes:
        after Tab into Coming up, Down first had to make a current row before it moved)."""
        if table.model().rowCount() == 0:
            return
        if not table.currentIndex().isValid():
            table.setCurrentIndex(table.model().index(0, 0))  # (selects it: the row's signal follows)
        if table is self.coming_up.table:
            self._coming_row_selected(self.coming_up.current_item())
        else:
            self._due_row_selected(self.panel.current_row())

    def select_item(self, predicate: object) -> bool:
        self._ensure_loaded()
        self._on_coming = False
        found = self.panel.select_row(predicate)
        self._update_buttons(self.current_item())
        return found

    def _update_buttons(self, item: DueItem | None) -> None:
        on_application = item is not None and item.application_id is not None
        self.primary_button.setEnabled(item is not None)
        if item is not None and item.kind in COMPOSE_TEMPLATES and on_application:
            self.primary_button.setText(self.tr("Compose message…"))
        else:
            self.primary_button.setText(self.tr("Open"))
        self.log_button.setEnabled(on_application)
        self.open_button.setEnabled(on_application)
        self.snooze_button.setEnabled(item is not None)
        self.dismiss_button.setEnabled(item is not None)

    def _applications_tab(self) -> object | None:
        window = self.window()
        return getattr(window, "applications_tab", None)

    # ---------------------------------------------------------------- actions
    def primary_action(self) -> None:
        item = self.current_item()
        if item is None:
            return
        template = COMPOSE_TEMPLATES.get(item.kind)
        tab = self._applications_tab()
        if template is not None and item.application_id is not None and tab is not None:
            tab.compose(template, item.application_id)  # type: ignore[attr-defined]
            return
        # referee and vault items are dealt with in their own tab, even when they name an application
        index = TAB_OF_KIND.get(item.kind, 2 if item.referee_id else 3 if item.qualification_id else None)
        window = self.window()
        if index is not None and hasattr(window, "show_tab"):
            window.show_tab(index)
        elif item.application_id is not None:
            self.open_item()

    def log_contact(self) -> None:
        item, tab = self.current_item(), self._applications_tab()
        if item is not None and item.application_id is not None and tab is not None:
            tab.log_contact(item.application_id)  # type: ignore[attr-defined]

    def open_item(self) -> None:
        item, window = self.current_item(), self.window()
        if item is None or item.application_id is None or not hasattr(window, "show_tab"):
            return
        tab = window.show_tab(1)
        if not tab.select_application(item.application_id):
            tab.set_stage_filter("all")
            tab.panel.filter_edit.clear()
            tab.select_application(item.application_id)

    def snooze(self) -> None:
        item = self.current_item()
        if item is None:
            return
        tomorrow = clock.today() + timedelta(days=1)
        until = self.context.prompts.ask_date(self, self.tr("Snooze until"),
                                              self.tr("Show this item again on:"), minimum=tomorrow,
                                              initial=tomorrow + timedelta(days=6))
        if until is None:
            return
        from desktop_app.services.today import due as due_service

        due_service.snooze(item.key, until, self._label(item))
        self.refresh()
        self.undo_line.say(self.tr("Snoozed “{0}” until {1}.").format(self._label(item), day_month(until)), item.key)

    def dismiss(self) -> None:
        item = self.current_item()
        if item is None:
            return
        from desktop_app.services.today import due as due_service

        due_service.dismiss(item.key, self._label(item))
        self.refresh()
        self.undo_line.say(self.tr("Dismissed “{0}”.").format(self._label(item)), item.key)

    def _label(self, item: DueItem) -> str:
        return f"{kind_label(item.kind)} — {item.subject}"

    def bring_back(self, key: str) -> None:
        """Undo a dismiss or a snooze: the item shows again as the rules see it."""
        from desktop_app.services.today import due_state

        due_state.bring_back(key)
        self.undo_line.hide()
        self.refresh()
        self.select_item(lambda i: i.key == key)
