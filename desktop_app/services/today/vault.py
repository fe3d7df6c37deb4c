"""The vault's part of the Today list (and of ``afterview due``): ``missing_transcript``.

A qualification without its full transcript is flagged every day until the transcript
is added (or the user dismisses the item): a certificate alone is easily forged, so an
employer who checks will want the transcript (PRODUCT.md rule 4).
"""

from __future__ import annotations

from datetime import date

from desktop_app.rules import qualifications as qualification_rules
from desktop_app.services.today.item import DueItem
from desktop_app.services.core.settings import AdviceSettings
from desktop_app.services.vault.qualifications import list_qualification_rows


def missing_transcript_items(today: date, _settings: AdviceSettings) -> list[DueItem]:
    items = []
    for row in list_qualification_rows():
        if row.flag is None or not qualification_rules.missing_transcript(row.has_transcript):
            continue
        items.append(DueItem(kind="missing_transcript", due_on=today, subject=row.title, text=row.flag,
                             key=f"missing_transcript:{row.id}", qualification_id=row.id))
    return items

