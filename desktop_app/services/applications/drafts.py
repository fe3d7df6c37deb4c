"""Messages drafted for an application: the right template, filled in for the right person.

Follow-ups go to the recruiter when there is one (the advice: recruiter applications
follow up with the recruiter), else to the last person the user was in touch with; the
senior-contact message goes to a senior HR / management contact at the employer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop_app import clock, dates
from desktop_app.services.core import crud, messages
from desktop_app.services.applications.people import people_of
from desktop_app.services.applications.interactions import log_interaction
from desktop_app.services.core.profile import get_profile
from desktop_app.services.core.validation import format_phone
from desktop_app.store import models as m

#: The templates an application's messages come from, in the order the UI offers them.
APPLICATION_TEMPLATES = ("thank_you", "feedback_request", "follow_up", "last_say", "senior_contact", "re_approach")


@dataclass(frozen=True)
class Draft:
    template: str
    application_id: int
    subject: str
    body: str
    contact_id: int | None
    contact_name: str
    email: str | None
    linkedin: str | None
    #: the interaction purpose logged when it is marked as sent
    purpose: str

    def mailto(self) -> str:
        return messages.mailto_url(self.email, self.subject, self.body)


def draft_message(app_id: int, template: str, *, today: date | None = None) -> Draft:
    """The template ``template`` filled in for application ``app_id``."""
    today = today or clock.today()
    app = crud.get("applications", app_id)
    who = people_of([app_id])[app_id]
    past = (m.Interview.select().where(m.Interview.application == app_id)
            .order_by(m.Interview.at.desc()))
    last_interview = next((i for i in past if i.at.astimezone().date() <= today), None)
    if template == "senior_contact":
        person = who.senior
    elif template == "thank_you" and last_interview is not None:
        panel = [link.contact_id for link in last_interview.interviewer_links]
        person = (panel[0], crud.get("contacts", panel[0]).name) if panel else who.main  # type: ignore[attr-defined]
    else:
        person = who.main
    contact = crud.get("contacts", person[0]) if person else None
    profile = get_profile()
    name = contact.name if contact is not None else ""  # type: ignore[attr-defined]
    values = {
        "my_name": profile.name, "my_first_name": messages.first_name(profile.name), "my_email": profile.email,
        "my_phone": format_phone(profile.phone), "my_linkedin": profile.linkedin,
        "role": app.role, "organisation": who.employer, "agency": who.agency or "",  # type: ignore[attr-defined]
        "contact_name": name or "Sir or Madam",
        "contact_first_name": messages.first_name(name) or "Sir or Madam",
        "interview_date": dates.long_day_month(last_interview.at.astimezone().date()) if last_interview else "",
    }
    rendered = messages.render(template, values)
    purpose = messages.TEMPLATES[template].purpose or "other"
    return Draft(template, app_id, rendered.subject, rendered.body, person[0] if person else None, name,
                 contact.email if contact is not None else None,  # type: ignore[attr-defined]
                 contact.linkedin if contact is not None else None,  # type: ignore[attr-defined]
                 purpose)


def mark_sent(draft: Draft, channel: str = "email", *, at: datetime | None = None) -> int:
    """Log the message as an outgoing contact with the template's purpose."""
    return log_interaction({
        "application": draft.application_id, "contact": draft.contact_id,
        "at": at or clock.utc_now(), "channel": channel, "direction": "outgoing",
        "purpose": draft.purpose, "summary": draft.subject, "reply_received": False})
