"""Message templates: defaults, user edits, unknown placeholders refused, mailto encoding."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from desktop_app.services.core import messages
from desktop_app.services.core.validation import ValidationError


def test_every_default_uses_only_its_own_placeholders(store: Path) -> None:
    for key, spec in messages.TEMPLATES.items():
        messages.check_template(key, spec.default_subject, spec.default_body)


def test_render_fills_in_values(store: Path) -> None:
    msg = messages.render("last_say", {"contact_first_name": "Priya", "role": "Data Analyst",
                                       "organisation": "Northwind Ltd", "my_name": "Sam Taylor"})
    assert msg.subject == "Thank you — Data Analyst at Northwind Ltd"
    assert "keen to work for Northwind Ltd in the future" in msg.body
    assert "{" not in msg.body


def test_an_unknown_placeholder_is_refused_when_saved(store: Path) -> None:
    with pytest.raises(ValidationError) as error:
        messages.save_template("follow_up", "Hi", "Dear {contact_first_name}, see {interveiw_date}")
    assert error.value.field == "body" and "{interveiw_date}" in error.value.message
    assert messages.get_template("follow_up").subject.startswith("Following up")


def test_a_stray_brace_is_refused(store: Path) -> None:
    with pytest.raises(ValidationError, match="brace"):
        messages.save_template("follow_up", "Hi {role", "Body")


def test_an_edited_template_wins_and_can_be_reset(store: Path) -> None:
    messages.save_template("thank_you", "Thanks, {contact_first_name}", "Cheers — {my_name}")
    assert messages.render("thank_you", {"contact_first_name": "Tom", "my_name": "Sam"}).subject == "Thanks, Tom"
    messages.reset_template("thank_you")
    assert not messages.is_customised("thank_you")


def test_mailto_encodes_subject_and_body() -> None:
    url = messages.mailto_url("priya@northwind.example", "Feedback & next steps?", "Line one\nZoë's line two")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "priya@northwind.example"
    assert "+" not in parts.query and " " not in url
    query = parse_qs(parts.query)
    assert query["subject"] == ["Feedback & next steps?"]
    assert query["body"] == ["Line one\r\nZoë's line two"]


@pytest.mark.parametrize(("name", "greeting"), [
    ("Dr Alex Morgan", "Alex"), ("Prof. Jane Smith", "Jane"), ("王伟", "王伟"), ("Mx Sam", "Sam"),
    ("  ", ""), ("Jo", "Jo"), ("  Priya   Shah ", "Priya"), ("Dr", "Dr")])
def test_first_name_drops_titles(name: str, greeting: str) -> None:
    """One ``first_name`` for drafts and briefings alike ("Dear Dr," was the drafts' bug)."""
    assert messages.first_name(name) == greeting


def test_the_letters_after_a_rejection_never_claim_an_interview() -> None:
    """An application rejected without an interview must not say "I was interviewed" (tester, issue 13)."""
    from desktop_app.services.core.messages import TEMPLATES

    for key in ("senior_contact", "re_approach"):
        body = TEMPLATES[key].default_body
        assert "interviewed" not in body and "applied for the {role} role" in body
