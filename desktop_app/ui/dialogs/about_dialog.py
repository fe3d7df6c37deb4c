"""Help → About: the version, where the data is kept, and a button to open that folder."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from desktop_app import __version__


def open_folder(path: Path) -> bool:
    """Show a folder in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About Afterview"))
        self.data_dir = data_dir
        text = QLabel(self)
        text.setObjectName("about_text")
        text.setWordWrap(True)
        text.setTextInteractionFlags(text.textInteractionFlags() | text.textInteractionFlags().TextSelectableByMouse)
        text.setText(
            "<h2>Afterview</h2>"
            + self.tr("<p>Version {version}</p>"
                      "<p>Everything after the interview: follow-ups, feedback, referees, "
                      "qualifications and a printable reference pack.</p>"
                      "<p>Your data stays on this computer, in:<br><tt>{folder}</tt></p>").format(
                version=escape(__version__), folder=escape(str(data_dir))))
        self.open_button = QPushButton(self.tr("Open data folder"), self)
        self.open_button.setObjectName("about_open_folder")
        self.open_button.clicked.connect(lambda: open_folder(self.data_dir))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        icon = QLabel(self)
        icon.setObjectName("about_icon")
        icon.setAccessibleName(self.tr("Afterview icon"))
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(text)
        layout.addWidget(buttons)
