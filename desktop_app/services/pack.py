"""The reference pack as a use case: what may go in, what is weak, and making it.

The dialog and the command line both go through here: `pack_options` lists what
can be ticked (with the defaults of issue 6 already ticked), `check_pack` says
what is weak about a choice, and `produce_pack` gathers the plain values, has
`desktop_app.pack` write the PDF, and records that a pack went out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_app import clock, dates, vocab
from desktop_app.dates import as_date
from desktop_app.pack import (
    PackContent, PackDocument, PackError, PackProfile, PackQualification, PackReferee, PackResult,
    build_pack,
)
from desktop_app.pack.content import PackSignature
from desktop_app.pack.verification import is_link
from desktop_app.rules import qualifications as qualification_rules
from desktop_app.rules import referees as referee_rules
from desktop_app.services.core.profile import get_profile
from desktop_app.progress import CancelledFn, ProgressFn, never_cancelled, no_progress
from desktop_app.services.core.settings import get_settings
from desktop_app.services.vault import files as vault_files
from desktop_app.services.vault import signatures as vault_signatures
from desktop_app.services.vault import verify as vault_verify
from desktop_app.store.claim import registered_write
from desktop_app.store import models as m

__all__ = [
    "PackCheck", "PackChoice", "PackOption", "PackOptions", "UnusableDocument",
    "application_label", "check_pack", "gather_pack", "pack_options", "produce_pack", "suggested_file_name",
    "reattach_step", "unusable_documents", "unusable_message",
]

#: The vault's documents that prove a qualification, in the order they are appended.
PROOF_KINDS = ("transcript", "certificate")
#: The order every document linked to a qualification is appended in: the proofs first, then
#: what else the user linked ("Other", a reference letter...), in the vault's order of kinds.
#: Nothing linked is left out silently (issue 15): the user chose to link it.
APPENDED_KINDS = PROOF_KINDS + tuple(kind for kind in vocab.DOCUMENT_KINDS if kind not in PROOF_KINDS)


@dataclass(frozen=True)
class PackCheck:
    """Something weak about a pack, said so the user knows what to do about it."""

    kind: str
    text: str


@dataclass(frozen=True)
class PackChoice:
    """What the user chose to put in a pack (application None: a general pack).

    ``print_pins``: print the share links' PINs in this pack (off unless the user ticks it:
    a PIN lets anyone holding the pack open the record). ``left_out``: the fingerprints
    (SHA-256) of linked documents the user chose to leave out of this pack, because their stored
    file is missing or changed (:func:`unusable_documents`).
    """

    application_id: int | None
    referee_ids: tuple[int, ...]
    qualification_ids: tuple[int, ...]
    print_pins: bool = False
    left_out: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PackOption:
    """One tickable line: a referee or a qualification."""

    id: int
    label: str
    detail: str
    ticked: bool


@dataclass(frozen=True)
class PackOptions:
    applications: list[tuple[int, str]]
    referees: list[PackOption]
    qualifications: list[PackOption]
    #: the qualifications whose share link has a PIN (the dialog offers to print them)
    with_pin: frozenset[int] = frozenset()

    def default_choice(self, application_id: int | None) -> PackChoice:
        return PackChoice(application_id, tuple(o.id for o in self.referees if o.ticked),
                          tuple(o.id for o in self.qualifications if o.ticked))


def application_label(application: m.Application) -> str:
    return f"{application.role} at {application.employer.name}"


def _given_to(application_id: int) -> set[int]:
    return {row.referee_id for row in m.ReferenceGiven.select(m.ReferenceGiven.referee)
            .where(m.ReferenceGiven.application == application_id)}


def pack_options(application_id: int | None) -> PackOptions:
    """Everything the dialog offers, ticked as issue 6 says.

    Referees: those given to the application, or (general pack, or none given
    yet) every active one. Qualifications: all of them.
    """
    applications = [(a.id, application_label(a)) for a in
                    m.Application.select(m.Application, m.Organisation)
                    .join(m.Organisation, on=(m.Application.employer == m.Organisation.id))
                    .order_by(m.Application.applied_on.desc(), m.Application.id.desc())]
    given = _given_to(application_id) if application_id is not None else set()
    referees = []
    for r in m.Referee.select().order_by(m.Referee.active.desc(), m.Referee.name, m.Referee.id):
        if not r.active and r.id not in given:
            continue  # retired referees stay out of the list unless already given
        detail = vocab.label(vocab.RELATIONSHIPS, r.relationship)
        if r.organisation:
            detail += f", {r.organisation}"
        if r.id in given:
            detail += " · given to this application"
        referees.append(PackOption(r.id, r.name, detail, r.id in given if given else r.active))
    held = _proof_kinds()
    qualifications = []
    for q in m.Qualification.select().order_by(m.Qualification.awarded_on.desc(nulls="LAST"), m.Qualification.title):
        kinds = held.get(q.id, set())
        detail = q.institution + (" · transcript" if "transcript" in kinds else " · no transcript")
        qualifications.append(PackOption(q.id, q.title, detail, True))
    with_pin = frozenset(q.id for q in m.Qualification.select(m.Qualification.id)
                         .where(m.Qualification.verify_pin != ""))
    return PackOptions(applications, referees, qualifications, with_pin)


def _proof_kinds() -> dict[int, set[str]]:
    held: dict[int, set[str]] = {}
    for qualification_id, kind in (m.Document.select(m.Document.qualification, m.Document.kind)
                                   .where(m.Document.qualification.is_null(False)).tuples()):
        held.setdefault(qualification_id, set()).add(kind)
    return held


def _briefing_facts(referee_ids: tuple[int, ...]) -> dict[int, list[referee_rules.BriefingFacts]]:
    facts: dict[int, list[referee_rules.BriefingFacts]] = {}
    for referee_id, application_id, on in (m.Briefing.select(m.Briefing.referee, m.Briefing.application, m.Briefing.on)
                                           .where(m.Briefing.referee.in_(list(referee_ids))).tuples()):
        on = on if isinstance(on, date) else date.fromisoformat(on)
        facts.setdefault(referee_id, []).append(referee_rules.BriefingFacts(application_id, on))
    return facts


#: The readiness findings in the pack's terms: about the referees ticked for this
#: pack, not about every referee the user keeps.
_SET_SENTENCES = {
    "too_few_referees": "This pack has fewer than two referees: employers expect at least two.",
    "no_direct_manager": ("None of the referees in this pack is a direct manager: employers normally expect "
                          "a former direct manager, or three referees of different relationships."),
}


def check_pack(choice: PackChoice, today: date | None = None) -> list[PackCheck]:
    """What is weak about this choice (rules 1, 2 and 4); the user may go on anyway.

    The decisions are the rules' own (`rules.referees`, `rules.qualifications`),
    applied to what is ticked for this pack.
    """
    today = today or clock.today()
    checks: list[PackCheck] = []
    referees = list(m.Referee.select().where(m.Referee.id.in_(list(choice.referee_ids))).order_by(m.Referee.name))
    if choice.application_id is not None:
        employer = m.Application.get_by_id(choice.application_id).employer.name
        valid_days = get_settings().briefing_valid_days
        facts = _briefing_facts(choice.referee_ids)
        for referee in referees:
            if not referee_rules.briefed_for(choice.application_id, facts.get(referee.id, ()), today=today,
                                             valid_days=valid_days):
                checks.append(PackCheck("brief_referee", referee_rules.brief_before_call_text(referee.name, employer)
                                        + ": they have not been told about this application."))
    # Every ticked referee counts as active here: the pack is what the employer sees.
    for finding in referee_rules.readiness(referee_rules.RefereeFacts(r.name, r.relationship) for r in referees):
        checks.append(PackCheck(finding.kind, _SET_SENTENCES.get(finding.kind) or finding.sentence()))
    held = _proof_kinds()
    for q in (m.Qualification.select().where(m.Qualification.id.in_(list(choice.qualification_ids)))
              .order_by(m.Qualification.title)):
        kinds = held.get(q.id, set())
        flag = qualification_rules.transcript_flag("transcript" in kinds, "certificate" in kinds)
        if flag:
            checks.append(PackCheck("missing_transcript", f"{q.title}: {flag}."))
        if q.verify_expires_on is not None:
            expires_on = as_date(q.verify_expires_on)
            if today >= qualification_rules.share_link_notice_from(expires_on):
                text = qualification_rules.share_link_text(q.title, expires_on, today) + "."
                if expires_on < today:
                    text += f" The pack will say “Link expired on {dates.long_date(expires_on)}”."
                checks.append(PackCheck("share_link_expiring", text))
        if qualification_rules.looks_like_a_link(q.verify) and not is_link(q.verify):
            checks.append(PackCheck("verify_link_unusable",
                                    f"{q.title}: the verification link “{q.verify.strip()}” is not a web link the "
                                    "pack can print with a QR code: correct it (Vault → Edit qualification)."))
    # A stored file that changed on disk would stop the build: said now, with the next step
    # (issue 15), rather than when the pack is made. One stat per file once it was checked.
    for unusable in unusable_documents(choice):
        checks.append(PackCheck("document_changed", f"{unusable.problem} {reattach_step(unusable.document_id)}"))
    profile = get_profile()
    for value, what in ((profile.email, "email address"), (profile.phone, "phone number")):
        if not value:
            checks.append(PackCheck("profile_incomplete", f"Your profile has no {what}: add one so the employer "
                                                          "can reach you (Edit → Profile)."))
    return checks


def reattach_step(document_id: int | None = None) -> str:
    """The next step for a document whose stored file is missing or changed, in the window's
    words and the command line's (issue 15, fresh eyes: one vocabulary, Re-attach…, everywhere)."""
    which = document_id if document_id is not None else "ID"
    return (f"(Vault tab: select it, then Re-attach… or Remove; or in a terminal: "
            f"afterview vault reattach {which} FILE.)")


