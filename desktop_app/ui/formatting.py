"""How values read in lists and forms: dates in British style, labels of vocabularies."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from desktop_app import vocab


def vocab_label(vocabulary: dict[str, str], word: str | None) -> str:
    """The translated label of a vocabulary word."""
    return QCoreApplication.translate("vocab", vocab.label(vocabulary, word))


def short_date(value: date | None) -> str:
    """``25 Nov 2026``; empty for no date."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def local_moment(value: datetime | None) -> str:
    """A moment in the user's local time: ``25 Nov 2026 14:05``."""
    if value is None:
        return ""
    local = value.astimezone()
    return f"{local.day} {local:%b %Y %H:%M}"
