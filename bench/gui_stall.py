"""GUI responsiveness while sources are added: 10 articles of about 1,000 words each are added to
an open briefing (File ▸ Add Source…, extracted one after another in the background, each merged as
one undo step), on the real window under the offscreen platform.

A 5 ms QTimer records the gaps between its ticks; a gap longer than 5 ms is the event loop
stalled by that much.  Prints the median and max stall (target: never over 50 ms), the slowest
merge-and-show step on the GUI thread, and the wall time.  Asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_stall.py [--articles DIR] [--sources 10]

Without --articles the articles are made from the sample (its paragraphs in another order and
repeated to ~1,000 words, under a headline of their own), so the bench needs nothing outside
the repository.
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "assets" / "samples" / "niger-airbase-101.txt"
TICK_MS = 5


def made_articles(folder: Path, count: int, words: int = 1000) -> list[Path]:
    """``count`` articles of about ``words`` words from the sample's paragraphs, each rotated."""
    lines = SAMPLE.read_text("utf-8").split("\n\n")
    body = [p for p in lines[1:] if p.strip()]
    paths = []
    for n in range(count):
        rotated = body[n % len(body):] + body[: n % len(body)]
        text, paragraphs = [], 0
        while sum(len(p.split()) for p in text) < words:
            text.append(rotated[paragraphs % len(rotated)])
            paragraphs += 1
        path = folder / f"article-{n + 1:02d}.txt"
        path.write_text(f"Report {n + 1} on the Niger airbase\n\n" + "\n\n".join(text) + "\n", "utf-8")
        paths.append(path)
    return paths



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, help="a folder of .txt articles to add instead")
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument(
        "--why", action="store_true", help="print every thread's stack when the event loop misses 50 ms"
    )
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="briefing-stall-"))
    os.environ["XDG_STATE_HOME"] = str(scratch / "state")  # no recovery prompt
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from ui import source_actions
    from ui.main_window import MainWindow

    class Dialogs:  # never block on a modal dialog in a scripted run; say what it would show
        def __init__(self) -> None:
            self.errors: list[str] = []

        def show_error(self, title: str, message: str) -> None:
            self.errors.append(f"{title}: {message}")

        def ask_save_changes(self, name: str) -> str:
            return "discard"

        def ask_restore(self, *args) -> bool:
            return False

    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow()
    window.dialogs = Dialogs()  # type: ignore[assignment]
    window.resize(1600, 1000)
    window.show()
    if args.articles:
        articles = sorted(args.articles.glob("*.txt"))[: args.sources]
    else:
        articles = made_articles(scratch, args.sources)
    words = [len(p.read_text("utf-8").split()) for p in articles]

    def wait_idle(timeout_s: float = 600) -> None:
        deadline = time.monotonic() + timeout_s
        while (window.busy or window._source_queue) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.001)

    window.open_path(SAMPLE)  # the open briefing (spaCy loads here, as it would in use)
    wait_idle()
    print(f"opened the sample: {len(window.doc.briefing.sources)} source", file=sys.stderr)

    # the GUI-thread share of each add: merging and showing the merged briefing
    steps: list[float] = []
    original = source_actions._merge

    def timed_merge(*a, **k) -> None:
        start = time.perf_counter()
        original(*a, **k)
        steps.append(time.perf_counter() - start)

    source_actions._merge = timed_merge

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        if args.why:
            # a C-level watchdog: when the loop misses 50 ms it dumps every thread's stack, even
            # while another thread holds the GIL (a Python watcher thread could not run then)
            faulthandler.cancel_dump_traceback_later()
            faulthandler.dump_traceback_later(0.05)
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6 - TICK_MS)
        last[0] = now

    timer = QTimer(interval=TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    for path in articles:
        source_actions.add_source_file(window, path)
    # the event loop runs freely: app.exec() until the queue is done
    done = QTimer(interval=50)
    done.timeout.connect(lambda: (window.busy or window._source_queue) or app.quit())
    done.start()
    app.exec()
    wall = time.perf_counter() - started
    timer.stop()
    done.stop()

    errors = window.dialogs.errors
    sources = len(window.doc.briefing.sources)
    window.doc.undo_stack.setClean()
    window.doc._unsaved_new = False
    window.preview.shutdown()
    window.close()

    stalls = sorted(max(0.0, g) for g in gaps)
    over = sum(1 for s in stalls if s > 50)
    print(f"added {sources - 1} sources ({statistics.median(words):.0f} words median) in {wall:.1f} s"
          + (f"; errors: {errors}" if errors else ""))
    print(f"event-loop stall over {len(stalls)} ticks: median {statistics.median(stalls):.1f} ms, "
          f"p99 {stalls[int(0.99 * (len(stalls) - 1))]:.1f} ms, max {stalls[-1]:.1f} ms, "
          f"{over} over 50 ms")
    print(f"merge + show on the GUI thread: median {statistics.median(steps) * 1000:.0f} ms, "
          f"max {max(steps) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
