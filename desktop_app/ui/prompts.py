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
from typing import TYPE_CHECKING

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
    """

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

    # ------------------------------------------------------------------ files
    def open_path(self, parent: QWidget | None, caption: str, file_filter: str) -> Path | None:
        """One existing file, chosen starting in the home folder; None when cancelled.

        ``file_filter`` is a Qt filter string, e.g. ``"Spreadsheet (*.csv);;All files (*)"``.
        """
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(parent, caption, str(Path.home()), file_filter)
        return Path(name) if name else None

    def open_paths(self, parent: QWidget | None, caption: str, file_filter: str) -> list[Path]:
        """Any number of existing files, starting in the home folder; [] when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(parent, caption, str(Path.home()), file_filter)
        return [Path(name) for name in names]

    def save_path(self, parent: QWidget | None, caption: str, suggested: str, file_filter: str) -> Path | None:
        """Where to write a new file: ``suggested`` (a file name) in the home folder to start with.

        If the user leaves the extension off, the chosen filter's first one is added
        (``"pack"`` with ``"PDF (*.pdf)"`` → ``pack.pdf``). None when cancelled.
        """
        from PySide6.QtWidgets import QFileDialog

        name, chosen_filter = QFileDialog.getSaveFileName(parent, caption, str(Path.home() / suggested),
                                                          file_filter)
        if not name:
            return None
        return with_filter_extension(Path(name), chosen_filter or file_filter.split(";;")[0])

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
