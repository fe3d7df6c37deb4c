"""How values read in lists and forms: dates in the user's language, labels of vocabularies.

Dates the window *displays* (list columns, detail panes, the Today heading, a referee's
local time) follow the user's locale through ``QLocale()`` — "25 nov. 2026" on a French
desktop — in the British order (day, month, year; 24-hour clock) the app is written in.
Sentences the services generate in English ("fine from 2 Dec") take English names from
``desktop_app.dates`` instead, so a sentence never mixes two languages.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from desktop_app import vocab


def vocab_label(vocabulary: dict[str, str], word: str | None) -> str:
    """The translated label of a vocabulary word."""
    return QCoreApplication.translate("vocab", vocab.label(vocabulary, word))


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def short_date(value: date | None) -> str:
    """``25 Nov 2026`` (``25 nov. 2026`` in French); empty for no date."""
    if value is None:
        return ""
    return QLocale().toString(_qdate(value), "d MMM yyyy")


def day_month(value: date) -> str:
    """``25 Nov`` (``25 Kas`` in Turkish): a day in a list of this year's dates."""
    return QLocale().toString(_qdate(value), "d MMM")


def long_date_with_weekday(value: date) -> str:
    """``Wednesday 25 November 2026`` (``mercredi 25 novembre 2026`` in French)."""
    return QLocale().toString(_qdate(value), "dddd d MMMM yyyy")


def local_moment(value: datetime | None) -> str:
    """A moment in the user's local time: ``25 Nov 2026 14:05``; empty for no moment."""
    if value is None:
        return ""
    local = value.astimezone()
    return f"{short_date(local.date())} {clock_time(local)}"


def clock_time(value: datetime) -> str:
    """``14:05``: the wall-clock time of ``value`` as it is (no zone conversion), 24-hour."""
    return QLocale().toString(QTime(value.hour, value.minute), "HH:mm")


def short_weekday(value: date) -> str:
    """``Tue`` (``mar.`` in French): the day of the week of ``value``."""
    return QLocale().dayName(value.isoweekday(), QLocale.FormatType.ShortFormat)


def count_text(count: int, one: str, many: str, none: str | None = None) -> str:
    """``1 application``, ``3 applications``, and ``none`` (``No applications``) for 0 when given;
    ``many`` may hold ``{0}`` for the number (other ``{n}`` are left for the caller's ``format``),
    else the number goes first."""
    if count == 0 and none is not None:
        return none
    if count == 1:
        return one
    return many.replace("{0}", str(count)) if "{0}" in many else f"{count} {many}"


def person_role(kind: str, title: str) -> str:
    """``Recruiter, Talent Partner``: a contact's kind and job title, the title left out when it
    only repeats the kind ("Hiring manager, Hiring manager") and the kind when it is "other"."""
    from desktop_app import vocab

    label = vocab_label(vocab.CONTACT_KINDS, kind) if kind != "other" else ""
    title = title.strip()
    if label and title.casefold() == label.casefold():
        title = ""
    return ", ".join(p for p in (label, title) if p)


def counted(count: int, one: str, many: str) -> str:
    """``count`` with the noun that fits it: "1 entry", "3 entries", "0 entries" (English plurals;
    ``one`` and ``many`` come already translated from the caller's ``tr``)."""
    return f"{count} {one if count == 1 else many}"
