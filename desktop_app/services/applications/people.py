"""Who an application's messages go to, found for many applications at once.

The recruiter when there is one (the advice: recruiter applications follow up with
the recruiter), else the last person in touch, else the interviewer; the senior HR or
management contact at the employer (rule 8); and everyone in touch last time (rule 9).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.store.db import db


@dataclass(frozen=True)
class People:
    """Who an application's messages go to, found in one pass over the store."""

    role: str
    employer: str
    agency: str | None
    #: who follow-ups go to: the recruiter when there is one (the advice), else the last person in touch
    main: tuple[int, str] | None
    senior: tuple[int, str] | None
    #: everyone in touch last time, for the re-approach
    everyone: tuple[str, ...]

    @property
    def subject(self) -> str:
        return f"{self.role} at {self.employer}"

    @property
    def whom(self) -> str:
        return self.main[1] if self.main else (self.agency or self.employer)


def people_of(app_ids: list[int], *, with_everyone: bool = True,
              last_contact: dict[int, int] | None = None) -> dict[int, People]:
    """Names and people of the given applications, in a handful of queries whatever their number.

    Raw SQL tuples, and aggregates computed by SQLite: for thousands of due items,
    building Peewee objects would cost more than the rules themselves. ``everyone``
    (the people from last time) is only filled in when ``with_everyone``. ``last_contact``
    (application id -> contact id) saves a query when the caller has already read it.
    """
    if not app_ids:
        return {}
    wanted = set(app_ids)
    database = db.obj
    # a short list is filtered by SQLite; a long one is cheaper to read whole and filter here
    few = len(wanted) <= 500
    marks = f"({','.join('?' * len(wanted))})"
    params = sorted(wanted) if few else []
    rows = database.execute_sql(
        "SELECT a.id, a.role, e.name, g.name, a.employer_id, a.recruiter_id, r.name FROM application a "
        "JOIN organisation e ON e.id = a.employer_id LEFT JOIN organisation g ON g.id = a.agency_id "
        f"LEFT JOIN contact r ON r.id = a.recruiter_id{f' WHERE a.id IN {marks}' if few else ''}", params).fetchall()
    if last_contact is None:
        # the person last written to or heard from (SQLite returns the row of the MAX)
        last_contact = {app_id: contact_id for app_id, contact_id, _at in database.execute_sql(
            "SELECT application_id, contact_id, MAX(at) FROM interaction WHERE contact_id IS NOT NULL "
            f"{f'AND application_id IN {marks} ' if few else ''}GROUP BY application_id", params)}
    # over the wanted applications, not every application's last contact (one changed: one look-up);
    # for a few applications only their people's names are read, not every contact's (issue 12: the
    # refresh after logging one contact)
    wanted_last = {c for app_id in wanted if (c := last_contact.get(app_id)) is not None}
    if few:
        ids = sorted(wanted_last)
        names = dict(database.execute_sql(
            f"SELECT id, name FROM contact WHERE id IN ({','.join('?' * len(ids))})", ids)) if ids else {}
    else:
        names = dict(database.execute_sql("SELECT id, name FROM contact"))
    last_person = {app_id: (c, names[c]) for app_id in wanted if (c := last_contact.get(app_id)) is not None}
    interviewer = {app_id: (contact_id, name) for app_id, contact_id, name, _at in database.execute_sql(
        "SELECT i.application_id, l.contact_id, c.name, MAX(i.at) FROM interview_interviewer l "
        "JOIN interview i ON i.id = l.interview_id JOIN contact c ON c.id = l.contact_id "
        f"{f'WHERE i.application_id IN {marks} ' if few else ''}GROUP BY i.application_id", params)}
    seniors: dict[int, tuple[int, str]] = {}
    employers = sorted({row[4] for row in rows}) if few else []
    of_employers = f"AND organisation_id IN ({','.join('?' * len(employers))}) " if few else ""
    for org_id, contact_id, name in database.execute_sql(
            f"SELECT organisation_id, id, name FROM contact WHERE kind = 'senior_hr' {of_employers}ORDER BY id",
            employers):
        seniors.setdefault(org_id, (contact_id, name))
    everyone: dict[int, list[str]] = {}
    if with_everyone:
        for app_id, name in database.execute_sql(
                # a removed contact is still one of the people from last time, by the name kept
                "SELECT x.application_id, COALESCE(c.name, x.contact_name) FROM interaction x "
                "LEFT JOIN contact c ON c.id = x.contact_id "
                f"{f'WHERE x.application_id IN {marks} ' if few else ''}ORDER BY x.at", params):
            if name:
                everyone.setdefault(app_id, []).append(name)
    out = {}
    for app_id, role, employer, agency_name, employer_id, recruiter_id, recruiter in rows:
        if app_id not in wanted:
            continue
        main = (recruiter_id, recruiter) if recruiter_id else (last_person.get(app_id) or interviewer.get(app_id))
        last_time = tuple(dict.fromkeys([*([recruiter] if recruiter else []), *everyone.get(app_id, ())]))
        out[app_id] = People(role, employer, agency_name, main, seniors.get(employer_id), last_time)
    return out
