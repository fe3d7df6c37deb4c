"""The columns and wording of the activity report, one set per reader ("Report for").

A row of the report (``activity.ActivityRow``) holds words of our own (``kind``,
``how``, ``stage``); a column set turns it into the cells and headings its reader
expects, in their language. The generic set is the default.

Sources for the agencies' sets (looked up November 2026; none of them prescribes a
single form, so each set uses the fields and the words their published guidance asks for):

- **Workforce Australia** (``workforce-au``): Department of Social Services, *Social
  Security Guide* 3.11.1.30 "Adequate job search"
  (https://guides.dss.gov.au/social-security-guide/3/11/1/30): a *job search effort* is
  "contacting employers (by telephone, in person or in writing), submitting written or
  online job applications, acting on a referral to a job or attending an interview";
  repeated contacts with one employer about one job count once. jobactive/Workforce
  Australia's own help "How to do your job search effort re-engagement requirement"
  (jobsearch.gov.au, 9 Aug 2021) asks the job seeker to *report job applications*;
  Australian job-seeker diary guidance (ozsparkhub.com.au, 2025) lists the date, position
  title, company name and contact details, and method of application.
- **Universal Credit** (``uc-uk``): DWP Freedom of Information replies FoI 4201 (20 Oct
  2017) and FoI 4528 (17 Nov 2017): there is no set format, but "the claimant must be
  able to provide written evidence of their work search"; the UC journal's *Record work
  search* logs "jobs applied for, interviews attended" (pocketwise.pages.dev, UC journal
  tips). A detailed entry names the role, the employer, how the user applied and the
  outcome (same page; accesstobenefitsassistance.com "Your work-search log").
- **Bundesagentur für Arbeit / Jobcenter** (``ba-de``, *Bewerbungsnachweis*, *Nachweis der
  Eigenbemühungen*, § 138 Abs. 4 SGB III): the fields job centres expect are "Datum der
  Bewerbung", "Name des Unternehmens", "Stellenbezeichnung", "Art der Bewerbung (online,
  per E-Mail, telefonisch, persönlich)" and the "Status" ("keine Rückmeldung", "Absage",
  "Einladung") — bewerbungsflow.de, "Bewerbungsnachweise fürs Jobcenter" (31 Dec 2025) and
  "Nachweis von Eigenbemühungen" (2 Jan 2026); experto.de, "Liste über
  Bewerbungsaktivitäten" (Eingangsbestätigung, Absage, Vorstellungsgespräch).
  German headings and words are used as they are written there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from desktop_app import dates

#: What the report lists, in the order of its summary: our words.
KINDS: tuple[str, ...] = ("application", "interview", "follow_up", "contact")
#: How an activity was done: our words (the row's ``how``).
HOWS: tuple[str, ...] = ("online", "email", "phone", "in_person", "linkedin", "video", "other")


class ActivityFacts(Protocol):
    """What a set needs of a row: ``activity.ActivityRow`` (not imported, so that this light module
    of words can be read by the command line's parser without the store)."""

    day: date
    kind: str
    organisation: str
    role: str
    how: str
    contact: str
    stage: str
    detail: str
    replied: bool
    incoming: bool
    round: int

#: The columns every set is made of: the attribute of the formatted row each one shows.
FIELDS: tuple[str, ...] = ("date", "organisation", "role", "action", "how", "contact", "outcome")


@dataclass(frozen=True)
class ColumnSet:
    """One reader's report: its title, headings, column order and words.

    ``columns`` are (heading, field) pairs, ``field`` one of :data:`FIELDS`; ``widths``
    are the columns' shares of the table width (they add up to 1). ``actions`` (by kind,
    and ``incoming`` for a contact the other side made), ``hows`` and ``stages`` map our
    words to the reader's; ``summary`` names the summary's lines (``applications``,
    ``interviews``, ``follow_ups``, ``contacts``, ``total``, ``outcomes``); ``labels`` the
    header's (``period``, ``name``, ``contact``, ``made_on``, ``none``, ``summary``,
    ``activities``, and ``page``: a format with ``{page}`` and ``{total}``).
    """

    key: str
    name: str  #: the reader, in English, for the dialog and ``--help``
    title: str
    columns: tuple[tuple[str, str], ...]
    widths: tuple[float, ...]
    actions: dict[str, str]
    hows: dict[str, str]
    stages: dict[str, str]
    summary: dict[str, str]
    labels: dict[str, str]
    day: Callable[[date], str]
    replied: str
    round_word: str = "round {0}"

    @property
    def headings(self) -> list[str]:
        """The column headings, in order."""
        return [heading for heading, _field in self.columns]

    def cells(self, row: ActivityFacts) -> list[str]:
        """The row's cells in this set's order and words (plain text, never markup)."""
        outcome = self.stages.get(row.stage, row.stage)
        if row.replied:
            outcome = f"{self.replied}; {outcome}"
        action = self.actions["incoming"] if row.incoming else self.actions.get(row.kind, row.kind)
        if row.kind == "interview" and row.round > 1:
            action = f"{action} ({self.round_word.format(row.round)})"
        elif row.kind == "application" and row.detail:
            action = f"{action} ({row.detail})"  # where it was sent: "Applied (LinkedIn)"
        elif row.detail:
            action = f"{action}: {row.detail}"  # what was said: "Follow-up: Asked for an update"
        values = {"date": self.day(row.day), "organisation": row.organisation, "role": row.role,
                  "action": action, "how": self.hows.get(row.how, row.how), "contact": row.contact,
                  "outcome": outcome}
        return [values[field] for _heading, field in self.columns]


_ENGLISH_HOWS = {"online": "Online", "email": "Email", "phone": "Phone", "in_person": "In person",
                 "linkedin": "LinkedIn", "video": "Online (video)", "other": "Other"}
_ENGLISH_STAGES = {"applied": "Awaiting reply", "interviewing": "Interviewing", "offer": "Offer",
                   "accepted": "Offer accepted", "rejected": "Unsuccessful", "withdrawn": "Withdrawn",
                   "no_response": "No response"}
_ENGLISH_LABELS = {"period": "Period", "name": "Name", "contact": "Contact details", "made_on": "Made on",
                   "none": "No activities in this period.", "page": "page {page} of {total}",
                   "summary": "Summary", "activities": "Activities"}


def _uk_day(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _german_day(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


GENERIC = ColumnSet(
    key="generic", name="Anyone (coach, adviser, yourself)", title="Job-search activity report",
    columns=(("Date", "date"), ("Organisation", "organisation"), ("Role", "role"), ("What was done", "action"),
             ("How", "how"), ("Contact person", "contact"), ("Outcome so far", "outcome")),
    widths=(0.09, 0.17, 0.17, 0.23, 0.09, 0.12, 0.13),
    actions={"application": "Applied", "interview": "Interview", "follow_up": "Follow-up", "contact": "Contact",
             "incoming": "Contacted by them"},
    hows=_ENGLISH_HOWS, stages=_ENGLISH_STAGES,
    summary={"applications": "Applications sent", "interviews": "Interviews", "follow_ups": "Follow-ups",
             "contacts": "Other contacts", "total": "Activities in all", "outcomes": "Outcomes so far"},
    labels=_ENGLISH_LABELS, day=dates.short_date, replied="Replied")

WORKFORCE_AU = ColumnSet(
    key="workforce-au", name="Workforce Australia (job search efforts)", title="Job search efforts",
    columns=(("Date", "date"), ("Employer name", "organisation"), ("Position title", "role"),
             ("Job search effort", "action"), ("Method", "how"), ("Contact name", "contact"),
             ("Outcome", "outcome")),
    widths=(0.09, 0.17, 0.17, 0.23, 0.09, 0.12, 0.13),
    actions={"application": "Job application", "interview": "Attended an interview",
             "follow_up": "Contacted employer (follow-up)", "contact": "Contacted employer",
             "incoming": "Employer contacted me"},
    hows={**_ENGLISH_HOWS, "email": "In writing (email)", "linkedin": "In writing (LinkedIn)"},
    stages=_ENGLISH_STAGES,
    summary={"applications": "Job applications", "interviews": "Interviews attended",
             "follow_ups": "Follow-up contacts", "contacts": "Other employer contacts",
             "total": "Job search efforts in all", "outcomes": "Outcomes so far"},
    labels=_ENGLISH_LABELS, day=_uk_day, replied="Employer replied")

UNIVERSAL_CREDIT = ColumnSet(
    key="uc-uk", name="Universal Credit (work search record)", title="Work search record",
    columns=(("Date", "date"), ("What I did", "action"), ("Employer", "organisation"), ("Job title", "role"),
             ("How", "how"), ("Who I contacted", "contact"), ("Outcome", "outcome")),
    widths=(0.09, 0.23, 0.17, 0.17, 0.09, 0.12, 0.13),
    actions={"application": "Applied for the job", "interview": "Attended an interview",
             "follow_up": "Followed up my application", "contact": "Contacted the employer",
             "incoming": "The employer contacted me"},
    hows=_ENGLISH_HOWS, stages=_ENGLISH_STAGES,
    summary={"applications": "Jobs applied for", "interviews": "Interviews attended", "follow_ups": "Follow-ups",
             "contacts": "Other contacts", "total": "Work search activities in all", "outcomes": "Outcomes so far"},
    labels=_ENGLISH_LABELS, day=_uk_day, replied="Reply received")

BUNDESAGENTUR = ColumnSet(
    key="ba-de", name="Bundesagentur für Arbeit / Jobcenter (Bewerbungsnachweis)",
    title="Nachweis der Eigenbemühungen (Bewerbungsnachweis)",
    columns=(("Datum", "date"), ("Name des Unternehmens", "organisation"), ("Stellenbezeichnung", "role"),
             ("Tätigkeit", "action"), ("Art der Bewerbung", "how"), ("Ansprechpartner", "contact"),
             ("Status", "outcome")),
    widths=(0.09, 0.17, 0.17, 0.21, 0.11, 0.12, 0.13),
    actions={"application": "Bewerbung", "interview": "Vorstellungsgespräch", "follow_up": "Nachfrage",
             "contact": "Kontaktaufnahme", "incoming": "Rückmeldung des Arbeitgebers"},
    hows={"online": "online", "email": "per E-Mail", "phone": "telefonisch", "in_person": "persönlich",
          "linkedin": "online (LinkedIn)", "video": "online (Video)", "other": "sonstige"},
    stages={"applied": "keine Rückmeldung bisher", "interviewing": "Einladung zum Vorstellungsgespräch",
            "offer": "Zusage", "accepted": "Zusage angenommen", "rejected": "Absage",
            "withdrawn": "Bewerbung zurückgezogen", "no_response": "keine Rückmeldung"},
    summary={"applications": "Bewerbungen", "interviews": "Vorstellungsgespräche", "follow_ups": "Nachfragen",
             "contacts": "Weitere Kontakte", "total": "Eigenbemühungen insgesamt", "outcomes": "Stand"},
    labels={"period": "Zeitraum", "name": "Name", "contact": "Kontakt", "made_on": "Erstellt am",
            "none": "Keine Eigenbemühungen in diesem Zeitraum.", "page": "Seite {page} von {total}",
            "summary": "Übersicht", "activities": "Eigenbemühungen"},
    day=_german_day, replied="Antwort erhalten", round_word="{0}. Runde")

#: Every set by key, the default first (the order of the dialog's list and ``--for``).
COLUMN_SETS: dict[str, ColumnSet] = {s.key: s for s in (GENERIC, WORKFORCE_AU, UNIVERSAL_CREDIT, BUNDESAGENTUR)}
DEFAULT_SET = GENERIC.key


def column_set(key: str) -> ColumnSet:
    """The set called ``key``; raises ValueError naming the known ones for any other key."""
    try:
        return COLUMN_SETS[key]
    except KeyError:
        raise ValueError(f"“{key}” is not a report Afterview knows; choose one of "
                         f"{', '.join(COLUMN_SETS)}.") from None
