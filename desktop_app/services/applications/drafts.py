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
from desktop_app.services.applications.people import People, people_of
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


def draft_message(app_id: int, template: str, *, today: date | None = None,
                  contact_id: int | None = None) -> Draft:
    """The template ``template`` filled in for application ``app_id``.

    ``contact_id`` addresses it to that contact instead of the one the advice chooses
    (Compose's *To*), and the whole message is worded for them: the agency's wording of the
    feedback request ("…for arranging my interview with …") only when they are the agency's
    recruiter (or work at the agency), else the direct wording. Raises ``crud.NotFound``
    when that contact no longer exists.
    """
    today = today or clock.today()
    app = crud.get("applications", app_id)
    who = people_of([app_id])[app_id]
    past = (m.Interview.select().where(m.Interview.application == app_id)
            .order_by(m.Interview.at.desc()))
    last_interview = next((i for i in past if i.at.astimezone().date() <= today), None)
    requested = template
    panel = [link.contact_id for link in last_interview.interviewer_links] if last_interview is not None else []
    interviewer = crud.get("contacts", panel[0]).name if panel else ""  # type: ignore[attr-defined]
    through_agency = app.agency_id is not None  # type: ignore[attr-defined]
    if template == "senior_contact":
        person = who.senior
    elif template == "thank_you" and panel:
        person = (panel[0], interviewer)
    elif template == "feedback_request":
        person = feedback_recipient(app, who, panel[0] if panel else None, interviewer)
    else:
        person = who.main
    if contact_id is not None:
        person = (contact_id, crud.get("contacts", contact_id).name)  # type: ignore[attr-defined]
    contact = crud.get("contacts", person[0]) if person else None
    if template == "feedback_request" and through_agency and contact is not None and (
            contact.id == app.recruiter_id or contact.organisation_id == app.agency_id):  # type: ignore[attr-defined]
        # the recruiter arranged the interview; someone else held it (issue 12, case 6). Only
        # to the agency's people: written to the interviewer, the direct wording (12b item 3)
        template = "feedback_request_agency"
    profile = get_profile()
    name = contact.name if contact is not None else ""  # type: ignore[attr-defined]
    values = {
        "my_name": profile.name, "my_first_name": messages.first_name(profile.name), "my_email": profile.email,
        "my_phone": format_phone(profile.phone), "my_linkedin": profile.linkedin,
        "role": app.role, "organisation": who.employer, "agency": who.agency or "",  # type: ignore[attr-defined]
        "contact_name": name or "Sir or Madam",
        "contact_first_name": messages.first_name(name) or "Sir or Madam",
        "interview_date": dates.long_day_month(last_interview.at.astimezone().date()) if last_interview else "",
        "interviewer_name": interviewer or who.employer,
    }
    rendered = messages.render(template, values)
    purpose = messages.TEMPLATES[template].purpose or "other"
    return Draft(requested, app_id, rendered.subject, rendered.body, person[0] if person else None, name,
                 contact.email if contact is not None else None,  # type: ignore[attr-defined]
                 contact.linkedin if contact is not None else None,  # type: ignore[attr-defined]
                 purpose)


#: The message template of each next step that names someone to write to.
_STEP_TEMPLATES = {"feedback_request": "feedback_request", "follow_up": "follow_up", "last_say": "last_say",
                   "senior_contact": "senior_contact", "re_approach": "re_approach"}


def next_step_person(app_id: int, today: date | None = None) -> tuple[int, str] | None:
    """``(contact id, name)`` of the person the application's next step writes to, or None.

    The same choice as the drafted message of that step (:func:`draft_message`): the
    follow-up to the recruiter, the feedback request to the recruiter or the interviewer,
    the senior contact… Log contact's *With* and ``afterview log`` without ``--to`` use it.
    Raises ``crud.NotFound`` when the application does not exist.
    """
    from desktop_app.services.applications.next_step import next_steps

    today = today or clock.today()
    crud.get("applications", app_id)
    step = next_steps(today, only=[app_id]).get(app_id)
    template = _STEP_TEMPLATES.get(step.kind) if step is not None else None
    if template is None:
        return None
    draft = draft_message(app_id, template, today=today)
    return (draft.contact_id, draft.contact_name) if draft.contact_id is not None else None


def feedback_recipient(app: object, who: People, interviewer_id: int | None,
                       interviewer: str) -> tuple[int, str] | None:
    """Who the feedback request goes to by default (rule 5): the recruiter for an application
    through an agency (they arranged the interview and pass feedback on); otherwise the person
    who interviewed the user, else a hiring manager at the employer, else whoever the user was
    last in touch with. Compose's *To* can choose anyone else."""
    if app.agency_id is not None and app.recruiter_id is not None:  # type: ignore[attr-defined]
        return (app.recruiter_id, crud.get("contacts", app.recruiter_id).name)  # type: ignore[attr-defined]
    if app.agency_id is None and interviewer_id is not None:  # type: ignore[attr-defined]
        return (interviewer_id, interviewer)
    if app.agency_id is None:  # type: ignore[attr-defined]
        manager = (m.Contact.select(m.Contact.id, m.Contact.name)
                   .where((m.Contact.organisation == app.employer_id)  # type: ignore[attr-defined]
                          & (m.Contact.kind == "hiring_manager")).order_by(m.Contact.id).first())
        if manager is not None:
            return (manager.id, manager.name)
    return who.main


def mark_sent(draft: Draft, channel: str = "email", *, at: datetime | None = None) -> int:
    """Log the message as an outgoing contact with the template's purpose."""
    return log_interaction({
        "application": draft.application_id, "contact": draft.contact_id,
        "at": at or clock.utc_now(), "channel": channel, "direction": "outgoing",
        "purpose": draft.purpose, "summary": draft.subject, "reply_received": False})
