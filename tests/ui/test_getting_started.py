"""The Getting started checklist on Today (issue #18): each step opens its form; gone once done."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.services.vault import adding
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.getting_started import GettingStarted
from tests.helpers.vault_samples import make_pdf


def checklist(qtbot: Any, window: MainWindow) -> GettingStarted:
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.show_tab(0).isVisible)  # a tab built on first use is shown by a queued call
    box = window.today_tab.findChild(GettingStarted, "getting_started")
    assert box is not None
    return box


def test_a_new_user_sees_four_steps_each_opening_its_form(qtbot: Any, main_window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    box = checklist(qtbot, main_window)
    assert box.isVisible()
    assert [box.lines[k].text()[:1] for k in ("profile", "referees", "transcript", "application")] == ["☐"] * 4
    opened: list[str] = []
    monkeypatch.setattr(MainWindow, "edit_profile", lambda self: opened.append("profile"))
    referees = main_window.referees_tab
    monkeypatch.setattr(type(referees), "add_referee", lambda self: opened.append("referee"))
    vault = main_window.vault_tab
    monkeypatch.setattr(type(vault), "add_documents", lambda self: opened.append("documents"))
    from desktop_app.ui import application_actions

    monkeypatch.setattr(main_window.add_application_action, "trigger", lambda: opened.append("application"))
    for key in ("profile", "referees", "transcript", "application"):
        qtbot.mouseClick(box.buttons[key], Qt.MouseButton.LeftButton)
    assert opened == ["profile", "referee", "documents", "application"]
    assert main_window.tabs.currentIndex() == 3  # Add a transcript… went to the Vault
    assert application_actions is not None


def test_the_checklist_ticks_steps_and_goes_once_all_are_done(qtbot: Any, demo_store: Path, tmp_path: Path,
                                                              main_window: MainWindow) -> None:
    box = checklist(qtbot, main_window)
    assert box.isVisible()
    assert box.lines["profile"].text().startswith("✔") and box.lines["profile"].text().endswith("— done")
    assert not box.buttons["profile"].isVisible() and box.buttons["transcript"].isVisible()
    adding.add_document(make_pdf(tmp_path / "transcript.pdf", pages=1), kind="transcript")
    main_window.context.events.vault_changed.emit()
    assert not box.isVisible()


def test_a_message_without_a_name_in_the_profile_says_so_before_it_is_sent(qtbot: Any, window: MainWindow,
                                                                          prompts: Any) -> None:
    """Issue #18: with no profile name every message ended "Kind regards," with no name, unsaid."""
    from desktop_app.services.core.profile import get_profile
    from desktop_app.store import models as m
    from desktop_app.ui.dialogs.compose_dialog import ComposeDialog

    app_id = next(r.id for r in window.applications_tab.model.rows() if r.role == "Data Analyst")
    named = ComposeDialog(app_id, "feedback_request", window, prompts=prompts)
    qtbot.addWidget(named)
    assert named.findChild(QLabel, "no_name_warning").isHidden()
    m.Profile.update(name="").execute()
    assert get_profile().name == ""
    nameless = ComposeDialog(app_id, "feedback_request", window, prompts=prompts)
    qtbot.addWidget(nameless)
    warning = nameless.findChild(QLabel, "no_name_warning")
    assert not warning.isHidden() and "Kind regards" in warning.text() and "Profile" in warning.text()
