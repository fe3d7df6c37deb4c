"""Light or dark, as the system says (issue #18): Qt 6's ``QStyleHints.colorScheme``.

Most platform themes hand Qt a dark palette themselves when the system is dark; where
one does not (a bare X session, Fusion without a platform theme) :func:`follow_system_scheme`
builds one, and follows the system when it switches while Afterview runs. Colours that
carry meaning (overdue) come from :func:`overdue_colour`, chosen for the palette's base so
they stay readable on either — and are always paired with text, never colour alone.

Every colour the window paints beyond the palette's own is a *role* here (:data:`ERROR`,
:data:`WARNING`, :data:`ACCENT`, :data:`OVERDUE`, :data:`HINT`, :data:`FOCUS`, the banners, the
backdrop of previewed pages), with one value
for a light and one for a dark palette; widgets ask :func:`colour`, :func:`text_style`,
:func:`border_style` or :func:`banner_style`, never a fixed ``#rrggbb``. Text roles keep a
contrast of at least 4.5:1 against the window background of both palettes (WCAG 2.x, success
criterion 1.4.3); the focus ring at least 3:1 (non-text contrast, 1.4.11). tests/ui/test_theme.py
measures both. Style sheets are worked out when a widget is built: a scheme switched while
Afterview runs recolours the palette at once and these roles in windows opened after it.
Only two fixed colours are left, on purpose: the tray badge (its own red disc, white digits)
and a previewed page (paper is white).

Keyboard focus is drawn by :func:`focus_ring_style`: a 2px ring in :data:`FOCUS`, where
the usual styles draw a faint (often dotted) line.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyleOption


#: Role names (the keys of :data:`TEXT_ROLES`).
ERROR, WARNING, ACCENT, OVERDUE, HINT, FOCUS = "error", "warning", "accent", "overdue", "hint", "focus"
#: Text colours by role: (on a light palette, on a dark palette), as ``#rrggbb``.
TEXT_ROLES: dict[str, tuple[str, str]] = {
    ERROR: ("#b00020", "#ff8a80"),    # error text and a field's error border
    WARNING: ("#8a4b00", "#ffb74d"),  # a warning that is not an error (vault check, phone note)
    ACCENT: ("#1f5c70", "#80cbe0"),   # good news worth a second look (monthly target reached)
    OVERDUE: ("#b00020", "#ff8a80"),  # an overdue item's Due cell (always with the word "overdue")
    HINT: ("#5f6368", "#bdc1c6"),     # quiet help text (an empty list, a drop hint); palette(mid) was too faint
    FOCUS: ("#0b57d0", "#8ab4f8"),    # the keyboard-focus ring (lists, the board, buttons)
}
#: Overdue text on a light base (a dark red, 7.3:1 on white) and on a dark base (a light red, 7.8:1 on #202124).
OVERDUE_ON_LIGHT = QColor(TEXT_ROLES[OVERDUE][0])
OVERDUE_ON_DARK = QColor(TEXT_ROLES[OVERDUE][1])
#: Banners by kind: (background, border, text), light then dark. "warning": something to do
#: (Referees, Getting started, a message without a name); "ok": all done; "info": news (since last here).
BANNERS: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "warning": (("#fff4e5", "#f0b429", "#202124"), ("#3d2e12", "#c9962b", "#f8ead0")),
    "ok": (("#e8f5e9", "#81c784", "#202124"), ("#1e3a24", "#5fa868", "#dff2e1")),
    "info": (("#e8f0fe", "#a8c0f0", "#202124"), ("#1c2c4a", "#5c7fbf", "#e3ebfa")),
}
#: Behind the pages of a previewed PDF: a neutral grey that sets white pages apart on either theme.
PAGE_BACKDROP = ("#8a8d91", "#4a4d52")


def is_dark(palette: QPalette) -> bool:
    """True when the palette's base (where list text is painted) is dark (HSL lightness below half)."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def overdue_colour(palette: QPalette | None = None) -> QColor:
    """The colour of overdue text for ``palette`` (default: the application's)."""
    palette = palette if palette is not None else QGuiApplication.palette()
    return colour(OVERDUE, palette)


def _pick(pair: tuple[str, str], palette: QPalette | None) -> str:
    palette = palette if palette is not None else QGuiApplication.palette()
    return pair[1] if is_dark(palette) else pair[0]


