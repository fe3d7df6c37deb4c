"""The About box: the version, the data folder and the icon."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from desktop_app import __version__


def test_about_shows_the_version_and_the_data_folder(qtbot, store: Path) -> None:
    from desktop_app.ui.dialogs.about_dialog import AboutDialog

    dialog = AboutDialog(store)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "about_text").text()
    assert __version__ in text and str(store) in text
    assert dialog.open_button.text() == "Open data folder"


def test_about_box_shows_the_icon(qtbot, qapp, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLabel

    from desktop_app.ui.app import application_icon
    from desktop_app.ui.dialogs.about_dialog import AboutDialog

    previous = qapp.windowIcon()
    qapp.setWindowIcon(application_icon())
    try:
        dialog = AboutDialog(tmp_path)
        qtbot.addWidget(dialog)
        pixmap = dialog.findChild(QLabel, "about_icon").pixmap()
        assert not pixmap.isNull() and pixmap.width() == 64
    finally:
        qapp.setWindowIcon(previous)
