"""What every part of the window shares: the data folder, change events, window state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.ui.events import DataEvents
from desktop_app.ui.ui_settings import UiSettings


@dataclass
class AppContext:
    data_dir: Path
    events: DataEvents
    ui_settings: UiSettings
    demo: bool = False

    @classmethod
    def create(cls, data_dir: Path, *, demo: bool = False) -> "AppContext":
        return cls(data_dir=data_dir, events=DataEvents(), ui_settings=UiSettings(data_dir), demo=demo)
