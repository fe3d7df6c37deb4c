"""The record descriptions: every problem of a form found in one pass (issue #18)."""

from __future__ import annotations

import pytest

from desktop_app.services.core.records import field_problems


def test_every_bad_field_is_named_at_once() -> None:
    problems = field_problems("referees", {"name": "", "email": "alex@@example", "phone": "12",
                                           "country": "GB", "notes": "fine"})
    assert set(problems) == {"name", "email", "phone"}
    assert problems["name"] == "is required" and "alex@@example" in problems["email"]


def test_good_values_and_fields_not_given_have_no_problem() -> None:
    assert field_problems("qualifications", {"title": "BSc Mathematics", "awarded_on": "2021-07-15"}) == {}
    assert "awarded_on" in field_problems("qualifications", {"title": "BSc", "awarded_on": "soon"})


def test_an_unknown_record_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        field_problems("spaceships", {})
