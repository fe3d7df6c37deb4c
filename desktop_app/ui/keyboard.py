"""The keyboard rules of every window, in one place (issue #18).

A keyboard user must be able to go everywhere with Tab and Shift+Tab, so:

* no list or table keeps Tab for itself (arrows move inside a list; Tab leaves it);
* a multi-line Notes box does not type a tab character (it would land in CSV exports);
  Tab moves on to the next field;
* Enter in a single-line field of one of our dialogs moves to the next field instead of
  saving the whole form half-filled (the finding: Enter in Employer or in the interview's
  "Someone else" box saved the dialog); Enter on a focused button presses that button, in
  the main window too (where Qt presses it only on Space);
* Ctrl+Enter (or Ctrl+Return) saves a dialog from anywhere in it, Notes boxes included.

The rules are applied by one application-wide event filter (:func:`install`), so every view
and dialog, including those made after start-up, follows them without each file opting in.
Qt's own dialogs (file pickers, message boxes, input boxes) are left as Qt made them: there
Enter answers the one question asked.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

#: Tool tip text added to a dialog's save button, so the shortcut is discoverable.
SAVE_HINT = "Ctrl+Enter"



@cache
def _enter_keys() -> tuple[Qt.Key, Qt.Key]:
    # Looked up on the first key press, not at import: the first touch of Qt.Key builds
    # the whole enum (~40 ms), which the window's start-up must not pay (bench/startup.py).
    return (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@cache
def _accept_roles() -> tuple[QDialogButtonBox.ButtonRole, QDialogButtonBox.ButtonRole]:
    return (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole)


def leave_on_tab(view: QAbstractItemView) -> None:
    """Tab and Shift+Tab leave ``view`` (a table, tree or list); arrows still move inside it."""
    view.setTabKeyNavigation(False)


def tab_moves_focus(edit: QPlainTextEdit | QTextEdit) -> None:
    """Tab in a multi-line box moves to the next field instead of typing a tab character."""
    edit.setTabChangesFocus(True)


def is_our_dialog(widget: QWidget | None) -> bool:
    """True for a dialog defined by Afterview (not a Qt file picker, message box or input box)."""
    return isinstance(widget, QDialog) and type(widget).__module__.startswith("desktop_app.")


def save_button(dialog: QDialog) -> QAbstractButton | None:
    """The button that saves ``dialog``: its button box's accept (Save/OK/Yes) button, else its
    default push button; None when it has neither (Ctrl+Enter then does nothing)."""
    for box in dialog.findChildren(QDialogButtonBox):
        if box.window() is not dialog:
            continue
        for button in box.buttons():
            if box.buttonRole(button) in _accept_roles():
                return button
    for button in dialog.findChildren(QPushButton):
        if button.isDefault() and button.window() is dialog:
            return button
    return None


def save_dialog(dialog: QDialog) -> bool:
    """Press ``dialog``'s save button, as Ctrl+Enter does; False when there is none or it is disabled."""
    button = save_button(dialog)
    if button is None or not button.isEnabled() or not button.isVisible():
        return False
    button.click()
    return True


def _single_line(widget: QWidget) -> bool:
    """A one-line field: a line edit (alone, or inside a combo or date box), a combo or a spin/date box."""
    if isinstance(widget, QLineEdit):
        return not isinstance(widget.parent(), QAbstractItemView)  # (an editor inside a table: Qt's own)
    return isinstance(widget, (QAbstractSpinBox, QComboBox))


def _enter_presses(widget: QWidget) -> bool:
    """True for a push or tool button outside any dialog (the main window, the board): there Qt
    presses a focused button only on Space, so Enter did nothing (issue #18). In dialogs Qt's own
    rule stands: Enter presses the focused button unless it opted out (the pack preview's Print
    is only ever a click away)."""
    from PySide6.QtWidgets import QToolButton

    return (isinstance(widget, (QPushButton, QToolButton)) and widget.isEnabled()
            and not isinstance(widget.window(), QDialog))


def press_button(button: QPushButton) -> None:
    """Press ``button`` as Space does: its menu opens when it has one, else it is clicked."""
    if button.menu() is not None:
        button.showMenu()
    else:
        button.click()


