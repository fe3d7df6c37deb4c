"""Every modal question and file picker of the window, behind one object.

Windows, tabs and dialogs never build a ``QMessageBox``, ``QFileDialog``,
``QPrintDialog`` or date dialog themselves: they call ``context.prompts``. Tests
replace that one object (``tests/helpers/scripted_prompts.py``) instead of patching a method
on every widget, as Mu editor does with its ``get_load_path()``.

A destructive question names its button for what it does ("Delete", "Restore") and
makes Cancel both the default and the Escape button, so Enter never destroys.

Qt's dialog classes are imported inside the methods: the main window imports this
module at start-up, and QtPrintSupport alone costs noticeable time.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from functools import cache
from typing import TYPE_CHECKING, Any

from desktop_app import clock

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

#: ``*.ext`` in a file-dialog filter such as ``"Spreadsheet (*.csv)"``.
_PATTERN = re.compile(r"\*\.([A-Za-z0-9][A-Za-z0-9._-]*)")


def filter_extensions(name_filter: str) -> list[str]:
    """The extensions one filter names, with their dots, in order: ``"PDF (*.pdf)"`` → ``[".pdf"]``.

    ``name_filter`` is one entry of a Qt filter string (no ``;;``); ``"All files (*)"``
    names none, so it gives ``[]``.
    """
    return ["." + ext for ext in _PATTERN.findall(name_filter)]


def with_filter_extension(path: Path, name_filter: str) -> Path:
    """``path`` with the first extension ``name_filter`` names added, unless it already ends in one.

    The comparison ignores case (``Pack.PDF`` stays as it is). A filter that names no
    extension leaves ``path`` unchanged.
    """
    extensions = filter_extensions(name_filter)
    if not extensions or any(path.name.lower().endswith(ext.lower()) for ext in extensions):
        return path
    return path.with_name(path.name + extensions[0])


class Prompts:
    """The modal questions and file pickers, one small method per kind.

    Every method is modal and returns the user's answer; ``parent`` is the widget the
    dialog belongs to (None only before the main window exists). None of them raises:
    a closed or cancelled dialog is the "no" answer (False, None or an empty list).

    File pickers take a ``kind`` ("vault", "contacts", "spreadsheet", "pack", "backup",
    "data", "calendar", "report"): each opens in the folder the last file of its kind was
    picked in, kept in :attr:`folders` (the window's
    :class:`~desktop_app.ui.ui_settings.UiSettings`), else the home folder (issue #15).
    """

    #: where each kind of file was last picked (``last_folder``/``remember_folder``); None: nowhere
    folders: Any = None

    def _start_folder(self, kind: str) -> Path:
        """The folder a picker of ``kind`` opens in: the last one used for that kind, else home."""
        remembered = self.folders.last_folder(kind) if self.folders is not None and kind else None
        return remembered or Path.home()

    def _remember_folder(self, kind: str, chosen: Path | list[Path] | None) -> None:
        """Keep the folder of ``chosen`` (a picked file, or the first of several) for ``kind``."""
        first = chosen[0] if isinstance(chosen, list) and chosen else chosen
        if self.folders is not None and kind and isinstance(first, Path):
            self.folders.remember_folder(kind, first.parent)

    # ------------------------------------------------------------------ questions
    def build_confirmation(self, parent: QWidget | None, title: str, text: str,
                           action_label: str) -> tuple[QMessageBox, QPushButton]:
        """The (not yet shown) box of :meth:`confirm_destructive` and its action button.

        Cancel is the default and the Escape button. Apart so tests can inspect the box.
        """
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("confirm_destructive")
        action = box.addButton(action_label, QMessageBox.ButtonRole.DestructiveRole)
        action.setObjectName("confirm_destructive_action")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setObjectName("confirm_destructive_cancel")
        # Enter presses the default button and Esc the escape button: neither destroys.
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        return box, action

    def confirm_destructive(self, parent: QWidget | None, title: str, text: str, action_label: str) -> bool:
        """Ask before something that cannot be undone; True only if ``action_label`` was clicked.

        ``action_label`` names the deed ("Delete", "Restore", "Log anyway"); Enter,
        Escape and closing the box all answer False.
        """
        box, action = self.build_confirmation(parent, title, text, action_label)
        box.exec()
        return box.clickedButton() is action

    def ask_yes_no(self, parent: QWidget | None, title: str, text: str, *, yes_label: str,
                   no_label: str, details: str = "") -> bool:
        """A question where neither answer loses anything: True for ``yes_label``.

        ``yes_label`` is the default button (Enter) and ``no_label`` the Escape button;
        ``details`` is shown under ``text`` when given.
        """
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("ask_yes_no")
        if details:
            box.setInformativeText(details)
        yes = box.addButton(yes_label, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(no_label, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def choose_one(self, parent: QWidget | None, title: str, text: str, choices: list[str], *,
                   nothing_chosen: str = "") -> int | None:
        """One of ``choices``, picked by the user; its index, or None when cancelled.

        Nothing is preselected and OK stays greyed out until a choice is made, so Enter
        alone cannot answer (issue #18: the board's "How did it end?" preselected Accepted,
        and Enter closed the application with the wrong outcome). One radio button per
        choice: Tab reaches them; the arrow keys move the choice, as in any radio group
        (Qt's only move the focus while nothing is chosen), and Space picks. Enter with
        nothing chosen says ``nothing_chosen`` ("Choose how it ended.") in the dialog
        instead of doing nothing (issue #18, fresh eyes).
        """
        from PySide6.QtWidgets import QButtonGroup, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout

        dialog = _ChooseOneDialog(parent)
        dialog.setObjectName("choose_one")
        dialog.setWindowTitle(title)
        dialog.setMinimumWidth(380)  # the title bar shows the whole title, not "Close app… Afterview"
        layout = QVBoxLayout(dialog)
        question = QLabel(text, dialog)
        question.setWordWrap(True)
        layout.addWidget(question)
        group = QButtonGroup(dialog)
        for index, choice in enumerate(choices):
            radio = QRadioButton(choice.replace("&", "&&"), dialog)
            radio.setObjectName(f"choose_one_{index}")
            group.addButton(radio, index)
            layout.addWidget(radio)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   dialog)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setDefault(True)  # Enter answers once a choice is made (a greyed-out OK ignores it)
        ok.setEnabled(False)
        hint = QLabel(dialog)
        hint.setObjectName("choose_one_hint")
        hint.setWordWrap(True)
        hint.hide()
        layout.addWidget(hint)

        def chosen(_id: int, _on: bool) -> None:
            ok.setEnabled(group.checkedId() >= 0)
            hint.hide()

        group.idToggled.connect(chosen)
        dialog.group, dialog.hint = group, hint
        dialog.nothing_chosen = nothing_chosen or dialog.tr("Choose one of the answers above first.")
        for radio in group.buttons():
            radio.installEventFilter(dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        if not dialog.exec() or group.checkedId() < 0:
            return None
        return group.checkedId()

    # ------------------------------------------------------------------ messages
    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user something went as asked (one OK button)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user something did not go as asked (one OK button)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user Afterview cannot go on (one OK button; e.g. an unusable data folder)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(parent, title, text)

    def nothing_answered(self, parent: QWidget | None, title: str, text: str, *, copy_text: str = "",
                         copy_label: str = "Copy") -> None:
        """Say that a hand-off to the system (email app, browser, file manager) got no answer, and
        offer the fallback: ``text`` says what to do by hand; a ``copy_label`` button puts
        ``copy_text`` on the clipboard (no button when ``copy_text`` is empty). Issue #18: no
        hand-off fails silently. Copy copies and closes the box.
        """
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("nothing_answered")
        box.setTextInteractionFlags(box.textInteractionFlags() | _selectable())
        copy = box.addButton(copy_label, QMessageBox.ButtonRole.ActionRole) if copy_text else None
        if copy is not None:
            copy.setObjectName("nothing_answered_copy")
        close = box.addButton(QMessageBox.StandardButton.Close)
        close.setObjectName("nothing_answered_close")
        box.setDefaultButton(copy or close)  # the fallback is what the user came for
        box.setEscapeButton(close)
        box.exec()
        if copy is not None and box.clickedButton() is copy:
            QGuiApplication.clipboard().setText(copy_text)

    # ------------------------------------------------------------------ files
    def open_path(self, parent: QWidget | None, caption: str, file_filter: str, *, kind: str = "") -> Path | None:
        """One existing file, chosen starting in :meth:`_start_folder`; None when cancelled.

        ``file_filter`` is a Qt filter string, e.g. ``"Spreadsheet (*.csv);;All files (*)"``.
        """
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(parent, caption, str(self._start_folder(kind)), file_filter)
        chosen = Path(name) if name else None
        self._remember_folder(kind, chosen)
        return chosen

    def open_paths(self, parent: QWidget | None, caption: str, file_filter: str, *,
                   kind: str = "") -> list[Path]:
        """Any number of existing files, starting in :meth:`_start_folder`; [] when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(parent, caption, str(self._start_folder(kind)), file_filter)
        chosen = [Path(name) for name in names]
        self._remember_folder(kind, chosen)
        return chosen

    def save_path(self, parent: QWidget | None, caption: str, suggested: str, file_filter: str, *,
                  kind: str = "") -> Path | None:
        """Where to write a new file: ``suggested`` (a file name) in :meth:`_start_folder` to start with
        (a ``suggested`` that is a whole path is kept as it is).

        If the user leaves the extension off, the chosen filter's first one is added
        (``"pack"`` with ``"PDF (*.pdf)"`` → ``pack.pdf``). None when cancelled.
        """
        from PySide6.QtWidgets import QFileDialog

        start = self._start_folder(kind) / suggested  # a whole path in ``suggested`` wins
        name, chosen_filter = QFileDialog.getSaveFileName(parent, caption, str(start), file_filter)
        if not name:
            return None
        chosen = with_filter_extension(Path(name), chosen_filter or file_filter.split(";;")[0])
        self._remember_folder(kind, chosen)
        return chosen

    # ------------------------------------------------------------------ other pickers
    def ask_date(self, parent: QWidget | None, title: str, label: str, minimum: date | None = None,
                 initial: date | None = None) -> date | None:
        """A day picked on a calendar, or None when cancelled.

        ``minimum`` is the earliest day that can be picked (None: any); the calendar
        opens on ``initial``, else ``minimum``, else today (raised to ``minimum``).
        """
        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QLabel, QVBoxLayout

        def qdate(day: date) -> QDate:
            return QDate(day.year, day.month, day.day)

        start = initial or minimum or clock.today()
        if minimum is not None:
            start = max(start, minimum)
        dialog = QDialog(parent)
        dialog.setObjectName("ask_date")
        dialog.setWindowTitle(title)
        calendar = QCalendarWidget(dialog)
        calendar.setObjectName("ask_date_calendar")
        calendar.setAccessibleName(label)
        if minimum is not None:
            calendar.setMinimumDate(qdate(minimum))
        calendar.setSelectedDate(qdate(start))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        column = QVBoxLayout(dialog)
        text = QLabel(label, dialog)
        text.setWordWrap(True)
        column.addWidget(text)
        column.addWidget(calendar)
        column.addWidget(buttons)
        if not dialog.exec():
            return None
        picked = calendar.selectedDate()
        return date(picked.year(), picked.month(), picked.day())

    def choose_printer(self, parent: QWidget | None, document_name: str) -> QPrinter | None:
        """The system print dialog for a document called ``document_name``; the set-up printer, or None."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        from PySide6.QtWidgets import QDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document_name)
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def _selectable() -> object:
    from PySide6.QtCore import Qt

    return Qt.TextInteractionFlag.TextSelectableByMouse


@cache
def _choose_one_dialog_class() -> type:
    """:class:`_ChooseOneDialog`, made on first use: Qt's widget classes are not imported at start-up."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QDialog

    class ChooseOneDialog(QDialog):
        """The dialog of :meth:`Prompts.choose_one`: arrows move the choice, Enter with none says so."""

        group: Any = None
        hint: Any = None
        nothing_chosen = ""

        def _step(self, forward: bool) -> None:
            radios = self.group.buttons()
            now = self.group.checkedId()
            if now < 0:  # nothing chosen yet: the arrow chooses the one with the focus, or the first
                focused = next((i for i, r in enumerate(radios) if r.hasFocus()), 0)
                target = focused
            else:
                target = (now + (1 if forward else -1)) % len(radios)
            radios[target].setChecked(True)
            radios[target].setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.KeyPress and self.group is not None:
                key = event.key()  # type: ignore[attr-defined]
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left):
                    self._step(key in (Qt.Key.Key_Down, Qt.Key.Key_Right))
                    return True
            return super().eventFilter(watched, event)

        def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.group is not None \
                    and self.group.checkedId() < 0:
                self.hint.setText(self.nothing_chosen)  # rather than nothing at all
                self.hint.show()
                return
            super().keyPressEvent(event)

    return ChooseOneDialog


def _ChooseOneDialog(parent: Any) -> Any:  # noqa: N802 (reads as the class it makes)
    return _choose_one_dialog_class()(parent)


def hand_off_failed(prompts: Prompts, parent: QWidget | None, title: str, nobody: str, fallback: str, *,
                    copy_text: str = "", copy_label: str = "Copy") -> None:
    """Tell the user that ``nobody`` ("No email app", "No file manager") answered a hand-off, and what to
    do instead (``fallback``, a sentence); see :meth:`Prompts.nothing_answered`."""
    prompts.nothing_answered(parent, title, f"{nobody} answered. {fallback}", copy_text=copy_text,
                             copy_label=copy_label)


def write_failure_message(exc: BaseException, data_dir: object) -> str | None:
    """The user's sentence for a window action whose write SQLite could not do, or None.

    Two cases, neither a fault of what the user did, and nothing was changed (SQLite
    rolls the statement back): the disk under ``data_dir`` is full (``SQLITE_FULL``,
    ``ENOSPC``), or another program held the database past the busy timeout. The
    same words as a form's "saving" problem (``services.core.crud``).
    """
    from desktop_app.store.errors import disk_full_message, is_disk_full

    if is_disk_full(exc):
        return disk_full_message(data_dir)
    text = str(exc)
    if type(exc).__name__ == "OperationalError" and ("locked" in text or "busy" in text):
        return ("Another program is changing Afterview's data right now, so this was not saved. "
                "Nothing was lost: try again in a moment.")
    return None


#: the window whose prompts tell of a failed write (the newest one; see report_write_failures)
_reporting: dict[str, object] = {}


def report_write_failures(window: QWidget, prompts: Prompts, data_dir: object) -> None:
    """Say in plain words, through ``prompts``, when any window action's write fails for a full disk or a lock.

    Every write of the window does not pass through a form's "saving" check (Delete,
    Dismiss, Snooze, Undo, Trash...): without this, a full disk made such an action
    do nothing, with a traceback on stderr only. One central place: Qt hands an
    exception escaping a slot to ``sys.excepthook``, which this wraps; anything else
    goes on to the hook that was there before.
    """
    import sys

    _reporting.update(window=window, prompts=prompts, data_dir=data_dir)
    if getattr(sys.excepthook, "afterview_write_failures", False):
        return
    previous = sys.excepthook

    def hook(kind, exc, tb):  # type: ignore[no-untyped-def]
        message = write_failure_message(exc, _reporting.get("data_dir")) if exc is not None else None
        if message is None:
            previous(kind, exc, tb)
            return
        from PySide6.QtWidgets import QWidget

        shown = _reporting.get("prompts")
        parent = _reporting.get("window")
        try:
            shown.error(parent if isinstance(parent, QWidget) and parent.isVisible() else None,  # type: ignore[union-attr]
                        "Not saved", message)
        except RuntimeError:  # the window is gone: the previous hook prints it
            previous(kind, exc, tb)

    hook.afterview_write_failures = True  # type: ignore[attr-defined]
    sys.excepthook = hook
