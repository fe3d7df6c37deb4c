"""Help → About: the version, where the data is kept, and a button to open that folder."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from desktop_app import __version__
from desktop_app.ui.hand_off import hand_off
from desktop_app.ui.prompts import Prompts, hand_off_failed


def show_data_folder(path: Path, prompts: Prompts, parent: QWidget | None) -> None:
    """Help → Open data folder and the About box's button: the folder in the file manager, or,
    when no file manager answers, its path to open by hand with a Copy button (issue #18).
    Returns at once; the answer comes later (:func:`desktop_app.ui.hand_off.hand_off`)."""
    hand_off(QUrl.fromLocalFile(str(path)), parent, failed=lambda: hand_off_failed(
        prompts, parent, QApplication.translate("AboutDialog", "Open data folder"),
        QApplication.translate("AboutDialog", "No file manager"),
        QApplication.translate("AboutDialog", "Your data folder is {0}").format(path),
        copy_text=str(path), copy_label=QApplication.translate("AboutDialog", "Copy the path")))


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None, *, prompts: Prompts | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts if prompts is not None else Prompts()
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About"))  # shown as "About — Afterview" (Qt adds the app's name)
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
        self.open_button.clicked.connect(lambda: show_data_folder(self.data_dir, self.prompts, self))
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
