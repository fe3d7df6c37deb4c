"""The models: enumerations and foreign keys enforced by SQLite, what a deletion takes with it, moments in UTC."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from peewee import IntegrityError

from desktop_app.store import models as m
from desktop_app.store.db import db


def _org() -> m.Organisation:
    return m.Organisation.create(name="Northwind Ltd")


def test_check_constraint_refuses_an_unknown_stage(store: Path) -> None:
    with pytest.raises(IntegrityError):
        m.Application.create(role="Analyst", employer=_org(), applied_on=date(2026, 1, 1), stage="maybe")


@pytest.mark.parametrize("model, values", [
    (m.Contact, {"name": "X", "kind": "friend"}),
    (m.Referee, {"name": "X", "relationship": "friend"}),
    (m.Referee, {"name": "X", "relationship": "colleague", "preferred_channel": "fax"}),
    (m.Document, {"original_name": "x.pdf", "sha256": "a" * 64, "kind": "diploma",
                  "added_at": datetime(2026, 1, 1, tzinfo=timezone.utc)}),
    (m.Document, {"original_name": "x.pdf", "sha256": "short", "kind": "cv",
                  "added_at": datetime(2026, 1, 1, tzinfo=timezone.utc)}),
])
def test_every_enumeration_is_checked(store: Path, model: type[m.BaseModel], values: dict) -> None:
    with pytest.raises(IntegrityError):
        model.create(**values)


@pytest.mark.parametrize("column, value", [("channel", "pigeon"), ("direction", "sideways"),
                                           ("purpose", "gossip")])
def test_interaction_words_are_checked(store: Path, column: str, value: str) -> None:
    app = m.Application.create(role="Analyst", employer=_org(), applied_on=date(2026, 1, 1))
    values = {"channel": "email", "direction": "outgoing", "purpose": "other", column: value}
    with pytest.raises(IntegrityError):
        m.Interaction.create(application=app, at=datetime.now(timezone.utc), **values)


def test_foreign_keys_are_enforced(store: Path) -> None:
    with pytest.raises(IntegrityError):
        m.Application.create(role="Analyst", employer=999, applied_on=date(2026, 1, 1))


def test_deleting_an_application_takes_its_interviews_and_contacts(store: Path) -> None:
    app = m.Application.create(role="Analyst", employer=_org(), applied_on=date(2026, 1, 1))
    at = datetime(2026, 1, 5, 10, tzinfo=timezone.utc)
    m.Interview.create(application=app, at=at)
    m.Interaction.create(application=app, at=at, channel="email", direction="outgoing")
    app.delete_instance()
    assert m.Interview.select().count() == 0
    assert m.Interaction.select().count() == 0


def test_an_employer_with_applications_cannot_be_deleted(store: Path) -> None:
    org = _org()
    m.Application.create(role="Analyst", employer=org, applied_on=date(2026, 1, 1))
    with pytest.raises(IntegrityError):
        org.delete_instance()


def test_deleting_a_contact_keeps_the_logged_interaction(store: Path) -> None:
    org = _org()
    contact = m.Contact.create(name="Priya", organisation=org, kind="recruiter")
    app = m.Application.create(role="Analyst", employer=org, applied_on=date(2026, 1, 1), recruiter=contact)
    m.Interaction.create(application=app, contact=contact, at=datetime.now(timezone.utc),
                         channel="email", direction="outgoing")
    contact.delete_instance()
    assert m.Interaction.get().contact_id is None
    assert m.Application.get().recruiter_id is None


def test_moments_are_stored_in_utc_and_refuse_naive_times(store: Path) -> None:
    app = m.Application.create(role="Analyst", employer=_org(), applied_on=date(2026, 1, 1))
    from datetime import timedelta
    local = datetime(2026, 3, 1, 10, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    interview = m.Interview.create(application=app, at=local)
    raw = db.execute_sql("SELECT at FROM interview WHERE id = ?", (interview.id,)).fetchone()[0]
    assert raw == "2026-03-01T04:30:00+00:00"
    assert m.Interview.get_by_id(interview.id).at == local
    with pytest.raises(ValueError):
        m.Interview.create(application=app, at=datetime(2026, 3, 1, 10, 0))


def test_a_referee_is_given_to_an_application_once(store: Path) -> None:
    app = m.Application.create(role="Analyst", employer=_org(), applied_on=date(2026, 1, 1))
    ref = m.Referee.create(name="Alex", relationship="direct_manager")
    m.ReferenceGiven.create(referee=ref, application=app, on=date(2026, 1, 2))
    with pytest.raises(IntegrityError):
        m.ReferenceGiven.create(referee=ref, application=app, on=date(2026, 1, 3))
