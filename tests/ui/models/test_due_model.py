"""The Today lists' model: how long an item is overdue, in words and in colour."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.today.item import DueItem
from desktop_app.ui.models.due_model import OVERDUE_COLOUR, DueModel, when_text

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(("late", "words"), [
    (0, "Today"), (1, "1 day overdue"), (13, "13 days overdue"), (14, "2 weeks overdue"), (60, "8 weeks overdue"),
    (92, "3 months overdue"), (800, "over a year overdue")])
def test_how_long_overdue(late: int, words: str) -> None:
    assert when_text(TODAY - timedelta(days=late), TODAY) == words


def test_a_day_to_come_is_its_date() -> None:
    assert when_text(date(2026, 12, 5), TODAY) == "5 Dec"


def test_only_overdue_rows_are_red_and_bold(qtbot: Any, qtmodeltester: Any) -> None:
    model = DueModel()
    items = [DueItem("follow_up", TODAY - timedelta(days=90), "A at B", "…", "k1"),
             DueItem("follow_up", TODAY, "C at D", "…", "k2")]
    model.set_items(items, TODAY)
    qtmodeltester.check(model)
    late, now = model.index(0, model.DUE), model.index(1, model.DUE)
    assert (late.data(), now.data()) == ("3 months overdue", "Today")
    assert late.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOUR
    assert late.data(Qt.ItemDataRole.FontRole).bold()
    assert now.data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, model.WHAT).data(Qt.ItemDataRole.ForegroundRole) is None
