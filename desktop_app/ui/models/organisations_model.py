"""The Organisations list (each employer's and agency's memory, one line each) and the Contacts list.

Both are :class:`RowTableModel` s over plain rows from the services, shown through the
filtering, sorting proxy of ``ListPanel``; columns are named constants.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from desktop_app import clock
from desktop_app.services.applications.contacts import ContactListRow
from desktop_app.services.applications.organisation_memory import OrganisationSummary
from desktop_app.services.core.validation import format_phone
from desktop_app.ui.formatting import person_role, short_date
from desktop_app.ui.models.row_table_model import Column, RowTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrganisationsModel", text)


def kind_text(kind: str) -> str:
    """``employer`` → "Employer", ``agency`` → "Agency", ``both`` → "Employer and agency"."""
    return {"employer": _tr("Employer"), "agency": _tr("Agency"), "both": _tr("Employer and agency"),
            "none": _tr("No applications")}.get(kind, kind)


def reply_text(days: float | None) -> str:
    """Median days to reply: "6 days", "1 day", "—"."""
    if days is None:
        return "—"
    return _tr("1 day") if days == 1 else _tr("{0} days").format(f"{days:g}")


def last_say_text(last_say: bool | None) -> str:
    return {None: "", True: _tr("You"), False: _tr("They")}[last_say]


def re_approach_text(row: OrganisationSummary, today: date) -> str:
    """Where the re-approach window of the latest rejection stands on ``today`` (rule 9)."""
    if row.re_approach is None:
        return ""
    start, end = row.re_approach
    state = row.re_approach_state(today)
    if state == "opens":
        return _tr("Opens {0}").format(short_date(start))
    if state == "open":
        return _tr("Open until {0}").format(short_date(end))
    return _tr("Closed {0}").format(short_date(end))


def feedback_text(row: OrganisationSummary) -> str:
    """"1 of 2": applications whose feedback came, of all of them."""
    return _tr("{0} of {1}").format(row.with_feedback, row.applications) if row.applications else ""


class OrganisationsModel(RowTableModel[OrganisationSummary]):
    NAME, KIND, APPLICATIONS, REJECTED, FEEDBACK, REPLY, LAST_SAY, RE_APPROACH = range(8)

    columns = (
        Column(_tr("Organisation"), lambda r: r.name),
        Column(_tr("Kind"), lambda r: kind_text(r.kind)),
        Column(_tr("Applications"), lambda r: str(r.applications), sort_key=lambda r: r.applications,
               align_right=True),
        Column(_tr("Rejected"), lambda r: str(r.rejected), sort_key=lambda r: r.rejected, align_right=True),
        Column(_tr("Feedback"), feedback_text, sort_key=lambda r: (r.with_feedback, -r.applications)),
        Column(_tr("Median reply"), lambda r: reply_text(r.median_reply_days),
               sort_key=lambda r: r.median_reply_days, align_right=True),
        Column(_tr("Last say"), lambda r: last_say_text(r.last_say),
               sort_key=lambda r: None if r.last_say is None else not r.last_say),
        Column(_tr("Re-approach"), lambda r: re_approach_text(r, clock.today()),
               sort_key=lambda r: r.re_approach[0] if r.re_approach else None),
    )


class ContactsModel(RowTableModel[ContactListRow]):
    NAME, ORGANISATION, KIND, EMAIL, PHONE, APPLICATIONS, LAST_CONTACT = range(7)

    columns = (
        Column(_tr("Name"), lambda r: r.contact.name),
        Column(_tr("Organisation"), lambda r: r.contact.organisation_name),
        Column(_tr("Kind"), lambda r: person_role(r.contact.kind, r.contact.title)),
        Column(_tr("Email"), lambda r: r.contact.email or ""),
        Column(_tr("Phone"), lambda r: format_phone(r.contact.phone)),
        Column(_tr("Applications"), lambda r: str(r.applications), sort_key=lambda r: r.applications,
               align_right=True),
        Column(_tr("Last contact"), lambda r: short_date(r.last_contact_at.astimezone().date())
               if r.last_contact_at else "", sort_key=lambda r: r.last_contact_at),
    )
