"""One clock: ``desktop_app.clock`` is the only place the time is read, and tests can set it.

The symptom that started it: the test clock did not reach the Export reference pack
dialog, which read ``date.today()`` itself. So the whole package is checked (with
``ast`` and as text); that the dialog is shown the test clock's day is checked in
``tests/ui/test_pack_dialog.py``.
"""

from __future__ import annotations

import ast
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType

import pytest

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
