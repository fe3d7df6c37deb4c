"""``afterview data export`` and ``afterview data import``, run as a user would: in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.services.exchange.demo import demo_data
from tests.helpers.cli import run


def test_data_export_and_import_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(demo_data(), ensure_ascii=False), encoding="utf-8")
    result = run("data", "import", str(source), "--data-dir", str(tmp_path / "a"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 12 organisations")
    out = tmp_path / "out.json"
    result = run("--data-dir", str(tmp_path / "a"), "data", "export", str(out))
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text("utf-8"))
    assert len(exported["applications"]) == 12


def test_a_bad_import_exits_non_zero_and_names_the_field(tmp_path: Path) -> None:
    data = demo_data()
    data["applications"][3]["stage"] = "maybe"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = run("data", "import", str(source), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 1
    assert "nothing was imported" in result.stderr
    assert "The 4th application's stage: 'maybe' is not one of" in result.stderr


def _hostile_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Data files a stranger could send, each with the words its refusal must contain."""
    files: dict[str, tuple[Path, str]] = {}

    def write(name: str, text: str, reason: str) -> None:
        path = tmp_path / "incoming" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files[name] = (path, reason)

    head = '{"format": "afterview", "version": 2, '
    write("deep.json", head + '"settings": ' + "[" * 100_000 + "]" * 100_000 + "}", "levels deep")
    write("twice.json", head + '"version": 1}', "appears twice")
    year1 = demo_data()
    year1["interactions"][0]["at"] = "0001-01-01T00:00:00+01:00"
    write("year1.json", json.dumps(year1), "The 1st logged contact's date: '0001-01-01' "
          "is not between the years 1900 and 2100")
    year9999 = demo_data()
    year9999["applications"][0]["applied_on"] = "9999-12-31"
    write("year9999.json", json.dumps(year9999), "The 1st application's date applied: '9999-12-31' is not between")
    stolen = {"format": "afterview", "version": 2, "qualifications": [{"id": "q1", "title": "BSc"}],
              "documents": [{"id": "d1", "original_name": "passwd.pdf", "path": "/etc/passwd"}]}
    write("absolute.json", json.dumps(stolen), "The 1st document's file path: '/etc/passwd' is not relative")
    stolen["documents"][0]["path"] = "../../../../../../etc/passwd"
    write("climbing.json", json.dumps(stolen), "leads out of the data file's folder")
    return files


@pytest.mark.slow
def test_hostile_data_files_are_refused_in_words_and_change_nothing(tmp_path: Path) -> None:
    """Case 7 of issue 14: no traceback, the record and field named, the data exactly as before."""
    folder = tmp_path / "data"
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(demo_data(), ensure_ascii=False), encoding="utf-8")
    assert run("data", "import", str(sample), "--data-dir", str(folder)).returncode == 0

    def export() -> dict[str, object]:
        out = tmp_path / "now.json"
        assert run("data", "export", str(out), "--data-dir", str(folder)).returncode == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("exported_at")
        return data

    before = export()
    for name, (path, reason) in _hostile_files(tmp_path).items():
        result = run("data", "import", str(path), "--data-dir", str(folder))
        assert result.returncode == 1, (name, result.stderr)
        assert "Traceback" not in result.stderr, name
        assert reason in result.stderr and "nothing was imported" in result.stderr, (name, result.stderr)
    for command in (["restore", "--yes", str(tmp_path / "incoming" / "deep.json")],
                    ["vault", "add", str(tmp_path / "incoming" / "twice.json")],
                    ["backup", str(tmp_path / "no such folder" / "x")],
                    ["data", "import", str(tmp_path / "missing.json")]):
        result = run(*command, "--data-dir", str(folder))
        assert result.returncode != 0 and "Traceback" not in result.stderr, (command, result.stderr)
    assert export() == before
    # the vault holds nothing from outside the data file's folder
    assert not any(p.name.endswith(".pdf") and p.read_bytes().startswith(b"root:")
                   for p in folder.rglob("*.pdf"))


def test_a_data_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    source = tmp_path / "notepad.json"
    source.write_bytes("\ufeff".encode() + json.dumps(demo_data(), ensure_ascii=False).encode("utf-8"))
    result = run("data", "import", str(source), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 12 organisations")
