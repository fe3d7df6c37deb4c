"""``afterview import vcard|csv`` and ``afterview export csv``, run as a user would: in a subprocess."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.helpers.cli import run

DATA = Path(__file__).resolve().parents[1] / "data"


def test_import_vcard_dry_run_json_previews_and_changes_nothing(tmp_path: Path) -> None:
    folder = str(tmp_path / "d")
    result = run("import", "vcard", str(DATA / "vcards" / "case9-phones.vcf"), "--dry-run", "--json",
                 "--data-dir", folder)
    assert result.returncode == 0, result.stderr
    preview = json.loads(result.stdout)
    assert [set(entry) for entry in preview] == [{"name", "emails", "phones", "problems", "duplicate"}] * 3
    assert [(e["name"], e["phones"], e["duplicate"]) for e in preview] == [
        ("Dana Whitfield", ["+19055550123"], False), ("Oliver Grant", ["+442079460000 ext. 1234"], False),
        ("Priya Nair", [], False)]
    assert "read as a number in Canada" in preview[0]["problems"][0]
    again = json.loads(run("import", "vcard", str(DATA / "vcards" / "case9-phones.vcf"), "--dry-run", "--json",
                           "--data-dir", folder).stdout)
    assert not any(e["duplicate"] for e in again)  # the dry run added nobody


def test_import_vcard_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    folder = str(tmp_path / "d")
    source = str(DATA / "vcards" / "case10-no-emails.vcf")
    first = run("import", "vcard", source, "--data-dir", folder)
    assert first.returncode == 0, first.stderr
    assert "3 referee(s) added" in first.stdout
    second = run("import", "vcard", source, "--json", "--data-dir", folder)
    assert second.returncode == 0, second.stderr
    # Alex Quinn has only a name: a possible duplicate, said, and not skipped
    assert [e["duplicate"] for e in json.loads(second.stdout)] == [True, True, False]


def test_import_vcard_lists_unreadable_cards_and_refuses_a_file_that_is_not_one(tmp_path: Path) -> None:
    folder = str(tmp_path / "d")
    result = run("import", "vcard", str(DATA / "vcards" / "mixed-good-and-bad.vcf"), "--dry-run", "--json",
                 "--data-dir", folder)
    preview = json.loads(result.stdout)
    assert preview[1] == {"name": "", "emails": [], "phones": [], "problems": ["not imported: Card 2 (nobody@example.org): the card has no name"],
                          "duplicate": False}
    refused = run("import", "vcard", str(DATA / "vcards" / "not-a-vcard.vcf"), "--data-dir", folder)
    assert refused.returncode == 1 and "nothing was imported" in refused.stderr and not refused.stdout
    assert "Traceback" not in refused.stderr


def test_import_csv_json_preview_of_linkedins_export(tmp_path: Path) -> None:
    result = run("import", "csv", str(DATA / "csv" / "case11-linkedin-job-applications.csv"), "--dry-run", "--json",
                 "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 0, result.stderr
    preview = json.loads(result.stdout)
    assert preview["columns"] == {"role": "Job Title", "employer": "Company Name", "applied_on": "Application Date"}
    assert preview["rows"][0] == {"line": 2, "role": "Data Analyst", "organisation": "Northwind Traders",
                                  "applied_on": "2023-11-13", "stage": "applied", "problems": [],
                                  "duplicate": False}
    assert "recognised LinkedIn's job applications export" in result.stderr


def test_import_csv_asks_nothing_but_says_which_order_it_assumed(tmp_path: Path) -> None:
    source = str(DATA / "csv" / "case12-cannot-tell.csv")
    result = run("import", "csv", source, "--dry-run", "--json", "--month-first", "--data-dir", str(tmp_path / "d"))
    assert [r["applied_on"] for r in json.loads(result.stdout)["rows"]] == ["2025-03-04", "2025-05-06"]
    assert "read as month/day (as you asked)" in result.stderr
    result = run("import", "csv", source, "--dry-run", "--json", "--data-dir", str(tmp_path / "d"),
                 env={"LC_ALL": "C.UTF-8"})
    assert [r["applied_on"] for r in json.loads(result.stdout)["rows"]] == ["2025-04-03", "2025-06-05"]


def test_import_csv_then_export_keeps_history_and_neutralises_formulas(tmp_path: Path) -> None:
    folder = str(tmp_path / "d")
    result = run("import", "csv", str(DATA / "csv" / "case14-afterview-export.csv"), "--data-dir", folder)
    assert result.returncode == 0, result.stderr
    assert "Imported 2 application(s)" in result.stdout
    out = tmp_path / "out.csv"
    result = run("export", "csv", str(out), "--data-dir", folder)
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["employer"]: r for r in csv.DictReader(fh)}
    assert rows["Contoso plc"]["stage_history"] == "applied 2026-08-04; interviewing 2026-08-18; rejected 2026-09-02"
    assert rows["Northwind"]["role"].startswith("'=") and rows["Contoso plc"]["source"] == "'-2+3"


def test_import_csv_without_a_required_column_says_which(tmp_path: Path) -> None:
    source = tmp_path / "x.csv"
    source.write_text("Company,Status\nLitware,Applied\n", encoding="utf-8")
    result = run("import", "csv", str(source), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 1
    assert "No column of x.csv holds the role" in result.stderr and "Traceback" not in result.stderr


def test_import_csv_twice_and_our_own_export_add_nothing_the_second_time(tmp_path: Path) -> None:
    folder = str(tmp_path / "d")
    source = str(DATA / "csv" / "case14-afterview-export.csv")
    assert "Imported 2 application(s)" in run("import", "csv", source, "--data-dir", folder).stdout
    again = run("import", "csv", source, "--json", "--dry-run", "--data-dir", folder)
    assert again.returncode == 0, again.stderr
    rows = json.loads(again.stdout)["rows"]
    assert [r["duplicate"] for r in rows] == [True, True]
    assert any(p.startswith("not imported: already in Afterview: ") and " at Contoso plc, applied 2026-08-04" in p
               for r in rows for p in r["problems"])
    second = run("import", "csv", source, "--data-dir", folder)
    assert second.returncode == 0, second.stderr
    assert "Imported 0 application(s); 2 duplicate(s) skipped" in second.stdout
    out = tmp_path / "out.csv"
    run("export", "csv", str(out), "--data-dir", folder)
    third = run("import", "csv", str(out), "--data-dir", folder)
    assert "Imported 0 application(s); 2 duplicate(s) skipped" in third.stdout
    run("export", "csv", str(out), "--data-dir", folder)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 2


def test_a_dry_run_on_a_brand_new_data_folder_previews_and_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    for kind, source in (("vcard", DATA / "vcards" / "case10-no-emails.vcf"),
                         ("csv", DATA / "csv" / "case14-afterview-export.csv")):
        result = run("import", kind, str(source), "--dry-run", "--data-dir", str(folder))
        assert result.returncode == 0, result.stderr
        assert "There is no Afterview data" not in result.stderr and "Traceback" not in result.stderr
        assert "would be" in result.stdout
        assert not folder.exists()  # a preview is no reason to make a data folder


def test_refused_cards_are_named_by_whatever_they_have(tmp_path: Path) -> None:
    from tests.services.exchange.test_vcard import REFUSED_CARDS

    source = tmp_path / "refused-cards.vcf"
    source.write_bytes(REFUSED_CARDS)
    result = run("import", "vcard", str(source), "--dry-run", "--json", "--data-dir", str(tmp_path / "d"))
    assert [e["problems"] for e in json.loads(result.stdout)] == [
        [], ["not imported: Card 2 (anon@example.com): the card has no name"],
        ["not imported: Card 3 (Cut Short): the card is cut short (it has no END:VCARD line)"]]


def test_import_csv_stages_on_dates_undated_stages(tmp_path: Path) -> None:
    """A stage the file does not date: on the applied date by default, today with --stages-on today."""
    source = tmp_path / "old.csv"
    source.write_text("Role,Company,Date Applied,Stage\nAnalyst,Litware,2024-03-04,rejected\n", encoding="utf-8")
    histories = []
    for extra in ([], ["--stages-on", "today"]):
        folder = str(tmp_path / f"d{len(extra)}")
        result = run("import", "csv", str(source), "--data-dir", folder, *extra)
        assert result.returncode == 0, result.stderr
        out = tmp_path / f"out{len(extra)}.csv"
        assert run("export", "csv", str(out), "--data-dir", folder).returncode == 0
        with out.open(encoding="utf-8-sig", newline="") as fh:
            histories.append(next(csv.DictReader(fh))["stage_history"])
    assert histories[0] == "applied 2024-03-04; rejected 2024-03-04"
    assert histories[1].startswith("applied 2024-03-04; rejected ") and histories[1] != histories[0]
    refused = run("import", "csv", str(source), "--data-dir", str(tmp_path / "d9"), "--stages-on", "later")
    assert refused.returncode != 0 and "--stages-on" in refused.stderr


def test_every_example_in_the_import_and_export_help_is_accepted(tmp_path: Path) -> None:
    """Fresh eyes, issue #15: ``import vcard --help`` gave ``line_manager`` as a relationship and
    the command refused it. Each relationship the help names, and each CSV option's example
    (03/04/2025 as 3 April / 4 March), is run and does what the help says."""
    import re

    from desktop_app import vocab

    helped = run("import", "vcard", "--help").stdout
    named = re.search(r"\(vCards\s+have\s+none\):\s+(.*?)\s+\(default:\s+colleague\)", helped, re.DOTALL)
    assert named is not None, helped
    words = [w.strip() for w in " ".join(named.group(1).split()).split(",")]
    assert words == list(vocab.RELATIONSHIPS)
    for word in words:
        result = run("import", "vcard", str(DATA / "vcards" / "case9-phones.vcf"), "--dry-run",
                     "--relationship", word, "--data-dir", str(tmp_path / "d"))
        assert result.returncode == 0, (word, result.stderr)

    sheet_help = " ".join(run("import", "csv", "--help").stdout.split())
    assert "03/04/2025 as 3 April" in sheet_help and "03/04/2025 as 4 March" in sheet_help
    source = tmp_path / "one.csv"
    source.write_text("Role,Company,Date applied\nAnalyst,Acme,03/04/2025\n", encoding="utf-8")
    for option, day in (("--day-first", "2025-04-03"), ("--month-first", "2025-03-04")):
        result = run("import", "csv", str(source), "--dry-run", "--json", option, "--data-dir", str(tmp_path / "d"))
        assert json.loads(result.stdout)["rows"][0]["applied_on"] == day
    for command in (("import",), ("export",), ("export", "csv")):
        assert run(*command, "--help").returncode == 0
