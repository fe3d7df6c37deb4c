"""Light or dark as the system says (issue #18), and overdue text readable on both."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop_app.ui import theme
from desktop_app.ui.models.due_model import OVERDUE_COLOUR


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2.x contrast ratio (relative luminance, section 1.4.3)."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_overdue_colour_reads_on_light_and_dark_bases() -> None:
    light, dark = QPalette(), theme.dark_palette()
    light.setColor(QPalette.ColorRole.Base, QColor("white"))
    assert not theme.is_dark(light) and theme.is_dark(dark)
    assert theme.overdue_colour(light) == OVERDUE_COLOUR
    assert contrast(theme.overdue_colour(light), light.color(QPalette.ColorRole.Base)) >= 4.5
    assert contrast(theme.overdue_colour(dark), dark.color(QPalette.ColorRole.Base)) >= 4.5
    assert contrast(OVERDUE_COLOUR, dark.color(QPalette.ColorRole.Base)) < 3  # the old fixed red did not


def test_dark_scheme_gives_a_dark_palette_and_light_takes_it_back(qapp: Any) -> None:
    before = QGuiApplication.palette()
    try:
        assert theme.apply_scheme(Qt.ColorScheme.Unknown) is False
        if not theme.is_dark(QGuiApplication.palette()):
            assert theme.apply_scheme(Qt.ColorScheme.Dark) is True
        assert theme.is_dark(QGuiApplication.palette())
        assert theme.apply_scheme(Qt.ColorScheme.Dark) is False  # already dark: left alone
        assert theme.apply_scheme(Qt.ColorScheme.Light) is True
        assert not theme.is_dark(QGuiApplication.palette())
    finally:
        QGuiApplication.setPalette(before)
