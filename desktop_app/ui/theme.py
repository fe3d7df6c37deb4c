"""Light or dark, as the system says (issue #18): Qt 6's ``QStyleHints.colorScheme``.

Most platform themes hand Qt a dark palette themselves when the system is dark; where
one does not (a bare X session, Fusion without a platform theme) :func:`follow_system_scheme`
builds one, and follows the system when it switches while Afterview runs. Colours that
carry meaning (overdue) come from :func:`overdue_colour`, chosen for the palette's base so
they stay readable on either — and are always paired with text, never colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

#: Overdue text on a light base (a dark red, 7.3:1 on white) and on a dark base (a light red, 7.8:1 on #202124).
OVERDUE_ON_LIGHT = QColor(176, 0, 32)
OVERDUE_ON_DARK = QColor(255, 138, 128)


def is_dark(palette: QPalette) -> bool:
    """True when the palette's base (where list text is painted) is dark (HSL lightness below half)."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def overdue_colour(palette: QPalette | None = None) -> QColor:
    """The colour of overdue text for ``palette`` (default: the application's)."""
    palette = palette if palette is not None else QGuiApplication.palette()
    return QColor(OVERDUE_ON_DARK if is_dark(palette) else OVERDUE_ON_LIGHT)


def dark_palette() -> QPalette:
    """A dark palette for when the system is dark but the platform theme gave Qt a light one."""
    palette = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(32, 33, 36), QColor(232, 234, 237)
    for role, colour in ((QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor(40, 41, 45)),
                         (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, window),
                         (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.ToolTipBase, base),
                         (QPalette.ColorRole.ToolTipText, text), (QPalette.ColorRole.Highlight, QColor(66, 133, 244)),
                         (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
                         (QPalette.ColorRole.Link, QColor(138, 180, 248)), (QPalette.ColorRole.Mid, QColor(95, 99, 104)),
                         (QPalette.ColorRole.PlaceholderText, QColor(154, 160, 166))):
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(128, 134, 139))
    return palette


def apply_scheme(scheme: Qt.ColorScheme) -> bool:
    """Make the application's palette match ``scheme``; True when it set a palette of its own.

    Unknown: left as the platform made it. Dark with a palette already dark: left alone.
    """
    app = QGuiApplication.instance()
    if app is None or scheme == Qt.ColorScheme.Unknown:
        return False
    if scheme == Qt.ColorScheme.Dark and not is_dark(QGuiApplication.palette()):
        QGuiApplication.setPalette(dark_palette())
        return True
    if scheme == Qt.ColorScheme.Light and is_dark(QGuiApplication.palette()):
        from PySide6.QtWidgets import QApplication

        QApplication.setPalette(QApplication.style().standardPalette())  # the style's own light palette
        return True
    return False


def follow_system_scheme() -> None:
    """Apply the system's scheme now and whenever it changes (call once, after the QApplication exists)."""
    hints = QGuiApplication.styleHints()
    apply_scheme(hints.colorScheme())
    if not _following:  # one connection per process, however many windows are made (tests make many)
        hints.colorSchemeChanged.connect(apply_scheme)
        _following.append(True)


_following: list[bool] = []
