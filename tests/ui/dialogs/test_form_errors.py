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
