"""Per-machine window state (size, position, last tab), declared once with types and defaults.

Kept in an INI file inside the data folder, so tests (which always use a temporary
data folder) never touch the user's real settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from desktop_app.store.layout import WINDOW_SETTINGS

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    type: type
    default: T


WINDOW_GEOMETRY: Option[QByteArray] = Option("window/geometry", QByteArray, QByteArray())
WINDOW_STATE: Option[QByteArray] = Option("window/state", QByteArray, QByteArray())
LAST_TAB: Option[int] = Option("window/last_tab", int, 0)
SHOW_RETIRED_REFEREES: Option[bool] = Option("referees/show_retired", bool, False)
#: File → Activity report…: the last choices (a ``column_sets.COLUMN_SETS`` key, ``pdf``/``csv``,
#: an ``activity.PRESETS`` key) and the folder the last report went to ("" before the first).
REPORT_FOR: Option[str] = Option("activity_report/report_for", str, "generic")
REPORT_FORMAT: Option[str] = Option("activity_report/format", str, "pdf")
REPORT_PRESET: Option[str] = Option("activity_report/preset", str, "this_month")
REPORT_FOLDER: Option[str] = Option("activity_report/folder", str, "")
#: The Applications tab shows the "list" or the "board" (issue #18).
APPLICATIONS_VIEW: Option[str] = Option("applications/view", str, "list")
#: Import applications: the day/month order chosen per CSV file name, as JSON {name: order} (issue #15).
CSV_DATE_ORDERS: Option[str] = Option("csv_import/date_orders", str, "{}")


#: Where each kind of file was last picked (issue #15, fresh eyes: every picker opened in the
#: home folder). Kinds are the ``kind=`` of :class:`~desktop_app.ui.prompts.Prompts` pickers:
#: "vault", "contacts", "spreadsheet", "calendar", "pack", "backup", "data", "report"; each is
#: kept under ``folders/<kind>``, the activity report's under the key it had before.
_FOLDER_KEYS: dict[str, str] = {"report": REPORT_FOLDER.key}


class UiSettings:
    def __init__(self, data_dir: Path) -> None:
        self._qsettings = QSettings(str(data_dir / WINDOW_SETTINGS), QSettings.Format.IniFormat)

    def get(self, option: Option[T]) -> T:
        value: Any = self._qsettings.value(option.key, option.default, type=option.type)
        return value if value is not None else option.default

    def set(self, option: Option[T], value: T) -> None:
        self._qsettings.setValue(option.key, value)

    def last_folder(self, kind: str) -> Path | None:
        """The folder a file of ``kind`` was last picked in, if it still exists; else None."""
        folder = self._qsettings.value(_FOLDER_KEYS.get(kind, f"folders/{kind}"), "", type=str)
        return Path(folder) if folder and Path(folder).is_dir() else None

    def remember_folder(self, kind: str, folder: Path) -> None:
        """Keep ``folder`` as where the next picker of ``kind`` opens (written at once: a
        picker is rare, and a crash must not forget it)."""
        self.set(Option(_FOLDER_KEYS.get(kind, f"folders/{kind}"), str, ""), str(folder))
        self.sync()

    def sync(self) -> None:
        self._qsettings.sync()
        from desktop_app.store.location import make_private

        make_private(Path(self._qsettings.fileName()))
