"""Importing referees from an address book: a preview first, only the ticked cards created."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.referees import referees as referee_service
from tests.helpers.referees_tab import drive
from tests.helpers.scripted_prompts import ScriptedPrompts

CARDS = Path(__file__).resolve().parents[2] / "data" / "vcards"


def test_vcard_import_previews_then_creates(qtbot: Any, main_window: Any, monkeypatch: pytest.MonkeyPatch,
                                            prompts: ScriptedPrompts) -> None:
    tab = main_window.show_tab(2)
    prompts.script("open_path", CARDS / "mixed-good-and-bad.vcf")
    seen: dict[str, Any] = {}

    def review(dialog: Any) -> bool:
        from PySide6.QtCore import QCoreApplication, QThread

        assert QThread.currentThread() is QCoreApplication.instance().thread()  # the preview is in the GUI thread
        seen["summary"] = dialog.summary.text()
        seen["problems"] = dialog.problems.toPlainText()
        assert referee_service.list_referee_rows() == []  # nothing created before Import
        dialog.model.setData(dialog.model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
        assert dialog.import_button.text() == "Import 1 referee(s)"
        return dialog.import_ticked()

    drive(tab, monkeypatch, review)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "summary" in seen)  # read off the GUI thread, then previewed
    assert tab.import_button.isEnabled()
    assert "2 contact(s) can be added" in seen["summary"] and "4 could not be read" in seen["summary"]
    assert "Card 2: the card has no name" in seen["problems"]
    assert [r.name for r in tab.model.rows()] == ["Priya Shah"]
    assert tab.model.rows()[0].relationship == "colleague"
