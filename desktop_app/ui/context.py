"""What every part of the window shares: the data folder, change events, window state, questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.ui.events import DataEvents
from desktop_app.ui.prompts import Prompts
from desktop_app.ui.ui_settings import UiSettings


@dataclass
class AppContext:
    data_dir: Path
    events: DataEvents
    ui_settings: UiSettings
    demo: bool = False
    #: every modal question and file picker (tests put a scripted stand-in here)
    prompts: Prompts = field(default_factory=Prompts)

    @classmethod
    def create(cls, data_dir: Path, *, demo: bool = False, prompts: Prompts | None = None,
               keyboard_rules: bool = True) -> "AppContext":
        """The context for the data folder ``data_dir``; ``prompts`` defaults to the real dialogs.

        Also switches on the window-wide keyboard rules (:mod:`desktop_app.ui.keyboard`) once a
        QApplication exists, unless ``keyboard_rules`` is False: the real start switches them
        on just after the first paint (they cost ~50 ms of Qt class set-up)."""
        from PySide6.QtWidgets import QApplication

        if keyboard_rules and QApplication.instance() is not None:
            from desktop_app.ui import keyboard

            keyboard.install()
        settings = UiSettings(data_dir)
        chosen = prompts if prompts is not None else Prompts()
        chosen.folders = settings  # every file picker opens where the last one of its kind was left
        return cls(data_dir=data_dir, events=DataEvents(), ui_settings=settings, demo=demo, prompts=chosen)
