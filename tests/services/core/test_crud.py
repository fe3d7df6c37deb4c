"""Writing records through their declared shape: a write SQLite cannot do is said in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.core import crud


def test_a_write_blocked_by_another_program_is_a_message_not_a_crash(store: Path) -> None:
    """Issue 14, case 1: past the busy timeout a save says so in words; the record is not half-saved."""
    import sqlite3

    from desktop_app.services.core.records import ValidationError
    from desktop_app.store.db import db

    org = crud.create("organisations", {"name": "Before"})
    other = sqlite3.connect(store / "afterview.sqlite3", timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    db.execute_sql("PRAGMA busy_timeout = 50")  # the test need not wait 5 s
    try:
        with pytest.raises(ValidationError) as caught:
            crud.update("organisations", org.id, {"name": "After"})
        assert caught.value.field == crud.SAVING and "try again" in caught.value.message
    finally:
        other.rollback()
        other.close()
        db.execute_sql("PRAGMA busy_timeout = 5000")
    assert crud.get("organisations", org.id).name == "Before"


def test_every_logged_contact_keeps_the_name_of_the_person_it_names(store: Path) -> None:
    """Issue 13: ``interaction.contact_name`` is set on each write naming a contact (schema v2)."""
    org = crud.create("organisations", {"name": "Northwind Ltd"}).id
    priya = crud.create("contacts", {"name": "Priya Shah", "organisation": org}).id
    tom = crud.create("contacts", {"name": "Tom Hughes", "organisation": org}).id
    app = crud.create("applications", {"role": "Analyst", "employer": org, "applied_on": "2026-11-02"}).id
    logged = crud.create("interactions", {"application": app, "contact": priya, "channel": "email",
                                          "direction": "outgoing", "at": "2026-11-03T09:00:00+00:00"})
    assert logged.contact_name == "Priya Shah"
    assert crud.update("interactions", logged.id, {"contact": tom}).contact_name == "Tom Hughes"
    nobody = crud.create("interactions", {"application": app, "channel": "phone", "direction": "incoming",
                                          "at": "2026-11-04T09:00:00+00:00"})
    assert nobody.contact_name == ""
