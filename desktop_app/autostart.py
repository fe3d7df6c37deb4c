"""Start Afterview when the user logs in, quietly, in the tray (Settings → Reminders).

The state *is* what is installed: nothing is kept in the database, so turning it off
removes exactly what turning it on wrote, and a copied data folder never starts
anything on another machine.

* Linux and other freedesktop systems: ``$XDG_CONFIG_HOME/autostart/<app id>.desktop``
  (default ``~/.config``), per the Desktop Application Autostart Specification 0.5,
  checked with ``desktop-file-validate`` in the tests.
* Windows (untested): the per-user ``Run`` key,
  ``HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``, value ``Afterview``.
* macOS (untested): ``~/Library/LaunchAgents/<app id>.plist`` with ``RunAtLoad``
  (launchd.plist(5)).

Every function raises ``OSError`` when the file or key cannot be written or removed;
nothing is half-written (:func:`desktop_app.files.atomic_write`).
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from pathlib import Path

from desktop_app import APP_ID, APP_NAME
from desktop_app.desktop_entry import entry_text, launch_command, source_root
from desktop_app.files import atomic_write

#: The window option that starts Afterview hidden in the tray (see ``cli/parser.py``).
TRAY_OPTION = "--tray"
_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def command(data_dir: Path | None = None) -> list[str]:
    """The command that starts this installation in the tray, for ``data_dir`` (None: the usual folder)."""
    cmd = [*launch_command(), TRAY_OPTION]
    if data_dir is not None:
        cmd += ["--data-dir", str(Path(data_dir).absolute())]
    return cmd


def xdg_config_home() -> Path:
    """``$XDG_CONFIG_HOME`` if set to an absolute path, else ``~/.config`` (XDG Base Directory)."""
    value = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".config"


def linux_entry_path(config_home: Path | None = None) -> Path:
    """The autostart entry's path under ``config_home`` (None: :func:`xdg_config_home`)."""
    return (config_home or xdg_config_home()) / "autostart" / f"{APP_ID}.desktop"


def mac_agent_path() -> Path:
    """The LaunchAgent's path for this user (macOS)."""
    return Path.home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


def linux_entry_text(cmd: list[str], working_dir: Path | None = None) -> str:
    """The autostart ``.desktop`` file for ``cmd`` (Desktop Entry Specification 1.4; the menu
    launcher's keys from :func:`desktop_entry.entry_text`). Raises ``ValueError`` when an
    argument holds a line break."""
    # started at login, not from a menu: kept out of the application menu (NoDisplay)
    return entry_text(cmd, working_dir, extra=(("NoDisplay", "true"), ("X-GNOME-Autostart-enabled", "true")))


def mac_agent_plist(cmd: list[str], working_dir: Path | None = None) -> bytes:
    """The LaunchAgent property list for ``cmd`` (launchd.plist(5): Label, ProgramArguments, RunAtLoad)."""
    agent: dict[str, object] = {"Label": APP_ID, "ProgramArguments": cmd, "RunAtLoad": True,
                                "ProcessType": "Interactive"}
    if working_dir is not None:
        agent["WorkingDirectory"] = str(working_dir)
    return plistlib.dumps(agent)


def _platform() -> str:
    return sys.platform


def enable(data_dir: Path | None = None, *, config_home: Path | None = None) -> str:
    """Install the start-at-login entry for this installation; returns where it was put
    (a path, or the registry value's name on Windows)."""
    cmd = command(data_dir)
    platform = _platform()
    if platform == "win32":  # untested: no Windows machine in CI
        import winreg  # type: ignore[import-not-found]

        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, subprocess.list2cmdline(cmd))
        return f"HKEY_CURRENT_USER\\{_RUN_KEY}\\{APP_NAME}"
    if platform == "darwin":  # untested: no macOS machine in CI
        target = mac_agent_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target, private=False) as handle:
            handle.write(mac_agent_plist(cmd, source_root()))
        return str(target)
    target = linux_entry_path(config_home)
    target.parent.mkdir(parents=True, exist_ok=True)
    # 0644: the session manager reads it; it holds no personal data beyond a folder's path
    with atomic_write(target, private=False) as handle:
        handle.write(linux_entry_text(cmd, source_root()).encode("utf-8"))
    return str(target)


