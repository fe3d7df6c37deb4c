"""The Afterview data file (``docs/DATA_FORMAT.md``, version 2; version 1 still imports): export and import.

Import is all-or-nothing: the whole file is checked first, with messages that name the
record and the field (``applications[3].stage: 'maybe' is not one of …``); only then is
anything written, inside one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from desktop_app import clock, vocab
from desktop_app.files import atomic_write
from desktop_app.services.core import profile as profile_service
from desktop_app.services.core import settings as settings_service
from desktop_app.services.core.records import PROFILE_FIELDS, RECORDS, SETTINGS_FIELDS, Field, clean_value
from desktop_app.services.core.validation import InvalidValue
from desktop_app.services.vault import files as vault_files
from desktop_app.services.vault.pdf import VaultFileError
from desktop_app.store import models as m
from desktop_app.store.db import db
from desktop_app.store.errors import disk_full_message, is_disk_full

FORMAT = "afterview"
VERSION = 2
#: Versions this Afterview imports: version 2 added profile.country, organisations[].country and
#: interactions[].contact_name; a version 1 file simply lacks them (they take their defaults).
READABLE_VERSIONS = (1, 2)

#: Collections in the order they are written (each refers only to earlier ones).
COLLECTIONS = ("organisations", "contacts", "applications", "interviews", "interactions",
               "referees", "briefings", "references_given", "qualifications", "documents")
_ID_PREFIX = {"organisations": "o", "contacts": "c", "applications": "a", "interviews": "i",
              "interactions": "x", "referees": "r", "briefings": "b", "qualifications": "q",
              "documents": "d"}
_TOP_KEYS = ("format", "version", "exported_at", "profile", "settings") + COLLECTIONS


class DataFileError(ValueError):
    """The file cannot be imported; ``str()`` names the record and field and says why."""


@dataclass
class ImportReport:
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{n} {name.replace('_', ' ')}" for name, n in self.counts.items() if n]
        return "Imported " + (", ".join(parts) if parts else "no records") + "."


# ---------------------------------------------------------------- export

def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_data(*, now: datetime | None = None) -> dict[str, Any]:
    """The whole store as a data-file dictionary (deterministic apart from ``exported_at``)."""
    now = now or clock.utc_now()
    ids: dict[str, dict[int, str]] = {c: {} for c in COLLECTIONS}

    def ref(collection: str, db_id: int | None) -> str | None:
        return None if db_id is None else ids[collection][db_id]

    def plain(collection: str, row: m.BaseModel, skip: tuple[str, ...] = ()) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if RECORDS[collection].has_id:
            ids[collection][row.id] = f"{_ID_PREFIX[collection]}{len(ids[collection]) + 1}"
            out["id"] = ids[collection][row.id]
        for spec in RECORDS[collection].fields:
            if spec.name in skip:
                continue
            if spec.kind == "ref":
                out[spec.name] = ref(spec.target, getattr(row, spec.name + "_id"))  # type: ignore[arg-type]
            elif spec.kind != "refs":
                out[spec.name] = _iso(getattr(row, spec.name))
        return out

    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "exported_at": _iso(now.replace(microsecond=0))}
    data["profile"] = profile_service.get_profile().as_dict()
    data["settings"] = settings_service.get_settings().as_dict()
    data["organisations"] = [plain("organisations", o) for o in m.Organisation.select().order_by(m.Organisation.id)]
    data["contacts"] = [plain("contacts", c) for c in m.Contact.select().order_by(m.Contact.id)]
    history: dict[int, list[dict[str, str]]] = {}
    for s in m.StageChange.select().order_by(m.StageChange.on, m.StageChange.id):
        history.setdefault(s.application_id, []).append({"stage": s.stage, "on": _iso(s.on)})
    apps = []
    for a in m.Application.select().order_by(m.Application.id):
        rec = plain("applications", a, skip=("feedback", "notes"))
        rec["stage_history"] = history.get(a.id, [])
        rec["feedback"] = a.feedback
        rec["notes"] = a.notes
        apps.append(rec)
    data["applications"] = apps
    interviewers: dict[int, list[str]] = {}
    for link in m.InterviewInterviewer.select().order_by(m.InterviewInterviewer.id):
        interviewers.setdefault(link.interview_id, []).append(ref("contacts", link.contact_id))  # type: ignore[arg-type]
    interviews = []
    for i in m.Interview.select().order_by(m.Interview.id):
        rec = plain("interviews", i, skip=("notes",))
        rec["interviewers"] = interviewers.get(i.id, [])
        rec["notes"] = i.notes
        interviews.append(rec)
    data["interviews"] = interviews
    data["interactions"] = [plain("interactions", x) for x in m.Interaction.select().order_by(m.Interaction.id)]
    data["referees"] = [plain("referees", r) for r in m.Referee.select().order_by(m.Referee.id)]
    data["briefings"] = [plain("briefings", b) for b in m.Briefing.select().order_by(m.Briefing.id)]
    data["references_given"] = [plain("references_given", g) for g in m.ReferenceGiven.select().order_by(m.ReferenceGiven.id)]
    data["qualifications"] = [plain("qualifications", q) for q in m.Qualification.select().order_by(m.Qualification.id)]
    data["documents"] = [plain("documents", d, skip=("path",)) for d in m.Document.select().order_by(m.Document.id)]
    return data


def write_json_atomically(data: dict[str, Any], target: Path) -> None:
    """Write ``data`` as indented UTF-8 JSON to ``target``, replaced whole (mode 0600).

    Never a half-written file: on any error (``OSError``, or ``TypeError`` for a value
    JSON cannot hold) ``target`` is as it was and no temporary file is left.
    """
    with atomic_write(Path(target), "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def export_to_file(target: Path) -> None:
    write_json_atomically(export_data(), target)


# ---------------------------------------------------------------- import

def _fail(path: str, message: str) -> DataFileError:
    """The problem at ``path`` ("documents[0].path") named in the user's words ("The 1st document's file path")."""
    words = _in_words(path)
    words = words[:1].upper() + words[1:]
    joined = f"{words} {message}" if message.startswith(_VERB_STARTS) else f"{words}: {message}"
    return DataFileError(joined if joined.endswith((".", ")", "?")) else joined + ".")