@dataclass(frozen=True)
class UnusableDocument:
    """A document linked to a ticked qualification whose stored file cannot go into a pack."""

    document_id: int
    name: str
    sha256: str
    #: "missing" or "changed" (``vault_verify.MISSING`` / ``CHANGED``)
    state: str
    #: what is wrong and what to do, in the user's words (``vault_verify.file_problem``)
    problem: str


def unusable_documents(choice: PackChoice) -> list[UnusableDocument]:
    """Every document the pack would append whose stored file is missing or changed, by name;
    those in ``choice.left_out`` are not listed. One ``stat`` per file once it was found intact
    (``vault_verify.stored_file_state``); raises nothing.

    Issue 15, fresh eyes: the dialog offered "Go on anyway…" and then failed on the first such
    file only; now the dialog and ``afterview pack`` ask this before the pack is built.
    """
    found: list[UnusableDocument] = []
    checked: set[str] = set(choice.left_out)
    for document in (m.Document.select().where(m.Document.qualification.in_(list(choice.qualification_ids)))
                     .order_by(m.Document.original_name)):
        if document.sha256 in checked:
            continue
        checked.add(document.sha256)
        state = vault_verify.stored_file_state(document.sha256)
        if state != vault_verify.OK:
            found.append(UnusableDocument(document.id, document.original_name, document.sha256, state,
                                          vault_verify.file_problem(document.original_name, document.sha256)))
    return found


