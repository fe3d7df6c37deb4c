"""The baseline for bench/startup.py: a bare PySide6 window with four empty tabs.

Quits as soon as it has been painted once, like ``afterview --quit-after-startup``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget


class _QuitOnFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    for title in ("Today", "Applications", "Referees", "Vault"):
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    window.menuBar().addMenu("&File")
    window.statusBar()
    window.resize(1100, 720)
    watcher = _QuitOnFirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