#: how a message goes on straight after the record's name ("... date is required")
_VERB_STARTS = ("is ", "must ", "names ", "leads ", "needs ", "has ")
#: one record of each list, in the user's words
_NOUNS = {"organisations": "organisation", "contacts": "contact", "applications": "application",
          "interviews": "interview", "interactions": "logged contact", "referees": "referee",
          "briefings": "briefing", "references_given": "reference given", "qualifications": "qualification",
          "documents": "document"}
#: field names that do not read as words by themselves
_FIELD_WORDS = {"path": "file path", "at": "date", "on": "date", "sha256": "fingerprint (SHA-256)",
                "applied_on": "date applied", "feedback_on": "feedback date", "employer": "employer",
                "id": "id", "stage_history": "stage history", "consent_on": "consent date",
                "started_on": "start date", "awarded_on": "award date", "verify_expires_on": "share link expiry date",
                "employer_contacted_on": "date the employer contacted them"}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _in_words(path: str) -> str:
    """``applications[2].stage_history[0].on`` → "the 1st stage change of the 3rd application's date"."""
    import re

    found = re.fullmatch(r"(\w+)\[(\d+)\](?:\.stage_history\[(\d+)\])?(?:\.(\w+))?", path)
    if found and found.group(1) in _NOUNS:
        collection, index, change, name = found.groups()
        thing = f"the {_ordinal(int(index) + 1)} {_NOUNS[collection]}"
        if change is not None:
            thing = f"the {_ordinal(int(change) + 1)} stage change of {thing}"
        if name is None:
            return thing
        return f"{thing}'s {_FIELD_WORDS.get(name, name.replace('_', ' '))}"
    found = re.fullmatch(r"(profile|settings)\.(\w+)", path)
    if found:
        owner = "your profile's" if found.group(1) == "profile" else "the settings'"
        return f"{owner} {_FIELD_WORDS.get(found.group(2), found.group(2).replace('_', ' '))}"
    if path in _NOUNS:
        return "the references given" if path == "references_given" else f"the {_NOUNS[path]}s"
    return f"the data file's {path}" if path in ("format", "version") else f"the data file's {path!r}"


#: How deep objects and lists may nest in a data file. Afterview writes four levels; the
#: limit stops a hostile file (100,000 levels) long before Python's recursion would.
MAX_DEPTH = 64


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's keys, refusing one given twice (JSON leaves it open, RFC 8259 §4;
    silently keeping the last would import something the user never saw)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DataFileError(f"The key {key!r} appears twice in the same object; "
                                "the file is ambiguous, so nothing was imported.")
        out[key] = value
    return out


