"""Small bundled SVG icons for the toolbar's actions (issue #18), drawn for Afterview.

The files are ``resources/icons/toolbar/<name>.svg`` (24×24, a mid blue-grey stroke that
reads on light and dark themes alike). The toolbar keeps the actions' text beside the
icons: a picture alone would leave people guessing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QToolBar

from desktop_app.resource_files import ICONS, resource, resource_path

#: Action object name → icon file name under ``resources/icons/toolbar/`` (without ``.svg``).
TOOLBAR_ICONS: dict[str, str] = {
    "action_profile": "profile",
    "action_add_application": "add-application",
    "action_log_contact": "log-contact",
}


def toolbar_icon(name: str) -> QIcon:
    """The bundled icon ``name`` (e.g. "profile"); a null icon when the file is missing (the text still shows)."""
    try:
        if not resource(f"{ICONS}/toolbar/{name}.svg").is_file():
            return QIcon()
        with resource_path(f"{ICONS}/toolbar/{name}.svg") as path:
            return QIcon(str(path))
    except (FileNotFoundError, ModuleNotFoundError, ValueError):
        return QIcon()


def decorate(toolbar: QToolBar) -> None:
    """Give the toolbar's known actions (:data:`TOOLBAR_ICONS`) their icons, text shown beside them."""
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in toolbar.actions():
        name = TOOLBAR_ICONS.get(action.objectName())
        if name is not None:
            action.setIcon(toolbar_icon(name))
