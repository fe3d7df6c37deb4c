"""The wrapping row of buttons (issue #18): no button is cut off in a narrow pane."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.flow_layout import FlowLayout, flow_row


def test_buttons_wrap_instead_of_being_cut_off(qtbot: Any) -> None:
    pane = QWidget()
    qtbot.addWidget(pane)
    buttons = [QPushButton(text) for text in ("Log contact…", "Add interview…", "Compose", "Feedback…",
                                              "Give referees…", "Reference pack…", "Organisation…")]
    row = flow_row(pane, buttons)
    column = QVBoxLayout(pane)
    column.addWidget(row)
    column.addStretch(1)
    widest = max(b.sizeHint().width() for b in buttons)
    assert row.layout().minimumSize().width() < sum(b.sizeHint().width() for b in buttons)
    pane.resize(360, 400)
    pane.show()
    qtbot.waitExposed(pane)
    qtbot.waitUntil(lambda: buttons[-1].geometry().bottom() > buttons[0].geometry().bottom())  # wrapped
    for button in buttons:
        assert row.rect().contains(button.geometry()), button.text()  # nothing cut off
        assert button.width() >= button.sizeHint().width()
    lines = len({b.y() for b in buttons})
    assert 2 <= lines <= 7 and widest <= 360
    assert row.height() >= row.layout().heightForWidth(row.width())


def test_an_empty_flow_and_hidden_items(qtbot: Any) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder)
    assert flow.count() == 0 and flow.heightForWidth(200) == 0 and flow.itemAt(0) is None and flow.takeAt(3) is None
    hidden = QPushButton("Hidden", holder)
    hidden.hide()
    flow.addWidget(hidden)
    assert flow.heightForWidth(200) == 0  # a hidden button takes no line
