"""The Linux launcher: Exec quoting, install/uninstall under a temporary XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desktop_app import APP_ID
from desktop_app import desktop_entry
from desktop_app.desktop_entry import (
    ICON_SIZES,
    default_xdg_data_home,
    desktop_entry_text,
    exec_line,
    install_desktop_entry,
    quote_exec_argument,
    uninstall_desktop_entry,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = REPO_ROOT / "packaging" / "linux" / f"{APP_ID}.desktop"
needs_validator = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate not installed (Debian package desktop-file-utils)",
)


def parse_exec(value: str) -> list[str]:
    """Undo exec_line the way a desktop does: string unescape, then unquote."""
    unescaped = value.replace("\\\\", "\0").replace("\\s", " ").replace("\0", "\\")
    args: list[str] = []
    current = ""
    quoted = False
    in_arg = False
    chars = iter(unescaped)
    for ch in chars:
        if quoted:
            if ch == "\\":
                current += next(chars)
            elif ch == '"':
                quoted = False
            else:
                current += ch
        elif ch == '"':
            quoted = in_arg = True
        elif ch == " ":
            if in_arg:
                args.append(current)
            current, in_arg = "", False
        else:
            current += ch
            in_arg = True
    if in_arg:
        args.append(current)
    return [arg.replace("%%", "%") for arg in args]


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read_string(path.read_text(encoding="utf-8"))
    return dict(parser["Desktop Entry"])


def validate(path: Path) -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("/usr/bin/python3", "/usr/bin/python3"),
        ("-m", "-m"),
        ("/home/Jo Bloggs/venv/bin/python", '"/home/Jo Bloggs/venv/bin/python"'),
        ('/tmp/a"b', '"/tmp/a\\"b"'),
        ("/tmp/$HOME`x`", '"/tmp/\\$HOME\\`x\\`"'),
        ("/tmp/back\\slash", '"/tmp/back\\\\slash"'),
        ("", '""'),
    ],
)
def test_quote_exec_argument(argument: str, expected: str) -> None:
    assert quote_exec_argument(argument) == expected


def test_quote_exec_argument_refuses_line_breaks() -> None:
    with pytest.raises(ValueError):
        quote_exec_argument("/tmp/a\nb")


@pytest.mark.parametrize(
    "command",
    [
        ["/opt/Afterview/afterview"],
        ["/home/Jo Bloggs/.venv/bin/python", "-m", "desktop_app"],
        ["/srv/100% odd\\path/$x/it's", "-m", "desktop_app"],
    ],
)
def test_exec_line_round_trips(command: list[str]) -> None:
    line = exec_line(command)
    assert parse_exec(line) == command
    assert "%" not in line.replace("%%", "")


def test_entry_matches_the_packaged_desktop_file() -> None:
    """The generated launcher and packaging/linux/ differ only in how they start Afterview."""
    generated = desktop_entry_text(["/x/afterview"], Path("/x"))
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(generated)
    ours = dict(parser["Desktop Entry"])
    template = read_entry(TEMPLATE)
    for key in ("Exec", "TryExec", "Path"):
        ours.pop(key, None)
        template.pop(key, None)
    assert ours == template


@needs_validator
def test_packaged_desktop_file_validates() -> None:
    validate(TEMPLATE)


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None,
    reason="appstreamcli not installed (Debian package appstream)",
)
def test_packaged_metainfo_validates() -> None:
    metainfo = TEMPLATE.with_name(f"{APP_ID}.metainfo.xml")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_default_xdg_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_xdg_data_home() == tmp_path
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")
    assert default_xdg_data_home() == Path.home() / ".local" / "share"


@needs_validator
def test_install_from_python_writes_a_valid_entry_and_icons(tmp_path: Path) -> None:
    desktop_file = install_desktop_entry(tmp_path)
    assert desktop_file == tmp_path / "applications" / f"{APP_ID}.desktop"
    validate(desktop_file)
    entry = read_entry(desktop_file)
    assert parse_exec(entry["Exec"]) == [str(Path(sys.executable).absolute()), "-m", "desktop_app"]
    assert entry["Icon"] == APP_ID
    # A source checkout must start in it so that "-m desktop_app" finds the package.
    assert entry["Path"] == str(REPO_ROOT)
    for size in ICON_SIZES:
        png = tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size)
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert not list(tmp_path.rglob(".*.tmp"))


@needs_validator
def test_install_from_bundle_uses_the_bundle_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle_exe = tmp_path / "My Apps" / "Afterview" / "afterview"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle_exe))
    desktop_file = install_desktop_entry(tmp_path / "share")
    validate(desktop_file)
    entry = read_entry(desktop_file)
    assert entry["Exec"] == f'"{bundle_exe}"'
    assert entry["TryExec"] == str(bundle_exe)
    assert "Path" not in entry


def test_install_uses_xdg_data_home_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert install_desktop_entry().parent == tmp_path / "applications"


def test_uninstall_removes_everything_it_installed(tmp_path: Path) -> None:
    install_desktop_entry(tmp_path)
    removed = uninstall_desktop_entry(tmp_path)
    assert len(removed) == len(ICON_SIZES) + 2
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
    assert uninstall_desktop_entry(tmp_path) == []


def test_icons_are_found_as_package_resources() -> None:
    assert desktop_entry.icons_dir().joinpath("afterview.svg").is_file()
    for size in ICON_SIZES:
        assert desktop_entry.icon_png(size).is_file()


def test_the_menu_launcher_and_the_login_entry_come_from_one_builder() -> None:
    from desktop_app.autostart import linux_entry_text

    cmd = ["/opt/After view/afterview", "--data-dir", "/home/sam/Job search 100%"]

    def keys(text: str) -> dict[str, str]:
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        parser.read_string(text)
        return dict(parser["Desktop Entry"])

    menu, login = keys(desktop_entry_text(cmd, Path("/src"))), keys(linux_entry_text(cmd, Path("/src")))
    shared = ("Type", "Version", "Name", "Comment", "Exec", "TryExec", "Path", "Icon", "Terminal")
    assert {k: menu[k] for k in shared} == {k: login[k] for k in shared}
    assert menu["Exec"] == '"/opt/After view/afterview" --data-dir "/home/sam/Job search 100%%"'
    assert (login["NoDisplay"], "Categories" in login, "GenericName" in login) == ("true", False, False)
    assert (menu["GenericName"], "NoDisplay" in menu) == (desktop_entry.GENERIC_NAME, False)
    with pytest.raises(ValueError, match="line break"):
        desktop_entry.entry_text(["/x/a\nb"])