def _list_open(widget: QWidget) -> bool:
    """True when ``widget`` is (in) a combo box whose drop-down list is open: Enter picks from it."""
    combo = widget if isinstance(widget, QComboBox) else widget.parent()
    return isinstance(combo, QComboBox) and combo.view().isVisible()


def _in_popup(widget: QWidget) -> bool:
    """True when ``widget`` is in a pop-up window (a completer's list, a combo's open list)."""
    return widget.window().windowType() == Qt.WindowType.Popup


class KeyboardPolicy(QObject):
    """The application-wide event filter that applies the rules of this module."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind == QEvent.Type.Polish:
            self._polish(watched)
        elif kind == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            return self._key(watched, event)  # type: ignore[arg-type]
        return False

    def _polish(self, widget: QObject) -> None:
        if isinstance(widget, QHeaderView):
            # (not a keyboard rule, but window-wide too: a header too narrow for its title ends in
            # "…" instead of showing a cut-off middle, "oyer contacted t")
            widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        elif isinstance(widget, QAbstractItemView):
            leave_on_tab(widget)
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            if not widget.isReadOnly():
                tab_moves_focus(widget)
        elif is_our_dialog(widget):  # type: ignore[arg-type]
            button = save_button(widget)  # type: ignore[arg-type]
            if button is not None and SAVE_HINT not in button.toolTip():
                tip = button.toolTip()
                button.setToolTip(f"{tip} ({SAVE_HINT})" if tip else SAVE_HINT)

    def _key(self, widget: QWidget, event: QKeyEvent) -> bool:
        if event.key() not in _enter_keys():
            return False
        dialog = widget.window()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier and _enter_presses(widget):
            press_button(widget)  # type: ignore[arg-type]
            return True
        if modifiers == Qt.KeyboardModifier.ControlModifier and _in_popup(widget):
            # a type-to-search list (the referee's Country, a cleared box shows every country) is a
            # window of its own that swallowed Ctrl+Enter: the form under it is saved, as Save would
            # be (issue #18, fresh eyes)
            proxy = widget.window().focusProxy()  # a completer's list hands its focus to the box it serves
            owner = proxy.window() if proxy is not None else QApplication.activeWindow()
            if is_our_dialog(owner):
                widget.window().hide()
                save_dialog(owner)  # type: ignore[arg-type]
                return True
        if not is_our_dialog(dialog):
            return False
        if modifiers == Qt.KeyboardModifier.ControlModifier:
            save_dialog(dialog)  # type: ignore[arg-type]
            return True
        if modifiers == Qt.KeyboardModifier.NoModifier and _single_line(widget):
            if _list_open(widget):
                return False
            widget.focusNextChild()
            return True
        return False


_policy: KeyboardPolicy | None = None


def install() -> KeyboardPolicy:
    """Apply the keyboard rules to every widget of the running QApplication (idempotent).

    Raises RuntimeError when no QApplication exists yet.
    """
    global _policy
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("keyboard.install() needs a QApplication")
    if _policy is None:
        _policy = KeyboardPolicy(app)
        app.installEventFilter(_policy)
        # widgets polished before the filter was installed (the real start installs it just
        # after the first paint) get the same rules now
        for widget in app.allWidgets():
            _policy._polish(widget)
    return _policy


#: F2 (Edit → Edit selected…): the method of each tab that edits its selected row, by the
#: tab's object name; for a tab with several lists, the first whose list has a selection wins.
EDIT_METHODS: dict[str, tuple[str, ...]] = {
    "today_tab": ("open_item",),
    "applications_tab": ("edit_application",),
    "referees_tab": ("edit_referee",),
    "vault_tab": ("edit_qualification",),
    "organisations_tab": ("edit_organisation",),
}


def edit_selected(tab: QWidget) -> bool:
    """Open the edit form of ``tab``'s selected row, as F2 does; False when the tab has none.

    The Organisations tab edits the selected contact while its Contacts page is shown."""
    names = EDIT_METHODS.get(tab.objectName(), ())
    views = getattr(tab, "views", None)
    if tab.objectName() == "organisations_tab" and views is not None and views.currentIndex() == 1:
        names = ("edit_contact",)
    for name in names:
        method = getattr(tab, name, None)
        if callable(method):
            method()
            return True
    return False
