"""An in-app PDF preview: QPdfView with page navigation, zoom and fit to width.

Pages are drawn on white whatever the window's colours, as they print. A large file
is opened in a worker thread (pdfium may read a lot of it) and handed to the view
when ready; a small one opens at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme

#: Files at least this big are opened off the GUI thread.
BACKGROUND_LOAD_BYTES = 16 << 20
_ZOOM_STEP = 1.25
_ZOOM_MIN, _ZOOM_MAX = 0.1, 8.0


class PdfPreview(QWidget):
    """Shows one PDF at a time; :meth:`show_file` or :meth:`clear`."""

    #: the document finished loading (page count), for tests and the status bar
    loaded = Signal(int)
    #: the file could not be shown; the sentence says why
    load_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.document: QPdfDocument | None = None
        self._path: Path | None = None
        self._worker: object | None = None

        self._empty = QPdfDocument(self)
        #: counts the files asked for: a background load or a view's render for an earlier one is dropped
        self._generation = 0
        self.view = self._make_view()

        self.message = QLabel(self.tr("Select a document to see it here."), self)
        self.message.setObjectName("pdf_preview_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(theme.text_style(theme.HINT, "font-size: 12pt; padding: 16px;"))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)

        self.previous_button = self._button("‹", self.tr("Previous page"), "pdf_previous", self.previous_page,
                                            QKeySequence.StandardKey.MoveToPreviousPage)
        self.next_button = self._button("›", self.tr("Next page"), "pdf_next", self.next_page,
                                        QKeySequence.StandardKey.MoveToNextPage)
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("pdf_page")
        self.page_spin.setAccessibleName(self.tr("Page number"))
        self.page_spin.setMinimum(1)
        self.page_spin.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        self.page_count_label = QLabel(self)
        self.zoom_out_button = self._button("−", self.tr("Zoom out"), "pdf_zoom_out", self.zoom_out,
                                            QKeySequence.StandardKey.ZoomOut)
        self.zoom_in_button = self._button("+", self.tr("Zoom in"), "pdf_zoom_in", self.zoom_in,
                                           QKeySequence.StandardKey.ZoomIn)
        self.fit_width_button = self._button(self.tr("Fit width"), self.tr("Fit to width"), "pdf_fit_width",
                                             self.fit_to_width)
        self.fit_page_button = self._button(self.tr("Whole page"), self.tr("Show the whole page"),
                                            "pdf_fit_page", self.fit_whole_page)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("pdf_zoom_label")

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.page_spin, self.page_count_label, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button,
                       self.fit_width_button, self.fit_page_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self._update_controls()

    def _make_view(self) -> QPdfView:
        """A new page view, empty, with the preview's settings and its controls connected."""
        view = QPdfView(self)
        view.setObjectName("pdf_view")
        view.setAccessibleName(self.tr("Document preview"))
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setPageSpacing(12)
        view.setDocument(self._empty)
        # the margin around pages is neutral grey; the pages themselves are painted white
        palette = view.palette()
        palette.setColor(QPalette.ColorRole.Dark, theme.page_backdrop())
        view.setPalette(palette)
        view.setBackgroundRole(QPalette.ColorRole.Dark)
        view.pageNavigator().currentPageChanged.connect(self._update_controls)
        view.zoomFactorChanged.connect(self._update_controls)
        view.zoomModeChanged.connect(self._update_controls)
        return view

    def _replace_view(self) -> None:
        """Put a new, empty view in place of the one that showed the last document.

        Issue #18 (the picture of the previous document under the next one's caption): QPdfView
        draws pages in a thread and keeps the pictures by page number only. A picture of the old
        document's page 1 still being drawn when the new document is set lands in the view's cache
        as the new document's page 1 and stays there until the zoom changes (Qt 6.12). Only a
        view that never showed the old document is sure never to show its pictures; the old one
        (and its drawing thread) goes with whatever it was still drawing.
        """
        old = self.view
        had_focus = old.hasFocus()
        old.setDocument(self._empty)
        self.view = self._make_view()
        index = self.stack.indexOf(old)
        showing = self.stack.currentWidget() is old
        self.stack.insertWidget(index, self.view)
        self.stack.removeWidget(old)
        if showing:
            self.stack.setCurrentWidget(self.view)
        QWidget.setTabOrder(old, self.view)  # in the old view's place for Tab once the old one goes
        old.hide()
        old.deleteLater()
        if had_focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _button(self, text: str, tip: str, name: str, slot: object,
                shortcut: QKeySequence.StandardKey | None = None) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setObjectName(name)
        button.clicked.connect(slot)  # type: ignore[arg-type]
        if shortcut is not None:
            button.setShortcut(QKeySequence(shortcut))
        return button

    # ------------------------------------------------------------------ loading
    def show_file(self, path: Path) -> None:
        """Show ``path``; a large file loads in a worker and appears when ready.

        Only the last file asked for is ever shown: a worker's result (or failure) for an
        earlier call is dropped, and the pages of the document shown before are never drawn
        under this one (issue #18, see :meth:`_replace_view`).
        """
        from desktop_app.ui.workers import Worker

        self._forget_document()
        self._generation += 1
        generation = self._generation
        self._path = Path(path)
        try:
            size = self._path.stat().st_size
        except OSError:
            self._fail(self.tr("This document's file is missing from the vault. Run Verify vault."))
            return
        if size < BACKGROUND_LOAD_BYTES:
            self._attach(*_load(self._path, move_to=None))
            return
        self._show_message(self.tr("Opening the preview…"))
        target_thread = self.thread()
        path_now = self._path
        worker = Worker(lambda _progress, _cancelled: _load(path_now, move_to=target_thread))
        worker.signals.finished.connect(lambda result, g=generation: self._loaded_in_background(g, result))
        worker.signals.failed.connect(lambda message, g=generation: self._failed_in_background(g, message))
        self._worker = worker
        worker.start()

    def _loaded_in_background(self, generation: int, result: tuple[QPdfDocument, QPdfDocument.Error]) -> None:
        document, error = result
        if generation != self._generation:  # the user moved on to another document (or none) meanwhile
            document.close()
            document.deleteLater()
            return
        self._attach(document, error)

    def _failed_in_background(self, generation: int, message: str) -> None:
        if generation == self._generation:  # a failure for a document no longer asked for says nothing
            self._fail(message)

    def _attach(self, document: QPdfDocument, error: QPdfDocument.Error) -> None:
        document.setParent(self)
        if error != QPdfDocument.Error.None_ or document.pageCount() == 0:
            document.deleteLater()
            self._fail(self.tr("This PDF cannot be shown here ({0}). Try Open in default viewer.").format(
                error.name.rstrip("_")))
            return
        self.document = document
        self.view.setDocument(document)
        self.page_spin.setMaximum(document.pageCount())
        self.fit_to_width()
        self.go_to_page(0)
        self.stack.setCurrentWidget(self.view)
        self._update_controls()
        self.loaded.emit(document.pageCount())

    def _fail(self, message: str) -> None:
        self._show_message(message)
        self.load_failed.emit(message)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self._update_controls()

    def clear(self, text: str | None = None) -> None:
        """Show no document, only ``text`` (default: "Select a document to see it here."); a
        file still loading in a worker is dropped when it arrives."""
        self._forget_document()
        self._generation += 1
        self._path = None
        self._show_message(text or self.tr("Select a document to see it here."))

    def shown_path(self) -> Path | None:
        """The file last asked for with :meth:`show_file` (shown, loading or failed); None after :meth:`clear`."""
        return self._path

    def _forget_document(self) -> None:
        if self.document is not None:
            # a new view: the old one may still be drawing this document's pages (issue #18)
            self._replace_view()
            self.document.close()  # releases the file at once
            self.document.deleteLater()
            self.document = None
        self._update_controls()

    # ------------------------------------------------------------------ navigation and zoom
    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, index: int) -> None:
        if self.document is None or not 0 <= index < self.page_count():
            return
        if index != self.current_page():
            self.view.pageNavigator().jump(index, QPointF(), self.view.pageNavigator().currentZoom())
        self._update_controls()

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def zoom_in(self) -> None:
        self._set_zoom(self.view.zoomFactor() * _ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.view.zoomFactor() / _ZOOM_STEP)

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(_ZOOM_MIN, min(_ZOOM_MAX, factor)))

    def fit_to_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_whole_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def _update_controls(self, *_args: object) -> None:
        count = self.page_count()
        has = count > 0
        page = self.current_page() if has else 0
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, count))
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.page_spin.setEnabled(has)
        self.page_count_label.setText(self.tr("of {0}").format(count) if has else "")
        self.previous_button.setEnabled(has and page > 0)
        self.next_button.setEnabled(has and page < count - 1)
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_width_button, self.fit_page_button):
            button.setEnabled(has)
        mode = self.view.zoomMode()
        if not has:
            self.zoom_label.setText("")
        elif mode == QPdfView.ZoomMode.FitToWidth:
            self.zoom_label.setText(self.tr("Width"))
        elif mode == QPdfView.ZoomMode.FitInView:
            self.zoom_label.setText(self.tr("Page"))
        else:
            self.zoom_label.setText(f"{round(self.view.zoomFactor() * 100)} %")


def _load(path: Path, *, move_to: object) -> tuple[QPdfDocument, QPdfDocument.Error]:
    """Open ``path`` as a QPdfDocument (in whichever thread calls this).

    From a worker, the document is handed over to the GUI thread (``move_to``) before
    it is returned, as a QObject must live in the thread that uses it.
    """
    document = QPdfDocument()
    error = document.load(str(path))
    if move_to is not None:
        document.moveToThread(move_to)  # type: ignore[arg-type]
    return document, error
