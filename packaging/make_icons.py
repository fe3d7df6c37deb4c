"""Render the Afterview icon from its SVG source into PNG, ICO and ICNS files.

Usage: ``python packaging/make_icons.py [--out DIR]``. By default it rewrites the
files beside the SVG in ``resources/icons/``; commit them afterwards.

The SVG is drawn with QtSvg offscreen, so no extra tool or dependency is needed.
ICO and ICNS are written here by hand: both are small containers that may embed
PNG images directly (ICO since Windows Vista, ICNS since Mac OS X 10.7).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG_NAME = "afterview.svg"
PNG_SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256, 512)
# Windows uses up to 256 px; a 256 entry is stored as width/height 0 in the header.
ICO_SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256)
# ICNS element types that hold PNG data, and the pixel size each one wants.
ICNS_TYPES: tuple[tuple[bytes, int], ...] = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic11", 32),  # 16 px @2x
    (b"ic12", 64),  # 32 px @2x
    (b"ic13", 256),  # 128 px @2x
    (b"ic14", 512),  # 256 px @2x
)


def png_name(size: int) -> str:
    """File name of the PNG rendering at ``size`` pixels."""
    return f"afterview-{size}.png"


def render_png(svg_path: Path, size: int) -> bytes:
    """Render the SVG to a square, transparent PNG of ``size`` pixels."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        raise ValueError(f"cannot read SVG: {svg_path}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding one PNG-compressed image per size."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries = b""
    payload = b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def build_icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file holding PNG elements for the standard and Retina sizes."""
    body = b""
    for kind, size in ICNS_TYPES:
        data = pngs[size]
        body += kind + struct.pack(">I", len(data) + 8) + data
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def make_icons(out_dir: Path, svg_path: Path = ICONS_DIR / SVG_NAME) -> list[Path]:
    """Write every PNG size, ``afterview.ico`` and ``afterview.icns`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(svg_path, size) for size in PNG_SIZES}
    written: list[Path] = []
    for size, data in pngs.items():
        path = out_dir / png_name(size)
        path.write_bytes(data)
        written.append(path)
    for name, data in (
        ("afterview.ico", build_ico({s: pngs[s] for s in ICO_SIZES})),
        ("afterview.icns", build_icns(pngs)),
    ):
        path = out_dir / name
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ICONS_DIR, help="output folder")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in make_icons(args.out):
        print(path)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
