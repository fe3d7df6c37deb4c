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


def light_and_dark() -> list[tuple[str, QPalette]]:
    """The two palettes the app paints with: the style's own light one, and :func:`theme.dark_palette`."""
    from PySide6.QtWidgets import QApplication

    light = QApplication.style().standardPalette()
    assert not theme.is_dark(light)
    return [("light", light), ("dark", theme.dark_palette())]


def test_every_text_role_reads_on_the_window_of_both_palettes(qapp: Any) -> None:
    """WCAG 1.4.3: text at least 4.5:1 against the window background; the focus ring (1.4.11) 3:1."""
    for name, palette in light_and_dark():
        for background in (palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)):
            for role in theme.TEXT_ROLES:
                needed = 3.0 if role == theme.FOCUS else 4.5
                ratio = contrast(theme.colour(role, palette), background)
                assert ratio >= needed, (name, role, background.name(), round(ratio, 2))


def test_light_and_dark_roles_differ_so_the_dark_theme_is_not_given_light_colours(qapp: Any) -> None:
    (_, light), (_, dark) = light_and_dark()
    for role in theme.TEXT_ROLES:
        assert theme.colour(role, light) != theme.colour(role, dark), role
    assert theme.page_backdrop(light) != theme.page_backdrop(dark)


def test_banner_text_reads_on_its_own_background_in_both_palettes(qapp: Any) -> None:
    for kind, pair in theme.BANNERS.items():
        for background, _border, text in pair:
            assert contrast(QColor(text), QColor(background)) >= 4.5, kind


def test_banner_style_follows_the_application_palette(qapp: Any) -> None:
    before = QGuiApplication.palette()
    try:
        QGuiApplication.setPalette(theme.dark_palette())
        dark = theme.banner_style("warning", "#x")
        assert dark.startswith("#x {") and theme.BANNERS["warning"][1][0] in dark
        assert theme.text_style(theme.ERROR) == "color: #ff8a80;"
        assert theme.border_style(theme.ERROR) == "border: 1px solid #ff8a80;"
    finally:
        QGuiApplication.setPalette(before)
    QGuiApplication.setPalette(light_and_dark()[0][1])
    try:
        assert theme.BANNERS["warning"][0][0] in theme.banner_style("warning")
        assert theme.text_style(theme.ERROR, "font-weight: 600;") == "color: #b00020; font-weight: 600;"
    finally:
        QGuiApplication.setPalette(before)


#: Fixed colours left on purpose: the tray badge is its own red disc with white digits (5.6:1, on
#: any panel), and a previewed page is paper, white whatever the theme.
_FIXED_ON_PURPOSE = {"tray.py", "pack_preview.py", "theme.py"}


def test_no_fixed_colour_is_left_in_the_window_code() -> None:
    """Issue #18: every colour of the window is a theme role, readable on light and dark."""
    import re
    from pathlib import Path

    import desktop_app.ui

    fixed = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b(?![\w-])|QColor\(|Qt\.(?:GlobalColor\.)?(?:red|darkRed|green)\b"
                       r"|palette\(mid\)|color:\s*(?!palette\(highlighted-text\))[a-z]")
    found = []
    for path in Path(desktop_app.ui.__file__).parent.rglob("*.py"):
        if path.name in _FIXED_ON_PURPOSE:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("  #")[0]
            if fixed.search(code) and "#:" not in code and not code.lstrip().startswith("#"):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []


def ring_pixels(widget: Any) -> int:
    """How many pixels of a grabbed ``widget`` are the focus ring's colour."""
    image = widget.grab().toImage()
    ring = theme.colour(theme.FOCUS).rgb()
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == ring)


def test_focus_ring_is_drawn_round_a_focused_button_and_list(qtbot: Any) -> None:
    """Issue #18: the usual focus mark is faint; the ring is 2px in the focus colour, only on the focused one."""
    from PySide6.QtWidgets import QListWidget, QPushButton, QVBoxLayout, QWidget

    style = theme.focus_ring_style()
    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    first, second, listed = QPushButton("First"), QPushButton("Second"), QListWidget()
    listed.addItems(["One", "Two"])
    for widget in (first, second, listed):
        widget.setStyle(style)
        layout.addWidget(widget)
    box.show()
    box.windowHandle().requestActivate()
    qtbot.waitUntil(box.isActiveWindow)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    width = first.width()
    assert ring_pixels(first) >= 2 * width  # top and bottom edges at least
    assert ring_pixels(second) == 0
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert second.hasFocus()
    assert ring_pixels(first) == 0 and ring_pixels(second) >= 2 * width
    qtbot.keyClick(second, Qt.Key.Key_Tab)
    assert listed.hasFocus()
    listed.setCurrentRow(1)
    assert ring_pixels(listed) >= 2 * listed.width()


def test_the_window_uses_the_focus_ring_style(window: Any) -> None:
    """The main window puts the focus ring in for every widget (once per process)."""
    from PySide6.QtWidgets import QApplication, QProxyStyle

    assert isinstance(QApplication.style(), QProxyStyle)
    assert QApplication.style() in theme._following
