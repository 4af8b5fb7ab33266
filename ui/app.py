"""Entry point: ``main()`` creates the QApplication and the window, and opens a file.

Only Qt, pydantic and the light core modules load here; extraction and rendering import
their heavy dependencies on first use, in the background (see ``ui.workers``).
"""

from __future__ import annotations

import os
import sys
import time

#: When set, print "window-shown <epoch seconds>" once the window is up and quit
#: (``bench/startup.py`` uses it to time startup).
STARTUP_PROBE_ENV = "BRIEFING_BUILDER_STARTUP_PROBE"


def platform_arguments(platform: str, environ: dict[str, str]) -> dict[str, str]:
    """Environment to set before the QApplication exists.  On Windows, Qt reads AltGr as Ctrl+Alt
    unless told otherwise, so Ctrl+Alt+Q (Add Selection as Quote) swallowed a German "@" and
    Ctrl+Alt+C (Copy Card) a Polish "ć".  ``windows:altgr`` makes AltGr a key of its own (Qt's
    documented platform argument); a platform the user chose is left alone."""
    if platform == "win32" and "QT_QPA_PLATFORM" not in environ:
        return {"QT_QPA_PLATFORM": "windows:altgr"}
    return {}


def main(argv: list[str] | None = None, path: str | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from briefing import __version__

    from .recent import APPLICATION, ORGANISATION

    argv = list(sys.argv if argv is None else argv) or ["briefing-builder"]
    os.environ.update(platform_arguments(sys.platform, dict(os.environ)))
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Briefing Builder")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("briefing-builder")

    from .main_window import MainWindow

    window = MainWindow()
    window.show()
    if os.environ.get(STARTUP_PROBE_ENV):

        def report() -> None:
            print(f"window-shown {time.time():.6f}", flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, report)
        return app.exec()
    # After the first paint: recovery questions and file loading never delay the window.
    QTimer.singleShot(0, lambda: window.startup(path))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
