"""What the application's People box and senior-contact offer do: add, edit and remove a person,
open the organisation's memory, write to someone senior after a rejection.

Installed into the Applications tab by :func:`install` (one line there), so the tab
module stays small. Every form goes through ``contact_dialog.ask_for_contact`` and
every question through the tab's ``context.prompts``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop_app.services.applications import contacts as contact_service
from desktop_app.services.core.crud import NotFound
from desktop_app.ui.dialogs import contact_dialog
from desktop_app.ui.formatting import count_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeopleBox", text)


def install(tab: Any) -> None:
    """Wire the People box of ``tab.detail`` (buttons, double-click, Enter, Delete, context menu)."""
    detail = tab.detail
    people = detail.contacts
    detail.add_person_button.clicked.connect(lambda: add_person(tab))
    detail.edit_person_button.clicked.connect(lambda: edit_person(tab))
    detail.remove_person_button.clicked.connect(lambda: remove_person(tab))
    detail.organisation_button.clicked.connect(lambda: show_organisation(tab))
    people.itemActivated.connect(lambda _item: edit_person(tab))  # double-click, Enter
    people.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for text, name, slot in (
            (_tr("Edit person…"), "people_edit", edit_person),
            (_tr("Remove person…\tDel"), "people_remove", remove_person),
            (_tr("Add person…"), "people_add", add_person),
            (_tr("Organisation…"), "people_organisation", show_organisation)):
        action = QAction(text, people)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False, s=slot: s(tab))
        people.addAction(action)
    on_delete_key(people, lambda: remove_person(tab))
    detail.senior_banner.write_requested.connect(lambda contact_id: write_to_senior(tab, contact_id))
    detail.senior_banner.add_requested.connect(lambda: add_senior_contact(tab))


#: The object name of the Delete key's filter on a list.
DELETE_KEY = "delete_key"


class _DeleteKey(QObject):
    """Calls ``slot`` when Delete (or the platform's delete key) is pressed in the watched widget."""

    def __init__(self, widget: QWidget, slot: Callable[[], Any]) -> None:
        super().__init__(widget)
        self.setObjectName(DELETE_KEY)  # found by name by Edit → Delete (main_window.delete_slot)
        self.slot = slot

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace):
            self.slot()
            return True
        return False


def on_delete_key(widget: QWidget, slot: Callable[[], Any]) -> None:
    """Delete (or Backspace, the delete key of a Mac keyboard) in ``widget`` calls ``slot``: a key
    event, not a window shortcut, so it only acts on the list that has the focus."""
    widget.installEventFilter(_DeleteKey(widget, slot))



def _app(tab: Any) -> Any:
    return tab.detail.detail  # the ApplicationDetail on show, or None


def add_person(tab: Any, *, kind: str = "other") -> int | None:
    """Add a person at the agency (if any) or the employer of the application on show."""
    app = _app(tab)
    if app is None:
        return None
    contact_id = contact_dialog.ask_for_contact(tab, organisation=app.agency or app.employer, kind=kind)
    if contact_id is not None:
        tab._changed(app.id)
    return contact_id


def edit_person(tab: Any) -> None:
    app, contact_id = _app(tab), tab.detail.selected_contact_id()
    if app is None or contact_id is None:
        return
    try:
        if contact_dialog.ask_for_contact(tab, contact_id) is not None:
            tab._changed(app.id)
    except NotFound:
        tab._changed(app.id)


def remove_text(contact_id: int) -> str:
    """The question before removing a contact, saying what keeps their name and what loses them."""
    person = contact_service.get_contact(contact_id)
    use = contact_service.usage(contact_id)
    parts = []
    if use.logged:
        parts.append(count_text(use.logged, _tr("1 logged contact keeps the name {1}."),
                             _tr("{0} logged contacts keep the name {1}.")).format(use.logged, person.name))
    if use.recruiter_of:
        parts.append(_tr("{0} will have no recruiter.").format(
            count_text(use.recruiter_of, _tr("1 application"), _tr("{0} applications"))))
    if use.interviews:
        parts.append(_tr("{0} will no longer list them.").format(
            count_text(use.interviews, _tr("1 interview"), _tr("{0} interviews"))))
    where = f" ({person.organisation_name})" if person.organisation_name else ""
    # the contact goes from every application, not only the one whose People box was used
    return (_tr("Remove {0}{1} from your contacts, everywhere?").format(person.name, where)
            + _tr(" They go to the Trash; Edit → Undo brings them back.")
            + ("\n\n" + " ".join(parts) if parts else ""))


def remove_person(tab: Any) -> None:
    app, contact_id = _app(tab), tab.detail.selected_contact_id()
    if app is None or contact_id is None:
        return
    try:
        text = remove_text(contact_id)
    except NotFound:
        tab._changed(app.id)
        return
    if tab.context.prompts.confirm_destructive(tab, _tr("Remove person"), text, _tr("Remove")):
        contact_service.remove_contact(contact_id)
        tab._changed(app.id)


def show_organisation(tab: Any) -> None:
    """The Organisations tab, on the application's employer (or the selected person's organisation)."""
    app = _app(tab)
    if app is None:
        return
    from desktop_app.ui.main_window import TABS

    window = tab.window()
    names = [name for name, _module, _cls in TABS]
    if "organisations_tab" not in names or not hasattr(window, "show_tab"):
        return
    window.show_tab(names.index("organisations_tab")).select_organisation(app.employer_id)


def compose_to(tab: Any, template: str, contact_id: int | None) -> None:
    """Compose ``template`` for the application on show, addressed to ``contact_id``."""
    from desktop_app.ui.dialogs.compose_dialog import ComposeDialog

    app = _app(tab)
    if app is None:
        return
    if tab.run_dialog(ComposeDialog(app.id, template, tab, prompts=tab.context.prompts, contact_id=contact_id)):
        tab._changed(app.id)


def write_to_senior(tab: Any, contact_id: int | None) -> None:
    compose_to(tab, "senior_contact", contact_id)


def add_senior_contact(tab: Any) -> None:
    """Add a senior HR / management contact at the employer, then write to them (rule 8)."""
    app = _app(tab)
    if app is None:
        return
    contact_id = contact_dialog.ask_for_contact(tab, organisation=app.employer, kind="senior_hr")
    if contact_id is None:
        return
    tab._changed(app.id)
    compose_to(tab, "senior_contact", contact_id)
