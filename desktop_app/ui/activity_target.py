"""Today's line about the monthly activity target: "12 of 20 job-search activities this month".

Shown only when the user has set a target (Settings → Activity). It counts the same
activities as the report for *This month* (``services/report/activity.count_month_activities``;
the tooltip says which) and refreshes
when applications, contacts or settings change. A small widget of its own, so the
Today tab only places it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.ui import theme
from desktop_app import clock
from desktop_app.ui.context import AppContext

if TYPE_CHECKING:
    from desktop_app.services.report.activity import MonthProgress


class ActivityTargetLine(QLabel):
    """"12 of 20 job-search activities this month" (hidden when no target is set)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_activity_target")
        self.setAccessibleName(self.tr("Monthly activity target"))
        self.setWordWrap(True)
        self.setToolTip(self.tr("Counts what File → Activity report… lists for “This month” with every kind "
                                "ticked: applications sent, interviews held, follow-ups and other logged contacts "
                                "(incoming ones too), from the 1st of the month to today."))
        self.progress: MonthProgress | None = None
        for signal in (context.events.applications_changed, context.events.settings_changed):
            signal.connect(self.refresh)
        self.setVisible(False)
        # counted once the event loop runs, as the Today list is: never while the window is being built
        QTimer.singleShot(0, self, self.refresh)

    def refresh(self) -> None:
        """Count the month so far again and say it (or hide, with no target)."""
        # here, not at the top: the Today tab is built at start-up and the store comes later
        from desktop_app.services.report.activity import month_progress

        self.progress = progress = month_progress(clock.today())
        if not progress.target:
            self.clear()
            self.setVisible(False)
            return
        left = progress.target - progress.done
        text = self.tr("{0} of {1} job-search activities this month").format(progress.done, progress.target)
        if left > 0:
            text += " — " + self.tr("{0} to go").format(left)
            self.setStyleSheet("")
        else:
            text += " — " + self.tr("target reached")
            self.setStyleSheet(theme.text_style(theme.ACCENT, "font-weight: 600;"))
        self.setText(text)
        self.setVisible(True)
