"""The first-start checklist (issue #18): each step done only when it really is."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services.core import getting_started
from desktop_app.store import models as m


def done(store: Path) -> dict[str, bool]:
    return {step.key: step.done for step in getting_started.steps()}


def test_an_empty_store_has_every_step_to_do(store: Path) -> None:
    assert done(store) == {"profile": False, "referees": False, "transcript": False, "application": False}
    assert not getting_started.all_done()
    assert [s.key for s in getting_started.steps()] == ["profile", "referees", "transcript", "application"]


def test_each_step_is_done_by_what_it_asks_for(store: Path) -> None:
    m.Profile.create(name="  ")  # a blank name is no name
    m.Referee.create(name="Alex Morgan", relationship="direct_manager", email="alex@example.org")
    assert done(store)["profile"] is False and done(store)["referees"] is False
    assert "1 of 2" in getting_started.steps()[1].text
    m.Profile.update(name="Sam Taylor").execute()
    m.Referee.create(name="Retired Rita", relationship="direct_manager", active=False)
    assert done(store)["profile"] is True and done(store)["referees"] is False  # a retired referee does not count
    m.Referee.create(name="Priya Shah", relationship="colleague", email="priya@example.org")
    assert done(store)["referees"] is True


def test_the_sample_data_lacks_only_the_transcript(demo_store: Path) -> None:
    # (the window's --demo adds sample PDFs to the vault; the tests' sample has no files)
    assert {k for k, v in done(demo_store).items() if not v} == {"transcript"}
