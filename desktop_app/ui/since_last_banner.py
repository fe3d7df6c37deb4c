""""Since you were last here": a banner on Today, shown once after days away.

Opening Afterview after it was closed for a day or more shows what became due in the
meantime (GnuCash's "since last run"), in one sentence with the days it was away. It
reads :func:`desktop_app.services.reminders.came_due_while_away` once, when Today is
built; the day the user leaves is recorded by the tray (``ui/tray.py``), so the banner
does not come back the same day. *Got it* hides it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.ui import theme
from desktop_app.ui.context import AppContext


class SinceLastBanner(QFrame):
    """Hidden unless something came due while Afterview was closed."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("since_last_banner")
        self.setStyleSheet(theme.banner_style("info", "#since_last_banner", padding=0))
        self.context = context
        self.items: list[object] = []
        self.label = QLabel(self)
        self.label.setObjectName("since_last_text")
        self.label.setWordWrap(True)
        self.close_button = QPushButton(self.tr("Got it"), self)
        self.close_button.setObjectName("since_last_close")
        self.close_button.setAccessibleName(self.tr("Hide what came due while you were away"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.hide()
        # worked out just after Today is built, like Today's own list: start-up never waits for it
        QTimer.singleShot(0, self, self.load)

    def load(self) -> None:
        """Read what came due while Afterview was closed; show the banner if anything did."""
        from desktop_app.services import reminders

        self.items = [] if self.context.demo else reminders.came_due_while_away()
        if self.items:
            n = len(self.items)
            self.label.setText(self.tr("Since you were last here, {0} {1} due: {2}.").format(
                n, self.tr("thing came") if n == 1 else self.tr("things came"), reminders.word(self.items)))
            self.setAccessibleName(self.label.text())
        self.setVisible(bool(self.items))
