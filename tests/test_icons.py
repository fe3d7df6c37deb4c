"""The application icon: every committed rendering is there, the right size, and current."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

REPO_ROOT = Path(__file__).resolve().parent.parent
ICONS = REPO_ROOT / "resources" / "icons"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def make_icons() -> ModuleType:
    """packaging/make_icons.py, loaded by path (the folder name shadows PyPI's `packaging`)."""
    spec = importlib.util.spec_from_file_location("make_icons", REPO_ROOT / "packaging" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_MAGIC)
    return struct.unpack(">II", data[16:24])


def test_svg_source_is_valid() -> None:
    assert QSvgRenderer(str(ICONS / "afterview.svg")).isValid()


def test_every_png_size_is_committed(make_icons: ModuleType) -> None:
    for size in make_icons.PNG_SIZES:
        image = QImage(str(ICONS / make_icons.png_name(size)))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


def test_ico_holds_one_png_per_windows_size(make_icons: ModuleType) -> None:
    data = (ICONS / "afterview.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        image = data[offset : offset + length]
        assert png_size(image) == (width or 256, height or 256)
        assert (planes, bits) == (1, 32)
        sizes.append(width or 256)
    assert sizes == sorted(make_icons.ICO_SIZES)


def test_icns_holds_a_png_for_each_declared_type(make_icons: ModuleType) -> None:
    data = (ICONS / "afterview.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found = {}
    position = 8
    while position < len(data):
        kind, length = data[position : position + 4], struct.unpack(">I", data[position + 4 : position + 8])[0]
        found[kind] = png_size(data[position + 8 : position + length])[0]
        position += length
    assert found == dict(make_icons.ICNS_TYPES)


def test_committed_icons_match_the_svg(make_icons: ModuleType, tmp_path: Path, qapp) -> None:
    """Regenerating gives the committed sizes: run packaging/make_icons.py after editing the SVG."""
    written = make_icons.make_icons(tmp_path)
    for path in written:
        committed = ICONS / path.name
        assert committed.is_file(), f"{path.name} missing: run packaging/make_icons.py"
        if path.suffix == ".png":
            fresh, kept = QImage(str(path)), QImage(str(committed))
            assert fresh.size() == kept.size()
            # Compare pixels, not bytes: PNG encoders may differ between Qt builds.
            assert fresh.convertToFormat(QImage.Format.Format_ARGB32) == kept.convertToFormat(
                QImage.Format.Format_ARGB32
            ), f"{path.name} is out of date: run packaging/make_icons.py"
