"""``afterview pack`` run as a user would: in a subprocess, on the sample data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.services.exchange.demo import demo_data


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True,
                          timeout=120, env=env, check=False)


@pytest.fixture
def sample_folder(tmp_path: Path) -> Path:
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(demo_data(), ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "data"
    assert run("data", "import", str(source), "--data-dir", str(folder)).returncode == 0
    return folder


@pytest.mark.slow
def test_pack_for_an_application(sample_folder: Path, tmp_path: Path) -> None:
    result = run("pack", "--out", str(tmp_path / "pack.pdf"), "--application", "1", "--data-dir",
                 str(sample_folder))

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {tmp_path / 'pack.pdf'}: ")
    cover = PdfReader(tmp_path / "pack.pdf").pages[0].extract_text()
    assert "Sam Taylor" in cover and "Referees and qualifications" in cover


@pytest.mark.slow
def test_strict_refuses_when_a_check_fails_and_bad_ids_are_refused(sample_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "general.pdf"
    strict = run("pack", "--out", str(out), "--referee", "1", "--strict", "--data-dir", str(sample_folder))
    assert strict.returncode == 1
    assert "warning: This pack has fewer than two referees" in strict.stderr
    assert not out.exists()

    missing = run("pack", "--out", str(out), "--application", "999", "--data-dir", str(sample_folder))
    assert missing.returncode == 2 and "there is no application 999" in missing.stderr
    unknown = run("pack", "--out", str(out), "--referee", "77", "--data-dir", str(sample_folder))
    assert unknown.returncode == 2 and "there is no referee 77" in unknown.stderr
    assert not out.exists()


@pytest.mark.slow
def test_pack_verify_says_which_document_holds(sample_folder: Path, tmp_path: Path) -> None:
    from tests.helpers.signing import SIGNER, make_signed_pdf

    out = tmp_path / "pack.pdf"
    assert run("pack", "--out", str(out), "--data-dir", str(sample_folder)).returncode == 0
    assert run("pack", "verify", str(out)).stdout == "The pack has no attached documents.\n"

    transcript = make_signed_pdf(tmp_path / "leeds-transcript.pdf")
    added = run("vault", "add", str(transcript), "--qualification", "1", "--data-dir", str(sample_folder))
    assert added.returncode == 0, added.stderr
    assert run("pack", "--out", str(out), "--data-dir", str(sample_folder)).returncode == 0
    verified = run("pack", "verify", str(out))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    (line, note, summary) = verified.stdout.splitlines()
    assert line.startswith("ok      1. Academic transcript – ") and f"digitally signed as '{SIGNER}' on " in line
    assert note.startswith("Who signed it is not checked here: ")
    assert summary == "The document holds."

    not_a_pack = run("pack", "verify", str(tmp_path / "nowhere.pdf"))
    assert not_a_pack.returncode == 2
    assert not_a_pack.stderr == f"afterview: There is no file “{tmp_path / 'nowhere.pdf'}” (it may have been " \
                                "moved or deleted).\n"  # plain words, not "No such file or directory"
    (tmp_path / "cut.pdf").write_bytes(out.read_bytes()[:20])  # a pack cut off while copying
    damaged = run("pack", "verify", str(tmp_path / "cut.pdf"))
    assert damaged.returncode == 1 and "cannot be verified. This file is damaged or incomplete" in damaged.stderr
    no_out = run("pack", "--data-dir", str(sample_folder))
    assert no_out.returncode == 2 and "--out FILE.pdf" in no_out.stderr


@pytest.mark.slow
def test_pack_and_pack_verify_run_while_the_window_holds_the_claim(sample_folder: Path, tmp_path: Path) -> None:
    """Tester's finding (issue 16): `afterview pack` took the writer's claim, so it was refused
    while the window was open, though it only reads the data."""
    from filelock import FileLock

    out = tmp_path / "pack.pdf"
    holder = FileLock(str(sample_folder / "afterview.lock"), timeout=0, thread_local=False)
    holder.acquire()  # the claim as the window holds it (tests/cli/test_common.py)
    try:
        built = run("pack", "--out", str(out), "--data-dir", str(sample_folder))
        verified = run("pack", "verify", str(out))
    finally:
        holder.release()
    assert built.returncode == 0, built.stderr
    assert "Afterview is open" not in built.stderr and out.exists()
    assert verified.returncode == 0, verified.stdout + verified.stderr


@pytest.mark.slow
def test_pack_verify_says_a_cut_short_pack_is_damaged_without_library_noise(sample_folder: Path,
                                                                             tmp_path: Path) -> None:
    """Tester's finding (issue 16): a pack cut short was "not made by Afterview", with pypdf's text on stderr."""
    out = tmp_path / "pack.pdf"
    assert run("pack", "--out", str(out), "--data-dir", str(sample_folder)).returncode == 0
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    damaged = run("pack", "verify", str(cut))
    assert damaged.returncode == 1 and damaged.stdout == ""
    assert damaged.stderr == (f"afterview: {cut} cannot be verified. This file is damaged or incomplete "
                              "(perhaps cut short while downloading).\n")


@pytest.mark.slow
def test_a_stored_file_changed_on_disk_is_named_once_with_the_next_step(sample_folder: Path, tmp_path: Path) -> None:
    """Issue 15: a warning before building, then one "no pack was built" (not two) with the next step."""
    import hashlib

    from tests.helpers.vault_samples import make_pdf

    transcript = make_pdf(tmp_path / "leeds-transcript.pdf", text="Leeds")
    assert run("vault", "add", str(transcript), "--qualification", "1", "--kind", "transcript",
               "--data-dir", str(sample_folder)).returncode == 0
    sha = hashlib.sha256(transcript.read_bytes()).hexdigest()
    stored = sample_folder / "vault" / sha[:2] / f"{sha}.pdf"
    stored.write_bytes(stored.read_bytes() + b"% changed\n")

    certificate = make_pdf(tmp_path / "leeds-certificate.pdf", text="Certificate")
    assert run("vault", "add", str(certificate), "--qualification", "1", "--kind", "certificate",
               "--data-dir", str(sample_folder)).returncode == 0
    gone = hashlib.sha256(certificate.read_bytes()).hexdigest()
    (sample_folder / "vault" / gone[:2] / f"{gone}.pdf").unlink()

    out = tmp_path / "pack.pdf"
    built = run("pack", "--out", str(out), "--data-dir", str(sample_folder))
    assert built.returncode == 1 and not out.exists()
    # Issue 15, fresh eyes: every such file, each once, in plain words (not "No such file or directory")
    assert "afterview: no pack was built. These documents cannot go into a pack:\n" in built.stderr
    assert "• leeds-certificate.pdf [" in built.stderr and "]: missing from the vault folder" in built.stderr
    assert "• leeds-transcript.pdf [" in built.stderr and "]: changed on disk since it was added" in built.stderr
    assert "afterview vault reattach ID FILE" in built.stderr and "--leave-out-damaged" in built.stderr
    assert "No such file" not in built.stderr and "Errno" not in built.stderr
    assert built.stderr.lower().count("no pack was") == 1 and built.stderr.count("leeds-transcript.pdf") == 1

    left_out = run("pack", "--out", str(out), "--leave-out-damaged", "--data-dir", str(sample_folder))
    assert left_out.returncode == 0, left_out.stderr
    assert ("note: left out of this pack (missing or changed in the vault): leeds-certificate.pdf, "
            "leeds-transcript.pdf") in left_out.stderr
    assert out.exists()
