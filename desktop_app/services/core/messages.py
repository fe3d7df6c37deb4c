"""Message templates: every message Afterview drafts, editable by the user.

A template has a subject and a body with ``{placeholders}``. The defaults live here,
in code; a user's edited version is stored in the ``MessageTemplate`` table and wins.
Saving a template with a placeholder Afterview does not know is refused, so a
message is never sent with ``{interveiw_date}`` in it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from desktop_app.services.core.validation import ValidationError
from desktop_app.store import models as m
from desktop_app.store.db import db

#: Placeholders every template may use, with what they stand for.
COMMON_PLACEHOLDERS: dict[str, str] = {
    "my_name": "your name (from your profile)",
    "my_first_name": "your first name",
    "my_email": "your email address",
    "my_phone": "your phone number",
    "my_linkedin": "your LinkedIn address",
    "role": "the role applied for",
    "organisation": "the employer",
}
APPLICATION_PLACEHOLDERS: dict[str, str] = {
    "contact_name": "the person you are writing to",
    "contact_first_name": "their first name",
    "interview_date": "the date of the last interview",
    "interviewer_name": "who interviewed you (the last interview)",
    "agency": "the recruitment agency, if any",
}
BRIEFING_PLACEHOLDERS: dict[str, str] = {
    "referee_name": "the referee's name",
    "referee_first_name": "the referee's first name",
    "who_may_call": "who may contact them",
    "contact_methods": "how they may be contacted",
}


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    title: str
    #: the interaction purpose logged when the message is marked as sent (None: not logged)
    purpose: str | None
    placeholders: tuple[str, ...]
    default_subject: str
    default_body: str


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


_APP = tuple(COMMON_PLACEHOLDERS) + tuple(APPLICATION_PLACEHOLDERS)
_BRIEF = tuple(COMMON_PLACEHOLDERS) + tuple(BRIEFING_PLACEHOLDERS)

TEMPLATES: dict[str, TemplateSpec] = {t.key: t for t in [
    TemplateSpec(
        "thank_you", "Thank-you after an interview", "thank_you", _APP,
        "Thank you — {role} interview",
        "Dear {contact_first_name},\n\n"
        "Thank you for taking the time to meet me on {interview_date} to talk about the {role} role. "
        "I enjoyed hearing more about {organisation}, and our conversation has made me even keener "
        "on the position.\n\n"
        "Please let me know if there is anything else I can send you.\n\n"
        "Kind regards,\n{my_name}\n{my_phone}"),
    TemplateSpec(
        "feedback_request", "Asking for feedback", "feedback_request", _APP,
        "Feedback on my {role} interview",
        "Dear {contact_first_name},\n\n"
        "Thank you again for the interview on {interview_date} for the {role} role at {organisation}. "
        "I would be grateful for any feedback you can share, whatever the outcome: it helps me "
        "improve, and I am still very interested in the role.\n\n"
        "Kind regards,\n{my_name}\n{my_phone}"),
    TemplateSpec(
        "feedback_request_agency", "Asking the recruiter for feedback", "feedback_request", _APP,
        "Feedback on my {role} interview",
        "Dear {contact_first_name},\n\n"
        "Thank you again for arranging my interview with {interviewer_name} on {interview_date} for the "
        "{role} role at {organisation}. I would be grateful for any feedback you can pass on, whatever the "
        "outcome: it helps me improve, and I am still very interested in the role.\n\n"
        "Kind regards,\n{my_name}\n{my_phone}"),
    TemplateSpec(
        "follow_up", "Polite follow-up", "follow_up", _APP,
        "Following up: {role} at {organisation}",
        "Dear {contact_first_name},\n\n"
        "I hope you are well. I am following up on my application for the {role} role at "
        "{organisation}. I understand these decisions can take time; I just wanted to say that "
        "I remain very interested, and to ask whether there is any news.\n\n"
        "Kind regards,\n{my_name}\n{my_phone}"),
    TemplateSpec(
        "last_say", "Having the last say", "last_say", _APP,
        "Thank you — {role} at {organisation}",
        "Dear {contact_first_name},\n\n"
        "Thank you for the opportunity to be considered for the {role} role. I have enjoyed "
        "learning about {organisation}. If I am not successful this time, I would like you to know "
        "that I am keen to work for {organisation} in the future, and I would welcome hearing "
        "about other opportunities.\n\n"
        "With best wishes,\n{my_name}\n{my_phone}"),
    TemplateSpec(
        "senior_contact", "To a senior contact after a rejection", "senior_contact", _APP,
        "{role} — still keen to join {organisation}",
        "Dear {contact_first_name},\n\n"
        # "applied", not "interviewed": true whether or not an interview is recorded (tester, issue 13)
        "I recently applied for the {role} role and have heard that I was not successful "
        "this time. I wanted to write to say that I remain very keen to work for {organisation}, "
        "and I would be glad to be considered for future roles.\n\n"
        "Thank you for your time.\n\nKind regards,\n{my_name}\n{my_phone}\n{my_linkedin}"),
    TemplateSpec(
        "re_approach", "Re-approach a few months after a rejection", "re_approach", _APP,
        "Opportunities at {organisation}",
        "Dear {contact_first_name},\n\n"
        "A few months ago I applied for the {role} role at {organisation}. I was not "
        "successful then, but my interest in {organisation} has not changed, and I wondered "
        "whether you have, or expect to have, a role where I could contribute.\n\n"
        "I would be glad to send an up-to-date CV.\n\nKind regards,\n{my_name}\n{my_phone}"),
    TemplateSpec(
        "referee_briefing", "Briefing a referee", "reference", _BRIEF,
        "A reference request may come your way — {role} at {organisation}",
        "Dear {referee_first_name},\n\n"
        "I have applied for the {role} role at {organisation} and have given your name as a "
        "referee. {who_may_call} may contact you {contact_methods} in the coming days.\n\n"
        "Thank you very much for supporting me — it means a lot.\n\n"
        "Best wishes,\n{my_name}\n{my_phone}"),
    TemplateSpec(
        "referee_briefing_general", "Briefing a referee (in general)", "reference", _BRIEF,
        "A quick heads-up: employers may ask you for a reference",
        "Dear {referee_first_name},\n\n"
        "I am applying for new roles and, as we discussed, would like to give your name as a "
        "referee. Employers may contact you {contact_methods} over the coming weeks; I will let "
        "you know when a particular one is likely to be in touch.\n\n"
        "Thank you very much for supporting me — it means a lot.\n\n"
        "Best wishes,\n{my_name}\n{my_phone}"),
]}


#: Titles left out of the name a message greets someone by, folded, without their full stop.
_TITLES = frozenset({"dr", "prof", "mr", "mrs", "ms", "miss", "mx", "sir", "dame"})


def first_name(name: str) -> str:
    """The name to greet someone by, for ``{contact_first_name}`` and its siblings.

    Titles are dropped, then the first word is kept: ``Dr Alex Morgan`` → ``Alex``,
    ``Prof. Jane Smith`` → ``Jane``, ``Mx Sam`` → ``Sam``. A name without spaces stays
    whole (``王伟``: Chinese names are not split into words). A name that is only a
    title stays as typed; blank gives ``""``. Name orders differ between cultures, so
    this is a first guess: the user reads and edits every draft before it is sent.
    """
    words = [w for w in name.split() if w.rstrip(".").casefold() not in _TITLES]
    return words[0] if words else name.strip()


def placeholders_in(text: str) -> list[str]:
    """The placeholder names used in ``text`` (``{{`` and ``}}`` are literal braces)."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        raise ValidationError("body", f"has an unmatched brace ({exc}); write {{{{ or }}}} for a literal brace") from None