def _depth_of(text: str) -> int:
    """How deep brackets nest in JSON ``text`` (brackets inside strings not counted)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def read_file(source: Path) -> dict[str, Any]:
    """The JSON object in the data file ``source``; raises :class:`DataFileError` saying why not.

    UTF-8, with or without a byte-order mark; refused: not UTF-8, not JSON, nested more
    than :data:`MAX_DEPTH` deep, a key twice in one object, anything but an object at the top.
    """
    try:
        # utf-8-sig: a byte-order mark (Windows Notepad adds one) is read past, not refused
        text = Path(source).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataFileError(f"There is no file {source}.") from None
    except UnicodeDecodeError:
        raise DataFileError(f"{source} is not a text file in UTF-8; it cannot be an Afterview data file.") from None
    except OSError as exc:
        raise DataFileError(f"Afterview cannot read {source}: {exc.strerror or exc}.") from None
    if _depth_of(text) > MAX_DEPTH:
        raise DataFileError(f"{source} nests its records more than {MAX_DEPTH} levels deep; "
                            "an Afterview data file never does, so it was not read.")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except RecursionError:
        raise DataFileError(f"{source} nests its records too deeply to be an Afterview data file.") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") from None
    if not isinstance(data, dict):
        raise DataFileError("The data file must hold a JSON object at the top.")
    return data


@dataclass
class _Checked:
    """The file, checked and cleaned, ready to be written."""

    profile: dict[str, Any] | None = None
    settings: dict[str, Any] | None = None
    records: dict[str, list[tuple[str | None, dict[str, Any]]]] = field(default_factory=dict)


def _clean_object(path: str, raw: Any, fields: tuple[Field, ...], extra: tuple[str, ...] = ()) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _fail(path, "must be a JSON object")
    known = {f.name for f in fields} | set(extra)
    for key in raw:
        if key not in known:
            raise _fail(path, f"has an unknown key {key!r} (expected one of {', '.join(sorted(known))})")
    out: dict[str, Any] = {}
    ordered = sorted(fields, key=lambda f: f.region_from is not None)
    for spec in ordered:
        value = raw.get(spec.name)
        if spec.kind == "refs":
            out[spec.name] = value if value is not None else []
            continue
        region = out.get(spec.region_from) if spec.region_from else None
        try:
            out[spec.name] = clean_value(spec, value, region=region)
        except InvalidValue as exc:
            raise _fail(f"{path}.{spec.name}", str(exc)) from None
    return out


def check_data(data: dict[str, Any], base_dir: Path | None = None) -> _Checked:
    """Check the whole file; raises :class:`DataFileError` at the first problem."""
    if not isinstance(data, dict):
        raise DataFileError("The data file must hold a JSON object at the top.")
    for key in data:
        if key not in _TOP_KEYS:
            raise DataFileError(f"The data file has an unknown key {key!r} "
                                f"(expected one of {', '.join(_TOP_KEYS)}).")
    if data.get("format") != FORMAT:
        raise _fail("format", f"must be \"{FORMAT}\" (this is not an Afterview data file)")
    if data.get("version") not in READABLE_VERSIONS or isinstance(data.get("version"), bool):
        raise _fail("version", f"{data.get('version')!r} is not supported (this Afterview reads versions "
                               f"{', '.join(map(str, READABLE_VERSIONS))})")
    checked = _Checked()
    if data.get("profile") is not None:
        checked.profile = _clean_object("profile", data["profile"], PROFILE_FIELDS)
    if data.get("settings") is not None:
        checked.settings = _clean_object("settings", data["settings"], SETTINGS_FIELDS)
    ids: dict[str, set[str]] = {}
    for collection in COLLECTIONS:
        raw_list = data.get(collection, [])
        if raw_list is None:
            raw_list = []
        if not isinstance(raw_list, list):
            raise _fail(collection, "must be a list")
        record = RECORDS[collection]
        seen: set[str] = set()
        cleaned_list = []
        for index, raw in enumerate(raw_list):
            path = f"{collection}[{index}]"
            extra = ("id",) if record.has_id else ()
            if collection == "applications":
                extra += ("stage_history",)
            cleaned = _clean_object(path, raw, record.fields, extra)
            file_id = None
            if record.has_id:
                file_id = raw.get("id")
                if not isinstance(file_id, str) or not file_id:
                    raise _fail(f"{path}.id", "is required (any text, unique in this list)")
                if file_id in seen:
                    raise _fail(f"{path}.id", f"'{file_id}' is used twice in {collection}")
                seen.add(file_id)
            _check_refs(path, record.fields, cleaned, ids)
            if collection == "applications":
                cleaned["stage_history"] = _check_history(path, raw.get("stage_history"))
            cleaned_list.append((file_id, cleaned))
        ids[collection] = seen
        checked.records[collection] = cleaned_list
    _check_unique_references(checked.records["references_given"])
    _check_documents(checked.records["documents"], base_dir)
    return checked


def _check_refs(path: str, fields: tuple[Field, ...], cleaned: dict[str, Any], ids: dict[str, set[str]]) -> None:
    for spec in fields:
        if spec.kind not in ("ref", "refs"):
            continue
        value = cleaned[spec.name]
        values = value if spec.kind == "refs" else ([] if value is None else [value])
        if spec.kind == "refs" and not isinstance(value, list):
            raise _fail(f"{path}.{spec.name}", "must be a list of ids")
        for ref in values:
            if not isinstance(ref, str) or ref not in ids.get(spec.target, set()):  # type: ignore[arg-type]
                raise _fail(f"{path}.{spec.name}", f"{ref!r} is not an id in {spec.target}")
        if spec.kind == "refs" and len(set(values)) != len(values):
            raise _fail(f"{path}.{spec.name}", "names the same id twice")


def _check_history(path: str, raw: Any) -> list[tuple[str, date]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _fail(f"{path}.stage_history", "must be a list")
    out = []
    for i, entry in enumerate(raw):
        where = f"{path}.stage_history[{i}]"
        if not isinstance(entry, dict):
            raise _fail(where, "must be a JSON object")
        for key in entry:
            if key not in ("stage", "on"):
                raise _fail(f"{where}.{key}", "unknown key (expected one of on, stage)")
        try:
            stage = clean_value(Field("stage", "enum", required=True, choices=vocab.STAGES), entry.get("stage"))
        except InvalidValue as exc:
            raise _fail(f"{where}.stage", str(exc)) from None
        try:
            on = clean_value(Field("on", "date", required=True), entry.get("on"))
        except InvalidValue as exc:
            raise _fail(f"{where}.on", str(exc)) from None
        out.append((stage, on))
    return out


def _check_unique_references(records: list[tuple[str | None, dict[str, Any]]]) -> None:
    seen: set[tuple[str, str]] = set()
    for index, (_, rec) in enumerate(records):
        pair = (rec["referee"], rec["application"])
        if pair in seen:
            raise _fail(f"references_given[{index}]", "this referee is already given to this application")
        seen.add(pair)


def _store_document_file(path: Path, expected_sha256: str | None) -> tuple[str, int, int]:
    """Store a document's file in the vault; returns (sha256, pages, size in bytes).

    Called inside the import's transaction, after the whole data file was checked.
    Raises :class:`DataFileError` naming the file when the vault refuses it.
    """
    try:
        stored = vault_files.store_file(Path(path), expected_sha256=expected_sha256)
    except VaultFileError as exc:
        raise DataFileError(f"{path}: {exc}") from None
    except OSError as exc:
        if is_disk_full(exc):
            raise DataFileError(disk_full_message(_data_folder(), Path(path).stat().st_size)) from None
        raise DataFileError(f"{path}: Afterview could not store it ({exc.strerror or exc}).") from None
    return stored.sha256, stored.pages, stored.size


def _check_documents(records: list[tuple[str | None, dict[str, Any]]], base_dir: Path | None) -> None:
    for index, (_, rec) in enumerate(records):
        path = f"documents[{index}]"
        sha = rec.get("sha256")
        if sha is not None and (len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha)):
            raise _fail(f"{path}.sha256", "must be 64 lower-case hexadecimal digits")
        if rec.get("path"):
            # only a file beside the data file (or in a folder under it): a data file from
            # someone else must not pull any readable file of this computer into the vault
            folder = (base_dir or Path.cwd()).absolute()
            source = Path(rec["path"])
            if source.is_absolute() or source.drive:
                raise _fail(f"{path}.path", f"'{rec['path']}' is not relative to the data file's folder "
                                            "(name the file from the data file's own folder)")
            source = folder / source
            try:
                inside = source.resolve().is_relative_to(folder.resolve())
            except (OSError, RuntimeError):
                inside = False
            if not inside:
                raise _fail(f"{path}.path", f"'{rec['path']}' leads out of the data file's folder")
            if not source.is_file():
                raise _fail(f"{path}.path", f"there is no file {source}")
            rec["path"] = source
        else:
            if sha is None:
                raise _fail(f"{path}.sha256", "is required when the record has no path")
            if not m.Document.select().where(m.Document.sha256 == sha).exists():
                raise _fail(f"{path}.sha256", "no file with this fingerprint is in the vault "
                                              "(give the file's path to add it)")


def import_data(data: dict[str, Any], *, base_dir: Path | None = None,
                backup_first: bool = False) -> ImportReport:
    """Check, then write everything in one transaction. Raises :class:`DataFileError`.

    ``backup_first``: once the file is found good, an automatic backup (``before-import``)
    is taken before anything is written; if it cannot be, nothing is imported.
    """
    checked = check_data(data, base_dir)
    if backup_first:
        from desktop_app.services import backup
        from desktop_app.store.backup.automatic import BEFORE_IMPORT

        try:
            backup.backup_before(BEFORE_IMPORT)
        except backup.BackupError as exc:
            raise DataFileError(f"Afterview could not back up your data first: {exc}") from None
    report = ImportReport()
    db_ids: dict[str, dict[str, int]] = {c: {} for c in COLLECTIONS}

    def resolve(collection: str, rec: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for spec in RECORDS[collection].fields:
            value = rec.get(spec.name)
            if spec.kind == "ref":
                value = None if value is None else db_ids[spec.target][value]  # type: ignore[index]
            elif spec.kind == "refs":
                continue
            if spec.name == "path":
                continue
            out[spec.name] = value
        return out

    try:
        _write_checked(checked, report, db_ids, resolve)
    except DataFileError:
        raise
    except Exception as exc:
        # the transaction is rolled back whole; say why in the user's words
        if is_disk_full(exc):
            raise DataFileError(disk_full_message(_data_folder())) from None
        if "database is locked" in str(exc):
            raise DataFileError("Another program kept Afterview's database busy, so nothing was "
                                "imported. Try again in a moment.") from None
        raise
    from desktop_app.services.core import undo

    undo.clear()  # the steps were about the records just replaced
    return report


def _data_folder() -> Path:
    return Path(str(db.obj.database)).parent if db.obj is not None else Path.cwd()


def _write_checked(checked: _Checked, report: ImportReport, db_ids: dict[str, dict[str, int]],
                   resolve: Any) -> None:
    """Write what :func:`check_data` accepted, in one transaction (all or nothing)."""
    with db.atomic():
        if checked.profile is not None:
            profile_service.save_profile({k: v for k, v in checked.profile.items()})
        if checked.settings is not None:
            settings_service.save_settings(checked.settings)
        for collection in COLLECTIONS:
            model = _model(collection)
            for file_id, rec in checked.records[collection]:
                values = resolve(collection, rec)
                if collection == "interactions" and values["contact"] and not values.get("contact_name"):
                    values["contact_name"] = m.Contact.get_by_id(values["contact"]).name  # a version 1 file
                if collection == "documents":
                    values.update(_document_values(rec))
                row = model.create(**values)
                if file_id is not None:
                    db_ids[collection][file_id] = row.id
                if collection == "applications":
                    for stage, on in rec["stage_history"]:
                        m.StageChange.create(application=row, stage=stage, on=on)
                if collection == "interviews":
                    for contact in rec["interviewers"]:
                        m.InterviewInterviewer.create(interview=row, contact=db_ids["contacts"][contact])
            report.counts[collection] = len(checked.records[collection])


def _document_values(rec: dict[str, Any]) -> dict[str, Any]:
    """sha256/pages/size of a document: from the stored file, or from the vault's record."""
    values: dict[str, Any] = {}
    if rec.get("path"):
        sha, pages, size = _store_document_file(rec["path"], rec.get("sha256"))
        values.update(sha256=sha, pages=pages, size=size)
    else:
        existing = m.Document.select().where(m.Document.sha256 == rec["sha256"]).first()
        values.update(pages=existing.pages, size=existing.size)
    if rec.get("added_at") is None:
        values["added_at"] = clock.utc_now().replace(microsecond=0)
    return values


def _model(collection: str) -> type[m.BaseModel]:
    from desktop_app.services.core.crud import MODELS

    return MODELS[collection]


def import_from_file(source: Path) -> ImportReport:
    source = Path(source)
    return import_data(read_file(source), base_dir=source.parent.absolute(), backup_first=True)
