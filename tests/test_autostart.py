"""Start at login: the XDG autostart entry installed and removed under a temporary
``XDG_CONFIG_HOME`` and checked with ``desktop-file-validate``; the macOS LaunchAgent's
contents (the Windows Run key cannot be exercised here)."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app import APP_ID, autostart


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config with space"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.setattr(autostart, "_platform", lambda: "linux")
    return home


def test_install_validate_and_remove_under_xdg_config_home(config_home: Path, tmp_path: Path) -> None:
    assert not autostart.is_enabled()
    where = autostart.enable(tmp_path / "my data")
    entry = config_home / "autostart" / f"{APP_ID}.desktop"
    assert where == str(entry) and entry.is_file() and autostart.is_enabled()
    text = entry.read_text(encoding="utf-8")
    exec_value = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert "--tray" in exec_value
    assert '"--data-dir" ' not in exec_value and f'"{tmp_path / "my data"}"' in exec_value
    assert entry.stat().st_mode & 0o777 == 0o644
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0 and checked.stdout == "", checked.stdout + checked.stderr
    assert autostart.disable() is True
    assert not entry.exists() and not autostart.is_enabled()
    assert autostart.disable() is False  # already off: nothing to remove, no error


def test_a_relative_xdg_config_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/place")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart.linux_entry_path() == tmp_path / ".config" / "autostart" / f"{APP_ID}.desktop"


def test_an_unwritable_place_raises_oserror_and_leaves_nothing(config_home: Path) -> None:
    config_home.mkdir()
    (config_home / "autostart").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(OSError):
        autostart.enable()
    assert (config_home / "autostart").read_text(encoding="utf-8") == "a file where the folder should be"


def test_the_macos_launch_agent_runs_the_tray_at_load() -> None:
    agent = plistlib.loads(autostart.mac_agent_plist(["/Applications/Afterview.app/x", "--tray"]))
    assert agent["Label"] == APP_ID and agent["RunAtLoad"] is True
    assert agent["ProgramArguments"] == ["/Applications/Afterview.app/x", "--tray"]


@pytest.mark.parametrize("folder", ["plain", 'we ird $HOME "q" 100% \\back`tick'])
def test_the_installed_entry_says_which_data_folder_it_starts(config_home: Path, tmp_path: Path,
                                                              folder: str) -> None:
    assert autostart.installed_command(config_home=config_home) is None
    data_dir = tmp_path / folder
    autostart.enable(data_dir, config_home=config_home)
    assert autostart.installed_command(config_home=config_home) == autostart.command(data_dir)
    assert autostart.installed_data_dir(config_home=config_home) == data_dir
    autostart.enable(None, config_home=config_home)
    assert autostart.is_enabled(config_home=config_home)
    assert autostart.installed_data_dir(config_home=config_home) is None  # the usual folder
