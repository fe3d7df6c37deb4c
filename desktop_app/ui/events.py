"""App-wide change events: one object whose signals tell every tab what changed.

Tabs refresh themselves from these signals instead of reaching into each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataEvents(QObject):
    applications_changed = Signal()
    referees_changed = Signal()
    vault_changed = Signal()
    profile_changed = Signal()
    settings_changed = Signal()
    #: everything may have changed (data import, restore)
    everything_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        for signal in (self.applications_changed, self.referees_changed, self.vault_changed,
                       self.profile_changed, self.settings_changed):
            self.everything_changed.connect(signal)