def disable(*, config_home: Path | None = None) -> bool:
    """Remove what :func:`enable` installed; True if something was removed."""
    platform = _platform()
    if platform == "win32":  # untested
        import winreg  # type: ignore[import-not-found]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, APP_NAME)
        except FileNotFoundError:
            return False
        return True
    target = mac_agent_path() if platform == "darwin" else linux_entry_path(config_home)
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    return True


#: What :func:`installed_data_dir` answers when the entry starts the usual data folder.
USUAL_FOLDER = None


def installed_command(*, config_home: Path | None = None) -> list[str] | None:
    """The command the installed start-at-login entry runs, or None when there is none
    (or it cannot be read). Linux: the entry's ``Exec`` line unquoted as the Desktop
    Entry Specification 1.4 says; macOS: the LaunchAgent's ``ProgramArguments``;
    Windows: the Run key's value split as ``CommandLineToArgvW`` would (roughly)."""
    import shlex

    platform = _platform()
    try:
        if platform == "win32":  # untested
            import winreg  # type: ignore[import-not-found]

            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, APP_NAME)
            return shlex.split(str(value), posix=False)
        if platform == "darwin":  # untested
            agent = plistlib.loads(mac_agent_path().read_bytes())
            return [str(a) for a in agent.get("ProgramArguments", [])]
        text = linux_entry_path(config_home).read_text(encoding="utf-8")
    except (OSError, ValueError, plistlib.InvalidFileException):
        return None
    for line in text.splitlines():
        if line.startswith("Exec="):
            value = line[len("Exec="):]
            # the string-value escapes first, then the quoting (Desktop Entry Spec, "The Exec key")
            value = (value.replace("\\\\", "\x00").replace("\\s", " ").replace("\\t", "\t")
                     .replace("\\n", "\n").replace("\\r", "\r").replace("\x00", "\\"))
            args = _split_exec(value)
            return None if args is None else [arg.replace("%%", "%") for arg in args]
    return None


def _split_exec(value: str) -> list[str] | None:
    """Split an ``Exec`` value into arguments: spaces separate, double quotes group, and in
    quotes a backslash escapes ``"`` `` ` `` ``$`` ``\\`` (Desktop Entry Spec 1.4); None when
    a quote is left open."""
    args: list[str] = []
    current: list[str] = []
    started = quoted = False
    i = 0
    while i < len(value):
        ch = value[i]
        if quoted:
            if ch == "\\" and i + 1 < len(value) and value[i + 1] in '"`$\\':
                current.append(value[i + 1])
                i += 1
            elif ch == '"':
                quoted = False
            else:
                current.append(ch)
        elif ch == '"':
            quoted = started = True
        elif ch == " ":
            if started:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(ch)
            started = True
        i += 1
    if quoted:
        return None
    if started:
        args.append("".join(current))
    return args


def installed_data_dir(*, config_home: Path | None = None) -> Path | None:
    """The data folder the installed entry starts (its ``--data-dir``), or None for the usual
    folder (also when nothing is installed: check :func:`is_enabled` first)."""
    cmd = installed_command(config_home=config_home) or []
    for i, arg in enumerate(cmd):
        if arg == "--data-dir" and i + 1 < len(cmd):
            return Path(cmd[i + 1])
        if arg.startswith("--data-dir="):
            return Path(arg.split("=", 1)[1])
    return None


def is_enabled(*, config_home: Path | None = None) -> bool:
    """Whether Afterview is set to start at login for this user."""
    platform = _platform()
    if platform == "win32":  # untested
        import winreg  # type: ignore[import-not-found]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY) as key:
                winreg.QueryValueEx(key, APP_NAME)
        except FileNotFoundError:
            return False
        return True
    return (mac_agent_path() if platform == "darwin" else linux_entry_path(config_home)).is_file()