def unusable_message(unusable: list[UnusableDocument]) -> str:
    """Every unusable document on a line of its own (with its id, for the command line), then
    the next step once."""
    lines = [f"• {u.name} [{u.document_id}]: " + ("missing from the vault folder" if u.state == vault_verify.MISSING
                                                   else "changed on disk since it was added") for u in unusable]
    return "\n".join(lines + ["Re-attach each one from your own copy, or remove it: in the Vault tab, select it, "
                              "then Re-attach… or Remove; in a terminal, afterview vault reattach ID FILE "
                              "(the ID in brackets)."])


def stored_file(sha256: str) -> Path:
    """Where the vault keeps a document's file."""
    return vault_files.stored_path(sha256)


def _documents(qualifications: list[m.Qualification], left_out: frozenset[str] = frozenset()
               ) -> tuple[PackDocument, ...]:
    order = {q.id: index for index, q in enumerate(qualifications)}
    titles = {q.id: q.title for q in qualifications}
    rows = m.Document.select().where(m.Document.qualification.in_(list(order)))
    rank = {kind: index for index, kind in enumerate(APPENDED_KINDS)}
    rows = sorted(rows, key=lambda d: (order[d.qualification_id], rank.get(d.kind, len(rank)), d.added_at, d.id))
    documents, seen = [], set()
    for d in rows:
        if d.sha256 in seen or d.sha256 in left_out:
            continue  # one file linked twice is sent once; one the user left out is not sent
        seen.add(d.sha256)
        documents.append(PackDocument(stored_file(d.sha256), d.kind, d.original_name, d.sha256, d.pages,
                                      titles[d.qualification_id], _signatures(d)))
    return tuple(documents)


