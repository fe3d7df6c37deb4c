"""The baseline for bench/startup.py: a bare PySide6 window with four empty tabs.

Prints ``startup_ms=N`` and quits as soon as it has been painted once, like
``afterview --quit-after-startup``.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import sys  # noqa: E402



from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget  # noqa: E402


class _QuitOnFirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            print(f"startup_ms={round((time.perf_counter() - _STARTED) * 1000)}", flush=True)
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
