"""One clock: ``desktop_app.clock`` is the only place the time is read, and tests can set it.

The symptom that started it: the test clock did not reach the Export reference pack
dialog, which read ``date.today()`` itself. So the whole package is checked (with
``ast`` and as text), and the dialog is shown the test clock's day.
"""

from __future__ import annotations

import ast
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop_app import clock

PACKAGE = Path(__file__).resolve().parents[1] / "desktop_app"

#: Calls that read the machine's time: (the name called on, the method).
_TIME_READERS = {
    ("date", "today"), ("datetime", "today"), ("datetime", "now"), ("datetime", "utcnow"),
    ("time", "time"), ("time", "localtime"), ("time", "gmtime"),
    ("QDate", "currentDate"), ("QDateTime", "currentDateTime"), ("QDateTime", "currentDateTimeUtc"),
    ("QDateTime", "currentSecsSinceEpoch"), ("QDateTime", "currentMSecsSinceEpoch"), ("QTime", "currentTime"),
}
_AS_TEXT = re.compile(r"date\.today\(\)|datetime\.now\(|utcnow")


def time_reads(source: str) -> list[int]:
    """The lines of ``source`` (Python) that read the time other than through the clock."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if (name, node.func.attr) in _TIME_READERS:
                lines.append(node.lineno)
    return lines


def _package_sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "clock.py")


def test_only_the_clock_reads_the_time() -> None:
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}"
             for path in _package_sources() for line in time_reads(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_grep_of_the_issue_finds_only_the_clock() -> None:
    """``grep -rn "date.today()\\|datetime.now(\\|utcnow" desktop_app`` names clock.py alone."""
    found = [f"{path.relative_to(PACKAGE.parent)}:{n}" for path in _package_sources()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if _AS_TEXT.search(line)]
    assert found == []
    assert _AS_TEXT.search((PACKAGE / "clock.py").read_text(encoding="utf-8"))


def test_the_checker_is_not_vacuous() -> None:
    source = ("from datetime import date, datetime\nimport time\n"
              "a = date.today()\nb = datetime.now(tz=None)\nc = time.time()\nd = clock.today()\n"
              "e = QtCore.QDate.currentDate()\n")
    assert time_reads(source) == [3, 4, 5, 7]


def test_set_today_moves_the_whole_clock(frozen_clock: ModuleType) -> None:
    frozen_clock.set_today(date(2031, 3, 3))
    assert clock.today() == date(2031, 3, 3)
    assert clock.now().date() == date(2031, 3, 3) and clock.now().utcoffset() is not None
    assert clock.utc_now().tzinfo == timezone.utc and clock.utc_now() == clock.now()


def test_set_now_stops_it_at_a_moment_and_none_lets_it_run(frozen_clock: ModuleType) -> None:
    moment = datetime(2030, 6, 1, 23, 30, tzinfo=timezone.utc)
    frozen_clock.set_now(moment)
    assert clock.utc_now() == moment and clock.today() == moment.astimezone().date()
    frozen_clock.set_now(None)
    assert abs(clock.utc_now() - datetime.now(timezone.utc)) < timedelta(minutes=1)
    with pytest.raises(ValueError, match="aware"):
        frozen_clock.set_now(datetime(2030, 6, 1, 12))


def test_replacing_now_reaches_utc_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """The older way, kept working: tests that replace ``clock.now`` move ``utc_now`` too."""
    moment = datetime(2029, 1, 2, 3, 4, tzinfo=timezone.utc)
    monkeypatch.setattr(clock, "now", lambda: moment)
    assert clock.utc_now() == moment


# ---------------------------------------------------------------- the pack dialog sees the test clock
@pytest.fixture
def briefed_in_general(store: Path) -> int:
    """An application with two referees given to it, both briefed in general on 1 Mar 2031."""
    from desktop_app.store import models as m

    m.Profile.create(name="Sam Taylor", email="sam@example.org", phone="+447700900123")
    employer = m.Organisation.create(name="Northwind Ltd")
    application = m.Application.create(role="Data Analyst", employer=employer, applied_on=date(2031, 2, 1),
                                       stage="interviewing")
    for name, relationship in (("Alex Morgan", "direct_manager"), ("Priya Shah", "colleague")):
        referee = m.Referee.create(name=name, relationship=relationship, email="ref@example.org",
                                   time_zone="Europe/London")
        m.ReferenceGiven.create(referee=referee, application=application, on=date(2031, 3, 1))
        m.Briefing.create(referee=referee, application=None, on=date(2031, 3, 1))
    return application.id


def _dialog(qtbot: Any, context: Any, application_id: int) -> Any:
    from desktop_app.ui.pack_dialog import PackDialog

    dialog = PackDialog(context, application_id=application_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_pack_dialog_checks_briefings_on_the_test_clocks_day(qtbot: Any, context: Any, briefed_in_general: int,
                                                                 frozen_clock: ModuleType) -> None:
    frozen_clock.set_today(date(2031, 3, 3))  # two days after the briefing: still fresh
    assert "Brief" not in _dialog(qtbot, context, briefed_in_general).checks.text()

    frozen_clock.set_today(date(2031, 7, 1))  # 122 days after it: older than the 90 days a briefing lasts
    assert "Brief Alex Morgan before Northwind calls" in _dialog(qtbot, context, briefed_in_general).checks.text()


def test_the_pack_dialog_dates_the_pack_on_the_test_clocks_day(qtbot: Any, context: Any, prompts: Any,
                                                               briefed_in_general: int, tmp_path: Path,
                                                               frozen_clock: ModuleType) -> None:
    frozen_clock.set_today(date(2031, 3, 3))
    dialog = _dialog(qtbot, context, briefed_in_general)
    dialog.show_preview = lambda path: None  # the preview window is not what is tested here
    target = tmp_path / "pack.pdf"
    prompts.script("save_path", target)
    with qtbot.waitSignal(dialog.pack_made, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "3 March 2031" in PdfReader(target).pages[0].extract_text()
