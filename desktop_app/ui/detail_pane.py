"""The pane beside a list that shows the selected row in full: a header, then titled lists.

Shared by the Applications tab's detail (``application_detail.ApplicationDetailView``)
and the Organisations tab's memory (``organisations_tab.OrganisationView``), so that
both look and behave alike: a large title (with buttons beside it, or not), the facts
under it (selectable, to copy), one highlighted line (the next step, the re-approach
window), then titled lists. Layout only: the tabs fill it and wire its buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme

#: Height of a list that takes the spare room, at the least. Pixels.
GROWING_LIST_MIN_HEIGHT = 120


class DetailPane(QScrollArea):
    """A scrolling pane: ``title``, ``facts`` and ``highlight`` labels, then what subclasses add.

    ``name`` is the pane's object name; the labels are named ``<prefix>_title``,
    ``<prefix>_facts`` and ``<prefix>_<highlight>`` (tests and screen readers find them so).
    Subclasses add buttons beside the title with :meth:`title_button`, and widgets under the
    header to ``body_layout`` (on ``body``), in order, with :meth:`button` and :meth:`titled_list`.
    """

    def __init__(self, name: str, prefix: str, highlight: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        # long lines wrap: the pane never grows wider than the window (#18: 1024 wide)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.title = QLabel(self.body)
        self.title.setObjectName(f"{prefix}_title")
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.facts = QLabel(self.body)
        self.facts.setObjectName(f"{prefix}_facts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.highlight = QLabel(self.body)
        self.highlight.setObjectName(f"{prefix}_{highlight}")
        self.highlight.setStyleSheet(theme.text_style(theme.ACCENT, "font-weight: 600;"))
        self.highlight.setWordWrap(True)
        # the title's row: buttons added by :meth:`title_button` sit at its right
        self._title_row = QHBoxLayout()
        self._title_row.addWidget(self.title, 1)
        self.body_layout.addLayout(self._title_row)
        self.body_layout.addWidget(self.facts)
        self.body_layout.addWidget(self.highlight)
        self.setWidget(self.body)

    def title_button(self, name: str, text: str) -> QPushButton:
        """A button at the right of the title, top-aligned (after any added before)."""
        button = self.button(self.body, name, text)
        self._title_row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return button

    def button(self, parent: QWidget, name: str, text: str) -> QPushButton:
        """A push button named ``name`` for tests, its text (less ``&`` and "…") for screen readers."""
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        return button

    def titled_list(self, name: str, title: str, height: int | None, extra: QWidget | None = None) -> QListWidget:
        """A list in a box titled ``title``, added to the pane; ``height`` in pixels, or None for
        the one list that takes the spare room. ``extra`` goes under the list: a lone button at
        the right, any other widget across."""
        box = QGroupBox(title, self.body)
        column = QVBoxLayout(box)
        widget = QListWidget(box)
        widget.setObjectName(name)
        widget.setAccessibleName(title)
        # long lines wrap instead of hiding behind a horizontal scroll bar
        widget.setWordWrap(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if height is not None:
            widget.setFixedHeight(height)
        else:
            widget.setMinimumHeight(GROWING_LIST_MIN_HEIGHT)
        column.addWidget(widget)
        if extra is not None:
            row = QHBoxLayout()
            if isinstance(extra, QPushButton):  # a lone button sits at the right
                row.addStretch(1)
            row.addWidget(extra, 0 if isinstance(extra, QPushButton) else 1)
            column.addLayout(row)
        self.body_layout.addWidget(box, 0 if height is not None else 1)
        return widget
