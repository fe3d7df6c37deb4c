"""Put Afterview in the desktop's application menu (Linux/freedesktop launchers).

``afterview --install-desktop-entry`` writes ``applications/<app id>.desktop`` and the
icon in every size under ``$XDG_DATA_HOME`` (default ``~/.local/share``), with an
``Exec`` line that starts Afterview the way it is installed right now: the bundle's
own executable when running from a PyInstaller bundle, otherwise this Python
interpreter with ``-m desktop_app``. ``--uninstall-desktop-entry`` removes them again.

The bundled icons are found through ``desktop_app.resource_files`` so this works from
an editable install, an installed wheel and a PyInstaller bundle alike.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib.resources.abc import Traversable
from pathlib import Path

from desktop_app import APP_ID, APP_NAME
from desktop_app.files import atomic_write
from desktop_app.resource_files import ICONS, resource

ICON_SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256, 512)
ICON_SVG = "afterview.svg"
GENERIC_NAME = "Job Search Follow-up"
COMMENT = "Follow up after job interviews, keep referees briefed and qualifications provable"
KEYWORDS = "job;interview;referee;reference;follow-up;application;recruiter;transcript;"

# Characters that force an Exec argument into double quotes (Desktop Entry spec,
# "The Exec key"), and the ones that must then be backslash-escaped inside them.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = set('"`$\\')


def icons_dir() -> Traversable:
    """The folder of bundled application icons (SVG source and PNG sizes)."""
    return resource(ICONS)


def icon_png(size: int) -> Traversable:
    """The bundled PNG rendering of the application icon at ``size`` pixels."""
    return icons_dir() / f"afterview-{size}.png"


def default_xdg_data_home() -> Path:
    """``$XDG_DATA_HOME`` if set to an absolute path, else ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """The command that starts this installation of Afterview, as absolute paths."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).absolute())]
    # absolute(), not resolve(): a venv's python is a symlink to the base
    # interpreter, and following it would start Afterview outside its venv.
    return [str(Path(sys.executable).absolute()), "-m", "desktop_app"]


def source_root() -> Path | None:
    """The folder to start in when Afterview runs from a source checkout, else None.

    ``python -m desktop_app`` only finds the package from an unrelated working
    folder if it is installed; from a checkout the launcher must start in it.
    """
    if getattr(sys, "frozen", False):
        return None
    package_parent = Path(__file__).resolve().parent.parent
    if package_parent.name in ("site-packages", "dist-packages"):
        return None
    return package_parent


def quote_exec_argument(argument: str) -> str:
    """Quote one argument for an ``Exec`` line, before string-value escaping."""
    if "\n" in argument or "\r" in argument:
        raise ValueError(f"a launcher cannot hold a path with a line break: {argument!r}")
    if argument and not _RESERVED.intersection(argument):
        return argument
    escaped = "".join("\\" + ch if ch in _ESCAPED_IN_QUOTES else ch for ch in argument)
    return f'"{escaped}"'


def _escape_string_value(value: str) -> str:
    """Escape a value of type string (backslash and control characters)."""
    return (
        value.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def exec_line(command: list[str]) -> str:
    """The ``Exec`` value for ``command``: quoted, ``%`` doubled, then string-escaped."""
    quoted = " ".join(quote_exec_argument(arg) for arg in command)
    return _escape_string_value(quoted.replace("%", "%%"))


def entry_text(command: list[str], working_dir: Path | None = None, *, generic_name: str | None = None,
               extra: Sequence[tuple[str, str]] = ()) -> str:
    """A ``.desktop`` file starting ``command`` (Desktop Entry Specification 1.4), as text.

    The one builder of both Afterview's launchers: the application menu's
    (:func:`desktop_entry_text`) and start-at-login's (``autostart.linux_entry_text``).
    Both share the ``[Desktop Entry]`` group's name, comment, ``Exec``/``TryExec`` (quoted
    and escaped as the spec's "The Exec key" says), ``Path`` when ``working_dir`` is given
    (a source checkout), the icon and ``Terminal=false``; ``extra`` keys follow, in order,
    their values written as given. Raises ``ValueError`` when an argument holds a line break.
    """
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        f"Name={APP_NAME}",
        *([f"GenericName={generic_name}"] if generic_name else []),
        f"Comment={COMMENT}",
        f"Exec={exec_line(command)}",
        f"TryExec={_escape_string_value(command[0])}",
    ]
    if working_dir is not None:
        lines.append(f"Path={_escape_string_value(str(working_dir))}")
    lines += [f"Icon={APP_ID}", "Terminal=false"]
    lines += [f"{key}={value}" for key, value in extra]
    return "\n".join(lines) + "\n"


def desktop_entry_text(command: list[str], working_dir: Path | None = None) -> str:
    """The contents of the application menu's launcher file for ``command``."""
    return entry_text(command, working_dir, generic_name=GENERIC_NAME, extra=(
        ("Categories", "Office;"), ("Keywords", KEYWORDS), ("StartupNotify", "true"),
        ("StartupWMClass", APP_NAME)))


def _installed_files(data_home: Path) -> list[Path]:
    """Every file that install_desktop_entry writes under ``data_home``."""
    hicolor = data_home / "icons" / "hicolor"
    files = [data_home / "applications" / f"{APP_ID}.desktop"]
    files += [hicolor / f"{s}x{s}" / "apps" / f"{APP_ID}.png" for s in ICON_SIZES]
    files.append(hicolor / "scalable" / "apps" / f"{APP_ID}.svg")
    return files


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file so a desktop never reads half a launcher (mode 0644:
    nothing private in it, and the desktop may read it as another process)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, private=False) as handle:
        handle.write(data)


def install_desktop_entry(xdg_data_home: Path | None = None) -> Path:
    """Install the launcher and icons; return the path of the ``.desktop`` file."""
    data_home = xdg_data_home or default_xdg_data_home()
    desktop_file, *png_files, svg_file = _installed_files(data_home)
    for size, target in zip(ICON_SIZES, png_files):
        _write_atomically(target, icon_png(size).read_bytes())
    _write_atomically(svg_file, (icons_dir() / ICON_SVG).read_bytes())
    text = desktop_entry_text(launch_command(), source_root())
    _write_atomically(desktop_file, text.encode("utf-8"))
    # Desktops watch these folders' modification times to notice new entries.
    for folder in (desktop_file.parent, data_home / "icons" / "hicolor"):
        os.utime(folder)
    return desktop_file


def uninstall_desktop_entry(xdg_data_home: Path | None = None) -> list[Path]:
    """Remove the launcher and icons; return the files that were removed."""
    data_home = xdg_data_home or default_xdg_data_home()
    removed: list[Path] = []
    for path in _installed_files(data_home):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def run_from_arguments(args: argparse.Namespace) -> int:
    """Carry out the install or uninstall asked for on the command line; exit status."""
    from PySide6.QtCore import QCoreApplication  # here: sub-commands start without Qt

    translate = QCoreApplication.translate
    try:
        if args.install_desktop_entry:
            path = install_desktop_entry()
            print(translate("desktop_entry", "Added Afterview to the application menu: {path}")
                  .format(path=path))
        else:
            removed = uninstall_desktop_entry()
            print(translate("desktop_entry", "Removed Afterview from the application menu "
                            "({count} files).").format(count=len(removed)))
    except OSError as exc:
        print(translate("desktop_entry", "afterview: cannot change the application menu: {error}")
              .format(error=exc), file=sys.stderr)
        return 1
    return 0
