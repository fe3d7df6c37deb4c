"""Small widget helpers shared by the tabs and dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QComboBox, QFrame, QLayout, QPushButton, QScrollArea, QWidget

#: How many characters a list of names shows before its width stops following its items.
NAME_COMBO_CHARACTERS = 28


def push_button(parent: QWidget, name: str, text: str, slot: Callable[[], Any], *,
                shortcut: str | None = None) -> QPushButton:
    """A button with an object name and an accessible name (for tests and screen readers)."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    if shortcut:
        button.setShortcut(QKeySequence(shortcut))
    button.clicked.connect(lambda _checked=False: slot())
    return button



def name_combo(parent: QWidget) -> QComboBox:
    """A drop-down of names (people, organisations, applications) that does not widen with them.

    A plain QComboBox is as wide as its longest item: one 480-character name made the
    window 3840 px wide. This one is :data:`NAME_COMBO_CHARACTERS` characters wide at
    least and grows only with its layout; the open list still shows the names whole.
    """
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(NAME_COMBO_CHARACTERS)
    return combo


class FormScroll(QScrollArea):
    """A dialog's fields, scrolled when the dialog is shorter than they are (see :func:`scrolling_form`)."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # QScrollArea's own hint ignores height-for-width: a wrapped hint or error line made the
        # dialog a line or two short (issue #18: Save and Cancel drawn over the Notes box)
        body = self.widget()
        hint = body.sizeHint()
        width = max(hint.width(), body.minimumSizeHint().width())
        height = body.heightForWidth(width) if body.hasHeightForWidth() else hint.height()
        screen = self.screen().availableGeometry().height() if self.screen() is not None else height
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(width + bar + 2 * self.frameWidth(), min(max(height, hint.height()), screen - 160))


def scrolling_form(parent: QWidget, form: QLayout) -> FormScroll:
    """``form`` (a dialog's fields) in a scroll area to put above the dialog's buttons.

    Issue #18, fresh eyes: at 1024×640, and after an error line appeared, the referee form
    was taller than its window, and Save/Cancel were drawn over the Notes box. In a scroll
    area the fields scroll instead; the buttons stay below them, never on top. The area is
    as tall as the fields (less 160 px than the screen at most), and never scrolls sideways.
    """
    body = QWidget(parent)
    body.setObjectName("form_body")
    body.setLayout(form)
    area = FormScroll(parent)
    area.setObjectName("form_scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(body)
    return area


class _FitOnShow(QObject):
    def __init__(self, parent: QWidget, wanted: QSize | None) -> None:
        super().__init__(parent)
        self.wanted = wanted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            _fit(watched, self.wanted)
        return False


def _fit(dialog: QWidget, wanted: QSize | None = None) -> None:
    for area in dialog.findChildren(FormScroll):
        area.updateGeometry()  # its hint was cached before the fonts and style were final
    hint = wanted if wanted is not None else dialog.sizeHint()
    screen = dialog.screen()
    if screen is None:
        dialog.resize(hint.expandedTo(dialog.minimumSize()))
        return
    area = screen.availableGeometry()
    room = QSize(area.width() - 40, area.height() - 60)  # the title bar and frame
    dialog.setMinimumSize(dialog.minimumSize().boundedTo(room))  # a minimum never pushes it off the screen
    dialog.resize(hint.boundedTo(room).expandedTo(dialog.minimumSize()))
    # placed (centred on its parent) for its first size: moved back onto the screen, frame included
    frame = dialog.frameGeometry()
    left = max(area.left(), min(frame.left(), area.right() + 1 - frame.width() - 20))
    top = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height() - 30))
    if (left, top) != (frame.left(), frame.top()):
        dialog.move(left, top)


def fit_to_screen(dialog: QWidget, wanted: QSize | None = None) -> None:
    """Size ``dialog`` to its size hint (or ``wanted``, in pixels) as it is first shown, as far as
    its screen allows, with its frame, and keep it on the screen.

    Qt sizes a new window to at most two thirds of the screen: at 1024×640 a form in a
    :func:`scrolling_form` would scroll although the screen had room for all of it. The
    hint is read when the dialog is shown, once its fonts and style are those it is shown with.
    ``wanted``: the size a large window would like (the pack's preview, 820×900), given up
    where the screen is smaller (issue 15, fresh eyes: on a 1280×900 screen the preview's
    Print and Close were half off the bottom).
    """
    dialog.installEventFilter(_FitOnShow(dialog, wanted))

