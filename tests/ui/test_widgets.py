"""Small shared widget helpers: a form that scrolls above its buttons and fits its screen (issue #18)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from desktop_app.ui.widgets import FormScroll, fit_to_screen, scrolling_form


def _dialog(rows: int) -> tuple[QDialog, FormScroll, QDialogButtonBox, QLineEdit]:
    dialog = QDialog()
    form = QFormLayout()
    hint = QLabel("A hint long enough to wrap onto a second line when the form is narrow, as the "
                  "referee form's relationship hint does.")
    hint.setWordWrap(True)
    form.addRow("Hint", hint)
    last = QLineEdit()
    for n in range(rows):
        last = QLineEdit()
        form.addRow(f"Field {n}", last)
    area = scrolling_form(dialog, form)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    layout = QVBoxLayout(dialog)
    layout.addWidget(area, 1)
    layout.addWidget(buttons)
    fit_to_screen(dialog)
    return dialog, area, buttons, last


def test_a_form_that_fits_is_shown_whole_without_a_scroll_bar(qtbot: Any) -> None:
    dialog, area, buttons, last = _dialog(6)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert area.verticalScrollBar().maximum() == 0  # every field on show
    assert not area.geometry().intersects(buttons.geometry())


def test_a_form_taller_than_the_screen_scrolls_under_buttons_that_stay_below(qtbot: Any) -> None:
    dialog, area, buttons, last = _dialog(60)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= room.height()
    assert area.verticalScrollBar().maximum() > 0 and area.horizontalScrollBar().maximum() == 0
    assert not area.geometry().intersects(buttons.geometry())  # the buttons are never drawn over a field
    area.ensureWidgetVisible(last)
    assert area.viewport().rect().contains(last.geometry().translated(area.widget().pos()).center())