def get_template(key: str) -> Message:
    spec = TEMPLATES[key]
    row = m.MessageTemplate.get_or_none(m.MessageTemplate.key == key)
    if row is None:
        return Message(spec.default_subject, spec.default_body)
    return Message(row.subject, row.body)


def is_customised(key: str) -> bool:
    return m.MessageTemplate.select().where(m.MessageTemplate.key == key).exists()


def check_template(key: str, subject: str, body: str) -> None:
    """Refuse unknown placeholders and broken braces, naming the field."""
    known = set(TEMPLATES[key].placeholders)
    for field, text in (("subject", subject), ("body", body)):
        try:
            names = placeholders_in(text)
        except ValidationError as exc:
            raise ValidationError(field, exc.message) from None
        for name in names:
            if name not in known:
                raise ValidationError(field, f"{{{name}}} is not a placeholder Afterview knows "
                                             f"(known: {', '.join('{' + k + '}' for k in sorted(known))})")
    if not body.strip():
        raise ValidationError("body", "is empty")


def save_template(key: str, subject: str, body: str) -> None:
    check_template(key, subject, body)
    with db.atomic():
        m.MessageTemplate.insert(key=key, subject=subject, body=body).on_conflict(
            conflict_target=[m.MessageTemplate.key],
            update={m.MessageTemplate.subject: subject, m.MessageTemplate.body: body}).execute()


def reset_template(key: str) -> None:
    m.MessageTemplate.delete().where(m.MessageTemplate.key == key).execute()


class _Blank(dict):  # type: ignore[type-arg]
    """Values for formatting: a known placeholder with no value reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


def render(key: str, values: Mapping[str, str | None]) -> Message:
    """The template filled in. Lines left empty by a missing value are dropped at the end."""
    template = get_template(key)
    filled = _Blank({k: ("" if v is None else str(v)) for k, v in values.items()})
    subject = string.Formatter().vformat(template.subject, (), filled)
    body = string.Formatter().vformat(template.body, (), filled)
    return Message(" ".join(subject.split()), body.rstrip() + "\n")


def mailto_url(to: str | None, subject: str, body: str) -> str:
    """A ``mailto:`` URL (RFC 6068): spaces as %20, line breaks as %0D%0A."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    address = quote(to or "", safe="@+.")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
