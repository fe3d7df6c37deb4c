"""``afterview vault add / verify / list``: messages in plain words and honest exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.__main__ import main
from desktop_app.store.db import close_database
from tests.helpers.permissions import _can_drop, _drop_read_override
from tests.helpers.vault_samples import make_image, make_pdf


def _vault_files(folder: Path) -> list[Path]:
    vault = folder / "vault"
    return [p for p in vault.rglob("*") if p.is_file()] if vault.exists() else []


def test_add_links_to_a_qualification_and_verify_passes(folder: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.services.vault import qualifications as vault
    from desktop_app.store.open import open_database

    open_database(folder)
    qid = vault.create_qualification({"title": "BSc (Hons) Mathematics"})
    close_database()
    transcript = make_pdf(tmp_path / "leeds-transcript.pdf", pages=3)
    photo = make_image(tmp_path / "degree.jpg", fmt="JPEG")
    assert main(["vault", "add", str(transcript), str(photo), "--qualification", str(qid),
                 "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Added leeds-transcript.pdf (3 pages) to BSc (Hons) Mathematics." in out
    assert "Added degree.jpg (1 page) to BSc (Hons) Mathematics." in out
    assert main(["vault", "add", str(transcript), "--data-dir", str(folder)]) == 0
    assert "Already in the vault as leeds-transcript.pdf." in capsys.readouterr().out
    assert main(["vault", "list", "--data-dir", str(folder)]) == 0
    listing = capsys.readouterr().out
    assert "Transcript: leeds-transcript.pdf — 3 p." in listing and "BSc (Hons) Mathematics" in listing
    assert "Certificate: degree.jpg" in listing  # kind guessed from the name
    assert main(["vault", "verify", "--data-dir", str(folder)]) == 0
    assert "All is well: 2 files checked" in capsys.readouterr().out


def test_add_refuses_bad_files_with_exit_1_and_keeps_the_good_one(folder: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes.pdf"
    bad.write_text("plain text", encoding="utf-8")
    good = make_pdf(tmp_path / "cv.pdf")
    assert main(["vault", "add", str(bad), str(good), "--kind", "cv", "--data-dir", str(folder)]) == 1
    captured = capsys.readouterr()
    assert "Added cv.pdf (1 page)." in captured.out
    assert "not added: “notes.pdf” is not a PDF" in captured.err
    assert len(_vault_files(folder)) == 1


def test_add_to_a_missing_qualification_adds_nothing(folder: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vault", "add", str(make_pdf(tmp_path / "t.pdf")), "--qualification", "7",
                 "--data-dir", str(folder)]) == 2
    assert "nothing was added: there is no qualification 7" in capsys.readouterr().err
    assert _vault_files(folder) == []


def test_verify_exits_1_when_a_file_changed(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vault", "add", str(make_pdf(tmp_path / "t.pdf")), "--data-dir", str(folder)]) == 0
    (stored,) = _vault_files(folder)
    stored.write_bytes(stored.read_bytes()[:-10] + b"0123456789")
    capsys.readouterr()
    assert main(["vault", "verify", "--data-dir", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "Changed: t.pdf — the file no longer matches its fingerprint" in out
    # issue 15, fresh eyes: the same next step, in the same words, as the Vault tab's button
    assert "Re-attach it from your own copy (Vault tab: select it, then Re-attach…; or: afterview vault " \
           "reattach ID FILE, the ID as afterview vault list shows it), or remove it." in out


def test_reattach_repairs_with_the_same_file_and_asks_for_another(folder: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """``afterview vault reattach ID FILE``: the window's Re-attach…, in a terminal (issue 15, fresh eyes)."""
    original = make_pdf(tmp_path / "huge poster.pdf", text="Poster")
    assert main(["vault", "add", str(original), "--data-dir", str(folder)]) == 0
    (stored,) = _vault_files(folder)
    good = stored.read_bytes()
    stored.write_bytes(good + b"% changed\n")
    other = make_pdf(tmp_path / "form_raw.pdf", text="A form")
    capsys.readouterr()

    assert main(["vault", "reattach", "1", str(other), "--data-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert ("nothing was changed: “form_raw.pdf” is not the file you first added as “huge poster.pdf” "
            "(its fingerprint differs)") in err and "--different-file" in err
    assert _vault_files(folder) == [stored] and stored.read_bytes() != good

    assert main(["vault", "reattach", "1", str(original), "--data-dir", str(folder)]) == 0
    assert capsys.readouterr().out == "Re-attached huge poster.pdf [1].\n"
    assert stored.read_bytes() == good

    assert main(["vault", "reattach", "9", str(original), "--data-dir", str(folder)]) == 2
    assert "there is no document 9" in capsys.readouterr().err
    assert main(["vault", "reattach", "1", str(other), "--different-file", "--data-dir", str(folder)]) == 0
    assert "Re-attached form_raw.pdf [2]." in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_file_the_user_cannot_read_is_refused(tmp_path: Path) -> None:
    """As a normal user a mode-000 file is unreadable. Root reads anything through the
    CAP_DAC_OVERRIDE capability, so as root the command runs without it — which is
    exactly the position of an ordinary user."""
    source = make_pdf(tmp_path / "locked transcript.pdf")
    source.chmod(0)
    folder = tmp_path / "data"
    preexec = None
    if os.geteuid() == 0:
        probe = subprocess.run(["true"], preexec_fn=_drop_read_override, check=False, capture_output=True) \
            if _can_drop() else None
        if probe is None or probe.returncode != 0:
            pytest.skip("running as root without the right to drop capabilities: root can read the file")
        preexec = _drop_read_override
    result = subprocess.run([sys.executable, "-m", "desktop_app", "vault", "add", str(source),
                             "--data-dir", str(folder)], capture_output=True, text=True, timeout=60,
                            preexec_fn=preexec, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), check=False)
    source.chmod(0o600)
    assert result.returncode == 1, result.stderr
    assert "Afterview is not allowed to read “locked transcript.pdf”" in result.stderr
    assert _vault_files(folder) == []
