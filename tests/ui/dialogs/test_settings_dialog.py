"""Settings: the advice thresholds change the next steps; the message editor refuses unknown placeholders."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.main_window import MainWindow


def test_settings_thresholds_change_the_next_steps(qtbot: Any, window: MainWindow) -> None:
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.spins["min_follow_up_gap_days"].setValue(10)
    dialog.spins["re_approach_window_months"].setValue(2)  # ends before it starts: refused
    assert not dialog.save_thresholds()
    assert "must end after it starts" in dialog.threshold_error.text()
    dialog.spins["re_approach_window_months"].setValue(6)
    assert dialog.save_thresholds() and dialog.changed
    window.context.events.settings_changed.emit()
    model = window.applications_tab.model
    steps = {model.index(r, 0).data(): model.index(r, model.NEXT_STEP).data() for r in range(model.rowCount())}
    assert steps["Business Intelligence Analyst"] == "Follow-up polite from 24 Nov"  # 14 Nov + 10 days


def test_messages_editor_refuses_unknown_placeholders(qtbot: Any, window: MainWindow) -> None:
    from desktop_app.services.core import messages

    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    dialog.select_template("last_say")
    assert "keen to work for {organisation} in the future" in dialog.body_edit.toPlainText()
    dialog.body_edit.setPlainText("Dear {contact_first_name}, thanks from {my_nmae}")
    assert not dialog.save_template()
    assert dialog.template_error.text().startswith("Message: {my_nmae} is not a placeholder Afterview knows")
    assert "{my_nmae}" not in messages.get_template("last_say").body
    dialog.body_edit.setPlainText("Dear {contact_first_name},\n\nThank you — {my_name}")
    assert dialog.save_template()
    assert messages.get_template("last_say").body.endswith("Thank you — {my_name}")
    qtbot.mouseClick(dialog.reset_template_button, Qt.MouseButton.LeftButton)
    assert "keen to work for" in dialog.body_edit.toPlainText()
