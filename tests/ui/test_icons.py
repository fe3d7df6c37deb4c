"""The toolbar's bundled icons (issue #18): every one is a readable SVG, shown with its text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop_app.ui.icons import TOOLBAR_ICONS, toolbar_icon
from desktop_app.ui.main_window import MainWindow


def test_every_toolbar_icon_is_bundled_and_renders() -> None:
    for name in TOOLBAR_ICONS.values():
        icon = toolbar_icon(name)
        assert not icon.isNull(), name
        assert not icon.pixmap(24, 24).toImage().isNull(), name
    assert toolbar_icon("no-such-icon").pixmap(24, 24).isNull()


def test_toolbar_shows_icons_beside_their_text(qtbot: Any, window: MainWindow) -> None:
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    named = {a.objectName(): a for a in window.toolbar.actions()}
    for action_name in TOOLBAR_ICONS:
        assert action_name in named, action_name
        assert not named[action_name].icon().isNull() and named[action_name].text()
