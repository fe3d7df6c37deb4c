"""The briefing dialog: the message copied to the clipboard, nothing recorded until the user says it was sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.services.referees import referees as referee_service
from desktop_app.ui.dialogs.briefing_dialog import BriefingDialog


def test_copy_puts_the_message_on_the_clipboard_and_records_nothing(qtbot: Any, demo_store: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    zoe = next(r.id for r in referee_service.list_referee_rows() if r.name == "Zoë Fraser")
    dialog = BriefingDialog(zoe, None)
    qtbot.addWidget(dialog)
    assert dialog.application_combo.currentText() == "Data Analyst (Fixed term) at Adatum Insurance"
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("A reference request may come your way") and "Dear Zoë," in copied
    assert dialog.briefed_id is None and "Copied" in dialog.status_label.text()
    dialog.application_combo.setCurrentIndex(dialog.application_combo.count() - 1)  # in general
    assert "applying for new roles" in dialog.body_edit.toPlainText()
