"""The Vault tab: qualifications, the documents that prove them, and a preview of the selected one.

Files come in through *Add documents…* or by dropping them on the tab; the work
(copy, hash, check) runs in a worker with a progress bar and Cancel, so the window
never freezes. Dropped transcripts and certificates are linked to the selected
qualification. Every question and file picker goes through ``context.prompts``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme
from desktop_app import vocab
from desktop_app.services.core import crud
from desktop_app.services.vault import copies as vault_copies, adding as vault_import, verify as vault_verify
from desktop_app.services.vault import preview as vault_preview
from desktop_app.services.vault import qualifications as vault_service
from desktop_app.ui.context import AppContext
from desktop_app.services.vault import signatures as vault_signatures
from desktop_app.ui.formatting import local_moment, short_date, vocab_label
from desktop_app.ui.job_bar import JobBar
from desktop_app.ui.list_panel import ListPanel, fit_columns, keep_in_view
from desktop_app.ui.models.vault_models import DocumentsModel, QualificationsModel, human_size
from desktop_app.ui.pdf_preview import PdfPreview
from desktop_app.ui.flow_layout import flow_row

#: Dropped or added files of these kinds are linked to the selected qualification.
PROOF_KINDS = frozenset({"transcript", "certificate"})
_DROP_STYLE = "color: palette(highlighted-text); background: palette(highlight); padding: 1px 6px; border-radius: 3px;"


class VaultTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vault_tab")
        self.context = context
        self.setAcceptDrops(True)
        self.qualifications_model = QualificationsModel(self)
        self.documents_model = DocumentsModel(self)
        self.qualifications = ListPanel(
            self.qualifications_model, name="qualifications",
            empty_text=self.tr("No qualifications yet — add your degrees and certificates, "
                               "each with its full transcript."),
            filter_placeholder=self.tr("Filter qualifications"), parent=self)
        self.documents = ListPanel(
            self.documents_model, name="documents",
            empty_text=self.tr("No documents yet — drop transcripts and certificates here "
                               "(PDFs, or photos of them), or use Add documents…"),
            filter_placeholder=self.tr("Filter documents"), parent=self)
        self.preview = PdfPreview(self)
        self.preview.setMinimumWidth(380)  # the layout stays put whether or not a document is shown
        self.details = QLabel(self)
        self.details.setObjectName("document_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.job = JobBar("vault", self)
        self.status = QLabel(self)
        self.status.setObjectName("vault_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.drop_hint = QLabel(self.tr("— drop PDFs, or photos of documents, anywhere on this tab"), self)
        self.drop_hint.setObjectName("vault_drop_hint")
        self.drop_hint.setStyleSheet(theme.text_style(theme.HINT))
        self.buttons: dict[str, QPushButton] = {}
        qual_bar = self._bar((
            ("add_qualification", self.tr("Add qualification…"), self.add_qualification),
            ("edit_qualification", self.tr("Edit…"), self.edit_qualification),
            ("delete_qualification", self.tr("Delete"), self.delete_qualification),
        ))
        doc_bar = self._bar((
            ("add_documents", self.tr("Add documents…"), self.add_documents),
            ("link_document", self.tr("Link…"), self.link_document),
            ("unlink_document", self.tr("Unlink"), self.unlink_document),
            ("open_document", self.tr("Open in default viewer"), self.open_document),
            ("save_copy", self.tr("Save a copy as…"), self.save_copy),
            ("remove_document", self.tr("Remove"), self.remove_document),
            ("verify_vault", self.tr("Verify vault"), self.verify_vault),
        ))
        lists = QSplitter(Qt.Orientation.Vertical, self)
        lists.setObjectName("vault_splitter")
        for title, bar, panel in ((self.tr("Qualifications"), qual_bar, self.qualifications),
                                  (self.tr("Documents"), doc_bar, self.documents)):
            box = QWidget(lists)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            heading = QHBoxLayout()
            heading.addWidget(QLabel(f"<b>{title}</b>", box))
            if panel is self.documents:
                heading.addWidget(self.drop_hint)
            heading.addStretch(1)
            column.addLayout(heading)
            column.addWidget(bar)
            column.addWidget(panel)
            lists.addWidget(box)
        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.preview, 1)
        right_column.addWidget(self.details)
        # issue 15: a stored file that changed on disk is said when its document is shown,
        # with the next steps, not first when a pack fails
        self.file_problem = QWidget(right)
        self.file_problem.setObjectName("vault_file_problem")
        problem_column = QVBoxLayout(self.file_problem)
        problem_column.setContentsMargins(0, 0, 0, 0)
        self.file_problem_text = QLabel(self.file_problem)
        self.file_problem_text.setObjectName("vault_file_problem_text")
        self.file_problem_text.setWordWrap(True)
        self.file_problem_text.setStyleSheet(theme.text_style(theme.WARNING))
        problem_column.addWidget(self.file_problem_text)
        problem_buttons = QHBoxLayout()
        for name, label, slot in (("reattach_document", self.tr("Re-attach…"), self.reattach_document),
                                  ("remove_changed", self.tr("Remove"), self.remove_document),
                                  ("check_again", self.tr("Check again"), self.check_again)):
            button = QPushButton(label, self.file_problem)
            button.setObjectName(name)
            button.clicked.connect(slot)
            self.buttons[name] = button
            problem_buttons.addWidget(button)
        problem_buttons.addStretch(1)
        problem_column.addLayout(problem_buttons)
        self.file_problem.hide()
        right_column.addWidget(self.file_problem)
        # #18: the 64-digit SHA-256 on one line made the window grow; it is shown shortened, whole here
        self.copy_sha_button = QPushButton(self.tr("&Copy SHA-256"), right)
        self.copy_sha_button.setObjectName("vault_copy_sha")
        self.copy_sha_button.setToolTip(self.tr("Put the document's whole SHA-256 fingerprint on the clipboard"))
        self.copy_sha_button.clicked.connect(self.copy_sha)
        self.copy_sha_button.hide()
        right_column.addWidget(self.copy_sha_button, 0, Qt.AlignmentFlag.AlignLeft)
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.setObjectName("vault_main_splitter")
        main.addWidget(lists)
        main.addWidget(right)
        main.setStretchFactor(0, 5)
        main.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(main, 1)
        layout.addWidget(self.job)
        layout.addWidget(self.status)

        self.qualifications.current_row_changed.connect(lambda _row: self._update_buttons())
        self.qualifications.row_activated.connect(lambda _row: self.edit_qualification())
        self.documents.current_row_changed.connect(self._show_document)
        self.documents.row_activated.connect(lambda _row: self.open_document())
        from desktop_app.ui.people_actions import on_delete_key  # Delete in a list: its delete action

        on_delete_key(self.qualifications.table, self.delete_qualification)
        on_delete_key(self.documents.table, self.remove_document)
        self.job.busy_changed.connect(lambda _busy: self._update_buttons())
        context.events.vault_changed.connect(self.refresh)
        context.events.applications_changed.connect(self.refresh)  # the linked applications' names
        self.refresh()

    def _bar(self, specs: tuple[tuple[str, str, Any], ...]) -> QWidget:
        """The buttons of a list, wrapping onto a second line when the pane is narrow (#18: seven
        buttons in one row made the window grow past 1024 wide)."""
        made = []
        for name, text, slot in specs:
            button = QPushButton(text, self)
            button.setObjectName(f"vault_{name}")
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(slot)
            self.buttons[name] = button
            made.append(button)
        return flow_row(self, made)

    # ------------------------------------------------------------------ lists
    def refresh(self) -> None:
        qualification = self.current_qualification()
        document = self.current_document()
        self.qualifications_model.set_rows(vault_service.list_qualification_rows())
        self.documents_model.set_rows(vault_service.list_document_rows())
        for panel in (self.qualifications, self.documents):
            fit_columns(panel.table)
        # #18: the Check warning, after the name and within the list's width (whole in its tool tip)
        keep_in_view(self.qualifications.table, QualificationsModel.FLAG, after=QualificationsModel.TITLE)
        if qualification is not None:
            self.qualifications.select_row(lambda r: r.id == qualification.id)
        if document is not None:
            self.documents.select_row(lambda r: r.id == document.id)
        # #18: the row that took a removed one's place was selected by the list itself; show it
        self._follow_selection()
        self._update_buttons()

    #: (id, SHA-256) of the document the preview and details were last filled for; None: none
    _shown: tuple[int, str] | None = None

    def _follow_selection(self) -> None:
        """Make the preview, the details and *Copy SHA-256* show the selected document (or none).

        Issue #18: after a removal or a re-attach the preview could stay on "Select a document"
        while a row was selected (and *Copy SHA-256* shown); called after each refresh, job and
        whenever the tab is shown again, so any such state mends itself.
        """
        row = self.current_document()
        key = None if row is None else (row.id, row.sha256)
        if key != self._shown or (row is not None and self.preview.shown_path() is None):
            self._show_document(row)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        self._follow_selection()

    def current_qualification(self) -> vault_service.QualificationRow | None:
        return self.qualifications.current_row()

    def current_document(self) -> vault_service.DocumentRow | None:
        return self.documents.current_row()

    def select_document(self, document_id: int) -> bool:
        return self.documents.select_row(lambda r: r.id == document_id)

    def show_qualification(self, qualification_id: int) -> bool:
        """Select a qualification (e.g. from a Today item) and preview its first document."""
        if not self.qualifications.select_row(lambda r: r.id == qualification_id):
            return False
        self.documents.select_row(lambda r: r.qualification_id == qualification_id)
        return True

    def _update_buttons(self) -> None:
        idle = not self.job.busy()
        has_q = self.current_qualification() is not None
        has_d = self.current_document() is not None
        for name, enabled in (("add_qualification", True), ("edit_qualification", has_q),
                              ("delete_qualification", has_q), ("add_documents", idle),
                              ("link_document", has_d), ("unlink_document", has_d),
                              ("open_document", has_d and idle), ("save_copy", has_d and idle),
                              ("remove_document", has_d and idle), ("verify_vault", idle),
                              ("reattach_document", has_d and idle), ("remove_changed", has_d and idle)):
            self.buttons[name].setEnabled(enabled)

    def _show_document(self, row: vault_service.DocumentRow | None) -> None:
        self._shown = None if row is None else (row.id, row.sha256)
        self._update_buttons()
        self.copy_sha_button.setVisible(row is not None)
        if row is None:
            self.preview.clear()
            self.details.setText("")
            self.file_problem.hide()
            return
        # filled form fields are drawn into the page as the pack draws them (QtPdf does not)
        self.preview.show_file(vault_preview.preview_file(row.sha256, row.original_name))
        self._show_file_problem(row)
        linked = [t for t in (row.qualification, row.application) if t] or [self.tr("not linked")]
        self.details.setText(self.tr(
            "<b>{name}</b> — {kind}, {pages}, {size}, added {added}<br>"
            "Linked to: {linked}<br>SHA-256: <code>{sha}</code>").format(
            name=_html(row.original_name), kind=vocab_label(vocab.DOCUMENT_KINDS, row.kind),
            pages=self.tr("1 page") if row.pages == 1 else self.tr("{0} pages").format(row.pages), size=human_size(row.size), added=local_moment(row.added_at),
            linked=_html("; ".join(linked)), sha=short_sha(row.sha256)) + self._signature_lines(row.id))
        self.details.setToolTip(self.tr("SHA-256: {0}").format(row.sha256))

    def _show_file_problem(self, row: vault_service.DocumentRow) -> bool:
        """Show what is wrong with the document's stored file, if anything; True when all is well."""
        problem = vault_verify.file_problem(row.original_name, row.sha256)
        self.file_problem_text.setText(problem)
        self.file_problem.setVisible(bool(problem))
        return not problem

    def check_again(self) -> None:
        """Look at the shown document's stored file again (after the user put a copy back)."""
        row = self.current_document()
        if row is None:
            return
        if self._show_file_problem(row):
            self.preview.show_file(vault_preview.preview_file(row.sha256, row.original_name))
            self.status.setText(self.tr("“{0}” matches its fingerprint again.").format(row.original_name))

    def reattach_document(self) -> None:
        """Replace the shown document's changed or missing file with a copy the user picks."""
        row = self.current_document()
        if row is None:
            return
        path = self.context.prompts.open_path(
            self, self.tr("Re-attach “{0}”").format(row.original_name),
            self.tr("PDFs and scans (*.pdf *.PDF *.png *.PNG *.jpg *.JPG *.jpeg *.JPEG);;All files (*)"),
            kind="vault")
        if path is None:
            return
        self._reattach(row, path, different_ok=False)

    def _reattach(self, row: vault_service.DocumentRow, path: Path, *, different_ok: bool) -> None:
        def work(progress: Any, cancelled: Any) -> vault_import.Added | vault_import.NotTheSameFile:
            try:
                return vault_import.reattach_document(row.id, path, different_ok=different_ok,
                                                      progress=progress, cancelled=cancelled)
            except vault_import.NotTheSameFile as exc:
                return exc  # a question for the user, asked on the GUI thread (below)

        if self.job.busy():
            return  # (its button is greyed while a job runs)
        self.preview.clear()  # let go of the damaged file first (Windows cannot replace an open file)

        def failed(message: str) -> None:
            self._job_failed(message)
            self._follow_selection()  # #18: the file was not replaced; show the document again

        def cancelled() -> None:
            self.status.setText(self.tr("Cancelled; nothing was changed."))
            self._follow_selection()

        self.job.run(self.tr("Re-attaching {0}…").format(row.original_name), work,
                     lambda result: self._reattached(result, row, path), failed, cancelled)

    def _reattached(self, added: vault_import.Added | vault_import.NotTheSameFile,
                    row: vault_service.DocumentRow, path: Path) -> None:
        if isinstance(added, vault_import.NotTheSameFile):
            # Issue 15, fresh eyes: another file took a transcript's place without a word.
            # Cancel is the default: Enter keeps the document as it is.
            if self.context.prompts.confirm_destructive(self, self.tr("Re-attach “{0}”").format(row.original_name),
                                                        str(added), self.tr("Re-attach anyway")):
                self._reattach(row, path, different_ok=True)
            else:
                self._show_document(self.current_document())  # the preview was let go for the job
                self.status.setText(self.tr("Nothing was changed."))
            return
        self.context.events.vault_changed.emit()
        self.select_document(added.document_id)
        self.status.setText(self.tr("Re-attached {0}.").format(added.name))

    def copy_sha(self) -> str:
        """Copy the shown document's whole SHA-256 to the clipboard; returns it ("" with none shown)."""
        row = self.current_document()
        if row is None:
            return ""
        QGuiApplication.clipboard().setText(row.sha256)
        self.status.setText(self.tr("Copied the SHA-256 of {0}.").format(row.original_name))
        return row.sha256

    def _signature_lines(self, document_id: int) -> str:
        """"<br>Digitally signed as '…' on … — unchanged since signing", one line per signature, then
        once that who signed is not checked here (issue 16: integrity is not identity)."""
        try:
            found = vault_signatures.signatures_of(document_id)
        except (crud.NotFound, OSError):
            return ""
        lines = []
        for signature in found:
            state = (self.tr("could not be checked") if signature.problem else
                     self.tr("unchanged since signing") if signature.intact else self.tr("changed since signing"))
            if signature.signer.strip():
                who = self.tr("Digitally signed as '{signer}'").format(signer=_html(" ".join(signature.signer.split())))
            else:
                who = self.tr("Digitally signed (the certificate gives no name)")
            if signature.signed_on is not None:
                who += self.tr(" on {date}").format(date=short_date(signature.signed_on))
            if signature.self_signed:
                who += self.tr(", with a certificate its signer made themselves (not checkable)")
            lines.append(f"<br>{who} — {state}")
        if any(s.intact and not s.problem for s in found):
            lines.append("<br>" + self.tr("Who signed it is not checked here: open the original in a PDF reader that "
                                          "checks signatures (e.g. Adobe Acrobat Reader) or at the issuer."))
        return "".join(lines)

    # ------------------------------------------------------------------ outside the tab (replaced in tests)
    # (questions and file pickers go through ``context.prompts``)
    def run_dialog(self, dialog: QDialog) -> bool:
        return bool(dialog.exec())

    # ------------------------------------------------------------------ qualifications
    def add_qualification(self) -> None:
        from desktop_app.ui.dialogs.qualification_dialog import QualificationDialog

        dialog = QualificationDialog(None, self)
        if self.run_dialog(dialog) and dialog.saved_id is not None:
            self.context.events.vault_changed.emit()
            self.qualifications.select_row(lambda r: r.id == dialog.saved_id)

    def edit_qualification(self) -> None:
        from desktop_app.ui.dialogs.qualification_dialog import QualificationDialog

        row = self.current_qualification()
        if row is not None and self.run_dialog(QualificationDialog(row.id, self)):
            self.context.events.vault_changed.emit()

    def delete_qualification(self) -> None:
        row = self.current_qualification()
        if row is None or not self.context.prompts.confirm_destructive(
                self, self.tr("Delete qualification"),
                self.tr("Delete “{0}”? It goes to the Trash for 30 days: Edit → Undo puts it back at once. "
                        "Its documents stay in the vault, unlinked.").format(row.title),
                self.tr("Delete")):
            return
        self.qualifications.removing(row)  # #18: then the next row is selected; after Undo, this one
        vault_service.delete_qualification(row.id)
        self.context.events.vault_changed.emit()

    # ------------------------------------------------------------------ adding documents
    def add_documents(self) -> None:
        paths = self.context.prompts.open_paths(
            self, self.tr("Add documents"),
            self.tr("PDFs and scans (*.pdf *.PDF *.png *.PNG *.jpg *.JPG *.jpeg *.JPEG);;All files (*)"),
            kind="vault")
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[Path]) -> bool:
        """Take ``paths`` into the vault in a worker; False if another job is running."""
        qualification = self.current_qualification()
        qid = qualification.id if qualification is not None else None

        def work(progress: Any, cancelled: Any) -> vault_import.AddReport:
            return vault_import.add_documents(paths, qualification_id=qid, link_kinds=PROOF_KINDS,
                                              progress=progress, cancelled=cancelled)

        text = self.tr("Adding {0} file(s) to the vault…").format(len(paths))
        return self.job.run(text, work, self._added, self._job_failed, self._job_cancelled) is not None

    def _added(self, report: vault_import.AddReport) -> None:
        self.context.events.vault_changed.emit()
        if report.added:
            self.select_document(report.added[-1].document_id)
        self.status.setText("\n".join(a.message for a in report.added))
        if report.refused:
            self.context.prompts.warn(
                self, self.tr("Add documents"),
                self.tr("Not added:\n\n{0}").format("\n\n".join(r for _, r in report.refused)))

    def _job_failed(self, message: str) -> None:
        self.status.setText(message)
        self.context.prompts.warn(self, self.tr("Vault"), message)

    def _job_cancelled(self) -> None:
        self.context.events.vault_changed.emit()  # files finished before Cancel stay
        self.status.setText(self.tr("Cancelled. The file that was being copied was not kept."))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        if _local_files(event.mimeData()) and not self.job.busy():
            event.acceptProposedAction()
            self._show_drop_target(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: Any) -> None:  # noqa: N802
        self._show_drop_target(False)
        super().dragLeaveEvent(event)

    def _show_drop_target(self, on: bool) -> None:
        """While files are dragged over the tab, say what letting go will do."""
        qualification = self.current_qualification()
        if on and qualification is not None:
            text = self.tr("— let go to add them; transcripts and certificates go to {0}").format(qualification.title)
        elif on:
            text = self.tr("— let go to add them to the vault")
        else:
            text = self.tr("— drop PDFs, or photos of documents, anywhere on this tab")
        self.drop_hint.setText(text)
        self.drop_hint.setStyleSheet(_DROP_STYLE if on else theme.text_style(theme.HINT))

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self._show_drop_target(False)
        paths = _local_files(event.mimeData())
        if paths and self.add_files(paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    # ------------------------------------------------------------------ one document
    def link_document(self) -> None:
        from desktop_app.ui.dialogs.document_dialog import DocumentDialog

        row = self.current_document()
        if row is not None and self.run_dialog(DocumentDialog(row.id, self)):
            self.context.events.vault_changed.emit()

    def unlink_document(self) -> None:
        row = self.current_document()
        if row is None:
            return
        vault_service.unlink_document(row.id)
        self.context.events.vault_changed.emit()
        self.status.setText(self.tr("{0} is no longer linked.").format(row.original_name))

    def open_document(self) -> None:
        row = self.current_document()
        if row is None:
            return
        self.job.run(self.tr("Opening {0}…").format(row.original_name),
                     lambda _p, _c: vault_copies.viewable_copy(row.sha256, row.original_name),
                     self._open_copy, self._job_failed, self._job_cancelled)

    def _open_copy(self, path: Path) -> None:
        from desktop_app.ui.hand_off import hand_off  # #18: told when no viewer answered, as every hand-off
        from desktop_app.ui.prompts import hand_off_failed

        hand_off(QUrl.fromLocalFile(str(path)), self, failed=lambda: hand_off_failed(
            self.context.prompts, self, self.tr("Open in default viewer"), self.tr("No PDF viewer"),
            self.tr("A copy to open by hand is at {0}").format(path),
            copy_text=str(path), copy_label=self.tr("Copy the file's path")))

    def save_copy(self) -> None:
        row = self.current_document()
        if row is None:
            return
        target = self.context.prompts.save_path(self, self.tr("Save a copy as"),
                                                Path(row.original_name).stem + ".pdf", self.tr("PDF (*.pdf)"),
                                                kind="vault")
        if target is None:
            return

        def work(progress: Any, cancelled: Any) -> Path:
            vault_copies.copy_out(row.sha256, target, progress=progress, cancelled=cancelled)
            return target

        self.job.run(self.tr("Saving a copy…"), work,
                     lambda path: self.status.setText(self.tr("Saved a copy as {0}.").format(path)),
                     self._job_failed, lambda: self.status.setText(self.tr("Cancelled; no copy was saved.")))

    def remove_document(self) -> None:
        row = self.current_document()
        if row is None or not self.context.prompts.confirm_destructive(
                self, self.tr("Remove document"),
                self.tr("Remove “{0}” from the vault? It goes to the Trash for 30 days (Edit → Undo puts "
                        "it back at once); your own copy elsewhere is not touched.").format(row.original_name),
                self.tr("Remove")):
            return
        self.preview.clear()  # let go of the file first (Windows cannot delete an open file)
        self.documents.removing(row)  # #18: then the next row is selected; after Undo, this one
        try:
            vault_service.remove_document(row.id)
        except crud.NotFound:
            pass  # already gone: the refresh below shows that
        self.context.events.vault_changed.emit()
        self.status.setText(self.tr("Moved {0} to the Trash.").format(row.original_name))

    # ------------------------------------------------------------------ verify
    def verify_vault(self) -> None:
        self.job.run(self.tr("Verifying the vault…"),
                     lambda progress, cancelled: vault_verify.verify_vault(progress=progress, cancelled=cancelled),
                     self._verified, self._job_failed,
                     lambda: self.status.setText(self.tr("Verification cancelled.")))

    def _verified(self, report: vault_verify.VerifyReport) -> None:
        text = "\n".join(report.lines())
        self.status.setText(text)
        (self.context.prompts.inform if report.ok else self.context.prompts.warn)(self, self.tr("Verify vault"), text)
        if report.unreferenced and self.context.prompts.confirm_destructive(
                self, self.tr("Verify vault"),
                self.tr("Delete the {0} file(s) that no document uses?").format(len(report.unreferenced)),
                self.tr("Delete")):
            removed = vault_verify.remove_unreferenced(report)
            self.status.setText(self.tr("Deleted {0} unused file(s).").format(removed))


def short_sha(sha256: str) -> str:
    """A SHA-256 (64 hex digits) shortened for the screen: the first 12 and last 8 digits, enough
    to compare by eye (the Documents list shows the first 12); the whole one is copied."""
    return f"{sha256[:12]}…{sha256[-8:]}" if len(sha256) > 24 else sha256


def _local_files(mime: Any) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
