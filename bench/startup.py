"""Time from process start to the editor window being shown, N runs, offscreen.

Each run starts ``python -m ui`` with BRIEFING_BUILDER_STARTUP_PROBE set: the app prints
``window-shown <epoch>`` from the event loop right after the first show, then quits.  The
figure includes interpreter start and every import, as a user would feel it.
Last line: ``window shown median X s``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def one_run(scratch: Path) -> float:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
        BRIEFING_BUILDER_STARTUP_PROBE="1",
        # Fresh settings and state: no restored geometry, no recovery question.
        XDG_STATE_HOME=str(scratch / "state"),
        XDG_CONFIG_HOME=str(scratch / "config"),
    )
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "ui"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    for line in out.stdout.splitlines():
        if line.startswith("window-shown "):
            return float(line.split()[1]) - started
    raise SystemExit(f"no window-shown line (exit {out.returncode}):\n{out.stderr}")


def main() -> None:
    times = []
    with tempfile.TemporaryDirectory() as scratch:
        for n in range(RUNS):
            seconds = one_run(Path(scratch))
            times.append(seconds)
            print(f"run {n + 1}: {seconds:.3f} s")
    print(f"window shown median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
