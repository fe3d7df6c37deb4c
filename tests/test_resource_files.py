"""The bundled files: every one the app needs is found through ``desktop_app.resource_files``.

In the editable install (``make test``), here and from a folder outside the checkout;
and in a wheel built from the checkout and installed on its own (``slow``). The
PyInstaller bundle is checked in ``tests/test_bundle.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desktop_app import desktop_entry
from desktop_app.pack import fonts
from desktop_app.resource_files import (
    DEMO_DATA,
    DEMO_FOLDER,
    FONTS,
    ICONS,
    PACKAGE,
    resource,
    resource_path,
    resources_root,
    walk,
)
from desktop_app.services.exchange import demo

REPO_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = REPO_ROOT / "resources"


def source_files() -> list[str]:
    """Every resource file in the checkout, as POSIX paths relative to ``resources/``."""
    return sorted(
        path.relative_to(RESOURCES).as_posix()
        for path in RESOURCES.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".py", ".pyc")
    )


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without Python's or Afterview's variables, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "AFTERVIEW_", "XDG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


# What finds which file ------------------------------------------------------------


def test_every_icon_is_found(qapp) -> None:
    for size in desktop_entry.ICON_SIZES:
        with resource_path(f"{ICONS}/afterview-{size}.png") as path:
            assert QImage(str(path)).width() == size
    # The SVG for the launcher, and the .ico/.icns that the PyInstaller spec embeds.
    for name in (desktop_entry.ICON_SVG, "afterview.ico", "afterview.icns"):
        assert resource(f"{ICONS}/{name}").read_bytes()


def test_every_font_of_the_pack_is_found_and_loads() -> None:
    for name, file in fonts.FONT_FILES.items():
        assert resource(f"{FONTS}/{file}").is_file(), name
    # The fallback font is read only when a text needs it: this one does.
    assert fonts.runs("Łukasz 王", set()) == [(fonts.SANS, "Łukasz "), (fonts.FALLBACK, "王")]
    for licence in ("LICENSE-DejaVu.txt", "LICENSE-DroidSansFallback.txt"):
        assert resource(f"{FONTS}/{licence}").read_text(encoding="utf-8")


def test_sample_data_and_its_documents_are_found() -> None:
    assert json.loads(resource(DEMO_DATA).read_text(encoding="utf-8"))["applications"]
    assert demo.demo_data()["applications"]
    for name, _kind, _title in demo.DEMO_DOCUMENTS:
        with resource_path(f"{DEMO_FOLDER}/{name}") as path:
            assert path.read_bytes().startswith(b"%PDF-")


def test_walk_lists_every_resource_file_and_no_python() -> None:
    assert [name for name, _ in walk()] == source_files()
    assert [name for name, _ in walk(FONTS)] == [n for n in source_files() if n.startswith("fonts/")]
    assert all(file.is_file() for _, file in walk())


@pytest.mark.parametrize("path", ["", "/etc/passwd", "../pyproject.toml", "fonts/../../README.md"])
def test_a_path_outside_the_resources_is_refused(path: str) -> None:
    with pytest.raises(ValueError, match="not a path inside the resources"):
        resource(path)


def test_a_missing_resource_is_named_not_found() -> None:
    assert not resource("fonts/NoSuchFont.ttf").is_file()
    with pytest.raises(FileNotFoundError):
        resource("fonts/NoSuchFont.ttf").read_bytes()


# The editable install --------------------------------------------------------------


def test_the_editable_install_reads_the_checkouts_folder() -> None:
    assert Path(str(resources_root())) == RESOURCES


def test_the_editable_install_finds_them_from_outside_the_checkout(tmp_path: Path) -> None:
    # PYTHONSAFEPATH: the current folder is not searched, so only the editable
    # finder of the installed project can supply both packages.
    code = (
        "import desktop_app, desktop_app.resource_files as r; "
        "print(desktop_app.__file__); print(r.resources_root()); "
        "print(r.resource('fonts/DejaVuSans.ttf').is_file())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True, text=True, cwd=tmp_path, timeout=60, env=clean_env(PYTHONSAFEPATH="1"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        str(REPO_ROOT / "desktop_app" / "__init__.py"), str(RESOURCES), "True"
    ]


def test_every_package_is_listed_in_pyproject() -> None:
    """packages is a list (resources/ is mapped to another name): a new package must join it."""
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {
        ".".join(init.parent.relative_to(REPO_ROOT).parts)
        for init in (REPO_ROOT / "desktop_app").rglob("__init__.py")
    }
    assert sorted(config["packages"]) == sorted(on_disk | {PACKAGE})
    assert config["package-dir"] == {PACKAGE: "resources"}
    assert not (REPO_ROOT / "desktop_app" / "resources").exists()


# A wheel ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the checkout, offline, with the venv's setuptools."""
    setuptools_major = int(metadata.version("setuptools").split(".")[0])
    assert setuptools_major >= 77, "setuptools>=77 missing from the venv: pip install -e '.[test]'"
    source = tmp_path_factory.mktemp("source")
    # A copy, so the build's build/ and *.egg-info folders stay out of the checkout.
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("desktop_app", "resources"):
        shutil.copytree(REPO_ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    # --no-index and no build isolation: nothing is downloaded.
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", str(source), "-w", str(out)],
        capture_output=True, text=True, timeout=300, env=clean_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("afterview-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_holds_every_resource_and_no_byte_code(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n.removeprefix(f"{PACKAGE}/") for n in names if n.startswith(f"{PACKAGE}/")) == sorted(
        [*source_files(), "__init__.py"]
    )
    assert not [n for n in names if n.endswith(".pyc") or "/resources/" in n]
    assert "desktop_app/resource_files.py" in names


@pytest.mark.slow
def test_the_installed_wheel_passes_its_self_check_on_its_own(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(site), str(wheel)],
        capture_output=True, text=True, timeout=300, env=clean_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    # PYTHONSAFEPATH keeps the current folder off sys.path; PYTHONPATH comes before the
    # venv's site-packages, where the editable finder would supply the checkout.
    env = clean_env(PYTHONPATH=str(site), PYTHONSAFEPATH="1", HOME=str(tmp_path))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], capture_output=True, text=True, cwd=outside, timeout=180, env=env
        )

    where = run("-c", "import desktop_app, desktop_app.resource_files as r; "
                      "print(desktop_app.__file__); print(r.resources_root())")
    assert where.returncode == 0, where.stderr
    assert where.stdout.splitlines() == [str(site / "desktop_app" / "__init__.py"), str(site / PACKAGE)]

    check = run("-m", "desktop_app", "--self-check")
    assert check.returncode == 0, check.stdout + check.stderr
    lines = check.stdout.splitlines()
    assert lines[-1] == "self-check passed"
    (resources_line,) = [line for line in lines if line.startswith("ok resources ")]
    assert resources_line.endswith(f" in {site / PACKAGE})")
