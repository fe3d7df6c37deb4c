"""The parts of Today around its list: the Undo line and the items put aside, on their own."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.services.today.due_state import PutAside
from desktop_app.services.today.item import DueItem
from desktop_app.ui.today_sections import PutAsideBox, UndoLine


def test_the_undo_line_hands_back_the_key_once(qtbot: Any) -> None:
    line = UndoLine()
    qtbot.addWidget(line)
    line.say("Dismissed “Follow up — A at B”.", "k1")
    with qtbot.waitSignal(line.undo_requested) as asked:
        qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)
    assert asked.args == ["k1"] and line.isHidden()


def test_items_put_aside_and_done_since_are_not_offered(qtbot: Any) -> None:
    box = PutAsideBox()
    qtbot.addWidget(box)
    item = DueItem("follow_up", date(2026, 11, 7), "A at B", "…", "k1")
    box.set_entries([PutAside("k1", True, None, item), PutAside("gone", True, None, None)])
    assert box.toggle.text() == "Snoozed and dismissed (1)"
    assert [box.list.item(i).text() for i in range(box.list.count())] == ["Follow up — A at B (dismissed)"]
    box.list.setCurrentRow(0)
    with qtbot.waitSignal(box.bring_back_requested) as asked:
        box.list.itemActivated.emit(box.list.item(0))
    assert asked.args == ["k1"]
    box.set_entries([])
    assert box.isHidden()
