"""File → Export reference pack…: choose what goes in, see what is weak, build, preview.

The choices and the checks come from `services.pack`; building runs in a worker
with a progress bar and Cancel; the finished pack opens in `PackPreview`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QListView,
    QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from desktop_app import clock
from desktop_app.services import pack as pack_service
from desktop_app.ui.context import AppContext
from desktop_app.ui.widgets import fit_to_screen, name_combo
from desktop_app.ui.workers import Worker

Index = QModelIndex | QPersistentModelIndex


class TickListModel(QAbstractListModel):
    """Referees or qualifications to tick: a plain list of `PackOption` and a set of ticked ids."""

    ticks_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options: list[pack_service.PackOption] = []
        self.ticked: set[int] = set()

    def set_options(self, options: list[pack_service.PackOption]) -> None:
        self.beginResetModel()
        self.options = list(options)
        self.ticked = {o.id for o in options if o.ticked}
        self.endResetModel()
        self.ticks_changed.emit()

    def ticked_ids(self) -> tuple[int, ...]:
        """In list order: the order the pack prints them."""
        return tuple(o.id for o in self.options if o.id in self.ticked)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.options)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        option = self.options[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{option.label} — {option.detail}" if option.detail else option.label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if option.id in self.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return option.detail
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        option_id = self.options[index.row()].id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(option_id)
        else:
            self.ticked.discard(option_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticks_changed.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable


class PackDialog(QDialog):
    """Choose, check, build; then hand over to the preview."""

    #: emitted with the `PackResult` once the pack is written
    pack_made = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 application_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pack_dialog")
        self.setWindowTitle(self.tr("Export reference pack"))
        self.resize(640, 620)
        fit_to_screen(self, QSize(640, 620))  # at 1024×640 with its frame, Export stays on the screen
        self.context = context
        self.worker: Worker | None = None
        self.preview: QWidget | None = None

        self.application = name_combo(self)
        self.application.setObjectName("pack_application")
        self.application.setAccessibleName(self.tr("Pack for"))
        self.application.addItem(self.tr("A general pack (no particular application)"), None)
        self.referees = TickListModel(self)
        self.qualifications = TickListModel(self)
        self.referee_list = self._list(self.referees, "pack_referees", self.tr("Referees to include"))
        self.qualification_list = self._list(self.qualifications, "pack_qualifications",
                                             self.tr("Qualifications to include"))
        self.print_pins = QCheckBox(self.tr("Print the share links' &PINs in this pack"), self)
        self.print_pins.setObjectName("pack_print_pins")
        self.print_pins.setToolTip(self.tr("Anyone holding the pack can then open your record with the issuer."))
        self.with_pin: frozenset[int] = frozenset()
        self.checks = QLabel(self)
        self.checks.setObjectName("pack_checks")
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("pack_progress")
        self.progress.setVisible(False)
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setObjectName("pack_export")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("pack_cancel")

        form = QFormLayout()
        form.addRow(self.tr("Pack &for:"), self.application)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for title, view in ((self.tr("Referees"), self.referee_list),
                            (self.tr("Qualifications (with their transcripts and certificates)"),
                             self.qualification_list)):
            layout.addWidget(QLabel(f"<b>{title}</b>", self))
            layout.addWidget(view, 1)
        layout.addWidget(self.print_pins)
        layout.addWidget(QLabel(self.tr("<b>Before you send it</b>"), self))
        layout.addWidget(self.checks)
        layout.addLayout(buttons)

        options = pack_service.pack_options(None)
        for app_id, label in options.applications:
            self.application.addItem(label, app_id)
        if application_id is not None:
            self.application.setCurrentIndex(max(0, self.application.findData(application_id)))
        self._load_options()
        self.application.currentIndexChanged.connect(self._load_options)
        self.referees.ticks_changed.connect(self.update_checks)
        self.qualifications.ticks_changed.connect(self.update_checks)
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self.cancel)

    def _list(self, model: TickListModel, name: str, accessible: str) -> QListView:
        view = QListView(self)
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setModel(model)
        view.setUniformItemSizes(True)
        return view

    # ------------------------------------------------------------------ state
    def application_id(self) -> int | None:
        return self.application.currentData()

    def choice(self) -> pack_service.PackChoice:
        return pack_service.PackChoice(self.application_id(), self.referees.ticked_ids(),
                                       self.qualifications.ticked_ids(),
                                       self.print_pins.isChecked() and not self.print_pins.isHidden())

    def _load_options(self) -> None:
        options = pack_service.pack_options(self.application_id())
        self.referees.set_options(options.referees)
        self.qualifications.set_options(options.qualifications)
        self.with_pin = options.with_pin
        self.update_checks()

    def update_checks(self) -> None:
        # Offered only when a ticked qualification's share link has a PIN.
        self.print_pins.setHidden(not self.with_pin.intersection(self.qualifications.ticked_ids()))
        found = pack_service.check_pack(self.choice(), clock.today())
        if found:
            self.checks.setText("\n".join(f"• {check.text}" for check in found))
            # The user decides: fix it, or send the pack as it is.
            self.export_button.setText(self.tr("&Go on anyway…"))
        else:
            self.checks.setText(self.tr("Nothing to fix: the referees are briefed and every qualification "
                                        "has its transcript."))
            self.export_button.setText(self.tr("&Export…"))

    # ------------------------------------------------------------------ the preview (replaced in tests)
    # (questions and file pickers go through ``context.prompts``)
    def show_preview(self, path: Path) -> QWidget:
        from desktop_app.ui.pack_preview import PackPreview

        preview = PackPreview(path, self.parentWidget(), prompts=self.context.prompts)
        preview.show()
        return preview

    # ------------------------------------------------------------------ building
    def _busy(self, busy: bool) -> None:
        for widget in (self.application, self.referee_list, self.qualification_list, self.print_pins,
                       self.export_button):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.progress.setValue(0)

    def _leave_out_unusable(self, choice: pack_service.PackChoice) -> pack_service.PackChoice | None:
        """``choice`` with its missing or changed documents left out, once the user agreed; None
        when they would rather put them right first (Cancel, the default).

        Issue 15, fresh eyes: the dialog offered "Go on anyway…", opened the save picker, and only
        then said "The pack was not made", naming one of two changed files. Now every such file is
        named before the picker, with the next step, and the pack can be made without them.
        """
        unusable = pack_service.unusable_documents(choice)
        if not unusable:
            return choice
        names = [u.name for u in unusable]
        listed = "\n".join(
            "• " + (self.tr("{0}: missing from the vault folder") if u.state == "missing"
                    else self.tr("{0}: changed on disk since it was added")).format(u.name) for u in unusable)
        text = (self.tr("This document cannot go into a pack as it is:") if len(unusable) == 1
                else self.tr("These documents cannot go into a pack as they are:")) + "\n" + listed + "\n\n"
        text += (self.tr("To send it, choose Cancel, then in the Vault tab select it and Re-attach… it from "
                         "your own copy (or Remove it).") if len(unusable) == 1 else
                 self.tr("To send them, choose Cancel, then in the Vault tab select each one and Re-attach… it "
                         "from your own copy (or Remove it).")) + "\n\n"
        text += self.tr("Or make this pack without {0}.").format(_and_list(names))
        if not self.context.prompts.confirm_destructive(
                self, self.tr("Export reference pack"), text,
                self.tr("Make the pack without it") if len(unusable) == 1 else self.tr("Make it without them")):
            return None
        from dataclasses import replace

        return replace(choice, left_out=choice.left_out | {u.sha256 for u in unusable})

    def export(self) -> None:
        choice = self._leave_out_unusable(self.choice())
        if choice is None:
            return
        target = self.context.prompts.save_path(self, self.tr("Save reference pack"),
                                                pack_service.suggested_file_name(choice),
                                                self.tr("PDF document (*.pdf)"), kind="pack")
        if target is None:
            return
        self._busy(True)
        today = clock.today()  # read here, on the GUI thread: the worker builds for this day
        self.worker = Worker(lambda progress, cancelled: pack_service.produce_pack(
            choice, target, progress, cancelled, today))
        self.worker.signals.progress.connect(self._progress)
        self.worker.signals.finished.connect(self._finished)
        self.worker.signals.failed.connect(self._failed)
        self.worker.signals.cancelled.connect(self._cancelled)
        self.worker.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _finished(self, result: object) -> None:
        self.worker = None
        self._busy(False)
        self.context.events.applications_changed.emit()  # the application now shows the pack it got
        self.pack_made.emit(result)
        self.preview = self.show_preview(result.path)  # type: ignore[attr-defined]
        self.accept()

    def _failed(self, message: str) -> None:
        self.worker = None
        self._busy(False)
        self.context.prompts.warn(self, self.tr("Export reference pack"),
                                  self.tr("The pack was not made.\n\n{0}").format(message))

    def _cancelled(self) -> None:
        self.worker = None
        self._busy(False)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()  # the worker stops at its next step and leaves no file
        else:
            self.reject()

    def reject(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            return  # back to the choices once the worker has stopped; nothing was written
        super().reject()


def _and_list(names: list[str]) -> str:
    """“a.pdf”, “b.pdf” and “c.pdf”: names for a sentence."""
    quoted = [f"“{name}”" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
