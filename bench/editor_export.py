"""File ▸ Export in the editor, on the merged brief of 10 sources: how long the analyst waits after
OK when the preview cannot serve the export (another paper, another format).

The real window runs under the offscreen platform; the export dialog is replaced by one that
stays open ``--dialog-seconds`` (the time an analyst takes to pick a file name) and then keeps the
first choices, or changes the paper.  Prints the median wait after OK for each case, and whether
the file was the render made while the dialog was open.  Asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/editor_export.py [--dialog-seconds 4]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]


def merged_brief(folder: Path) -> Path:
    """The 10-source merged brief of ``bench/multisource.py``, saved as a .briefing file."""
    import multisource

    from briefing.extract import extract
    from briefing.ingest import load_article, source_from_text
    from briefing.merge import merge_briefings
    from briefing.storage import save

    paths = multisource.corpus_articles()
    if len(paths) == multisource.SOURCES:
        sources = [load_article(p) for p in paths]
    else:
        texts = multisource.generated_texts()
        sources = [source_from_text(t, file_name=f"generated-{n}.txt") for n, t in enumerate(texts)]
    path = folder / "merged.briefing"
    save(merge_briefings([extract(s) for s in sources]), path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialog-seconds", type=float, default=4.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="briefing-editor-export-"))
    os.environ["XDG_STATE_HOME"] = str(scratch / "state")  # no recovery prompt
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))

    import ui.export_actions
    from ui.main_window import MainWindow
    from ui.recent import settings
    from ui.workers import ExportProcess

    app = QApplication.instance() or QApplication(sys.argv)
    brief = merged_brief(scratch)
    made: list[ExportProcess] = []

    class Recorded(ExportProcess):
        def __init__(self, *a, **k) -> None:
            super().__init__(*a, **k)
            made.append(self)

    ui.export_actions.ExportProcess = Recorded  # type: ignore[misc]
    changes: dict[str, str] = {}
    closed_at = [0.0]

    errors: list[str] = []

    class Dialogs:  # the export dialog stays open a while, then OK

        def show_error(self, title: str, message: str) -> None:
            errors.append(f"{title}: {message}")

        def ask_save_changes(self, name: str) -> str:
            return "discard"

        def ask_restore(self, *a) -> bool:
            return False

        def confirm_overwrite(self, path) -> bool:
            return True

        def choose_export(self, options):
            deadline = time.monotonic() + args.dialog_seconds
            while time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.005)
            options.path = str(scratch / f"out.{changes.get('format', options.format)}")
            for key, value in changes.items():
                setattr(options, key, value)
            closed_at[0] = time.perf_counter()
            return options

    window = MainWindow()
    window.dialogs = Dialogs()  # type: ignore[assignment]
    window.open_path(brief)
    letter = {"export/format": "pdf", "export/page_size": "Letter"}
    cases = [
        ("PDF on Letter (the preview shows A4), kept", letter, {}),
        ("Word, kept", {"export/format": "docx", "export/page_size": "A4"}, {}),
        ("PDF on Letter, changed to A3 in the dialog", letter, {"page_size": "A3"}),
    ]
    for label, stored, changed in cases:
        waits, ahead = [], []
        for _ in range(args.runs):
            for key, value in stored.items():
                settings().setValue(key, value)
            changes.clear()
            changes.update(changed)
            window.export_action.trigger()
            while window.busy:
                app.processEvents()
                time.sleep(0.002)
            waits.append(time.perf_counter() - closed_at[0])
            ahead.append(made[-1].used_ahead if made else False)
        print(f"{label}: wait after OK median {statistics.median(waits):.2f} s "
              f"(rendered during the dialog: {sum(ahead)} of {len(ahead)})")
    if errors:
        print("errors:", errors)
    window.preview.shutdown()
    window.close()


if __name__ == "__main__":
    main()