def _signatures(document: m.Document) -> tuple[PackSignature, ...]:
    # Read only: a document never checked (from before schema v2) is checked now but the
    # result is not stored, so `afterview pack` can run beside the window (issue 14's claim).
    found = vault_signatures.from_json(document.signatures)
    if found is None:
        try:
            found = tuple(vault_signatures.check_pdf_file(stored_file(document.sha256)))
        except OSError:
            return ()  # the build itself says that the file cannot be read
    return tuple(PackSignature(s.signer, s.signed_on, s.intact, s.self_signed) for s in found)


def gather_pack(choice: PackChoice, today: date | None = None) -> PackContent:
    """The pack's plain values, in the order the dialog lists them."""
    profile = get_profile()
    application = (m.Application.get_by_id(choice.application_id) if choice.application_id is not None
                   else None)
    referees = sorted(m.Referee.select().where(m.Referee.id.in_(list(choice.referee_ids))),
                      key=lambda r: choice.referee_ids.index(r.id))
    qualifications = sorted(m.Qualification.select().where(m.Qualification.id.in_(list(choice.qualification_ids))),
                            key=lambda q: choice.qualification_ids.index(q.id))
    return PackContent(
        profile=PackProfile(profile.name, profile.email, profile.phone, profile.linkedin, profile.location),
        role=application.role if application else None,
        organisation=application.employer.name if application else None,
        made_on=today or clock.today(),
        referees=tuple(PackReferee(r.name, r.relationship, r.worked_together, r.title, r.organisation, r.email,
                                   r.phone, r.preferred_channel, r.time_zone, r.country, r.online_questionnaire)
                       for r in referees),
        qualifications=tuple(PackQualification(q.title, q.institution, q.level, q.started_on, q.awarded_on,
                                               q.grade, q.verify, q.verify_expires_on,
                                               q.verify_pin if choice.print_pins else "", q.name_at_study)
                             for q in qualifications),
        documents=_documents(qualifications, choice.left_out),
    )


def suggested_file_name(choice: PackChoice) -> str:
    """"Reference pack – Sam Taylor – Northwind Ltd.pdf", safe on every file system."""
    parts = ["Reference pack", get_profile().name.strip()]
    if choice.application_id is not None:
        application = m.Application.get_or_none(m.Application.id == choice.application_id)
        if application is not None:
            parts.append(application.employer.name.strip())
    name = " – ".join(part for part in parts if part)
    return "".join(c if c.isalnum() or c in " –-_.,()&" else "_" for c in name) + ".pdf"


def produce_pack(choice: PackChoice, out_path: Path, progress: ProgressFn = no_progress,
                 cancelled: CancelledFn = never_cancelled, today: date | None = None,
                 record: bool = True) -> PackResult:
    """Write the pack to `out_path` and, when `record`, record that it went out (a PackExport row).

    `record=False` only reads the data (signatures never checked before are checked, not
    stored): `afterview pack` runs so, beside the window that holds the writer's claim.

    Raises `PackError` (a ValueError, with a message for the user: every document whose stored
    file is missing or changed is named, unless left out) or `desktop_app.progress.Cancelled`;
    either way no file is left at `out_path` and nothing is recorded.
    """
    unusable = unusable_documents(choice)
    if unusable:
        raise PackError(("This document cannot go into a pack:\n" if len(unusable) == 1 else
                         "These documents cannot go into a pack:\n") + unusable_message(unusable))
    content = gather_pack(choice, today)
    with registered_write(out_path):  # a pack killed half-way leaves no .part behind for good
        result = build_pack(content, out_path, progress, cancelled)
    if not record:
        return result
    m.PackExport.create(
        application=choice.application_id, made_at=clock.utc_now(),
        referees=json.dumps([r.name for r in content.referees], ensure_ascii=False),
        documents=json.dumps([{"name": d.original_name, "sha256": d.sha256} for d in content.documents],
                             ensure_ascii=False))
    return result
