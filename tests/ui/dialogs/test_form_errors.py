"""A field's message shows under it, whole, and goes as soon as the field is changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.ui.dialogs.form_errors import FieldErrors


def test_every_kind_of_field_clears_its_message_when_changed(qtbot: Any) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    errors = FieldErrors("test")
    line, combo, notes = QLineEdit(form), QComboBox(form), QPlainTextEdit(form)
    combo.addItems(["a", "b"])
    layout = QVBoxLayout(form)
    for name, widget in (("line", line), ("combo", combo), ("notes", notes)):
        layout.addWidget(errors.wrap(name, widget, form))
    form.show()
    for name in ("line", "combo", "notes"):
        assert errors.show(name, "is wrong")
        assert errors.text(name) == "Is wrong."
    qtbot.keyClicks(line, "x")
    combo.setCurrentIndex(1)
    notes.setPlainText("fixed")
    assert (errors.text("line"), errors.text("combo"), errors.text("notes")) == ("", "", "")


def test_a_long_message_gets_room_for_every_line(qtbot: Any) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    errors = FieldErrors("test")
    QVBoxLayout(form).addWidget(errors.wrap("name", QLineEdit(form), form))
    form.resize(260, 80)
    form.show()
    errors.show("name", "is too long (480 characters; at most 200) " * 3)
    label = errors.labels["name"]
    assert label.minimumHeight() >= label.heightForWidth(240) > label.fontMetrics().height()


def test_show_all_names_every_problem_and_puts_the_cursor_in_the_first(qtbot: Any) -> None:
    """Issue #18: a form said one problem per Save; now all at once, the cursor in the first."""
    form = QWidget()
    qtbot.addWidget(form)
    errors = FieldErrors("test")
    first, second, third = QLineEdit(form), QLineEdit(form), QLineEdit(form)
    layout = QVBoxLayout(form)
    for name, widget in (("first", first), ("second", second), ("third", third)):
        layout.addWidget(errors.wrap(name, widget, form))
    form.show()
    assert not errors.show_all({"third": "is wrong", "second": "is required"})
    assert (errors.text("first"), errors.text("second"), errors.text("third")) == ("", "Is required.", "Is wrong.")
    assert second.hasFocus() or form.focusWidget() is second
    assert errors.show_all({})


# ---------------------------------------------------------------- issue 18, finding 1: a red date never saves
import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from desktop_app.ui.main_window import MainWindow  # noqa: E402

UNREADABLE = "31 Fob 2026"


def _application_id(window: MainWindow, role: str = "Data Analyst") -> int:
    return next(r.id for r in window.applications_tab.model.rows() if r.role == role)


def _referee_id(name: str = "Zoë Fraser") -> int:
    from desktop_app.services.referees import referees as referee_service

    return next(r.id for r in referee_service.list_referee_rows() if r.name == name)


def _add_application(window: MainWindow) -> Any:
    from desktop_app.ui.dialogs.application_dialog import ApplicationDialog

    dialog = ApplicationDialog(None, window)
    dialog.role_edit.setText("Analyst")
    dialog.employer_combo.setCurrentText("Northwind Ltd")
    return dialog, dialog.applied_edit, "applied_on"


def _feedback(window: MainWindow) -> Any:
    from desktop_app.ui.dialogs.application_dialog import FeedbackDialog

    dialog = FeedbackDialog(_application_id(window), window)
    dialog.text_edit.setPlainText("Strong SQL")
    return dialog, dialog.on_edit, "feedback_on"


def _interview(window: MainWindow) -> Any:
    from desktop_app.ui.dialogs.interview_dialog import InterviewDialog

    dialog = InterviewDialog(_application_id(window), None, window)
    return dialog, dialog.at_edit, "at"


def _interaction(window: MainWindow) -> Any:
    from desktop_app.ui.dialogs.interaction_dialog import InteractionDialog

    dialog = InteractionDialog(_application_id(window), window, prompts=window.context.prompts)
    dialog.summary_edit.setPlainText("Called")
    return dialog, dialog.at_edit, "at"


def _referee(window: MainWindow) -> Any:
    from desktop_app.ui.dialogs.referee_dialog import RefereeDialog

    dialog = RefereeDialog(_referee_id(), window)
    dialog.consent_check.setChecked(True)
    return dialog, dialog.consent_edit, "consent_on"


def _give_referees(window: MainWindow) -> Any:
    from desktop_app.ui.dialogs.give_referees_dialog import GiveRefereesDialog

    dialog = GiveRefereesDialog(window)
    dialog.tick(_referee_id("Zoë Fraser"))
    return dialog, dialog.on_edit, "on"


def _briefing(window: MainWindow) -> Any:
    from desktop_app.ui.dialogs.briefing_dialog import BriefingDialog

    dialog = BriefingDialog(_referee_id(), None, window)
    return dialog, dialog.on_edit, "on"


def _data_snapshot() -> tuple[object, ...]:
    """What a form could have changed: everything the data file export holds."""
    import json

    from desktop_app.services.exchange import datafile

    return (json.dumps(datafile.export_data(), sort_keys=True, default=str),)


@pytest.mark.parametrize("make", [_add_application, _feedback, _interview, _interaction, _referee,
                                  _give_referees, _briefing])
@pytest.mark.parametrize("how", ["ctrl_enter", "click"])
def test_a_date_it_cannot_read_stops_the_form_saving_and_says_so_beside_it(
        qtbot: Any, window: MainWindow, make: Any, how: str) -> None:
    """Issue #18 finding 1: a date box showing red still saved its old value. Every form with a
    date field refuses, whether saved with Ctrl+Enter from the field or by clicking Save."""
    from desktop_app.ui import keyboard

    dialog, field, name = make(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = _data_snapshot()
    field.setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), UNREADABLE)
    if how == "ctrl_enter":
        qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    else:
        button = dialog.mark_button if hasattr(dialog, "mark_button") else keyboard.save_button(dialog)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert UNREADABLE in dialog.errors.text(name)
    assert "is not a date Afterview can read" in dialog.errors.text(name)
    assert _data_snapshot() == before
    # mended, the same form saves
    field.setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), "20 Nov 2026 09:00" if "Time" in type(field).__name__ else "20 Nov 2026")
    assert field.check() == ""


def test_other_problems_show_together_with_the_dates(qtbot: Any, window: MainWindow) -> None:
    """All a form's problems at once: the referee form's country and its consent day together."""
    dialog, field, name = _referee(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.country_combo.setCurrentText("Narnia")
    field.setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), UNREADABLE)
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert UNREADABLE in dialog.errors.text(name)
    assert dialog.errors.text("country") == "Pick a country from the list."
    # the cursor goes to the first problem in the form's order: the country, above the consent
    assert dialog.focusWidget() is dialog.country_combo