def colour(role: str, palette: QPalette | None = None) -> QColor:
    """The colour of ``role`` (a key of :data:`TEXT_ROLES`) for ``palette`` (default: the application's).

    Raises KeyError for an unknown role.
    """
    return QColor(_pick(TEXT_ROLES[role], palette))


def text_style(role: str, extra: str = "") -> str:
    """A style sheet colouring a widget's text in ``role`` (``extra``: more declarations, e.g. weight)."""
    return f"color: {colour(role).name()};{(' ' + extra) if extra else ''}"


def border_style(role: str) -> str:
    """A style sheet drawing a 1px border in ``role`` (a date field with an error)."""
    return f"border: 1px solid {colour(role).name()};"


def banner_style(kind: str, selector: str = "", padding: int = 8) -> str:
    """The style sheet of a banner of ``kind`` ("warning", "ok", "info"; KeyError otherwise).

    ``selector`` (e.g. ``"#since_last_banner"``) limits it to the banner itself, not its
    children (its buttons keep the palette's look); ``padding`` in pixels.
    """
    light, dark = BANNERS[kind]
    background, border, text = dark if is_dark(QGuiApplication.palette()) else light
    body = (f"background: {background}; border: 1px solid {border}; border-radius: 4px; "
            f"color: {text}; padding: {padding}px;")
    return f"{selector} {{ {body} }}" if selector else body


def page_backdrop(palette: QPalette | None = None) -> QColor:
    """The colour behind previewed pages for ``palette`` (default: the application's)."""
    return QColor(_pick(PAGE_BACKDROP, palette))


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


#: The focus ring's width in pixels: two, so it is seen at a glance, not a faint dotted line.
FOCUS_RING_WIDTH = 2


def draw_focus_ring(painter: QPainter, rect: QRect, palette: QPalette | None = None) -> None:
    """Draw the keyboard-focus ring (:data:`FOCUS`, :data:`FOCUS_RING_WIDTH` px) just inside ``rect``."""
    painter.save()
    pen = QPen(colour(FOCUS, palette), FOCUS_RING_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = FOCUS_RING_WIDTH // 2
    painter.drawRect(rect.adjusted(half, half, -half, -half))
    painter.restore()


def focus_ring_style() -> QStyle:
    """The application's style with a clear focus ring (issue #18: the usual one is faint).

    A :class:`~PySide6.QtWidgets.QProxyStyle` over the current style: the focus rectangle of
    a list's current item becomes the ring, and a focused button, check box, combo box or
    list/table (their frame) gets the ring around it. Everything else is drawn as before.
    """
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QProxyStyle, QStyleFactory

    element = QStyle.PrimitiveElement
    focused = QStyle.StateFlag.State_HasFocus
    ringed_panels = (element.PE_PanelButtonCommand, element.PE_PanelButtonTool)

    class FocusRingStyle(QProxyStyle):
        def drawPrimitive(self, pe: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,  # noqa: N802
                          widget: object = None) -> None:
            if pe == element.PE_FrameFocusRect:  # replaces the faint (often dotted) rectangle
                draw_focus_ring(painter, option.rect, option.palette)
                return
            super().drawPrimitive(pe, option, painter, widget)
            if pe in ringed_panels and option.state & focused:
                draw_focus_ring(painter, option.rect, option.palette)

        def drawControl(self, ce: QStyle.ControlElement, option: QStyleOption, painter: QPainter,  # noqa: N802
                        widget: object = None) -> None:
            super().drawControl(ce, option, painter, widget)
            if (ce == QStyle.ControlElement.CE_ShapedFrame and isinstance(widget, QAbstractItemView)
                    and option.state & focused):
                draw_focus_ring(painter, option.rect, option.palette)

    base = QStyleFactory.create(QApplication.style().name())
    return FocusRingStyle(base)


def follow_system_scheme() -> None:
    """Apply the system's scheme now and whenever it changes (call once, after the QApplication exists);
    the first call also puts in :func:`focus_ring_style`."""
    from PySide6.QtWidgets import QApplication

    hints = QGuiApplication.styleHints()
    apply_scheme(hints.colorScheme())
    if not _following:  # one connection per process, however many windows are made (tests make many)
        hints.colorSchemeChanged.connect(apply_scheme)
        _following.append(True)
        _following.append(focus_ring_style())  # kept here too: Python must not collect it
        QApplication.setStyle(_following[-1])


_following: list[object] = []
