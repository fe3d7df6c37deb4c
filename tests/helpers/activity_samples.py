"""A job search with a known number of activities of each kind, for the activity report's tests.

The period is 1–14 Nov 2026; a few activities fall just outside it on purpose.
Moments are at noon UTC, the same calendar day in any zone within ±11 hours.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from desktop_app.store import models as m
from desktop_app.store.db import db

FIRST, LAST = date(2026, 11, 1), date(2026, 11, 14)
#: activities inside the period, by kind (column_sets.KINDS)
EXPECTED = {"application": 5, "interview": 3, "follow_up": 4, "contact": 2}
LONG_NAME = ("The Extraordinarily Long-Named International Consortium for Applied Statistical Research, "
             "Data Engineering and Business Intelligence Services of Greater Manchester and the North West")
CJK_NAME = "株式会社データ分析"
CYRILLIC_NAME = "Дмитрий Иванов"
POLISH_NAME = "Łódź Analityka Sp. z o.o."
FORMULA_ROLE = '=HYPERLINK("http://example.invalid","Data Analyst")'


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)


def make_activities() -> dict[str, int]:
    """Fill the open store with the scenario; returns :data:`EXPECTED`."""
    with db.atomic():
        m.Profile.create(name="Zoë Ångström-Nguyễn", email="zoe@example.org", phone="+44 7700 900123",
                         location="Leeds, UK")
        northwind = m.Organisation.create(name="Northwind Ltd")
        contoso = m.Organisation.create(name="Contoso plc")
        polish = m.Organisation.create(name=POLISH_NAME)
        cjk = m.Organisation.create(name=CJK_NAME)
        long_org = m.Organisation.create(name=LONG_NAME)
        hays = m.Organisation.create(name="Hays")
        priya = m.Contact.create(name="Priya Shah", organisation=hays, kind="recruiter")
        dmitri = m.Contact.create(name=CYRILLIC_NAME, organisation=polish, kind="interviewer")

        def application(org: m.Organisation, role: str, day: date, stage: str = "applied", **kw: object) -> int:
            return m.Application.create(role=role, employer=org, applied_on=day, stage=stage, **kw).id

        a1 = application(northwind, "Data Analyst", date(2026, 11, 1), "interviewing", source="LinkedIn")
        a2 = application(contoso, FORMULA_ROLE, date(2026, 11, 3), "rejected", source="Company website")
        a3 = application(polish, "Analityk danych", date(2026, 11, 5), "interviewing", source="by email")
        a4 = application(cjk, "データアナリスト", date(2026, 11, 10), agency=hays, recruiter=priya, source="Agency")
        a5 = application(long_org, "Senior Business Intelligence and Reporting Analyst (Fixed-term, 18 months)",
                         date(2026, 11, 14), source="Seek")
        application(northwind, "Too early", date(2026, 10, 31))
        application(northwind, "Too late", date(2026, 11, 15))

        i1 = m.Interview.create(application=a1, at=noon(date(2026, 11, 6)), format="video")
        m.Interview.create(application=a3, at=noon(date(2026, 11, 7)), format="in_person", round=2)
        m.Interview.create(application=a2, at=noon(date(2026, 11, 8)), format="phone")
        m.Interview.create(application=a1, at=noon(date(2026, 11, 20)), format="video")
        m.InterviewInterviewer.create(interview=i1, contact=dmitri)

        def contact(app: int, day: date, purpose: str, **kw: object) -> None:
            values = {"channel": "email", "direction": "outgoing", "summary": f"{purpose} note"}
            values.update(kw)
            m.Interaction.create(application=app, at=noon(day), purpose=purpose, **values)

        contact(a1, date(2026, 11, 7), "thank_you", contact=dmitri, contact_name=CYRILLIC_NAME)
        contact(a3, date(2026, 11, 9), "feedback_request", channel="phone")
        contact(a4, date(2026, 11, 12), "follow_up", contact=priya, contact_name="Priya Shah",
                reply_received=True)
        contact(a2, date(2026, 11, 13), "follow_up", channel="linkedin")
        contact(a2, date(2026, 11, 11), "other", direction="incoming", summary="They said no")
        # the person was removed since: the name kept when it was logged stands in (schema v2)
        contact(a5, date(2026, 11, 14), "other", channel="linkedin", contact_name="Gone Person")
        contact(a1, date(2026, 11, 16), "follow_up")
    return dict(EXPECTED)
