"""The finished reference pack, previewed in the app, with Print…, Open folder and Open in viewer.

Printing renders each page with QPdfDocument at the printer's resolution (capped,
see `MAX_PRINT_DPI`) onto white, one page per turn of the event loop, so the
window keeps repainting while a long pack prints.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.hand_off import hand_off
from desktop_app.ui.prompts import Prompts, hand_off_failed
from desktop_app.ui.widgets import fit_to_screen

#: A page rendered at 1200 dpi would be a 550 MB image; 600 dpi is as sharp as
#: office printers print text and keeps one page under 140 MB while it is drawn.
MAX_PRINT_DPI = 600


class PrintJob(QObject):
    """Draws a PDF's pages onto a printer, one page per event-loop turn."""

    progress = Signal(int, int)
    finished = Signal()

    def __init__(self, document: QPdfDocument, printer: QPrinter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document, self.printer = document, printer
        self.painter = QPainter()
        self.page = 0

    def start(self) -> None:
        if not self.painter.begin(self.printer):
            raise OSError(self.tr("The printer could not be started."))
        QTimer.singleShot(0, self, self._next)

    def _next(self) -> None:
        count = self.document.pageCount()
        if self.page >= count:
            self.painter.end()
            self.finished.emit()
            return
        if self.page:
            self.printer.newPage()
        self._draw(self.page)
        self.page += 1
        self.progress.emit(self.page, count)
        QTimer.singleShot(0, self, self._next)

    def _draw(self, index: int) -> None:
        area = self.printer.pageLayout().paintRectPixels(self.printer.resolution())
        points = self.document.pagePointSize(index)
        # Fit the page into the printable area, keeping its shape (a landscape
        # certificate prints whole, not cropped).
        scale = min(area.width() / points.width(), area.height() / points.height())
        target = QRect(0, 0, round(points.width() * scale), round(points.height() * scale))
        target.moveCenter(QRect(0, 0, area.width(), area.height()).center())
        dpi = min(self.printer.resolution(), MAX_PRINT_DPI)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        # PDF pages may be transparent: flatten onto white so nothing prints black.
        page = QImage(size, QImage.Format.Format_RGB32)
        page.fill(QColor("white"))
        on_white = QPainter(page)
        on_white.drawImage(0, 0, self.document.render(index, size))
        on_white.end()
        self.painter.drawImage(target, page)


class PackPreview(QDialog):
    """A window with the pack; modeless, so the user can keep working beside it."""

    printed = Signal()

    def __init__(self, path: Path, parent: QWidget | None = None, *, prompts: Prompts) -> None:
        super().__init__(parent)
        self.setObjectName("pack_preview")
        self.prompts = prompts
        self.setWindowTitle(self.tr("Reference pack — {0}").format(path.name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(820, 900)
        fit_to_screen(self, QSize(820, 900))  # with its frame, never taller than the screen (issue 15)
        self.path = path
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setObjectName("pack_preview_view")
        self.view.setAccessibleName(self.tr("Reference pack preview"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.status = QLabel(self.tr("{0} pages · {1}").format(self.document.pageCount(), path), self)
        self.status.setObjectName("pack_preview_status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = self._button(self.tr("&Print…"), "pack_print", self.print_pack)
        self.folder_button = self._button(self.tr("Open &folder"), "pack_open_folder", self.open_folder)
        self.viewer_button = self._button(self.tr("Open in &viewer"), "pack_open_viewer", self.open_in_viewer)
        close = self._button(self.tr("Close"), "pack_preview_close", self.close)
        self.print_button.setToolTip(self.tr("Paper carries no attachments: to let an employer check the "
                                             "originals, send the PDF file itself."))

        buttons = QHBoxLayout()
        for button in (self.print_button, self.folder_button, self.viewer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.job: PrintJob | None = None
        self._close_when_printed = False

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)  # type: ignore[arg-type]
        # No default button: Return in the preview must not print (issue 16's tester: a
        # printed pack loses its attached originals, so printing is only ever a click away).
        button.setAutoDefault(False)
        button.setDefault(False)
        return button

    # ------------------------------------------------------------------ outside the app (replaced in tests)
    def open_url(self, url: QUrl, failed: Callable[[], None]) -> None:
        """Hand ``url`` to the system; ``failed`` is called when nothing answered (issue #18)."""
        hand_off(url, self, failed=failed)

    # ------------------------------------------------------------------ actions
    def print_pack(self) -> None:
        printer = self.prompts.choose_printer(self, self.path.stem)
        if printer is None:
            return
        self.print_button.setEnabled(False)
        self.job = PrintJob(self.document, printer, self)
        self.job.progress.connect(
            lambda done, total: self.status.setText(self.tr("Printing page {0} of {1}…").format(done, total)))
        self.job.finished.connect(self._printed)
        try:
            self.job.start()
        except OSError as exc:
            self.status.setText(str(exc))
            self.print_button.setEnabled(True)

    def _printed(self) -> None:
        self.print_button.setEnabled(True)
        self.status.setText(self.tr("Sent {0} pages to the printer.").format(self.document.pageCount()))
        self.job = None
        self.printed.emit()
        if self._close_when_printed:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        # Closing mid-print would leave the printer with half a job: finish first.
        if self.job is not None:
            self._close_when_printed = True
            self.hide()
            event.ignore()
            return
        super().closeEvent(event)

    def open_folder(self) -> None:
        """Show the pack's folder; when no file manager answers, say where it is (issue #18)."""
        self.open_url(QUrl.fromLocalFile(str(self.path.parent)), lambda: hand_off_failed(
            self.prompts, self, self.tr("Open folder"), self.tr("No file manager"),
            self.tr("The pack is in {0}").format(self.path.parent),
            copy_text=str(self.path.parent), copy_label=self.tr("Copy the folder's path")))

    def open_in_viewer(self) -> None:
        self.open_url(QUrl.fromLocalFile(str(self.path)), lambda: hand_off_failed(
            self.prompts, self, self.tr("Open in viewer"), self.tr("No PDF viewer"),
            self.tr("The pack is saved as {0}").format(self.path),
            copy_text=str(self.path), copy_label=self.tr("Copy the file's path")))
