"""Importing applications from a spreadsheet: columns mapped, bad lines listed, nothing imported until confirmed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui import application_actions
from desktop_app.ui.main_window import MainWindow
from tests.helpers.scripted_prompts import ScriptedPrompts


def test_import_csv_lists_bad_lines_and_imports_only_when_confirmed(
        qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        prompts: ScriptedPrompts) -> None:
    source = tmp_path / "search.csv"
    source.write_text("Position,Company,When,Where from\n"
                      "Data Engineer,Tailspin Analytics,2026-11-20,LinkedIn\n"
                      "Data Steward,,2026-11-21,Indeed\n"
                      "Statistician,Contoso plc,2026-13-01,Referral\n", encoding="utf-8")
    prompts.script("open_path", source)
    seen: list[Any] = []

    def confirm(dialog: Any) -> bool:
        seen.append(dialog)
        assert dialog.combos["role"].currentText() == "Position"
        assert dialog.combos["applied_on"].currentText() == "(not in the file)"
        assert not dialog.import_button.isEnabled()  # the date column is still to be chosen
        dialog.set_column("applied_on", "When")
        dialog.set_column("source", "Where from")
        bad = [dialog.bad_list.item(i).text() for i in range(dialog.bad_list.count())]
        assert bad == ["Line 3: employer is empty",
                       "Line 4: '2026-13-01' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"]
        assert dialog.import_button.text() == "Import 1 application(s)"
        assert window.applications_tab.panel.visible_count() == 12  # nothing yet
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result() == 1

    monkeypatch.setattr(application_actions, "run_dialog", confirm)
    window.import_applications_csv_action.trigger()
    assert seen and prompts.told() == [("Imported 1 applications.", False)]
    assert window.applications_tab.panel.visible_count() == 13
