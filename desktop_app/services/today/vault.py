"""The vault's part of the Today list (and of ``afterview due``): ``missing_transcript``, ``share_link_expiring``.

A qualification without its full transcript is flagged every day until the transcript
is added (or the user dismisses the item): a certificate alone is easily forged, so an
employer who checks will want the transcript (PRODUCT.md rule 4).
"""

from __future__ import annotations

from datetime import date

from desktop_app import vocab
from desktop_app.dates import as_date
from desktop_app.rules import qualifications as qualification_rules
from desktop_app.services.today.item import DueItem
from desktop_app.services.core.kept import kept
from desktop_app.services.core.settings import AdviceSettings
from desktop_app.services.vault.qualifications import list_qualification_rows
from desktop_app.store import models as m


@kept(m.Qualification, m.Document)
def missing_transcript_items(today: date, _settings: AdviceSettings) -> list[DueItem]:
    """``missing_transcript`` items on ``today``; kept in memory until the qualifications or
    documents are written (``services.core.kept``, issue 12)."""
    items = []
    for row in list_qualification_rows():
        if row.flag is None or not qualification_rules.missing_transcript(row.has_transcript):
            continue
        items.append(DueItem(kind="missing_transcript", due_on=today, subject=row.title, text=row.flag,
                             key=f"missing_transcript:{row.id}", qualification_id=row.id))
    return items



@kept(m.Application, m.Qualification)
def share_link_items(today: date, _settings: AdviceSettings) -> list[DueItem]:
    """``share_link_expiring``: a qualification's share link expires within two weeks (or has
    expired) while an application is live, so an employer may be about to use it.

    Due from ``rules.qualifications.share_link_notice_from``, filed under ``share_link_due_on`` so
    the Today list counts to the expiry day ("Today" while the link works, "N days overdue" only
    after it expired N days ago); the key names the expiry day,
    so a renewed link (a new day) is a new item even after the old one was dismissed.
    Kept in memory until the applications or qualifications are written (``services.core.kept``).
    """
    if not m.Application.select().where(m.Application.stage.in_(sorted(vocab.LIVE_STAGES))).exists():
        return []
    items = []
    for q in m.Qualification.select().where(m.Qualification.verify_expires_on.is_null(False)):
        expires_on = as_date(q.verify_expires_on)
        items.append(DueItem(kind="share_link_expiring",
                             due_on=qualification_rules.share_link_due_on(expires_on, today), subject=q.title,
                             text=qualification_rules.share_link_text(q.title, expires_on, today),
                             key=f"share_link_expiring:{q.id}:{expires_on.isoformat()}", qualification_id=q.id))
    return items
