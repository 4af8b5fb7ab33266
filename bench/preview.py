"""Preview latency and GUI responsiveness, measured on the real window (offscreen).

* edit → preview updated: time from pushing an edit (undo command) to the new PDF on screen,
  including the 300 ms debounce, over 20 edits of the sample briefing;
* max GUI stall: a 10 ms QTimer probe records how late it fires while those renders run;
* export ratio: our export of the sample over a plain WeasyPrint render of the same HTML.
Prints medians; asserts nothing.

    .venv/bin/python bench/preview.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EDITS = 20


def main() -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from briefing import storage
    from briefing.extract import extract
    from briefing.ingest import load_article
    from ui.commands import SetDetail
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    path = Path(tempfile.mkdtemp()) / "sample.briefing"
    storage.save(extract(load_article(ROOT / "assets" / "samples" / "niger-airbase-101.txt")), path)
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()

    def wait_shown(timeout_ms: int = 60_000) -> bool:
        loop = QEventLoop()
        window.preview.shown.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        window.preview.shown.disconnect(loop.quit)
        return True

    window.load_briefing(path)
    wait_shown()

    stalls: list[float] = []
    probe_clock = QElapsedTimer()
    probe_clock.start()
    last = [probe_clock.elapsed()]

    def probe() -> None:
        now = probe_clock.elapsed()
        stalls.append(now - last[0] - 10)
        last[0] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(probe)
    timer.start()

    latencies = []
    for i in range(EDITS):
        start = time.perf_counter()
        window.doc.push(SetDetail(window.doc, "title", f"Edited title {i}"))
        wait_shown()
        latencies.append(time.perf_counter() - start)
    timer.stop()

    window.preview.shutdown()
    window.doc.undo_stack.setClean()
    window.close()
    app.processEvents()

    from export import export_ratio  # bench/export.py

    ratio = export_ratio()
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    print(f"edits {EDITS}: min {latencies[0]:.3f} s, max {latencies[-1]:.3f} s")
    print(f"preview median {statistics.median(latencies):.2f} s p95 {p95:.2f} s · "
          f"max GUI stall {max(stalls):.0f} ms · export ratio {ratio:.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
